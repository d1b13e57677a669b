import '../systems/ref-grammars';
import { CONTEXT_PORT } from '../messaging/limits';
import { isPortReply } from '../messaging/page-replies';
import type { ContextView, PageReport } from '../messaging/protocol';
import { loadSite } from '../sites/readers';
import type { PageType, PageUrl, SiteAdapter, SiteUrls } from '../sites/types';
import { pageUrlFor, siteUrls } from '../sites/urls';
import { loadPanels } from '../ui/panels/registry';
import { pageTheme, watchTheme } from '../ui/theme';
import { deepQuerySelectorAll, findAnchor, place, readTexts, waitFor } from './anchor';
import { startHovercards } from './hovercards';
import { lazyWriteClient } from './lazy-write-client';
import { unwrapRefs } from './linkify';
import { MountedPanel } from './mount';
import { runtime } from './runtime';
import { siteHosts, subjectOnHost } from './site-hosts';
import { watchClient } from './watch-client';

/**
 * The content script proper, loaded by ./index.ts once the page is one Liaison enhances. It finds which page this
 * is, puts the panels in place, asks the background for the context over a port and renders what comes back.
 * Everything it set up is torn down through one AbortSignal when the site navigates softly, so nothing leaks or
 * doubles. Loading it does nothing: ./index.ts calls `run` (its chunk is shared with the extension's own pages).
 */

/** How long a single-page app may take to render the subject or its container (ServiceNow workspace: seconds). */
const RENDER_TIMEOUT_MS = 10_000;
/** How long a soft navigation may take to render the new page once its URL is pushed. */
const SHOW_TIMEOUT_MS = 3_000;
/** Performance marks in the page's timeline: when the panels asked for their data, and when it was final. */
const ASKED_MARK = 'liaison:asked';
const FINAL_MARK = 'liaison:final';
/** Reconnections to the background allowed within RECONNECT_WINDOW_MS before the panels say it is gone. */
const MAX_RECONNECTS = 3;
const RECONNECT_WINDOW_MS = 60_000;
const RECONNECT_DELAY_MS = 500;
/** How long the panels wait for their place in the page before they dock in the drawer… */
const ANCHOR_TIMEOUT_MS = 3_000;
/** …or, once their data is final, how long from the start of that wait (a page still hydrating gets this much). */
const ANCHOR_AFTER_DATA_MS = 1_000;

let current: AbortController | undefined;
/** What the settings say about hosts (self-hosted instances, host-tagged refs): asked once, as the script starts. */
let knownHosts: ReturnType<typeof siteHosts> = Promise.resolve({ systems: new Map(), refHosts: new Set() });
let running = false;
let currentHref = '';
/** The current page's panels once placed. Gone from the document means the site re-rendered them away: start over. */
let placed: readonly Element[] = [];

/**
 * How often within REMOVAL_WINDOW_MS the site may take this URL's panels out before they stop going back into its
 * layout (a re-render or two as a single-page app hydrates is normal): from then on they dock in the drawer, and
 * once the drawer is taken out too, Liaison leaves the page alone rather than fight its renderer.
 */
const DOCK_AFTER_REMOVALS = 3;
const GIVE_UP_AFTER_REMOVALS = 6;
const REMOVAL_WINDOW_MS = 30_000;
let removedAt: number[] = [];

/** `force`: start over even on the same URL (a page restored from the back/forward cache has lost its port). */
function start(force = false): void {
  const gone = placed.some((host) => !host.isConnected);
  if (location.href === currentHref && !gone && !force) return;
  const now = Date.now();
  if (location.href !== currentHref) removedAt = [];
  else if (gone) removedAt = [...removedAt.filter((t) => now - t < REMOVAL_WINDOW_MS), now];
  const removals = removedAt.length;
  currentHref = location.href;
  placed = [];
  current?.abort();
  if (removals >= GIVE_UP_AFTER_REMOVALS) {
    console.warn(
      `[liaison] this page removed Liaison's panels ${removals} times; they stay off until you navigate or reload`,
    );
    return;
  }
  current = new AbortController();
  const url = new URL(location.href);
  const signal = current.signal;
  const dock = removals >= DOCK_AFTER_REMOVALS;
  const match = pageUrlFor(url);
  if (match) {
    void read(match, url, signal, dock);
    return;
  }
  // Not a SaaS page: it may be a self-hosted instance's, which the settings name.
  void knownHosts.then((hosts) => {
    const known = pageUrlFor(url, hosts.systems);
    if (known && !signal.aborted) void read(known, url, signal, dock);
  });
}

