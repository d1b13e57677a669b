/**
 * Conditional requests: the last ETag / Last-Modified and parsed body of a GET, per (credentials fingerprint,
 * URL, Accept), in memory only, least recently used first out. Revalidating with `If-None-Match` /
 * `If-Modified-Since` lets the server answer 304 without a body (GitHub does not count a 304 against the rate
 * limit). The key holds a SHA-256 fingerprint of the credentials, never the secret, and a body memoised for one
 * set of credentials is never offered to another.
 */

export interface Memo {
  etag?: string;
  lastModified?: string;
  /** The parsed JSON, never handed out itself: readers get a copy. */
  body: unknown;
}

/** Bodies larger than this are not memoised (characters of JSON). */
export const memoMaxBodyChars = 512 * 1024;

/**
 * A copy of a parsed body to memoise, or undefined when it cannot be copied: `structuredClone` recurses, and a
 * hostile body nested thousands deep (issue 10) overflows the stack. Such a body is answered, only not memoised.
 */
export function memoBody(json: unknown): { body: unknown } | undefined {
  try {
    return { body: structuredClone(json) };
  } catch {
    return undefined;
  }
}

export class MemoCache {
  readonly #entries = new Map<string, Memo>();
  constructor(readonly capacity: number) {}

  get(key: string): Memo | undefined {
    const memo = this.#entries.get(key);
    if (memo) {
      this.#entries.delete(key);
      this.#entries.set(key, memo);
    }
    return memo;
  }

  set(key: string, memo: Memo) {
    this.#entries.delete(key);
    this.#entries.set(key, memo);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string) {
    this.#entries.delete(key);
  }

  clear() {
    this.#entries.clear();
  }

  get size() {
    return this.#entries.size;
  }

  /** For tests: the keys, oldest first. */
  keys(): string[] {
    return [...this.#entries.keys()];
  }
}

/** Shared by every client: two clients of one connection revalidate each other's reads. */
export const memo = new MemoCache(500);

/** A SHA-256 of everything that identifies the caller (Authorization and any extra headers), hex. */
export async function fingerprintOf(credentials: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(credentials));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const memoKey = (fingerprint: string, url: string, accept: string | null) =>
  `${fingerprint} GET ${url} ${accept ?? ''}`;

/** The validators a response offers for revalidation, if any (and if it may be kept at all). */
export function validatorsOf(headers: Headers): Pick<Memo, 'etag' | 'lastModified'> | undefined {
  if (/\bno-store\b/i.test(headers.get('cache-control') ?? '')) return undefined;
  const etag = headers.get('etag') ?? undefined;
  const lastModified = headers.get('last-modified') ?? undefined;
  if (!etag && !lastModified) return undefined;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}
