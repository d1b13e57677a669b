import browser from 'webextension-polyfill';
import { badgeText, parseWatchState, WATCHES_KEY, type WatchState } from '../core/watch-state';

/**
 * The stored watch state (core/watch-state.ts): read-modify-write one update at a time (the alarm's check, a
 * click on Watch and a page marking its item seen never lose each other's writes), and the toolbar badge kept
 * equal to the unseen count after every write and when the worker starts.
 */

let writes: Promise<unknown> = Promise.resolve();

export async function readWatchState(): Promise<WatchState> {
  return parseWatchState((await browser.storage.local.get(WATCHES_KEY))[WATCHES_KEY]);
}

/**
 * Applies `change` to the stored state and saves it before resolving (what is notified after is on disk first, so
 * a worker stopped mid-way never tells a change twice). `change` may return the same state: nothing is written.
 */
export function updateWatchState<T>(
  change: (state: WatchState) => { state: WatchState; result: T } | Promise<{ state: WatchState; result: T }>,
): Promise<T> {
  const next = writes.then(async () => {
    const before = await readWatchState();
    const { state, result } = await change(before);
    if (state !== before) {
      await browser.storage.local.set({ [WATCHES_KEY]: state });
      await showBadge(state);
    }
    return result;
  });
  writes = next.catch(() => undefined);
  return next;
}

export async function showBadge(state?: WatchState): Promise<void> {
  const text = badgeText(state ?? (await readWatchState()));
  try {
    await browser.action.setBadgeText({ text });
    if (text) await browser.action.setBadgeBackgroundColor({ color: '#0969da' });
  } catch (error) {
    console.warn('[liaison] could not set the toolbar badge', error);
  }
}
