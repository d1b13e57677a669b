import type { z } from 'zod';
import { type CacheWrite, createEntries, type Lookup } from './cache/entries';
import {
  CACHE_SCHEMA_VERSION,
  DEFAULT_MAX_ENTRIES,
  defaultTtl,
  type EntryKind,
  type ValueKind,
} from './cache/kinds';
import { createLoads } from './cache/loads';
import { type CacheStorage, indexedDbStorage } from './cache/storage';

/**
 * The entity cache (DESIGN.md "Cache"): what the background fetched, by key, in IndexedDB through idb-keyval
 * (database `liaison-cache`, store `entities`), or in memory where IndexedDB is unavailable (logged once).
 *
 * Keys are canonical refs (`jira:SHOP-101`) or namespaced strings (`search:servicenow:snow:SHOP-101`). Each entry is
 * an envelope `{v, kind, at, conn, fp, ttl?, value}`; values are JSON-like and validated with the caller's zod
 * schema on every read. An entry that is malformed, of another schema `version`, of a connection whose settings
 * changed (fingerprint), or older than `expireAfter` is never returned: it is dropped, never thrown.
 *
 * - Time to live per kind (`EntryKind`, see `defaultTtl`): ticket 2 min, bug 5 min, missing 5 min, links 5 min,
 *   search 2 min, release 30 min, discovery 1 h, all scaled by `settings.cache.ttlMinutes` (`cacheOptionsFrom`).
 * - Stale-while-revalidate: a read answers stale entries too, with `at`, `age` and `stale`; `getOrLoad` answers a
 *   stale entry at once with its `revalidation` already running.
 * - In-flight de-duplication: concurrent `getOrLoad(Many)` calls for a key share one load (make one cache per
 *   worker so every tab shares it). `refresh: true` ignores fresh entries and still joins a load in flight.
 * - Negative entries: a loader that leaves a key out records it `missing`, not asked again within that TTL.
 * - Size cap, least-recently-used: reads and writes update recency; over `maxEntries` the oldest are evicted 5%
 *   below the cap in the same transaction as the write. The recency index is one value, saved at most once per
 *   `indexFlushMs`, and heals itself from the store's keys if a killed worker lost its last save.
 * - Invalidation: `invalidateConnection(id)`, `clear()`, and `configure({fingerprints})` when settings change.
 *
 * Only the background should open it: two caches on one store would each keep their own recency index.
 */

export type { Cached, CachedMissing, CacheWrite, Lookup } from './cache/entries';
export type { EntryKind, ValueKind } from './cache/kinds';
export {
  CACHE_SCHEMA_VERSION,
  cacheOptionsFrom,
  connectionFingerprint,
  DEFAULT_MAX_ENTRIES,
  DEFAULT_TTL_MINUTES,
  defaultTtl,
  itemEntryKind,
} from './cache/kinds';
export type { BatchLoader, Loaded, LoadOptions } from './cache/loads';
export type { CacheStorage } from './cache/storage';
export { indexedDbStorage, memoryStorage } from './cache/storage';

export interface CacheOptions {
  /** Time to live per kind, ms; missing kinds keep `defaultTtl()` (base 5 minutes). */
  ttl?: Partial<Record<EntryKind, number>>;
  /** Entries kept before least-recently-used eviction. Default 5,000. */
  maxEntries?: number;
  /** Connection id → `connectionFingerprint(connection)`. When given, entries of any other fingerprint (settings
   * changed since, or the connection is gone) are never returned. Default: not checked. */
  fingerprints?: ReadonlyMap<string, string>;
  /** Entries older than this are not returned even as stale. Default 7 days. */
  expireAfter?: number;
  /** Schema version of the values; default `CACHE_SCHEMA_VERSION`. */
  version?: number;
  /** Where entries live. Default `indexedDbStorage()` (falls back to memory). */
  storage?: CacheStorage;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** The recency index is saved at most this often (ms). Default 5,000; `Infinity`: only on `flush()`. */
  indexFlushMs?: number;
}

export interface CacheStats {
  entries: number;
  maxEntries: number;
  /** Keys being loaded right now. */
  inFlight: number;
  storage: 'indexeddb' | 'memory';
  /** Approximate size of the stored JSON (UTF-16 code units), only when asked: it reads every entry. */
  bytes?: number;
}

