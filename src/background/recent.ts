import browser from 'webextension-polyfill';
import type { Item } from '../core/model';
import { parseRecent, RECENT_KEY, type RecentItem, withRecent } from '../core/recent';
import type { ContextView } from '../messaging/protocol';

/**
 * The background's side of recent items (core/recent.ts): it alone writes the `recent` key, one write at a
 * time (a read-modify-write chain), so an item opened from the popup and the visit of its page that follows
 * never lose each other.
 */

/** A page visited again within this time does not rewrite the list (views arrive twice: stale, then fresh). */
const revisitMs = 60_000;

let writes: Promise<unknown> = Promise.resolve();

export function rememberRecent(item: Item, how: RecentItem['how'], now = Date.now()): Promise<void> {
  const next = writes.then(async () => {
    const stored = await browser.storage.local.get(RECENT_KEY);
    const list = parseRecent(stored[RECENT_KEY]);
    const first = list[0];
    if (how === 'visited' && first?.item.ref === item.ref && now - first.at < revisitMs) return;
    await browser.storage.local.set({ [RECENT_KEY]: withRecent(list, item, how, now) });
  });
  writes = next.catch(() => undefined);
  return next;
}

/** A page's context was resolved in a tab's top frame: its subject, when it is an item, was visited. */
export function rememberVisit(view: ContextView): void {
  if (!view.configured) return;
  const subject = view.items.find((i) => i.ref === view.subject);
  if (subject) rememberRecent(subject, 'visited').catch((error) => console.warn('[liaison] recent', error));
}
