import type { System } from '../core/settings';
import { systemOf } from '../systems/index';

/**
 * Remembered rate-limit state per host, shared by every HTTP client (http.ts). What each vendor sends
 * (reference/README.md API-FACTS, reference/github/rate-limit-headers.md):
 * - GitHub: `x-ratelimit-remaining` / `-reset` (UTC epoch seconds) on every response, per quota bucket
 *   (`x-ratelimit-resource`: core, search, graphql…); secondary limits are a 403 or 429 with `retry-after`, or
 *   with remaining 0, or only a message, and then the advice is to wait at least a minute.
 * - Jira Cloud: 429 + `Retry-After` (seconds) + `X-RateLimit-Reset` (ISO 8601, `yyyy-MM-ddTHH:mmZ`).
 * - ServiceNow: 429 + `Retry-After` + `X-RateLimit-Reset` (Unix time).
 * - Zendesk: `X-Rate-Limit-Remaining` per minute (list endpoints add `ratelimit-reset`, seconds from now);
 *   429 + `Retry-After`.
 */

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** When a limit says "wait" without saying how long: GitHub's advice for secondary limits, Zendesk's window. */
const defaultWaitMs = 60_000;
/** No window is longer than an hour (GitHub's primary limit): a garbage or skewed header cannot block for longer. */
const longestWaitMs = 60 * 60_000;
/** The scope of a block that holds back every request to the host. */
const wholeHost = '*';

/**
 * The quota bucket a request counts against, so that a spent bucket holds back only its own requests: GitHub's
 * search allows 30 requests a minute, and spending it must not stop the GraphQL and REST reads (each system's
 * backend `quotaBucket`). Other systems have one bucket per host.
 */
export function bucketOf(system: System, url: URL): string {
  return systemOf(system)?.backend.quotaBucket?.(url) ?? wholeHost;
}

const firstHeader = (headers: Headers, ...names: string[]) => {
  for (const name of names) {
    const value = headers.get(name)?.trim();
    if (value) return value;
  }
  return undefined;
};

/**
 * A reset instant in any of the vendors' forms: epoch milliseconds, epoch seconds (GitHub, ServiceNow),
 * seconds from now (IETF `ratelimit-reset`, Zendesk), or a date (ISO 8601 from Jira, or an HTTP date).
 */
export function parseInstant(value: string, now: number): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(value)) {
    const n = Number(value);
    if (n > 1e12) return n;
    if (n > 1e9) return n * 1000;
    return now + n * 1000;
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/** `Retry-After`: always seconds from now, or an HTTP date. */
function retryAfterOf(headers: Headers, now: number): number | undefined {
  const value = firstHeader(headers, 'retry-after');
  if (!value) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value)) return now + Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

export interface Quota {
  limit?: number;
  remaining?: number;
  resetAt?: number;
}

const count = (value: string | undefined) => {
  const n = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : n;
};

/** The quota a response reports, under any of the header spellings the four systems use. */
export function quotaOf(headers: Headers, now: number): Quota {
  const limit = count(
    firstHeader(headers, 'x-ratelimit-limit', 'x-rate-limit', 'x-rate-limit-limit', 'ratelimit-limit'),
  );
  const remaining = count(
    firstHeader(headers, 'x-ratelimit-remaining', 'x-rate-limit-remaining', 'ratelimit-remaining'),
  );
  const reset = firstHeader(headers, 'x-ratelimit-reset', 'x-rate-limit-reset', 'ratelimit-reset');
  const resetAt = reset === undefined ? undefined : parseInstant(reset, now);
  return {
    ...(limit === undefined ? {} : { limit }),
    ...(remaining === undefined ? {} : { remaining }),
    ...(resetAt === undefined ? {} : { resetAt }),
  };
}

/** When a response says the quota is spent: Retry-After, or remaining 0 with a reset. */
export function rateLimitedUntil(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = retryAfterOf(headers, now);
  if (retryAfter !== undefined) return retryAfter;
  const quota = quotaOf(headers, now);
  return quota.remaining === 0 ? quota.resetAt : undefined;
}

export interface Verdict {
  /** Requests wait (or fail fast) until then. */
  until: number;
  /** The whole host (a 429, a secondary limit), or only the request's bucket (a spent primary quota). */
  scope: 'host' | 'bucket';
  /** This response is itself a refusal (429, GitHub's 403 rate limits), not an answer that spent the quota. */
  refused: boolean;
}

const mentionsRateLimit = (body: string | undefined) => !!body && /rate[ -]?limit/i.test(body);