/**
 * Loads the site's reader (a chunk per site, issue 15) and the page's panels side by side, then enhances the page
 * with the reader's page type at the index the URL matched.
 */
async function read(
  match: { site: SiteUrls; page: PageUrl; index: number },
  url: URL,
  signal: AbortSignal,
  dock: boolean,
): Promise<void> {
  // Asked now, while the reader loads and the page renders its subject: the panels' code is there when they mount.
  if (match.page.panels.length > 0) loadPanels(match.page.panels).catch(() => undefined);
  let adapter: SiteAdapter;
  try {
    adapter = await loadSite(match.site.site);
  } catch (error) {
    console.error(`[liaison] [${match.site.site}] could not load how its pages are read`, error);
    return;
  }
  const page = adapter.pages[match.index];
  if (signal.aborted || page?.id !== match.page.id) return;
  await enhance(adapter, page, url, signal, dock);
}

async function enhance(
  adapter: SiteAdapter,
  page: PageType,
  url: URL,
  signal: AbortSignal,
  dockAnyway: boolean,
): Promise<void> {
  // A list page has no subject and no panels: its rows get badges.
  // List badges and each panel are chunks of their own, loaded by the pages that show them (issue 15).
  const badges = page.badges;
  if (badges)
    void import('./badges')
      .then(({ startBadges }) => {
        if (signal.aborted) return;
        startBadges(adapter.site, badges, url, signal, () => runtime().connect({ name: CONTEXT_PORT }));
      })
      .catch((error: unknown) => console.error('[liaison] could not load the list badges', error));
  if (page.panels.length === 0) return;
  // The subject may be on the page rather than in the URL (a ServiceNow number): wait for it to render.
  const found = await waitFor(() => page.subject(url, document), signal, RENDER_TIMEOUT_MS);
  if (signal.aborted) return;
  if (!found) {
    console.warn(`[liaison] [${adapter.site}] subject not found on this ${page.id} page`);
    return;
  }
  const subject = subjectOnHost(found, url.host, (await knownHosts).refHosts);
  // After a soft navigation the previous page may still be on screen: its texts and anchors are not this subject's.
  if (page.shows) {
    const shown = await waitFor(() => page.shows?.(url, document) || undefined, signal, SHOW_TIMEOUT_MS);
    if (signal.aborted) return;
    if (!shown)
      console.warn(`[liaison] [${adapter.site}] the ${page.id} page never showed ${subject}; going on`);
  }
  // The visible subject's container when the page renders several (workspace tabs, a board's preview panel).
  const scope: ParentNode | undefined = page.scope
    ? await waitFor(() => page.scope?.(url, document), signal, RENDER_TIMEOUT_MS)
    : document;
  if (signal.aborted) return;
  const watch = watchClient((message) => runtime().sendMessage(message));
  const write = lazyWriteClient((message) => runtime().sendMessage(message));
  if (scope)
    startHovercards(
      adapter.site,
      page.texts,
      scope,
      signal,
      (message) => runtime().sendMessage(message),
      undefined,
      watch,
    );
  let view: ContextView | undefined;
  let failure: string | undefined;
  const collapsed = new Set<string>();
  let requestId = 0;
  /** Set while the panels wait for their anchor: the data is final (or failed). */
  let onFinal: (() => void) | undefined;

  let port: ReturnType<typeof openPort> | undefined = openPort();
  /** When the port last dropped, to tell a background stopped while idle from one that keeps failing. */
  const drops: number[] = [];
  const panels = page.panels.map(
    (id) =>
      new MountedPanel(id, subject, {
        refresh: () => ask(true),
        toggle: (c) => {
          if (c) collapsed.add(id);
          else collapsed.delete(id);
          renderAll();
          // Remembered per site by the background (content scripts never touch storage).
          void runtime()
            .sendMessage({ type: 'set-collapsed', site: adapter.site, panel: id, collapsed: c })
            .catch(() => undefined);
        },
        openOptions: () =>
          void runtime()
            .sendMessage({ type: 'open-options' })
            .catch(() => undefined),
        watch,
        write,
      }),
  );
  const renderAll = () => {
    const theme = pageTheme();
    for (const p of panels) p.update({ view, failure, theme, collapsed: collapsed.has(p.panel) });
  };
  watchTheme(renderAll, signal);
  const unsubscribe = watch.subscribe(renderAll);
  signal.addEventListener('abort', unsubscribe);
  void rememberedCollapsed(adapter.site).then((ids) => {
    if (signal.aborted || ids.length === 0) return;
    for (const id of ids) collapsed.add(id);
    renderAll();
  });
  signal.addEventListener('abort', () => {
    port?.disconnect();
    for (const p of panels) p.remove();
    if (!document.querySelector('liaison-drawer liaison-panel'))
      document.querySelector('liaison-drawer')?.remove();
  });
  function openPort() {
    const opened = runtime().connect({ name: CONTEXT_PORT });
    opened.onDisconnect.addListener(onDisconnect);
    opened.onMessage.addListener(onMessage);
    return opened;
  }
  /**
   * Chromium stops an extension's service worker after 30 s without events, and an idle port does not count: the
   * port drops, the data shown stays true. The next question opens a new port (which starts the background again),
   * and one still unanswered is asked again at once. Only when that fails (the extension was updated or removed:
   * this script is orphaned) or keeps happening, the panels say so.
   */
  function onDisconnect() {
    if (signal.aborted) return;
    port = undefined;
    const now = Date.now();
    drops.push(now);
    while ((drops[0] ?? now) < now - RECONNECT_WINDOW_MS) drops.shift();
    if (drops.length > MAX_RECONNECTS) return gone();
    // Not into a background still stopping: a moment later.
    setTimeout(() => {
      if (!signal.aborted && !port && (!view || view.stale)) ask(false);
    }, RECONNECT_DELAY_MS);
  }
  function gone() {
    failure = 'Liaison was updated or restarted. Reload the page to see current data.';
    renderAll();
  }
  /** The open port, or a new one; undefined (and the panels say why) when the extension is gone. */
  function portNow() {
    if (port) return port;
    try {
      port = openPort();
      return port;
    } catch {
      gone();
      return undefined;
    }
  }
  function onMessage(message: unknown) {
    if (!isPortReply(message)) {
      console.warn(`[liaison] [${adapter.site}] dropped a malformed answer from the background`);
      return;
    }
    if (message.requestId !== requestId) return;
    if (message.type === 'failed') failure = message.message;
    else if (message.type === 'context') {
      view = message.view;
      failure = undefined;
      watch.sync([view.subject, ...view.items.map((i) => i.ref)]);
    }
    if (message.type === 'failed' || !view?.stale) {
      performance.mark(FINAL_MARK);
      onFinal?.();
    }
    renderAll();
  }

  renderAll();
  // The data is asked for at once, while the page may still be rendering the anchor: the two wait side by side.
  const asked = ask(false);
  const dock = page.dock || dockAnyway;
  // Panels that dock by design load the drawer at once; others only when their place is not found.
  const drawerReady = dock ? loadDrawer() : undefined;
  drawerReady?.catch(() => undefined);
  // The anchor is waited for up to ANCHOR_TIMEOUT_MS; once the data is final (nothing more is coming) the wait is
  // cut to ANCHOR_AFTER_DATA_MS from its start: ready data does not wait long for markup that may never come.
  const anchorWait = new AbortController();
  const waitStarted = Date.now();
  signal.addEventListener('abort', () => anchorWait.abort(), { once: true });
  let cutTimer: ReturnType<typeof setTimeout> | undefined;
  onFinal = () => {
    if (cutTimer !== undefined || anchorWait.signal.aborted) return;
    cutTimer = setTimeout(
      () => anchorWait.abort(),
      Math.max(0, waitStarted + ANCHOR_AFTER_DATA_MS - Date.now()),
    );
  };
  if (view && !view.stale) onFinal();
  const anchor =
    scope && !dock ? await findAnchor(page.anchor, anchorWait.signal, ANCHOR_TIMEOUT_MS, scope) : undefined;
  clearTimeout(cutTimer);
  onFinal = undefined;
  if (signal.aborted) return;
  // Texts that rendered with the anchor (after the first ask) may name more: ask again, from the cache, only then.
  if (scope && asked.texts !== textsOf().texts) ask(false);
  if (anchor && !dock) {
    const ordered =
      anchor.step.position === 'prepend' || anchor.step.position === 'after' ? [...panels].reverse() : panels;
    for (const p of ordered) place(p.host, anchor.element, anchor.step.position);
  } else {
    if (dockAnyway) console.warn(`[liaison] [${adapter.site}] the page keeps removing the panels: docked`);
    else if (!dock)
      console.warn(
        `[liaison] [${adapter.site}] anchor not found: ${page.anchor.map((s) => s.selector).join(', ')}`,
      );
    let openDrawer: Awaited<ReturnType<typeof loadDrawer>>;
    try {
      openDrawer = await (drawerReady ?? loadDrawer());
    } catch (error) {
      console.error(`[liaison] [${adapter.site}] could not load the drawer`, error);
      return;
    }
    if (signal.aborted) return;
    const drawer = openDrawer();
    for (const p of panels) drawer.append(p.host);
  }
  placed = panels.map((p) => p.host);

  function textsOf(): { list: PageReport['texts']; texts: string } {
    const list = [
      { text: document.title, where: 'title' as const },
      ...page.texts.map((t) => ({
        text: scope ? readTexts(t.selectors, t.max ?? 2000, scope, t.deep, t.links) : '',
        where: t.where,
      })),
    ].filter((t) => t.text.trim().length > 0);
    return { list, texts: JSON.stringify(list) };
  }

  function ask(refresh: boolean): { texts: string } {
    requestId += 1;
    // For bench/chains.ts (the warm panel's time from asking to final data); a mark names nothing of the page.
    performance.mark(ASKED_MARK);
    if (refresh) view = view ? { ...view, stale: true } : undefined;
    renderAll();
    const { list, texts } = textsOf();
    const report: PageReport = {
      url: location.href,
      site: adapter.site,
      subject,
      texts: list,
      refs: [],
      ...(page.panels.includes('release-brief') ? { release: true } : {}),
    };
    portNow()?.postMessage({ type: 'resolve', requestId, page: report, refresh });
    return { texts };
  }
}

