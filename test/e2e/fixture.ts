import type { Frame, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { replicaSettings } from '../replica/credentials';
import { type Replica, type ReplicaOptions, startReplica } from '../replica/server';
import { type BrowserKind, type ExtensionBrowser, launch } from './browsers';

/**
 * The scaffolding every browser suite shares: a replica and a browser with the built extension, configured through
 * the `settings` key (DESIGN.md contract 2) before the suite; after each test the replica's faults and GitHub markup
 * are reset and the pages the test opened are closed; both are shut down after the suite.
 */
export interface ExtensionFixture {
  readonly replica: Replica;
  readonly eb: ExtensionBrowser;
  /** Opens a page at a real-site URL, closed after the test. */
  open(url: string): Promise<Page>;
  /** Has a page the test opened itself closed after the test. */
  track(page: Page): Page;
}

export function useExtensionBrowser(kind: BrowserKind, options: ReplicaOptions = {}): ExtensionFixture {
  let replica: Replica | undefined;
  let eb: ExtensionBrowser | undefined;
  const pages: Page[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${kind}: the ${what} is not started (use the fixture inside a test)`);
    return value;
  };
  const fixture: ExtensionFixture = {
    get replica() {
      return ready(replica, 'replica');
    },
    get eb() {
      return ready(eb, 'browser');
    },
    track(page) {
      pages.push(page);
      return page;
    },
    async open(url) {
      const page = fixture.track(await fixture.eb.browser.newPage());
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
  };

  beforeAll(async () => {
    replica = await startReplica({ port: 0, ...options });
    eb = await launch(kind, { port: replica.port, hosts: replica.hosts });
    await eb.configure(replicaSettings());
  });
  afterEach(async () => {
    replica?.clearFaults();
    replica?.setGithubMarkup('react');
    await Promise.all(pages.splice(0).map((p) => p.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await eb?.close();
    await replica?.close();
  });
  return fixture;
}

/**
 * The classic ServiceNow form frame inside nav_to.do / the Polaris shell, once it has loaded. Found by URL: Firefox's
 * WebDriver BiDi does not report frame names.
 */
export async function formFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f !== page.mainFrame() && /\/incident\.do\?/.test(f.url()));
    if (frame) return frame;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('gsft_main frame did not load');
}
