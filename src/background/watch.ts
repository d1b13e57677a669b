import browser from 'webextension-polyfill';
import { customerKinds, type Item } from '../core/model';
import { parseRef } from '../core/refs';
import type { Transition, WatchSnapshot } from '../core/watch';
import { snapshotOf } from '../core/watch';
import {
  type AddResult,
  addWatch,
  applyCheck,
  markSeen,
  rememberNotification,
  removeWatch,
  type Watch,
  type WatchState,
} from '../core/watch-state';
import type { Provider } from '../providers/provider';
import type { EntityCache } from './cache';
import { type CacheRun, withCache } from './cached-provider';
import { coalescing } from './coalesce';
import { type Config, extractOptionsFor, getConfig, onConfigChange } from './config';
import { configuredCache } from './contexts';
import { jiraProjectKeys } from './discovery';
import { resolveContext } from './resolver';
import { notificationFor, openNotification, raiseNotification } from './watch-notify';
import { readWatchState, showBadge, updateWatchState } from './watch-store';

/**
 * Watching (DESIGN.md contract 6), the background's side: an alarm every `settings.watch.intervalMinutes` checks
 * every watch, each change found is saved and then notified once, and the toolbar badge counts unseen changes.
 *
 * Cost of a check: the watched items are fetched in one batched request per system (GitHub GraphQL aliases, JQL
 * `key in (…)`, ServiceNow `numberIN`, Zendesk `show_many`); then each watch's chain is resolved like a page whose
 * subject it is, over one refresh that loads each entity at most once per check, so chains sharing a bug or a pull
 * request share its request. GET reads revalidate with the ETag / Last-Modified their server sent
 * (src/providers/http.ts): unchanged, they cost a 304. Reads sent as POST cannot: GitHub's GraphQL API (items,
 * searches, releases: 1 point a query) and Jira Cloud's JQL search (`POST /rest/api/3/search/jql`) are asked in
 * full every check; that is why a check asks each of them once per entity at most.
 */

export const WATCH_ALARM = 'liaison-watch';
/**
 * Watches resolved at once: a check of 200 watches never has 200 resolutions in flight, and the ones in flight
 * share their requests (coalesce.ts).
 */
const CONCURRENT_RESOLUTIONS = 25;

/** The alarm at the configured interval while anything is watched; none when nothing is. */
export async function scheduleChecks(config?: Config, count?: number): Promise<void> {
  const interval = (config ?? (await getConfig())).settings.watch.intervalMinutes;
  const watches = count ?? (await readWatchState()).watches.length;
  if (watches === 0) {
    await browser.alarms.clear(WATCH_ALARM);
    return;
  }
  const alarm = await browser.alarms.get(WATCH_ALARM);
  if (alarm?.periodInMinutes === interval) return;
  browser.alarms.create(WATCH_ALARM, { delayInMinutes: interval, periodInMinutes: interval });
}

/**
 * A cache that a check refreshes once: the first lookup of a key in this check goes to the source (bypassing a
 * fresh entry), later ones in the same check read what it loaded.
 */
function refreshOnce(cache: EntityCache): EntityCache {
  const refreshed = new Set<string>();
  return {
    ...cache,
    getOrLoadMany(keys, options, loader) {
      const first = keys.some((k) => !refreshed.has(k));
      for (const k of keys) refreshed.add(k);
      return cache.getOrLoadMany(keys, { ...options, refresh: first }, loader);
    },
  };
}

/**
 * Hops a watch's chain needs (core/watch.ts `snapshotOf`): a bug or a pull request reaches its pull requests, bugs
 * and tickets in one hop; a ticket needs two (ticket → bug → pull request). Fewer hops than a page's `maxHops`
 * spare the searches for what points at the pull requests, which a watch does not report.
 */
const chainHops = (watch: Watch): number => (customerKinds.has(watch.kind) ? 2 : 1);

export interface CheckOutcome {
  checked: number;
  changes: number;
  /** Why some or all watches were not checked: offline, a source backing off, no connection answering. */
  skipped: string[];
}

/**
 * Checks the watches (all, or `only` these), saves what changed and notifies it. `refresh: false` reads the cache as
 * a page would (taking a new watch's baseline from what the user just saw).
 */
