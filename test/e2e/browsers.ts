import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Launches Debian's Chromium and Firefox ESR with the built extension, the real sites' host names mapped to the
 * replica (../shared/TOOLCHAIN.md, "Real-browser tests with the real sites' URLs, served locally").
 */

export type BrowserKind = 'chromium' | 'firefox';
export const browserKinds: BrowserKind[] = ['chromium', 'firefox'];

export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
export const GECKO_ID = 'liaison@liaison-extension.dev';
const FIREFOX_UUID = '5d1f1c2e-7a3b-4c55-9e0d-1a1a2b3c4d5e';

const executables: Record<BrowserKind, { path: string; apt: string }> = {
  chromium: { path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', apt: 'chromium' },
  firefox: { path: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', apt: 'firefox-esr' },
};

/** Fails with the command that fixes it when a browser or the build is missing. */
export function assertInstalled(kind: BrowserKind): void {
  const { path, apt } = executables[kind];
  if (!existsSync(path)) {
    throw new Error(
      `${kind} not found at ${path}. Install it with: sudo apt-get install -y ${apt} (Debian), or set ${kind === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'}.`,
    );
  }
  if (!existsSync(`${DIST}/manifest.json`))
    throw new Error(`No built extension in ${DIST}: run npm run build first.`);
}

export interface ExtensionBrowser {
  kind: BrowserKind;
  browser: Browser;
  /** chrome-extension://ID or moz-extension://UUID */
  extensionOrigin: string;
  /** Opens an extension page (e.g. src/options/index.html) and returns it once it runs. */
  openExtensionPage(path: string): Promise<Page>;
  /** Writes the `settings` key exactly as DESIGN.md contract 2 says, from an extension page. */
  configure(settings: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  port: number;
  hosts: readonly string[];
  dist?: string;
  /** Default true; the demo shows a window when there is a display. */
  headless?: boolean;
  /** Firefox preferences on top of the ones every test needs (watch.e2e.ts: the event page's idle timeout). */
  firefoxPrefs?: Record<string, string | number | boolean>;
}

export async function launch(kind: BrowserKind, options: LaunchOptions): Promise<ExtensionBrowser> {
  assertInstalled(kind);
  const dist = options.dist ?? DIST;
  const browser = kind === 'chromium' ? await launchChromium(options) : await launchFirefox(options);
  const id = await browser.installExtension(dist);
  const extensionOrigin =
    kind === 'chromium' ? `chrome-extension://${id}` : `moz-extension://${FIREFOX_UUID}`;

  async function openExtensionPage(path: string): Promise<Page> {
    const page = await browser.newPage();
    const target = `${extensionOrigin}/${path}`;
    // Firefox's goto() never settles for moz-extension:// pages (the tab moves into the extension process and
    // BiDi loses the navigation): start it without waiting and poll the page instead.
    void page.goto(target).catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(extensionOrigin)) {
        const ready = await page.evaluate(() => document.readyState === 'complete').catch(() => false);
        if (ready) return page;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${kind}: extension page ${target} did not open`);
  }

  let settingsPage: Page | undefined;
  async function configure(settings: unknown): Promise<void> {
    settingsPage ??= await openExtensionPage('src/options/index.html');
    await settingsPage.evaluate(async (value) => {
      type StorageApi = { storage: { local: { set(items: object): Promise<void> } } };
      const g = globalThis as unknown as { browser?: StorageApi; chrome?: StorageApi };
      const api = g.browser ?? g.chrome;
      if (!api) throw new Error('no extension storage API on this page');
      await api.storage.local.set({ settings: value });
    }, settings as never);
  }

  return { kind, browser, extensionOrigin, openExtensionPage, configure, close: () => browser.close() };
}

function launchChromium({ port, hosts, headless = true }: LaunchOptions): Promise<Browser> {
  const rules = hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(',');
  return puppeteer.launch({
    executablePath: executables.chromium.path,
    headless,
    defaultViewport: headless ? { width: 1280, height: 900 } : null,
    pipe: true,
    enableExtensions: true,
    acceptInsecureCerts: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      // Chromium throttles an extension's requests to a URL that answered 5xx several times in a row (they fail
      // as net::ERR_TEMPORARILY_THROTTLED, "Failed to fetch", for seconds): a test that injects 500s would leave the
      // next test's requests to that URL failing as "could not be reached", depending on timing (seen with the
      // Help Center fault of knowledge.e2e.ts followed by a Zendesk ticket, 2 runs in 5).
      '--disable-extensions-http-throttling',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${rules}`,
    ],
  });
}

function launchFirefox({ port, hosts, headless = true, firefoxPrefs = {} }: LaunchOptions): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: executables.firefox.path,
    headless,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': hosts.join(','),
      'network.socket.forcePort': `443=${port}`,
      'network.trr.mode': 5,
      'services.settings.server': 'data:,',
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'extensions.webextOptionalPermissionPrompts': false,
      // Lets a test read back what was copied (navigator.clipboard.readText) without Firefox's paste prompt:
      // "Skips checking permission and user activation when accessing the clipboard. Should only be enabled in
      // tests." (modules/libpref/init/StaticPrefList.yaml)
      'dom.events.testing.asyncClipboard': true,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.update.enabled': false,
      ...firefoxPrefs,
    },
  });
}

/** The panel element of a page, by `data-panel`, once its state is one of `states`. */
export async function waitForPanel(page: Page, panel: string, states: string[], timeout = 15_000) {
  const selector = states.map((s) => `liaison-panel[data-panel="${panel}"][data-state="${s}"]`).join(', ');
  return page.waitForSelector(selector, { timeout });
}
