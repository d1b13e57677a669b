import { pageUrlFor, siteUrls } from '../sites/urls';

/**
 * Content-script entry for every supported site, kept small: most pages of github.com, Jira, ServiceNow and
 * Zendesk are none Liaison enhances (a repository's code, a dashboard), and they should not pay for parsing and
 * starting the whole content script (./main.ts: Preact, the UI, the messaging) or reading pages: it holds only the
 * sites' URL checks (src/sites/urls.ts). It loads the rest only when the URL is a page type, or when the host is
 * not one of the SaaS sites (a self-hosted instance: the settings decide), and otherwise watches for a soft
 * navigation to one.
 */

const saasHost = (host: string) => siteUrls.some((s) => s.handlesHost(host, new Set()));
let loaded = false;
let asking = false;

/** github.com is served whatever is connected; any other host only once connected (SECURITY.md). */
const servedWithoutAsking = (host: string) => host === 'github.com';

/**
 * Asks the background whether it serves this page: it decides from the address the browser reports for this
 * frame, so on a SaaS tenant nobody connected (another company's Zendesk, a free ServiceNow instance) nothing
 * more is loaded and nothing is put in the page. Kept free of the polyfill and zod: this runs on every page.
 */
type Messaging = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
async function served(): Promise<boolean> {
  const scope = globalThis as unknown as { browser?: Messaging; chrome?: Messaging };
  try {
    const api = scope.browser ?? scope.chrome;
    const reply = (await api?.runtime.sendMessage({ type: 'page-access' })) as
      | { served?: unknown }
      | undefined;
    return reply?.served === true;
  } catch {
    return false;
  }
}

function loadWhenEnhanced(): void {
  if (loaded || asking) return;
  const url = new URL(location.href);
  if (saasHost(url.host) && !pageUrlFor(url)) return;
  if (servedWithoutAsking(url.host)) {
    load();
    return;
  }
  asking = true;
  void served().then((yes) => {
    asking = false;
    if (yes) load();
    else stop();
  });
}

function load(): void {
  loaded = true;
  stop();
  import('./main')
    .then(({ run }) => run())
    .catch((error: unknown) => console.error('[liaison] could not start', error));
}

/** Not served, or loaded: the entry stops watching (a page of a tenant nobody connected stays untouched). */
function stop(): void {
  observer.disconnect();
  for (const event of events) window.removeEventListener(event, loadWhenEnhanced);
}

// A soft navigation shows as the site's own events or, at the latest, as the DOM changing under a new URL.
const events = [...new Set([...siteUrls.flatMap((s) => s.navigationEvents ?? []), 'popstate', 'pageshow'])];
let lastHref = '';
const observer = new MutationObserver(() => {
  if (location.href === lastHref) return;
  lastHref = location.href;
  loadWhenEnhanced();
});
loadWhenEnhanced();
if (!loaded) {
  lastHref = location.href;
  observer.observe(document, { childList: true, subtree: true });
  for (const event of events) window.addEventListener(event, loadWhenEnhanced);
}
