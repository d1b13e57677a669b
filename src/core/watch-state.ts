import { z } from 'zod';
import { type Item, itemKindSchema } from './model';
import { systemSchema } from './settings';
import {
  type Transition,
  transitionKindSchema,
  transitionsBetween,
  type WatchSnapshot,
  watchSnapshotSchema,
} from './watch';

/**
 * What Liaison remembers about watched items, in `browser.storage.local` under WATCHES_KEY (never `settings`):
 * each watch with its last seen snapshot, its latest changes and how many of them are unseen; the systems backing
 * off a rate limit; and which watches each notification was about. Written by the background only, read by the
 * popup. Pure transforms here; storage and scheduling in src/background/watch*.ts.
 */

export const WATCHES_KEY = 'watches';
/** Watches one browser keeps (a poll of 200 items stays within every API's batching). */
export const MAX_WATCHES = 200;
/** Changes kept per watch, newest first (the popup shows the latest). */
export const MAX_CHANGES = 5;
/** Notifications remembered for their click; older ones open nothing more (the popup still lists the change). */
export const MAX_NOTIFICATIONS = 50;
export const MAX_REF_LENGTH = 512;

export const watchChangeSchema = z.object({
  id: z.string().max(1200),
  kind: transitionKindSchema,
  text: z.string().max(1000),
  at: z.number(),
});
export type WatchChange = z.infer<typeof watchChangeSchema>;

export const watchSchema = z.object({
  ref: z.string().max(MAX_REF_LENGTH),
  system: systemSchema,
  kind: itemKindSchema,
  key: z.string().max(512),
  title: z.string().max(2000),
  /** The item's address (an http(s) link on its connection's host: core/item-links.ts checked it on the way in). */
  url: z.string().max(4096),
  addedAt: z.number(),
  /** The last state notified (or the baseline taken when it was watched). */
  snapshot: watchSnapshotSchema.optional(),
  checkedAt: z.number().optional(),
  changes: z.array(watchChangeSchema).max(MAX_CHANGES),
  /** Changes not seen yet: the badge counts them; a page showing the item clears them. */
  unseen: z.number().int().min(0),
});
export type Watch = z.infer<typeof watchSchema>;

export interface WatchState {
  watches: Watch[];
  /** Connection id → when its rate limit lifts (ms): its watches are not checked before. */
  backoff: Record<string, number>;
  /** Notification id → the watched references it told about (newest last). */
  notifications: Record<string, string[]>;
}

export const emptyWatchState = (): WatchState => ({ watches: [], backoff: {}, notifications: {} });

const storedSchema = z.object({
  watches: z.array(z.unknown()).max(MAX_WATCHES * 2),
  backoff: z.record(z.string(), z.number()).optional(),
  notifications: z.record(z.string(), z.array(z.string().max(MAX_REF_LENGTH)).max(MAX_WATCHES)).optional(),
});

/** The stored state; a malformed watch is dropped alone, a malformed whole reads as empty. */
export function parseWatchState(value: unknown): WatchState {
  const parsed = storedSchema.safeParse(value);
  if (!parsed.success) return emptyWatchState();
  const watches: Watch[] = [];
  const seen = new Set<string>();
  for (const raw of parsed.data.watches) {
    const watch = watchSchema.safeParse(raw);
    if (!watch.success || seen.has(watch.data.ref) || watches.length >= MAX_WATCHES) continue;
    seen.add(watch.data.ref);
    watches.push(watch.data);
  }
  return {
    watches,
    backoff: parsed.data.backoff ?? {},
    notifications: Object.fromEntries(
      Object.entries(parsed.data.notifications ?? {}).slice(-MAX_NOTIFICATIONS),
    ),
  };
}

export type AddResult = { ok: true; state: WatchState } | { ok: false; error: string };

export function addWatch(state: WatchState, item: Item, at: number): AddResult {
  if (state.watches.some((w) => w.ref === item.ref)) return { ok: true, state };
  if (state.watches.length >= MAX_WATCHES)
    return { ok: false, error: `Liaison watches at most ${MAX_WATCHES} items. Stop watching one first.` };
  const watch: Watch = {
    ref: item.ref,
    system: item.system,
    kind: item.kind,
    key: item.key.slice(0, 512),
    title: item.title.slice(0, 2000),
    url: item.url.slice(0, 4096),
    addedAt: at,
    changes: [],
    unseen: 0,
  };
  return { ok: true, state: { ...state, watches: [...state.watches, watch] } };
}

export function removeWatch(state: WatchState, ref: string): WatchState {
  return { ...state, watches: state.watches.filter((w) => w.ref !== ref) };
}

/**
 * A check's snapshot of one watch: the first one is the baseline (nothing to tell); later ones give the
 * transitions since the last, recorded as unseen changes. The item's title and address follow the item.
 */
export function applyCheck(
  state: WatchState,
  ref: string,
  snapshot: WatchSnapshot,
  at: number,
  item?: Pick<Item, 'title' | 'url'>,
): { state: WatchState; transitions: Transition[] } {
  const watch = state.watches.find((w) => w.ref === ref);
  if (!watch) return { state, transitions: [] };
  const transitions = watch.snapshot ? transitionsBetween(watch.snapshot, snapshot) : [];
  const changes = [
    ...transitions.map((t) => ({ id: t.id, kind: t.kind, text: t.text, at })).reverse(),
    ...watch.changes,
  ].slice(0, MAX_CHANGES);
  const next: Watch = {
    ...watch,
    ...(item ? { title: item.title.slice(0, 2000), url: item.url.slice(0, 4096) } : {}),
    snapshot,
    checkedAt: at,
    changes,
    unseen: watch.unseen + transitions.length,
  };
  return {
    state: { ...state, watches: state.watches.map((w) => (w.ref === ref ? next : w)) },
    transitions,
  };
}

/** The watches among `refs` have no unseen change left. */
export function markSeen(state: WatchState, refs: Iterable<string>): WatchState {
  const seen = new Set(refs);
  if (!state.watches.some((w) => seen.has(w.ref) && w.unseen > 0)) return state;
  return { ...state, watches: state.watches.map((w) => (seen.has(w.ref) ? { ...w, unseen: 0 } : w)) };
}

export function rememberNotification(state: WatchState, id: string, refs: string[]): WatchState {
  const entries = Object.entries(state.notifications).filter(([key]) => key !== id);
  entries.push([id, refs.slice(0, MAX_WATCHES)]);
  return { ...state, notifications: Object.fromEntries(entries.slice(-MAX_NOTIFICATIONS)) };
}

/** How many changes nobody has seen yet, across every watch: the toolbar badge's number. */
export const unseenCount = (state: WatchState): number => state.watches.reduce((n, w) => n + w.unseen, 0);

/** The toolbar badge text: the count, empty at 0 (the browser hides an empty badge), capped as badges are short. */
export function badgeText(state: WatchState): string {
  const count = unseenCount(state);
  return count === 0 ? '' : count > 99 ? '99+' : String(count);
}
