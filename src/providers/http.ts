import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import type { z } from 'zod';
import type { Auth, System } from '../core/settings';
import { failureFor, pathText, redactor, SourceFailure, schemaFailure, vendorMessages } from './errors';
import { fingerprintOf, type Memo, memo, memoBody, memoMaxBodyChars, validatorsOf } from './http-memo';
import { type Clock, forgetRateLimits, rateLimitVerdict, systemClock } from './http-rate-limit';
import { attemptTransport, type Exchange, retryPolicy, type TransportSettings } from './http-transport';

export type { Clock, RateLimitState } from './http-rate-limit';
export { rateLimitedUntil, rateLimitState } from './http-rate-limit';

/**
 * The one HTTP client every provider uses. Cross-cutting concerns live here once, never copied in providers:
 * - auth per connection (never the browser's cookies);
 * - at most `maxConcurrent` requests in flight per host, FIFO, shared by every client of the host
 *   (http-concurrency.ts);
 * - remembered rate-limit state per host: a 429, GitHub's 403 secondary limit, or a spent quota on any answer
 *   makes later requests to the host wait (up to `maxWaitMs`) or fail fast as `rate-limited` with `retryAt`
 *   (http-rate-limit.ts);
 * - conditional GETs: ETag / Last-Modified memo per credentials and URL, a 304 answers from it (http-memo.ts);
 * - retries only for reads (GET, and reads sent as POST: GraphQL, JQL search, bulkfetch) and idempotent writes
 *   (`idempotent`: Jira's remote-link upsert), never for other writes;
 * - a timeout per attempt and a total budget per request (queueing, waits and retries included);
 * - typed failures with a sentence for people and every vendor message (errors.ts).
 *
 * Each attempt goes through http-transport.ts (ky's `fetch`): wait for the host's turn, take a slot, send with
 * the attempt timeout, record what the answer says about rate limits, give the slot back.
 */

export interface HttpOptions {
  system: System;
  /** API root, e.g. https://api.github.com or https://acme.atlassian.net */
  baseUrl: string;
  auth: Auth;
  /** Injected by tests and the replica; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per attempt. Default 15 s. */
  timeoutMs?: number;
  /** Per request, all attempts, waits and queueing included: a panel never waits longer for one call. Default 30 s. */
  totalTimeoutMs?: number;
  /** Retries for reads. Default 2. */
  retries?: number;
  /** A rate-limit wait longer than this fails the request as rate limited instead of waiting. Default 10 s. */
  maxWaitMs?: number;
  /** Requests in flight to this host at once (shared with every other client of the host). Default 4. */
  maxConcurrent?: number;
  /** Revalidate GETs with ETag / Last-Modified and answer 304s from memory. Default true. */
  conditional?: boolean;
  /** Injected by tests: the time used for rate-limit decisions and waits. */
  clock?: Clock;
  headers?: Record<string, string>;
}

export interface RequestOptions {
  searchParams?: Record<string, string | number>;
  /** A POST that only reads (GraphQL query, JQL search, bulkfetch) is retried like a GET. */
  read?: boolean;
  /**
   * A write the server applies at most once however often it is sent (Jira's remote-link upsert on `globalId`, a
   * request carrying an idempotency key): retried like a read. Every other write is sent once, never retried.
   */
  idempotent?: boolean;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /**
   * Told the status and headers of the answer the request ended with (after retries), a refusal's too: what a
   * body does not say (GitHub's `X-OAuth-Scopes`, `X-Accepted-GitHub-Permissions`; 201 created vs 200 updated).
   */
  onHeaders?(headers: Headers, status: number): void;
}

export interface HttpClient {
  readonly host: string;
  get<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    options?: RequestOptions,
  ): Promise<z.output<S>>;
  /** Writes (issue 14): sent once unless `idempotent`; never answered from the memo. */
  put<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    options?: RequestOptions,
  ): Promise<z.output<S>>;
  patch<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    options?: RequestOptions,
  ): Promise<z.output<S>>;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch';

export const authorizationHeader = (auth: Auth): string =>
  auth.type === 'token' ? `Bearer ${auth.token}` : `Basic ${base64(`${auth.username}:${auth.password}`)}`;

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The reason a request's total budget aborts it with. */
class BudgetSpent extends Error {}