/**
 * What a response says about waiting. A 403 is a rate limit only with `retry-after`, with remaining 0, or with
 * a message saying so (GitHub's secondary limit); any other 403 is a real "forbidden".
 */
export function rateLimitVerdict(
  status: number,
  headers: Headers,
  body: string | undefined,
  now: number,
): Verdict | undefined {
  const retryAfter = retryAfterOf(headers, now);
  const quota = quotaOf(headers, now);
  const spent = quota.remaining === 0;
  const cap = (until: number) => Math.min(until, now + longestWaitMs);
  const refused =
    status === 429 || (status === 403 && (retryAfter !== undefined || spent || mentionsRateLimit(body)));
  if (refused) {
    const until = retryAfter ?? quota.resetAt ?? now + defaultWaitMs;
    return { until: cap(until), scope: retryAfter === undefined && spent ? 'bucket' : 'host', refused };
  }
  if (spent) {
    // Any other answer (a 200, a 304, a 404) that spent the last request of the window.
    return { until: cap(quota.resetAt ?? now + defaultWaitMs), scope: 'bucket', refused: false };
  }
  return undefined;
}

interface HostRecord {
  /** Scope (`*` or a bucket) → blocked until. */
  blocks: Map<string, number>;
  quota?: Quota & { bucket: string };
}

const hosts = new Map<string, HostRecord>();

const recordOf = (host: string) => {
  let record = hosts.get(host);
  if (!record) {
    record = { blocks: new Map() };
    hosts.set(host, record);
  }
  return record;
};

/** Remembers what one response said (every attempt, every status, 304 included). */
export function observe(
  host: string,
  bucket: string,
  headers: Headers,
  verdict: Verdict | undefined,
  now: number,
) {
  const quota = quotaOf(headers, now);
  if (quota.remaining !== undefined || verdict) {
    const record = recordOf(host);
    if (quota.remaining !== undefined) record.quota = { ...quota, bucket };
    if (verdict && verdict.until > now) {
      const scope = verdict.scope === 'host' ? wholeHost : bucket;
      record.blocks.set(scope, Math.max(record.blocks.get(scope) ?? 0, verdict.until));
    }
  }
}

/** Until when a request to this host and bucket must wait, if it must. */
export function blockedUntil(host: string, bucket: string, now: number): number | undefined {
  const blocks = hosts.get(host)?.blocks;
  if (!blocks) return undefined;
  const until = Math.max(blocks.get(wholeHost) ?? 0, blocks.get(bucket) ?? 0);
  return until > now ? until : undefined;
}

export interface RateLimitState {
  host: string;
  /** Requests wait or fail fast until then (epoch ms): "throttled until 14:05". Absent when not throttled. */
  throttledUntil?: number;
  /** Set when only one quota bucket is throttled (GitHub `search`): other requests to the host still go. */
  bucket?: string;
  /** The last quota the host reported, and for which bucket. */
  quota?: Quota & { bucket: string };
}

/** For the UI: is this host throttled, until when, and what quota it last reported. */
export function rateLimitState(host: string, now = Date.now()): RateLimitState | undefined {
  const record = hosts.get(host);
  if (!record) return undefined;
  const active = [...record.blocks].filter(([, until]) => until > now);
  const whole = active.find(([scope]) => scope === wholeHost);
  const longest = whole ?? active.sort((a, b) => b[1] - a[1])[0];
  return {
    host,
    ...(longest ? { throttledUntil: longest[1] } : {}),
    ...(longest && longest[0] !== wholeHost ? { bucket: longest[0] } : {}),
    ...(record.quota ? { quota: record.quota } : {}),
  };
}

/**
 * Waits while the host (or this request's bucket) is throttled, when the wait is short enough; otherwise
 * throws `tooLong(until)` at once, so a source that is limited for minutes fails fast instead of hanging.
 */
export async function waitForTurn(
  host: string,
  bucket: string,
  options: { clock: Clock; maxWaitMs: number; deadline: number; signal?: AbortSignal },
  tooLong: (until: number) => Error,
): Promise<void> {
  const { clock, maxWaitMs, deadline, signal } = options;
  for (;;) {
    const now = clock.now();
    const until = blockedUntil(host, bucket, now);
    if (until === undefined) return;
    if (until - now > maxWaitMs || until > deadline) throw tooLong(until);
    await clock.sleep(until - now, signal);
  }
}

export const forgetRateLimits = () => hosts.clear();