export async function checkWatches(options: { only?: string[]; refresh: boolean }): Promise<CheckOutcome> {
  const outcome: CheckOutcome = { checked: 0, changes: 0, skipped: [] };
  if (globalThis.navigator?.onLine === false) {
    outcome.skipped.push('The browser is offline; watches are checked again once it is back online.');
    return outcome;
  }
  const { config, cache } = await configuredCache();
  const state = await readWatchState();
  const now = Date.now();
  const providerOf = (ref: string) => {
    const parsed = parseRef(ref);
    return parsed ? config.providers.find((p) => p.owns(parsed)) : undefined;
  };
  const due: { watch: Watch; provider: Provider }[] = [];
  for (const watch of state.watches) {
    if (options.only && !options.only.includes(watch.ref)) continue;
    const provider = providerOf(watch.ref);
    if (!provider) {
      outcome.skipped.push(`No connection answers for ${watch.key} any more.`);
      continue;
    }
    const until = state.backoff[provider.connection.id];
    if (until && until > now) {
      // Said once per connection, however many of its watches wait.
      const limited = `${provider.connection.id} is rate limited until ${new Date(until).toISOString()}.`;
      if (!outcome.skipped.includes(limited)) outcome.skipped.push(limited);
      continue;
    }
    due.push({ watch, provider });
  }
  if (due.length === 0) return outcome;

  const run: CacheRun = { refresh: options.refresh, revalidations: [] };
  const shared = options.refresh ? refreshOnce(cache) : cache;
  // The watches' lookups made side by side share their requests (coalesce.ts): a check of 200 watches asks each
  // system a few times a hop, not once per watch.
  const providers = config.providers.map((p) => withCache(coalescing(p), shared, run));
  const extract = extractOptionsFor(config, await jiraProjectKeys(config));
  // 1. The watched items themselves: one batched lookup per system.
  await Promise.all(
    providers.map(async (provider) => {
      const refs = due.flatMap(({ watch }) => {
        const parsed = parseRef(watch.ref);
        return parsed && provider.owns(parsed) ? [parsed] : [];
      });
      if (refs.length > 0) await provider.fetchItems(refs, { extract }).catch(() => undefined);
    }),
  );
  // 2. Each watch's chain, as a page whose subject it is (what is already loaded in this check is not asked again).
  const results: { watch: Watch; snapshot?: WatchSnapshot; item?: Item; limited: Map<string, number> }[] = [];
  for (let i = 0; i < due.length; i += CONCURRENT_RESOLUTIONS) {
    const slice = due.slice(i, i + CONCURRENT_RESOLUTIONS);
    results.push(
      ...(await Promise.all(
        slice.map(async ({ watch }) => {
          const limited = new Map<string, number>();
          try {
            const page = { url: '', site: 'github' as const, subject: watch.ref, texts: [], refs: [] };
            const context = await resolveContext({
              page,
              providers,
              extract,
              maxHops: chainHops(watch),
            });
            for (const source of context.sources) {
              if (source.error?.kind === 'rate-limited')
                limited.set(source.connectionId, source.error.retryAt ?? Date.now() + 60_000);
            }
            // A source that failed leaves the chain incomplete: comparing it would report changes that did not happen.
            if (context.sources.some((s) => s.error)) return { watch, limited };
            const snapshot = snapshotOf(watch.ref, context);
            const item = context.items.find((it) => it.ref === watch.ref);
            return { watch, limited, ...(snapshot ? { snapshot } : {}), ...(item ? { item } : {}) };
          } catch (error) {
            console.warn(`[liaison] checking ${watch.key} failed`, error);
            return { watch, limited };
          }
        }),
      )),
    );
  }

  // A check's state is dated by when it started: a check that started later (the alarm and Check now at once) and
  // saved first has newer data, and an older answer applied after it would report a change backwards.
  const at = now;
  const told = await updateWatchState((before) => {
    let next: WatchState = before;
    const found: { watch: Watch; transitions: Transition[] }[] = [];
    for (const r of results) {
      for (const [connectionId, until] of r.limited)
        next = { ...next, backoff: { ...next.backoff, [connectionId]: until } };
      if (!r.snapshot) continue;
      const checkedAt = next.watches.find((w) => w.ref === r.watch.ref)?.checkedAt;
      if (checkedAt !== undefined && checkedAt > at) continue;
      const applied = applyCheck(next, r.watch.ref, r.snapshot, at, r.item);
      next = applied.state;
      outcome.checked += 1;
      const watch = next.watches.find((w) => w.ref === r.watch.ref);
      if (watch && applied.transitions.length > 0) found.push({ watch, transitions: applied.transitions });
    }
    // Backoffs that have passed are forgotten.
    const backoff = Object.fromEntries(
      Object.entries(next.backoff).filter(([, until]) => until > Date.now()),
    );
    if (Object.keys(backoff).length !== Object.keys(next.backoff).length) next = { ...next, backoff };
    const notification = found.length > 0 ? notificationFor(found, at) : undefined;
    if (notification)
      next = rememberNotification(
        next,
        notification.id,
        found.map((f) => f.watch.ref),
      );
    return { state: next, result: { found, notification } };
  });
  // Saved first (above), told after: a worker stopped in between loses a notification, never repeats one.
  if (told.notification) await raiseNotification(told.notification);
  outcome.changes = told.found.reduce((n, f) => n + f.transitions.length, 0);
  return outcome;
}

/** A page's context was served: the watched items it shows (its subject and its context's items) are seen. */
export function seenOnPage(refs: readonly string[]): void {
  void readWatchState()
    .then((state) => {
      const shown = new Set(refs);
      if (!state.watches.some((w) => w.unseen > 0 && shown.has(w.ref))) return;
      return updateWatchState((s) => ({ state: markSeen(s, shown), result: undefined }));
    })
    .catch((error) => console.warn('[liaison] watch', error));
}

/** Starts watching an item (already resolved for the sender): saved, scheduled, baseline taken from the cache. */
export async function watchItem(item: Item): Promise<{ ok: true } | { ok: false; error: string }> {
  const added = await updateWatchState<AddResult>((state) => {
    const result = addWatch(state, item, Date.now());
    return result.ok ? { state: result.state, result } : { state, result };
  });
  if (!added.ok) return added;
  await scheduleChecks(undefined, added.state.watches.length);
  await checkWatches({ only: [item.ref], refresh: false }).catch((error) =>
    console.warn('[liaison] the first check of a watch failed', error),
  );
  return { ok: true };
}

export async function unwatchItem(ref: string): Promise<void> {
  const state = await updateWatchState((s) => {
    const next = removeWatch(s, ref);
    return { state: next, result: next };
  });
  await scheduleChecks(undefined, state.watches.length);
}

/** Listeners and the badge, once per worker start (the alarm and the stored state outlive the worker). */
export function startWatching(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== WATCH_ALARM) return;
    void checkWatches({ refresh: true }).catch((error) =>
      console.warn('[liaison] watch check failed', error),
    );
  });
  browser.notifications.onClicked.addListener((id) => void openNotification(id));
  onConfigChange((config) => void scheduleChecks(config).catch(() => undefined));
  void showBadge();
  void scheduleChecks().catch((error) => console.warn('[liaison] could not schedule watch checks', error));
}
