import { formatRef, parseRef } from '../core/refs';
import type { Watch } from '../core/watch-state';
import type { CheckWatchesReply, RuntimeRequest, WatchedRefsReply, WatchReply } from '../messaging/protocol';
import { type CacheRun, withCache } from './cached-provider';
import { extractOptionsFor } from './config';
import { configuredCache } from './contexts';
import { jiraProjectKeys } from './discovery';
import type { Sender } from './senders';
import type { ServedRefs } from './served-refs';
import { checkWatches, unwatchItem, watchItem } from './watch';
import { readWatchState } from './watch-store';

/**
 * The watch requests (src/messaging/protocol.ts). Who may send which is `requestRoles`; on top of it a content
 * script names only references its own tab was served: `mayWatch` below.
 */

type WatchRequest = Extract<
  RuntimeRequest,
  { type: 'watch' | 'unwatch' | 'watched-refs' | 'list-watches' | 'check-watches' }
>;

export type ListWatchesReply = { ok: true; watches: Watch[] } | { ok: false; error: string };

/** Whether a sender may watch or unwatch `ref`: an extension page always, a content script only what its tab showed. */
export function mayWatch(from: Sender, ref: string, served: ServedRefs): boolean {
  if (from.role === 'extension') return true;
  if (from.role !== 'page') return false;
  return served.has(from.tabId, ref);
}

const canonical = (text: string): string | undefined => {
  const parsed = parseRef(text);
  return parsed ? formatRef(parsed) : undefined;
};

export async function answerWatchRequest(
  request: WatchRequest,
  from: Sender,
  served: ServedRefs,
): Promise<WatchReply | WatchedRefsReply | CheckWatchesReply | ListWatchesReply> {
  switch (request.type) {
    case 'watch': {
      const ref = canonical(request.ref);
      if (!ref || !mayWatch(from, ref, served))
        return { ok: false, error: 'Liaison did not show this item on this page.' };
      const item = await itemOf(ref);
      if (!item) return { ok: false, error: `${ref} was not found, or these credentials cannot see it.` };
      return watchItem(item);
    }
    case 'unwatch': {
      const ref = canonical(request.ref);
      if (!ref || !mayWatch(from, ref, served))
        return { ok: false, error: 'Liaison did not show this item on this page.' };
      await unwatchItem(ref);
      return { ok: true };
    }
    case 'watched-refs': {
      const watched = new Set((await readWatchState()).watches.map((w) => w.ref));
      return {
        ok: true,
        watched: request.refs.filter((r) => watched.has(r) && mayWatch(from, r, served)),
      };
    }
    case 'list-watches':
      return { ok: true, watches: (await readWatchState()).watches };
    case 'check-watches':
      return { ok: true, ...(await checkWatches({ refresh: true })) };
  }
}

/** The item a reference names, through the entity cache (a page just showed it, so it is usually there). */
async function itemOf(ref: string) {
  const parsed = parseRef(ref);
  if (!parsed) return undefined;
  const { config, cache } = await configuredCache();
  const run: CacheRun = { refresh: false, revalidations: [] };
  const provider = config.providers.find((p) => p.owns(parsed));
  if (!provider) return undefined;
  const extract = extractOptionsFor(config, await jiraProjectKeys(config));
  const found = await withCache(provider, cache, run).fetchItems([parsed], { extract });
  return found.items.find((i) => i.ref === ref);
}
