import { HTTPError, type RetryOptions, TimeoutError } from 'ky';
import type { System } from '../core/settings';
import { failureFor, redirectFailure, SourceFailure } from './errors';
import { acquireSlot } from './http-concurrency';
import { type Memo, memo, memoKey } from './http-memo';
import {
  blockedUntil,
  bucketOf,
  type Clock,
  observe,
  rateLimitVerdict,
  type Verdict,
  waitForTurn,
} from './http-rate-limit';

/**
 * One attempt of a request, as ky's `fetch`: wait for the host's turn (remembered rate limits), take a slot
 * (per-host concurrency), add the memo's validators to a GET, send with the attempt timeout, record what the
 * answer says about rate limits, give the slot back, on every outcome. And the retry policy that reads what the
 * attempt recorded.
 */

export interface TransportSettings {
  system: System;
  host: string;
  clock: Clock;
  fetch: typeof fetch;
  timeoutMs: number;
  maxWaitMs: number;
  maxConcurrent: number;
  retries: number;
  conditional: boolean;
  /** SHA-256 of the credentials, for memo keys. */
  fingerprint: () => Promise<string>;
}

/** What one request's attempts share with its retry policy and with `send`. */
export interface Exchange {
  /** What the last answer said about rate limits. */
  verdict?: Verdict;
  /** The memo revalidated by the last attempt (a 304 answers from it). */
  memo?: { key: string; entry: Memo | undefined };
  /** Latest instant (clock time) a rate-limit wait may end: the request's total budget. */
  deadline: number;
}

export function attemptTransport(settings: TransportSettings, exchange: Exchange): typeof fetch {
  const { system, host, clock, maxWaitMs, timeoutMs } = settings;
  const rateLimited = (until: number) => failureFor(system, host, 429, until);

  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const signal = request.signal;
    const bucket = bucketOf(system, new URL(request.url));
    const conditional = settings.conditional && request.method === 'GET';
    const key = conditional
      ? memoKey(await settings.fingerprint(), request.url, request.headers.get('accept'))
      : '';
    exchange.verdict = undefined;
    exchange.memo = undefined;
    const turn = { clock, maxWaitMs, deadline: exchange.deadline, signal };
    let release: () => void;
    for (;;) {
      await waitForTurn(host, bucket, turn, rateLimited);
      release = await acquireSlot(host, settings.maxConcurrent, signal);
      // Someone else may have been told to wait while this request queued.
      if (blockedUntil(host, bucket, clock.now()) === undefined) break;
      release();
    }
    // The attempt timeout starts once the request has its slot: queueing is not the server's time.
    const attempt = new AbortController();
    const timer = setTimeout(() => attempt.abort(new TimeoutError(request)), timeoutMs);
    const both = AbortSignal.any([signal, attempt.signal]);
    try {
      const headers = new Headers(request.headers);
      if (conditional) {
        const entry = memo.get(key);
        exchange.memo = { key, entry };
        if (entry?.etag && !headers.has('if-none-match')) headers.set('If-None-Match', entry.etag);
        if (entry?.lastModified && !headers.has('if-modified-since'))
          headers.set('If-Modified-Since', entry.lastModified);
      }
      const response = await raced(
        settings.fetch,
        new Request(request, { headers, signal: both }),
        init,
        both,
      );
      if (isRedirect(response)) {
        void response.body?.cancel().catch(() => undefined);
        throw redirectFailure(system, host, response.status || undefined, targetHost(response, request.url));
      }
      const body = response.status === 403 ? await response.clone().text() : undefined;
      exchange.verdict = rateLimitVerdict(response.status, response.headers, body, clock.now());
      observe(host, bucket, response.headers, exchange.verdict, clock.now());
      return response;
    } catch (error) {
      if (attempt.signal.aborted && !signal.aborted) throw new TimeoutError(request);
      throw error;
    } finally {
      clearTimeout(timer);
      release();
    }
  };
}

/**
 * A redirect not followed (`redirect: 'manual'`, set by http.ts): in a browser an opaque redirect (type
 * `opaqueredirect`, status 0), in Node the 3xx itself. A 304 is an answer, not a redirect.
 */
const isRedirect = (response: Response): boolean =>
  response.type === 'opaqueredirect' ||
  (response.status >= 300 && response.status < 400 && response.status !== 304);

/** The host a redirect points to, when it can be read (never in a browser: the Location is opaque there). */
function targetHost(response: Response, from: string): string | undefined {
  const location = response.headers.get('location');
  if (!location) return undefined;
  try {
    return new URL(location, from).host;
  } catch {
    return undefined;
  }
}

/** The fetch, raced with its signal: a fetch that ignores its signal still gives its slot back on abort. */
function raced(
  base: typeof fetch,
  request: Request,
  init: RequestInit | undefined,
  signal: AbortSignal,
): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal.removeEventListener('abort', onAbort);
    base(request, init).then(
      (response) => {
        settle();
        resolve(response);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
  });
}

/**
 * Reads (GET, and POSTs marked `read`) and writes marked idempotent (`repeatable`) are retried; other writes never. A rate-limit refusal is retried only when
 * its wait is within `maxWaitMs` and the budget (the next attempt waits the rest of it in `waitForTurn`); a
 * 403 that is not a rate limit is a real "forbidden" and is not retried.
 */
export function retryPolicy(
  settings: TransportSettings,
  method: 'get' | 'post' | 'put' | 'patch',
  repeatable: boolean,
  exchange: Exchange,
): RetryOptions {
  const { clock, maxWaitMs } = settings;
  return {
    limit: settings.retries,
    methods: method === 'get' ? ['get'] : repeatable ? [method] : [],
    statusCodes: [403, 408, 429, 500, 502, 503, 504],
    afterStatusCodes: [503],
    maxRetryAfter: maxWaitMs,
    backoffLimit: 4_000,
    shouldRetry: ({ error }) => {
      if (error instanceof SourceFailure) return false; // from the transport: already final
      if (!(error instanceof HTTPError)) return undefined;
      const verdict = exchange.verdict;
      if (!verdict?.refused) return error.response.status === 403 ? false : undefined;
      return verdict.until - clock.now() <= maxWaitMs && verdict.until <= exchange.deadline;
    },
  };
}
