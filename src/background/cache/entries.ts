import type { z } from 'zod';
import { type EntryKind, envelopeSchema, type ValueKind } from './kinds';
import { RecencyIndex, type Tag } from './recency';
import type { CacheStorage } from './storage';

/** A cached value, with when it was fetched, its age and whether it is past its time to live. */
export interface Cached<T> {
  missing: false;
  value: T;
  at: number;
  age: number;
  stale: boolean;
}
/** A negative entry: the ref did not exist when last asked. `value` is there so `entry?.value` needs no narrowing. */
export interface CachedMissing {
  missing: true;
  value?: undefined;
  at: number;
  age: number;
  stale: boolean;
}
export type Lookup<T> = Cached<T> | CachedMissing;

/** One entry to write. `missing` entries carry no value. */
export type CacheWrite =
  | { key: string; kind: ValueKind; value: unknown; connectionId: string; ttl?: number }
  | { key: string; kind: 'missing'; connectionId: string; ttl?: number };

export interface EntriesSettings {
  ttl: Record<EntryKind, number>;
  maxEntries: number;
  /** Connection id → fingerprint of its settings; when set, entries of other fingerprints are never returned. */
  fingerprints: ReadonlyMap<string, string> | undefined;
}

export interface EntriesOptions extends EntriesSettings {
  storage: CacheStorage;
  version: number;
  now: () => number;
  expireAfter: number;
  indexFlushMs: number;
}

/** The stored entries and their recency index: reads, writes, eviction and removal. */
export function createEntries(options: EntriesOptions) {
  const { storage, version, now } = options;
  const current: EntriesSettings = { ...options };
  const index = new RecencyIndex(storage, version, options.indexFlushMs);
  // A read that finds an unusable entry deletes it; it must not delete a value written while it was reading.
  let reads = 0;
  const writtenDuringReads = new Set<string>();
  let warnedMalformed = false;

  // A connection that is gone has no fingerprint, so none of its entries is valid.
  const valid = (tag: Tag) => !current.fingerprints || current.fingerprints.get(tag.conn) === tag.fp;

  function decode<T>(key: string, raw: unknown, schema: z.ZodType<T>): Lookup<T> | undefined {
    const parsed = envelopeSchema.safeParse(raw);
    if (!parsed.success) return malformed(key, raw);
    const { v, kind, at, ttl, value } = parsed.data;
    const age = Math.max(0, now() - at);
    if (v !== version || !valid(parsed.data) || age > options.expireAfter) return undefined;
    const stale = age >= (ttl ?? current.ttl[kind]);
    if (kind === 'missing') return { missing: true, at, age, stale };
    const checked = schema.safeParse(value);
    if (!checked.success) return malformed(key, raw);
    return { missing: false, value: checked.data, at, age, stale };
  }

  function malformed(key: string, raw: unknown): undefined {
    if (raw !== undefined && !warnedMalformed)
      console.warn(`[liaison] [cache] dropped a malformed entry: ${key}`);
    warnedMalformed ||= raw !== undefined;
    return undefined;
  }

  async function getMany<T>(keys: readonly string[], schema: z.ZodType<T>): Promise<Map<string, Lookup<T>>> {
    await index.ready();
    const known = [...new Set(keys)].filter((key) => index.has(key)); // a key the index lacks is not stored
    const found = new Map<string, Lookup<T>>();
    if (known.length === 0) return found;
    reads++;
    const unusable: string[] = [];
    try {
      const raws = await storage.getMany(known);
      known.forEach((key, i) => {
        const entry = decode(key, raws[i], schema);
        if (entry) {
          found.set(key, entry);
          index.touch(key);
        } else if (!writtenDuringReads.has(key)) unusable.push(key);
      });
    } finally {
      if (--reads === 0) writtenDuringReads.clear();
    }
    if (unusable.length > 0) {
      index.remove(unusable);
      void storage.write([], unusable); // not awaited: the answer does not wait for housekeeping
    }
    return found;
  }

  async function setMany(writes: readonly CacheWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await index.ready();
    const at = now();
    const puts: [string, unknown][] = writes.map((w) => {
      const tag = { conn: w.connectionId, fp: current.fingerprints?.get(w.connectionId) ?? '' };
      index.touch(w.key, tag);
      if (reads > 0) writtenDuringReads.add(w.key);
      const envelope = { v: version, kind: w.kind, at, ...tag, ...(w.ttl ? { ttl: w.ttl } : {}) };
      return [w.key, 'value' in w ? { ...envelope, value: w.value } : envelope];
    });
    await storage.write(puts, index.evictOver(current.maxEntries));
  }

  /** Removes every entry whose tag matches; returns how many. */
  async function removeWhere(match: (tag: Tag) => boolean): Promise<number> {
    await index.ready();
    const keys = index.keysWhere(match);
    if (keys.length === 0) return 0;
    index.remove(keys);
    await storage.write([], keys);
    return keys.length;
  }

  return {
    getMany,
    setMany,
    removeWhere,
    async clear(): Promise<void> {
      await index.ready();
      index.clear();
      await storage.clear();
    },
    /** New settings: evicts down to a lower cap and drops entries of connections whose settings changed. */
    async configure(next: Partial<EntriesSettings>): Promise<number> {
      Object.assign(current, next);
      await index.ready();
      const victims = index.evictOver(current.maxEntries);
      if (victims.length > 0) await storage.write([], victims);
      return victims.length + (current.fingerprints ? await removeWhere((tag) => !valid(tag)) : 0);
    },
    async size(): Promise<number> {
      await index.ready();
      return index.size;
    },
    settings: (): Readonly<EntriesSettings> => current,
    flush: () => index.flush(),
  };
}

export type Entries = ReturnType<typeof createEntries>;