export function createEntityCache(options: CacheOptions = {}) {
  const storage = options.storage ?? indexedDbStorage();
  const now = options.now ?? Date.now;
  const entries = createEntries({
    storage,
    now,
    version: options.version ?? CACHE_SCHEMA_VERSION,
    ttl: { ...defaultTtl(), ...options.ttl },
    maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
    fingerprints: options.fingerprints,
    expireAfter: options.expireAfter ?? 7 * 24 * 60 * 60_000,
    indexFlushMs: options.indexFlushMs ?? 5000,
  });
  const loads = createLoads(entries, now);

  return {
    /** One entry, stale or not; undefined when absent or unusable. */
    async get<T>(key: string, schema: z.ZodType<T>): Promise<Lookup<T> | undefined> {
      return (await entries.getMany([key], schema)).get(key);
    },
    /** Many entries in one transaction; the map holds only the keys found. */
    getMany: <T>(keys: readonly string[], schema: z.ZodType<T>): Promise<Map<string, Lookup<T>>> =>
      entries.getMany(keys, schema),
    set<T>(
      key: string,
      kind: ValueKind,
      value: T,
      meta: { connectionId: string; ttl?: number },
    ): Promise<void> {
      return entries.setMany([{ key, kind, value, ...meta }]);
    },
    /** Records that a ref does not exist (a negative entry, kind `missing`). */
    setMissing(key: string, meta: { connectionId: string; ttl?: number }): Promise<void> {
      return entries.setMany([{ key, kind: 'missing', ...meta }]);
    },
    /** Many entries in one transaction (with any eviction they cause). */
    setMany: (writes: readonly CacheWrite[]): Promise<void> => entries.setMany(writes),
    /** One key through the cache, loading it when absent or stale (see `getOrLoadMany`). */
    getOrLoad: loads.getOrLoad,
    /** Keys through the cache: fresh ones answered, stale ones revalidated, absent ones loaded in one batch. */
    getOrLoadMany: loads.getOrLoadMany,
    /** Drops a connection's entries and keeps its loads in flight from landing; returns how many were dropped. */
    invalidateConnection(connectionId: string): Promise<number> {
      loads.invalidate(connectionId);
      return entries.removeWhere((tag) => tag.conn === connectionId);
    },
    async clear(): Promise<void> {
      loads.invalidateAll();
      await entries.clear();
    },
    /**
     * New settings (`cacheOptionsFrom(settings.cache)` and fresh fingerprints): loads of connections whose
     * fingerprint changed are not cached, their entries and any over a lower cap are dropped; returns how many.
     */
    async configure(next: {
      ttl?: Partial<Record<EntryKind, number>>;
      maxEntries?: number;
      fingerprints?: ReadonlyMap<string, string>;
    }): Promise<number> {
      const before = entries.settings().fingerprints;
      const after = next.fingerprints;
      if (after && !before) loads.invalidateAll(); // loads started unchecked must not land as checked entries
      if (after && before) {
        for (const id of new Set([...before.keys(), ...after.keys()])) {
          if (before.get(id) !== after.get(id)) loads.invalidate(id);
        }
      }
      return entries.configure({
        ...(next.ttl ? { ttl: { ...entries.settings().ttl, ...next.ttl } } : {}),
        ...(next.maxEntries ? { maxEntries: next.maxEntries } : {}),
        ...(next.fingerprints ? { fingerprints: next.fingerprints } : {}),
      });
    },
    async stats(options: { bytes?: boolean } = {}): Promise<CacheStats> {
      const stats: CacheStats = {
        entries: await entries.size(),
        maxEntries: entries.settings().maxEntries,
        inFlight: loads.inFlight,
        storage: storage.kind,
      };
      if (options.bytes) {
        stats.bytes = (await storage.values()).reduce<number>((sum, v) => sum + JSON.stringify(v).length, 0);
      }
      return stats;
    },
    /** Saves the recency index now (it is otherwise saved at most once per `indexFlushMs`). */
    flush: (): Promise<void> => entries.flush(),
  };
}

export type EntityCache = ReturnType<typeof createEntityCache>;
