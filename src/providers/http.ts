import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import type { z } from 'zod';
import type { Auth, System } from '../core/settings';
import { failureFor, SourceFailure, schemaFailure } from './errors';

/**
 * The one HTTP client every provider uses. Cross-cutting concerns are hooks here, never copies in providers:
 * auth per connection, timeouts, retries only for reads (GET, and reads sent as POST: GraphQL, JQL search),
 * backoff honouring Retry-After / X-RateLimit-Reset (ky reads both), remembered rate-limit state per host,
 * and typed failures with a sentence for people.
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
  /** Retries for reads. Default 2. */
  retries?: number;
  /** A Retry-After longer than this fails the request as rate limited instead of waiting. Default 10 s. */
  maxWaitMs?: number;
  headers?: Record<string, string>;
}

export interface RequestOptions {
  searchParams?: Record<string, string | number>;
  /** A POST that only reads (GraphQL query, JQL search) is retried like a GET. */
  read?: boolean;
  signal?: AbortSignal;
  headers?: Record<string, string>;
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
}

/** Hosts that told us to wait: later requests fail fast instead of hammering (shared by every client). */
const blockedUntil = new Map<string, number>();

export const authorizationHeader = (auth: Auth): string =>
  auth.type === 'token' ? `Bearer ${auth.token}` : `Basic ${base64(`${auth.username}:${auth.password}`)}`;

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** When a response says the quota is spent: Retry-After seconds, or x-ratelimit-reset epoch seconds. */
export function rateLimitedUntil(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    return Number.isNaN(seconds) ? Date.parse(retryAfter) || undefined : now + seconds * 1000;
  }
  const remaining = headers.get('x-ratelimit-remaining') ?? headers.get('x-rate-limit-remaining');
  const reset = headers.get('x-ratelimit-reset') ?? headers.get('x-rate-limit-reset');
  if (remaining === '0' && reset) {
    const value = Number(reset);
    if (!Number.isNaN(value)) return value > 1e12 ? value : value * 1000;
    return Date.parse(reset) || undefined;
  }
  return undefined;
}

export function createHttpClient(options: HttpOptions): HttpClient {
  const { system } = options;
  const host = new URL(options.baseUrl).host;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const api: KyInstance = ky.create({
    prefixUrl: options.baseUrl,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeout: options.timeoutMs ?? 15_000,
    credentials: 'omit', // never the browser's cookies: each request carries exactly this connection's credentials
    headers: {
      Accept: 'application/json',
      Authorization: authorizationHeader(options.auth),
      ...options.headers,
    },
    retry: {
      limit: options.retries ?? 2,
      methods: ['get', 'head'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: maxWaitMs,
      backoffLimit: 4_000,
      shouldRetry: ({ error }) => {
        if (error instanceof SourceFailure) return false; // thrown by our own hooks: already final
        if (error instanceof HTTPError) {
          const until = rateLimitedUntil(error.response.headers);
          if (until && until - Date.now() > maxWaitMs) return false;
        }
        return undefined;
      },
    },
    hooks: {
      beforeRequest: [
        () => {
          const until = blockedUntil.get(host);
          if (until && until > Date.now()) throw failureFor(system, host, 429, until);
        },
      ],
      afterResponse: [
        (_request, _options, response) => {
          const until = rateLimitedUntil(response.headers);
          const spent = response.status === 429 || (response.status === 403 && until !== undefined);
          if (spent && until) blockedUntil.set(host, until);
        },
      ],
    },
  });

  async function send<S extends z.ZodType>(
    method: 'get' | 'post',
    path: string,
    body: unknown,
    schema: S,
    request: RequestOptions = {},
  ): Promise<z.output<S>> {
    let text: string;
    try {
      const response = await api(path.replace(/^\//, ''), {
        method,
        ...(body === undefined ? {} : { json: body }),
        ...(request.searchParams ? { searchParams: request.searchParams } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.headers ? { headers: request.headers } : {}),
        ...(method === 'post' && request.read ? { retry: { methods: ['post'] } } : {}),
      });
      text = await response.text();
    } catch (error) {
      throw await toFailure(error);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw schemaFailure(system, host, 'response', '', 'the body is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw schemaFailure(system, host, 'response', issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
    }
    return parsed.data;
  }

  async function toFailure(error: unknown): Promise<SourceFailure> {
    if (error instanceof SourceFailure) return error;
    if (error instanceof TimeoutError) return failureFor(system, host, 'timeout');
    if (error instanceof HTTPError) {
      const { status, headers } = error.response;
      const until = rateLimitedUntil(headers);
      const rateLimited = status === 429 || (status === 403 && until !== undefined);
      const detail = await error.response
        .clone()
        .text()
        .then((t) => vendorMessage(t))
        .catch(() => undefined);
      return failureFor(system, host, rateLimited ? 429 : status, until, detail);
    }
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return failureFor(system, host, 'offline');
  }

  return {
    host,
    get: (path, schema, request) => send('get', path, undefined, schema, request),
    post: (path, body, schema, request) => send('post', path, body, schema, request),
  };
}

/** The vendor's own error sentence, from any of the four error shapes, cut short and never markup. */
function vendorMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const candidates = [
      body.message,
      Array.isArray(body.errorMessages) ? body.errorMessages[0] : undefined,
      typeof body.error === 'object' && body.error
        ? (body.error as Record<string, unknown>).message
        : body.error,
      body.description,
    ];
    const found = candidates.find((c): c is string => typeof c === 'string' && c.length > 0);
    return found?.slice(0, 160);
  } catch {
    return undefined;
  }
}

/** For tests: forget remembered rate limits. */
export const resetRateLimitState = () => blockedUntil.clear();
