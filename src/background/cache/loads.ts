import type { z } from 'zod';
import type { CacheWrite, Entries, Lookup } from './entries';
import type { ValueKind } from './kinds';

export interface LoadOptions<T> {
  /** Validates what the cache holds for these keys (the loader's own values are trusted: providers validated them). */
  schema: z.ZodType<T>;
  /** The entry kind, or how to tell it from a loaded value (items: `itemEntryKind`). */
  kind: ValueKind | ((value: T) => ValueKind);
  /** The connection the values come from: `invalidateConnection` drops them, and loads in flight do not land. */
  connectionId: string;
  /** Ignore fresh entries and load anyway (the user's "refresh"); still joins a load already in flight. */
  refresh?: boolean;
  /** A time to live for these entries alone, in milliseconds, overriding their kind's. */
  ttl?: number;
  /**
   * Told once the cache has been read, whether or not the loader was called (it is called before this), so a
   * caller joining this load with another one into one request knows when it has heard everything.
   */
  decided?: () => void;
}

/** A lookup; when it is stale, `revalidation` is the load that replaces it (already running). */
export type Loaded<T> = Lookup<T> & { revalidation?: Promise<Lookup<T>> };

/** Loads many keys in one call; keys it leaves out of the map do not exist (they become negative entries). */
export type BatchLoader<T> = (keys: string[]) => Promise<ReadonlyMap<string, T>>;

interface Flight {
  promise: Promise<Lookup<unknown>>;
  connectionId: string;
}

/**
 * Loads in flight, one per key, shared by every caller of this cache (all tabs of the worker), so concurrent
 * requests for a key make one request. Each load remembers the epoch of its connection when it started: after
 * `invalidate` (settings changed) or `clear`, it still answers its callers, but its result is not cached.
 */
export function createLoads(entries: Entries, now: () => number) {
  const flights = new Map<string, Flight>();
  const epochs = new Map<string, number>();
  let globalEpoch = 0;
  const epochOf = (connectionId: string) => `${globalEpoch}:${epochs.get(connectionId) ?? 0}`;

  function start<T>(keys: string[], options: LoadOptions<T>, loader: BatchLoader<T>): void {
    const { connectionId, kind, ttl } = options;
    const epoch = epochOf(connectionId);
    const batch = (async () => {
      const values = await loader(keys);
      const at = now();
      const writes: CacheWrite[] = [];
      const results = new Map<string, Lookup<T>>();
      for (const key of keys) {
        const meta = { key, connectionId, ...(ttl ? { ttl } : {}) };
        if (values.has(key)) {
          const value = values.get(key) as T; // has() checked: T may itself admit undefined
          writes.push({ ...meta, kind: typeof kind === 'function' ? kind(value) : kind, value });
          results.set(key, { missing: false, value, at, age: 0, stale: false });
        } else {
          writes.push({ ...meta, kind: 'missing' });
          results.set(key, { missing: true, at, age: 0, stale: false });
        }
      }
      if (epochOf(connectionId) === epoch) await entries.setMany(writes);
      return results;
    })();
    for (const key of keys) {
      const promise: Promise<Lookup<unknown>> = batch
        .then((results) => results.get(key) as Lookup<T>) // every key of the batch has a result
        .finally(() => {
          if (flights.get(key)?.promise === promise) flights.delete(key);
        });
      promise.catch(() => {}); // a revalidation nobody awaits must not be an unhandled rejection
      flights.set(key, { promise, connectionId });
    }
  }

  /**
   * Fresh entries are answered from the cache; stale ones at once with their `revalidation`; absent ones (and
   * every key, with `refresh`) wait for a load: one joined if in flight, else one call of `loader` for them all.
   * Rejects with the loader's error when a key it waits for fails; a failed revalidation rejects only its promise.
   */
  async function getOrLoadMany<T>(
    keys: readonly string[],
    options: LoadOptions<T>,
    loader: BatchLoader<T>,
  ): Promise<Map<string, Loaded<T>>> {
    const unique = [...new Set(keys)];
    const cached = options.refresh
      ? new Map<string, Lookup<T>>()
      : await entries.getMany(unique, options.schema);
    const result = new Map<string, Loaded<T>>();
    const toLoad: string[] = [];
    for (const key of unique) {
      const hit = cached.get(key);
      if (hit && !hit.stale) result.set(key, hit);
      else if (!flights.has(key)) toLoad.push(key);
    }
    if (toLoad.length > 0) start(toLoad, options, loader);
    options.decided?.();
    const waits: Promise<void>[] = [];
    for (const key of unique) {
      if (result.has(key)) continue;
      // Keyed by key, so a joined load is of the type this caller asks for (same key, same kind of value).
      const flight = flights.get(key)?.promise as Promise<Lookup<T>>;
      const hit = cached.get(key);
      if (hit) result.set(key, { ...hit, revalidation: flight });
      else waits.push(flight.then((loaded) => void result.set(key, loaded)));
    }
    await Promise.all(waits);
    // Map order: the order the keys were asked in.
    return new Map(unique.flatMap((key) => (result.has(key) ? [[key, result.get(key) as Loaded<T>]] : [])));
  }

  return {
    getOrLoadMany,
    /** One key; a loader that returns undefined records a negative entry. */
    async getOrLoad<T>(
      key: string,
      options: LoadOptions<T>,
      loader: () => Promise<T | undefined>,
    ): Promise<Loaded<T>> {
      const results = await getOrLoadMany<T>([key], options, async () => {
        const value = await loader();
        return new Map(value === undefined ? [] : [[key, value]]);
      });
      return results.get(key) as Loaded<T>; // getOrLoadMany answers every key it is asked
    },
    /** Loads of this connection in flight will not be cached, and new requests start fresh ones. */
    invalidate(connectionId: string): void {
      epochs.set(connectionId, (epochs.get(connectionId) ?? 0) + 1);
      for (const [key, flight] of flights) if (flight.connectionId === connectionId) flights.delete(key);
    },
    invalidateAll(): void {
      globalEpoch++;
      flights.clear();
    },
    get inFlight(): number {
      return flights.size;
    },
  };
}
