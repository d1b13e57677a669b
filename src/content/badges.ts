import { h, render } from 'preact';
import type { System } from '../core/settings';
import { MAX_BADGE_REFS } from '../messaging/limits';
import { isPortReply } from '../messaging/page-replies';
import type { Badge, Site } from '../messaging/protocol';
import type { ListBadges } from '../sites/types';
import { BadgeView, badgeLabel, badgeStyles } from '../ui/Badge';
import { pageTheme } from '../ui/theme';

/**
 * Badges on a list page's rows (DESIGN.md contract 3): `<liaison-badge data-ref data-count data-priority>` right after
 * each row's title, with an open shadow root. Rows are found by observing the page (infinite scroll, filters, late
 * rendering) and collected for ~150 ms, so a page's rows go to the background as one batch (at most 100 refs a
 * message) and are resolved together. A row is badged once; a ref already answered is badged without asking again.
 * Everything is removed when the page's signal aborts (soft navigation).
 */

export const BADGE_DEBOUNCE_MS = 150;

/** The part of a runtime.Port the badges use (a test passes a fake). */
export interface BadgePort {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

interface Answer {
  badge: Badge;
  failed: System[];
}

export function startBadges(
  site: Site,
  spec: ListBadges,
  url: URL,
  signal: AbortSignal,
  connect: () => BadgePort,
  doc: Document = document,
): void {
  const rowSelector = spec.rows.join(', ');
  const titleSelector = spec.title.join(', ');
  const fallbackSelector = spec.fallbackTitle?.join(', ');
  /** The element a row's badge goes after: its title, else (when the adapter has one) the fallback. */
  const titleOf = (row: Element): Element | null =>
    row.querySelector(titleSelector) ?? (fallbackSelector ? row.querySelector(fallbackSelector) : null);
  const answers = new Map<string, Answer>();
  const waiting = new Map<string, Element[]>(); // ref → rows whose badge waits for its answer
  const pending = new WeakSet<Element>(); // rows in `waiting`
  const shown = new Map<string, Set<HTMLElement>>(); // ref → its badges, updated when a fresher answer comes
  const queued = new Set<string>();
  const asked = new Set<string>();
  let requestId = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let port: BadgePort | undefined;
  let closed = false;

  function scan(): void {
    for (const row of doc.querySelectorAll(rowSelector)) {
      if (pending.has(row) || row.querySelector('liaison-badge')) continue;
      const ref = spec.ref(row, url);
      if (!ref || !titleOf(row)) continue;
      const answer = answers.get(ref);
      if (answer) {
        place(row, ref, answer);
        continue;
      }
      waiting.set(ref, [...(waiting.get(ref) ?? []), row]);
      pending.add(row);
      if (!asked.has(ref)) queued.add(ref);
    }
    flush();
  }

  function flush(): void {
    if (queued.size === 0 || closed) return;
    const refs = [...queued];
    queued.clear();
    port ??= open();
    for (let i = 0; i < refs.length; i += MAX_BADGE_REFS) {
      const batch = refs.slice(i, i + MAX_BADGE_REFS);
      for (const ref of batch) asked.add(ref);
      requestId += 1;
      port.postMessage({ type: 'badges', requestId, refs: batch });
    }
  }

  function open(): BadgePort {
    const p = connect();
    p.onDisconnect.addListener(() => {
      closed = true;
    });
    p.onMessage.addListener((message) => {
      if (!isPortReply(message) || signal.aborted) return;
      const reply = message;
      if (reply.type === 'failed') {
        console.warn(`[liaison] [${site}] list badges: ${reply.message}`);
        return;
      }
      if (reply.type !== 'badges') return;
      for (const badge of reply.badges) {
        const answer = { badge, failed: reply.failed };
        answers.set(badge.ref, answer);
        for (const el of shown.get(badge.ref) ?? []) paint(el, answer);
        for (const row of waiting.get(badge.ref) ?? []) {
          pending.delete(row);
          if (row.isConnected) place(row, badge.ref, answer);
        }
        waiting.delete(badge.ref);
      }
    });
    return p;
  }

  function place(row: Element, ref: string, answer: Answer): void {
    const title = titleOf(row);
    if (!title || row.querySelector('liaison-badge')) return;
    const el = doc.createElement('liaison-badge');
    const root = el.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = badgeStyles;
    root.append(style, doc.createElement('span'));
    paint(el, answer);
    title.after(el);
    if (!shown.has(ref)) shown.set(ref, new Set());
    shown.get(ref)?.add(el);
  }

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(scan, BADGE_DEBOUNCE_MS);
  };
  const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
  const observer = new Observer((records) => {
    // Our own badges going in are not new rows.
    const ours = (n: Node) => (n as Element).localName === 'liaison-badge';
    if (records.every((r) => [...r.addedNodes].every(ours) && [...r.removedNodes].every(ours))) return;
    schedule();
  });
  observer.observe(doc.body ?? doc, { childList: true, subtree: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
    port?.disconnect();
    for (const set of shown.values()) for (const el of set) el.remove();
  });
  schedule();
}

function paint(el: HTMLElement, { badge, failed }: Answer): void {
  el.dataset.ref = badge.ref;
  el.dataset.count = String(badge.count);
  if (badge.worst && badge.count > 0) el.dataset.priority = String(badge.worst.rank);
  else delete el.dataset.priority;
  if (failed.length > 0) el.dataset.partial = failed.join(' ');
  else delete el.dataset.partial;
  const label = badgeLabel(badge, failed);
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', label);
  el.title = `Liaison: ${label}`;
  const mount = el.shadowRoot?.lastElementChild;
  if (mount) render(h(BadgeView, { badge, theme: pageTheme(el.ownerDocument) }), mount);
}
