import browser from 'webextension-polyfill';
import type { Transition } from '../core/watch';
import { markSeen, type Watch } from '../core/watch-state';
import { readWatchState, updateWatchState } from './watch-store';

/**
 * The notifications of watch checks (README "Watching"): one per check that found changes, remembered by id in the
 * stored state before it is raised, so its click knows which items it told about.
 */

export interface WatchNotification {
  id: string;
  title: string;
  message: string;
}

const PREFIX = 'liaison-watch:';

/** One notification per check: one change says itself; several are grouped, one line each. */
export function notificationFor(
  found: readonly { watch: Watch; transitions: readonly Transition[] }[],
  at: number,
): WatchNotification {
  const lines = found.flatMap(({ watch, transitions }) =>
    transitions.map((t) => (t.ref === watch.ref ? t.text : `${watch.key}: ${t.text}`)),
  );
  const [only] = found;
  const single = found.length === 1 && only?.transitions.length === 1;
  const sentence = only?.watch.snapshot?.sentence;
  const text = only?.transitions[0]?.text;
  return {
    id: `${PREFIX}${at}:${Math.random().toString(36).slice(2, 8)}`,
    title:
      single && only
        ? `${only.watch.key} · ${only.watch.title}`.slice(0, 120)
        : `${lines.length} changes to watched items`,
    // One change: the title names the item, the message says what happened and what to tell the customer.
    message: (single && text
      ? sentence && sentence !== text
        ? `${text} ${sentence}`
        : text
      : lines.join('\n')
    ).slice(0, 1000),
  };
}

/** A notification clicked: open the (first) item it told about, on its own host only, and mark its changes seen. */
export async function openNotification(id: string): Promise<void> {
  if (!id.startsWith(PREFIX)) return;
  const state = await readWatchState();
  const refs = state.notifications[id] ?? [];
  const watch = state.watches.find((w) => refs.includes(w.ref));
  await updateWatchState((s) => ({ state: markSeen(s, refs), result: undefined }));
  await browser.notifications.clear(id).catch(() => undefined);
  if (watch && /^https?:\/\//i.test(watch.url)) await browser.tabs.create({ url: watch.url });
}

export async function raiseNotification({ id, title, message }: WatchNotification): Promise<void> {
  await browser.notifications
    .create(id, { type: 'basic', iconUrl: browser.runtime.getURL('icons/icon-128.png'), title, message })
    .catch((error) => console.warn('[liaison] could not show a notification', error));
}
