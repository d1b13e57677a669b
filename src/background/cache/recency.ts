import { z } from 'zod';
import { envelopeSchema } from './kinds';
import type { CacheStorage } from './storage';

/** The index lives under a number, so it never collides with an entry's key (always a string). */
export const INDEX_KEY = 0;

const savedIndexSchema = z.object({
  v: z.number(),
  order: z.array(z.tuple([z.string(), z.string(), z.string()])),
});

/** Whose an entry is: its connection id and the fingerprint of that connection's settings when written. */
export interface Tag {
  conn: string;
  fp: string;
}

/**
 * Which keys the cache holds, least recently used first, each with its tag. It lives in memory (a Map keeps
 * insertion order, so a touch is a delete and a re-insert) and is saved as one value, at most once per `flushMs`
 * however many reads and writes happen, never on every write. Loaded lazily on first use and reconciled with the
 * store's keys: an index lost with a killed worker heals (entries it missed are read once and count as
 * the most recent),
 * so the size cap holds and every entry stays reachable by connection.
 */
export class RecencyIndex {
  private readonly order = new Map<string, Tag>();
  private readonly storage: CacheStorage;
  private readonly version: number;
  private readonly flushMs: number;
  private loading: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;

  constructor(storage: CacheStorage, version: number, flushMs: number) {
    this.storage = storage;
    this.version = version;
    this.flushMs = flushMs;
  }

  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  get size(): number {
    return this.order.size;
  }

  has(key: string): boolean {
    return this.order.has(key);
  }

  /** Marks a key as just used (read or written). */
  touch(key: string, tag?: Tag): void {
    const current = tag ?? this.order.get(key);
    if (!current) return;
    this.order.delete(key);
    this.order.set(key, current);
    this.changed();
  }

  remove(keys: Iterable<string>): void {
    let removed = false;
    for (const key of keys) removed = this.order.delete(key) || removed;
    if (removed) this.changed();
  }

  /** Keys whose tag matches. */
  keysWhere(match: (tag: Tag) => boolean): string[] {
    return [...this.order].flatMap(([key, tag]) => (match(tag) ? [key] : []));
  }

  /**
   * Over the cap, takes the least recently used keys out of the index and returns them for deletion. It evicts
   * 5% below the cap at once, so a cache at its cap evicts once per that many writes, not on every write.
   */
  evictOver(maxEntries: number): string[] {
    if (this.order.size <= maxEntries) return [];
    const count = this.order.size - maxEntries + Math.floor(maxEntries * 0.05);
    const victims: string[] = [];
    for (const key of this.order.keys()) {
      if (victims.length >= count) break;
      victims.push(key);
    }
    this.remove(victims);
    return victims;
  }

  clear(): void {
    this.order.clear();
    this.changed();
  }

  /** Saves the index now if it changed (tests; before the worker may be stopped). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    const order = [...this.order].map(([key, { conn, fp }]) => [key, conn, fp]);
    await this.storage.write([[INDEX_KEY, { v: this.version, order }]]);
  }

  private changed(): void {
    this.dirty = true;
    if (this.timer !== undefined || !Number.isFinite(this.flushMs)) return;
    this.timer = setTimeout(() => void this.flush(), this.flushMs);
  }

  private async load(): Promise<void> {
    const [raw] = await this.storage.getMany([INDEX_KEY]);
    const saved = savedIndexSchema.safeParse(raw);
    if (saved.success && saved.data.v !== this.version) {
      await this.storage.clear(); // an upgrade (or a downgrade) drops every entry of the other version at once
      this.changed();
      return;
    }
    const listed = saved.success ? saved.data.order : [];
    const stored = new Set((await this.storage.keys()).filter((k): k is string => typeof k === 'string'));
    const known = new Set(listed.map(([key]) => key));
    const unlisted = [...stored].filter((key) => !known.has(key));
    const envelopes = unlisted.length > 0 ? await this.storage.getMany(unlisted) : [];
    const healed: [string, Tag, number][] = [];
    const junk: string[] = [];
    unlisted.forEach((key, i) => {
      const parsed = envelopeSchema.safeParse(envelopes[i]);
      if (parsed.success && parsed.data.v === this.version) {
        healed.push([key, { conn: parsed.data.conn, fp: parsed.data.fp }, parsed.data.at]);
      } else junk.push(key);
    });
    for (const [key, conn, fp] of listed) if (stored.has(key)) this.order.set(key, { conn, fp });
    // Written after the last save, so more recent than what it lists.
    for (const [key, tag] of healed.sort((a, b) => a[2] - b[2])) this.order.set(key, tag);
    if (junk.length > 0) await this.storage.write([], junk);
    if (unlisted.length > 0 || this.order.size !== listed.length) this.changed();
  }
}