/** The drawer at the page's edge (./drawer.ts): a chunk of its own, loaded by a page whose panels dock (issue 15). */
const loadDrawer = () => import('./drawer').then((m) => m.openDrawer);

/** Starts the content script on this page, once. */
export function run(): void {
  if (running) return;
  running = true;
  // A previous instance (extension update, back/forward cache) may have left panels behind (some inside a site's
  // shadow roots): take over.
  for (const stale of deepQuerySelectorAll(
    document,
    'liaison-panel, liaison-drawer, liaison-badge, liaison-hovercard',
  ))
    stale.remove();
  unwrapRefs(document);
  knownHosts = siteHosts();
  start();
  // Soft navigation: the site's own events where it has them, and any URL change seen by observing the DOM.
  for (const event of new Set([
    ...siteUrls.flatMap((s) => s.navigationEvents ?? []),
    'popstate',
    'pageshow',
  ])) {
    // Only the browser's own `pageshow` (a page restored from the back/forward cache) starts over on the same URL: a
    // page's script can dispatch one, and GitHub's navigation events are the page's own, so those only count when
    // the URL changed.
    window.addEventListener(event, (e) =>
      start(e.isTrusted && (e as PageTransitionEvent).persisted === true),
    );
    document.addEventListener(event, () => start());
  }
  new MutationObserver(() => {
    if (location.href !== currentHref || placed.some((host) => !host.isConnected)) start();
  }).observe(document, { childList: true, subtree: true });
  // A same-document navigation that changes nothing in the light DOM (a ServiceNow workspace switching record tabs
  // inside its shadow roots, where the observer above sees nothing): the Navigation API reports it where the browser
  // has one (Chromium). Elsewhere the tab title the switch sets, a change in <head>, wakes the observer.
  (window as { navigation?: EventTarget }).navigation?.addEventListener('currententrychange', () => start());
}

/** The panels collapsed on this site last time (from the background; none when it cannot say). */
async function rememberedCollapsed(site: SiteAdapter['site']): Promise<string[]> {
  try {
    const reply = (await runtime().sendMessage({ type: 'ui-collapsed', site })) as {
      collapsed?: unknown;
    };
    return Array.isArray(reply?.collapsed)
      ? reply.collapsed.filter((c): c is string => typeof c === 'string')
      : [];
  } catch {
    return [];
  }
}
