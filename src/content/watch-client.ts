import { isWatchedRefsReply, isWatchReply } from '../messaging/page-replies';
import type { WatchControls } from '../ui/WatchButton';

/**
 * The content script's side of watching: which of the items the page shows are watched (asked of the background,
 * which answers only for references it served this tab), and the toggle behind every watch button. One per mounted
 * page, shared by its panels and its hovercard; `subscribe` re-renders them when the answer changes.
 */

export type SendMessage = (message: unknown) => Promise<unknown>;

export interface WatchClient extends WatchControls {
  /** Learns which of these references are watched (a view or a preview just showed them). */
  sync(refs: readonly string[]): void;
  subscribe(listener: () => void): () => void;
}

const MAX_QUERY = 500;

export function watchClient(
  send: SendMessage,
  /** The browser's `isTrusted`; a page's script can call `click()` on the open shadow root's buttons. */
  isTrusted: (e: Event) => boolean = (e) => e.isTrusted,
): WatchClient {
  const watched = new Set<string>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  return {
    isWatched: (ref) => watched.has(ref),
    sync(refs) {
      const asked = [...new Set(refs)].slice(0, MAX_QUERY);
      if (asked.length === 0) return;
      void send({ type: 'watched-refs', refs: asked })
        .then((reply) => {
          if (!isWatchedRefsReply(reply) || !reply.ok) return;
          const now = new Set(reply.watched);
          let differs = false;
          for (const ref of asked) {
            if (now.has(ref) === watched.has(ref)) continue;
            differs = true;
            if (now.has(ref)) watched.add(ref);
            else watched.delete(ref);
          }
          if (differs) changed();
        })
        .catch(() => undefined);
    },
    toggle(ref, event) {
      if (!isTrusted(event)) return;
      const watch = !watched.has(ref);
      if (watch) watched.add(ref);
      else watched.delete(ref);
      changed();
      void send({ type: watch ? 'watch' : 'unwatch', ref })
        .then((reply) => {
          if (isWatchReply(reply) && reply.ok) return;
          throw new Error(isWatchReply(reply) && !reply.ok ? reply.error : 'no answer');
        })
        .catch((error: unknown) => {
          console.warn(`[liaison] could not ${watch ? 'watch' : 'stop watching'} ${ref}: ${String(error)}`);
          if (watch) watched.delete(ref);
          else watched.add(ref);
          changed();
        });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
