import { z } from 'zod';
import { customerKinds, type Item } from '../../core/model';
import type { Connection, Settings } from '../../core/settings';
import { fingerprintOf } from '../../providers/http-memo';

/** What a cache entry holds. The kind decides its time to live; `missing` records a ref that does not exist. */
export const entryKindSchema = z.enum([
  'ticket',
  'bug',
  'missing',
  'links',
  'search',
  'release',
  'discovery',
]);
export type EntryKind = z.infer<typeof entryKindSchema>;
/** Kinds that carry a value (everything but `missing`). */
export type ValueKind = Exclude<EntryKind, 'missing'>;

/** Bump when the shape of any cached value changes: entries of another version are never returned. */
export const CACHE_SCHEMA_VERSION = 1;
export const DEFAULT_TTL_MINUTES = 5;
export const DEFAULT_MAX_ENTRIES = 5000;

/**
 * Times to live as multiples of `settings.cache.ttlMinutes` (default 5), so the one setting scales them all.
 * With the default base: ticket 2 min, bug 5 min, missing 5 min, links 5 min, search 2 min, release 30 min,
 * discovery 1 h.
 */
const ttlFactors: Record<EntryKind, number> = {
  ticket: 0.4, // customer tickets (incident, problem, request, Zendesk ticket) move by the minute: state, SLA
  bug: 1, // Jira issues, GitHub issues and pull requests, changes, tasks, knowledge
  missing: 1, // a ref that does not exist is not asked again for a while
  links: 1, // what an item links to (remote links, configured fields)
  search: 0.4, // reverse searches ("incidents that mention SHOP-101"): a new incident should show up soon
  release: 6, // releases and fix versions rarely change once published
  discovery: 12, // Jira project keys, for the reference grammar
};

/** Time to live of each kind in milliseconds, from a base in minutes. */
export function defaultTtl(baseMinutes = DEFAULT_TTL_MINUTES): Record<EntryKind, number> {
  const ttl = {} as Record<EntryKind, number>;
  for (const kind of entryKindSchema.options) ttl[kind] = Math.round(ttlFactors[kind] * baseMinutes * 60_000);
  return ttl;
}

/** The cache options a user's settings imply (`settings.cache`, DESIGN.md contract 2). */
export function cacheOptionsFrom(cache: Settings['cache']): {
  ttl: Record<EntryKind, number>;
  maxEntries: number;
} {
  return { ttl: defaultTtl(cache.ttlMinutes), maxEntries: cache.maxEntries };
}

/** The entry kind of an item: customer tickets live shorter than the bugs and pull requests they wait on. */
export const itemEntryKind = (item: Pick<Item, 'kind'>): 'ticket' | 'bug' =>
  customerKinds.has(item.kind) ? 'ticket' : 'bug';

/**
 * A short hash of what a connection answers for: its settings and who it signs in as, the credential included
 * as a SHA-256 (the secret itself never enters it, nor the stored entries). Entries are tagged with it, and an
 * entry whose connection has since changed (another host, flavor, username, token) is never returned, even by a
 * worker that restarted and so never saw the old settings. `extra` folds in settings outside the connection that
 * shape its answers (e.g. `settings.servicenow`).
 */
export async function connectionFingerprint(connection: Connection, extra?: unknown): Promise<string> {
  const { auth, label: _label, ...rest } = connection;
  const secret = auth.type === 'token' ? auth.token : `${auth.username}:${auth.password}`;
  const who = {
    type: auth.type,
    username: auth.type === 'basic' ? auth.username : undefined,
    credential: await fingerprintOf(secret),
  };
  return cyrb53(stableJson([rest, who, extra ?? null]));
}

/** What is stored under an entry's key. Short field names: thousands of these live in IndexedDB. */
export const envelopeSchema = z.object({
  /** Schema version it was written under. */
  v: z.number(),
  kind: entryKindSchema,
  /** When it was fetched (ms since the epoch, from the cache's clock). */
  at: z.number(),
  /** Connection id and the fingerprint of its settings when written ('' when none was configured). */
  conn: z.string(),
  fp: z.string(),
  /** A time to live set for this entry alone, overriding its kind's. */
  ttl: z.number().positive().optional(),
  value: z.unknown().optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** cyrb53 (public domain): a fast 53-bit string hash; collisions only cost a needless cache miss. */
function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