export function createHttpClient(options: HttpOptions): HttpClient {
  const { system } = options;
  const host = new URL(options.baseUrl).host;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const clock = options.clock ?? systemClock;
  const authorization = authorizationHeader(options.auth);
  const extraHeaders = options.headers ?? {};
  let fingerprint: Promise<string> | undefined;
  const settings: TransportSettings = {
    system,
    host,
    clock,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 15_000,
    maxWaitMs: options.maxWaitMs ?? 10_000,
    maxConcurrent: options.maxConcurrent ?? 4,
    retries: options.retries ?? 2,
    conditional: options.conditional ?? true,
    fingerprint: () => {
      fingerprint ??= fingerprintOf(`${authorization}\n${JSON.stringify(extraHeaders)}`);
      return fingerprint;
    },
  };
  // What must never reach the UI: the secrets, raw and as sent, and any secret-looking extra header.
  const clean = redactor([
    ...(options.auth.type === 'token'
      ? [options.auth.token]
      : [options.auth.password, base64(`${options.auth.username}:${options.auth.password}`)]),
    ...Object.entries(extraHeaders).flatMap(([name, value]) =>
      /auth|token|key|secret|cookie/i.test(name) ? [value] : [],
    ),
  ]);

  const api: KyInstance = ky.create({
    prefixUrl: options.baseUrl,
    timeout: false, // per attempt, in the transport
    credentials: 'omit', // never the browser's cookies: each request carries exactly this connection's credentials
    // Never follow a redirect with the credentials: browsers drop Authorization on a cross-origin hop (Fetch
    // standard, whatwg/fetch#1544, 2022), but the answer would still come from a host nobody configured.
    // The transport turns the unfollowed redirect into a failure naming the fix.
    redirect: 'manual',
    throwHttpErrors: (status) => status !== 304, // a 304 answers from the memo
    headers: { Accept: 'application/json', Authorization: authorization, ...extraHeaders },
  });

  async function send<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    body: unknown,
    schema: S,
    request: RequestOptions = {},
  ): Promise<z.output<S>> {
    const exchange: Exchange = { deadline: clock.now() + totalTimeoutMs };
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(new BudgetSpent()), totalTimeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, budget.signal]) : budget.signal;
    let json: unknown;
    let fresh: Memo | undefined;
    try {
      const response = await api(path.replace(/^\//, ''), {
        method,
        ...(body === undefined ? {} : { json: body }),
        ...(request.searchParams ? { searchParams: request.searchParams } : {}),
        ...(request.headers ? { headers: request.headers } : {}),
        signal,
        fetch: attemptTransport(settings, exchange),
        retry: retryPolicy(settings, method, request.read === true || request.idempotent === true, exchange),
      });
      request.onHeaders?.(response.headers, response.status);
      if (response.status === 304) {
        const entry = exchange.memo?.entry;
        if (!entry) throw failureFor(system, host, 304);
        json = structuredClone(entry.body);
      } else {
        const text = await response.text();
        try {
          json = JSON.parse(text);
        } catch {
          throw schemaFailure(system, host, 'response', '', 'the body is not JSON');
        }
        const validators =
          exchange.memo && response.status === 200 ? validatorsOf(response.headers) : undefined;
        const copy = validators && text.length <= memoMaxBodyChars ? memoBody(json) : undefined;
        if (validators && copy) fresh = { ...validators, ...copy };
        else if (exchange.memo?.entry) memo.delete(exchange.memo.key);
      }
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason ?? error; // the caller gave up: not a failure
      if (budget.signal.aborted) throw failureFor(system, host, 'timeout');
      if (error instanceof HTTPError) request.onHeaders?.(error.response.headers, error.response.status);
      throw await toFailure(error, exchange);
    } finally {
      clearTimeout(timer);
    }
    const parsed = parseAnswer(schema, json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw schemaFailure(system, host, 'response', pathText(issue?.path ?? []), issue?.message ?? 'invalid');
    }
    if (fresh && exchange.memo) memo.set(exchange.memo.key, fresh);
    return parsed.data;
  }

  async function toFailure(error: unknown, exchange: Exchange): Promise<SourceFailure> {
    if (error instanceof SourceFailure) return error;
    if (error instanceof TimeoutError) return failureFor(system, host, 'timeout');
    if (error instanceof HTTPError) {
      const { status, headers } = error.response;
      const text = await error.response
        .clone()
        .text()
        .catch(() => '');
      const messages = vendorMessages(text, clean);
      const verdict = exchange.verdict ?? rateLimitVerdict(status, headers, text, clock.now());
      if (verdict?.refused) return failureFor(system, host, 429, verdict.until, messages);
      return failureFor(system, host, status, undefined, messages);
    }
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return failureFor(system, host, 'offline');
  }

  return {
    host,
    get: (path, schema, request) => send('get', path, undefined, schema, request),
    post: (path, body, schema, request) => send('post', path, body, schema, request),
    put: (path, body, schema, request) => send('put', path, body, schema, request),
    patch: (path, body, schema, request) => send('patch', path, body, schema, request),
  };
}

/**
 * The answer checked against its schema. Lists of items are checked one item at a time (items.ts), so a throw
 * here (a RangeError from an envelope nested too deep) is the answer's as a whole: a schema failure, not an
 * "Unexpected error".
 */
function parseAnswer<S extends z.ZodType>(schema: S, json: unknown) {
  try {
    return schema.safeParse(json);
  } catch {
    return { success: false as const, error: { issues: [{ path: [], message: 'nested too deep to read' }] } };
  }
}

/** For tests: forget remembered rate limits and memoised bodies. */
export function resetHttpState() {
  forgetRateLimits();
  memo.clear();
}

/** For tests (older name): forgets remembered rate limits and memoised bodies. */
export const resetRateLimitState = resetHttpState;
