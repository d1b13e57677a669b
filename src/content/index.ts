import { adapters, pageTypeFor } from '../sites/index';

/**
 * Content-script entry for every supported site, kept small: most pages of github.com, Jira, ServiceNow and
 * Zendesk are none Liaison enhances (a repository's code, a dashboard), and they should not pay for parsing and
 * starting the whole content script (./main.ts: Preact, zod, the messaging). It loads that only when the URL is a
 * page type, or when the host is not one of the SaaS sites (a self-hosted instance: the settings decide), and
 * otherwise watches for a soft navigation to one.
 */

const saasHost = (host: string) => adapters.some((a) => a.handlesHost(host, new Set()));
let loaded = false;

function loadWhenEnhanced(): void {
  if (loaded) return;
  const url = new URL(location.href);
  if (saasHost(url.host) && !pageTypeFor(url)) return;
  loaded = true;
  observer.disconnect();
  for (const event of events) window.removeEventListener(event, loadWhenEnhanced);
  import('./main').catch((error: unknown) => console.error('[liaison] could not start', error));
}

// A soft navigation shows as the site's own events or, at the latest, as the DOM changing under a new URL.
const events = [...new Set([...adapters.flatMap((a) => a.navigationEvents ?? []), 'popstate', 'pageshow'])];
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
