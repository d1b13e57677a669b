import browser, { type Scripting } from 'webextension-polyfill';
import { manifestAccess, needsRegisteredScript, originPattern } from '../core/host-access';
import type { Settings } from '../core/settings';
import { systemOf } from '../systems/index';
import { getConfig, onConfigChange } from './config';

/**
 * Content scripts for self-hosted instances (GitHub Enterprise, Jira Data Center, ServiceNow on a custom domain).
 * The manifest's `content_scripts` only name the SaaS hosts; for any other connected host whose permission the user
 * granted (the options page asks, in the click that saves or tests it), the same built loader
 * (`content_scripts[0].js` of the dist manifest) is registered with `scripting.registerContentScripts`, in every
 * frame for a system whose pages need it (`SystemBackend.allFrames`: ServiceNow's classic UI renders forms inside
 * the `gsft_main` iframe).
 *
 * The loader dynamic-imports its chunks, which must be web-accessible to the page's origin: scripts/postbuild.mjs
 * opens them to every https origin (see the trade-off noted there). Registrations are reconciled with the
 * settings and the granted permissions whenever either changes and when the background starts.
 */

const ID_PREFIX = 'liaison-site-';

/** The registrations the settings call for, among the hosts this browser lets the extension access. */
export async function wantedScripts(settings: Settings): Promise<Scripting.RegisteredContentScript[]> {
  const manifest = browser.runtime.getManifest();
  // Firefox's getManifest() gives absolute moz-extension:// URLs; registerContentScripts wants paths.
  const root = browser.runtime.getURL('/');
  const loader = manifest.content_scripts?.[0]?.js?.map((file) => new URL(file, root).pathname.slice(1));
  if (!loader?.length) return [];
  const access = manifestAccess(manifest);
  const byHost = new Map<string, Scripting.RegisteredContentScript>();
  for (const connection of settings.connections) {
    if (!needsRegisteredScript(connection, access)) continue;
    const origin = originPattern(connection.baseUrl);
    const host = new URL(connection.baseUrl).hostname.toLowerCase();
    if (byHost.has(host)) continue;
    if (!(await browser.permissions.contains({ origins: [origin] }))) continue;
    byHost.set(host, {
      id: `${ID_PREFIX}${host}`,
      matches: [origin],
      js: loader,
      runAt: 'document_idle',
      allFrames: systemOf(connection.system)?.backend.allFrames === true,
    });
  }
  return [...byHost.values()];
}

const sameScript = (a: Scripting.RegisteredContentScript, b: Scripting.RegisteredContentScript) =>
  JSON.stringify([a.matches, a.js, a.allFrames ?? false]) ===
  JSON.stringify([b.matches, b.js, b.allFrames ?? false]);

async function reconcile(): Promise<void> {
  const { settings } = await getConfig();
  const wanted = await wantedScripts(settings);
  const current = (await browser.scripting.getRegisteredContentScripts()).filter((s) =>
    s.id.startsWith(ID_PREFIX),
  );
  const stale = current.filter((s) => !wanted.some((w) => w.id === s.id && sameScript(w, s)));
  const missing = wanted.filter((w) => !current.some((s) => s.id === w.id && sameScript(w, s)));
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
  if (missing.length > 0) await browser.scripting.registerContentScripts(missing);
  if (stale.length + missing.length > 0) {
    const hosts = (list: Scripting.RegisteredContentScript[]) =>
      list.map((s) => s.id.slice(ID_PREFIX.length));
    console.info(
      `[liaison] self-hosted content scripts: +[${hosts(missing).join(', ')}] -[${hosts(stale).join(', ')}]`,
    );
  }
}

/** One reconciliation at a time: register/unregister calls must not interleave (duplicate ids). */
let queue: Promise<void> = Promise.resolve();
export function syncSelfHostedScripts(): Promise<void> {
  queue = queue
    .then(reconcile)
    .catch((error: unknown) =>
      console.warn('[liaison] could not register self-hosted content scripts', error),
    );
  return queue;
}

/** Keeps registrations in step with settings and permissions; call once when the background starts. */
export function watchSelfHostedScripts(): void {
  onConfigChange(() => void syncSelfHostedScripts());
  browser.permissions.onAdded.addListener(() => void syncSelfHostedScripts());
  browser.permissions.onRemoved.addListener(() => void syncSelfHostedScripts());
  void syncSelfHostedScripts();
}
