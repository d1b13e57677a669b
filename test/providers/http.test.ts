import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { System } from '../../src/core/settings';
import { systemName } from '../../src/core/systems';
import { failureFor, SourceFailure, schemaFailure } from '../../src/providers/errors';
import {
  createHttpClient,
  type HttpOptions,
  rateLimitedUntil,
  rateLimitState,
  resetRateLimitState,
} from '../../src/providers/http';
import { slotState } from '../../src/providers/http-concurrency';
import { memo } from '../../src/providers/http-memo';
import { parseInstant, quotaOf } from '../../src/providers/http-rate-limit';
import { listOf, skippedIn } from '../../src/providers/items';
import { credentials } from '../replica/credentials';
import { type Replica, startReplica } from '../replica/server';

type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'network-error' | 'hang';

/** A fetch that plays a script of answers and records what was asked. */
function scripted(answers: Answer[]) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(request);
    const answer = answers.shift() ?? { status: 200, body: '{}' };
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    if (answer === 'hang')
      return new Promise((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    const body = [204, 304].includes(answer.status) ? null : (answer.body ?? '{}');
    return new Response(body, { status: answer.status, headers: answer.headers });
  };
  return { fetch, requests };
}

const ok = z.object({ ok: z.boolean() });
const client = (fetch: typeof globalThis.fetch, extra = {}) =>
  createHttpClient({
    system: 'jira',
    baseUrl: 'https://acme.atlassian.net',
    auth: { type: 'basic', username: 'me@acme.com', password: 'tok' },
    fetch,
    retries: 2,
    ...extra,
  });

beforeEach(() => resetRateLimitState());

describe('shared HTTP client', () => {
  test('tells onHeaders the status and headers the request ended with, a refusal’s too', async () => {
    const { fetch } = scripted([
      { status: 503, body: '{}', headers: { 'retry-after': '0' } },
      { status: 201, body: '{"ok":true}', headers: { 'x-oauth-scopes': 'repo, read:org' } },
      { status: 403, body: '{"message":"no"}', headers: { 'x-accepted-github-permissions': 'issues=write' } },
    ]);
    const seen: [number, string | null, string | null][] = [];
    const onHeaders = (h: Headers, status: number) =>
      seen.push([status, h.get('x-oauth-scopes'), h.get('x-accepted-github-permissions')]);
    await client(fetch).post('/upsert', {}, ok, { idempotent: true, onHeaders });
    await expect(client(fetch).post('/comment', {}, ok, { onHeaders })).rejects.toBeInstanceOf(SourceFailure);
    expect(seen).toEqual([
      [201, 'repo, read:org', null],
      [403, null, 'issues=write'],
    ]);
  });

  test('sends the connection credentials as Basic, and never cookies', async () => {
    const { fetch, requests } = scripted([{ status: 200, body: '{"ok":true}' }]);
    await client(fetch).get('/rest/api/3/myself', ok);
    expect(requests[0]?.headers.get('authorization')).toBe(`Basic ${btoa('me@acme.com:tok')}`);
    expect(requests[0]?.credentials).toBe('omit');
  });

  test('a 429 with a short Retry-After is waited out and retried', async () => {
    const { fetch, requests } = scripted([
      { status: 429, headers: { 'Retry-After': '0' } },
      { status: 200, body: '{"ok":true}' },
    ]);
    expect(await client(fetch).get('/x', ok)).toEqual({ ok: true });
    expect(requests).toHaveLength(2);
  });

  test('a long Retry-After fails at once as rate limited, and later requests wait instead of hammering', async () => {
    const { fetch, requests } = scripted([{ status: 429, headers: { 'Retry-After': '120' } }]);
    const http = client(fetch);
    const error = await http.get('/x', ok).catch((e) => e);
    expect(error).toBeInstanceOf(SourceFailure);
    expect(error.kind).toBe('rate-limited');
    expect(error.userMessage).toMatch(
      /Jira \(acme\.atlassian\.net\) is rate limiting requests until \d\d:\d\d UTC/,
    );
    await http.get('/y', ok).catch(() => undefined);
    expect(requests).toHaveLength(1);
  });

  test('4xx other than 429 is never retried, and says what to do', async () => {
    const { fetch, requests } = scripted([{ status: 401, body: '{"errorMessages":["bad"]}' }]);
    const error = await client(fetch)
      .get('/x', ok)
      .catch((e) => e);
    expect(requests).toHaveLength(1);
    expect(error.kind).toBe('auth');
    expect(error.userMessage).toMatch(/rejected the credentials \(401\).*Liaison options/);
  });

  test('5xx on a read is retried; reads sent as POST are retried; writes are not', async () => {
    const a = scripted([{ status: 503 }, { status: 200, body: '{"ok":true}' }]);
    expect(await client(a.fetch).post('/rest/api/3/search/jql', { jql: 'x' }, ok, { read: true })).toEqual({
      ok: true,
    });
    expect(a.requests).toHaveLength(2);
    const b = scripted([{ status: 503 }, { status: 200, body: '{"ok":true}' }]);
    const error = await client(b.fetch)
      .post('/rest/api/3/issue/X-1/remotelink', {}, ok)
      .catch((e) => e);
    expect(b.requests).toHaveLength(1);
    expect(error.kind).toBe('unavailable');
  });

  test('malformed JSON and unexpected shapes are schema failures naming the path', async () => {
    const { fetch } = scripted([
      { status: 200, body: '{"ok": tr' },
      { status: 200, body: '{"ok": "yes"}' },
    ]);
    const http = client(fetch);
    expect((await http.get('/x', ok).catch((e) => e)).userMessage).toMatch(/not JSON/);
    expect((await http.get('/x', ok).catch((e) => e)).userMessage).toMatch(
      /unexpected response: at ok: .*expected boolean/,
    );
  });

  test('a schema mismatch deep in the body names the path as people read it', async () => {
    const { fetch } = scripted([{ status: 200, body: '{"issues":[{"fields":{"status":7}}]}' }]);
    const shape = z.object({ issues: z.array(z.object({ fields: z.object({ status: z.object({}) }) })) });
    const error = await client(fetch)
      .get('/x', shape)
      .catch((e) => e);
    expect(error.kind).toBe('schema');
    expect(error.userMessage).toMatch(
      /^Jira \(acme\.atlassian\.net\) sent an unexpected response: at issues\[0\]\.fields\.status: .*Liaison may need an update/,
    );
  });

  test('network failure and timeout are told apart', async () => {
    const offline = scripted(['network-error', 'network-error', 'network-error']);
    expect(
      (
        await client(offline.fetch)
          .get('/x', ok)
          .catch((e) => e)
      ).kind,
    ).toBe('offline');
    const slow = scripted(['hang']);
    expect(
      (
        await client(slow.fetch, { timeoutMs: 50, retries: 0 })
          .get('/x', ok)
          .catch((e) => e)
      ).kind,
    ).toBe('timeout');
  });

  test('rate-limit headers: Retry-After seconds, x-ratelimit-reset epoch seconds when the quota is spent', () => {
    const now = 1_700_000_000_000;
    expect(rateLimitedUntil(new Headers({ 'retry-after': '30' }), now)).toBe(now + 30_000);
    expect(
      rateLimitedUntil(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000100' }), now),
    ).toBe(1_700_000_100_000);
    expect(
      rateLimitedUntil(
        new Headers({ 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': '1700000100' }),
        now,
      ),
    ).toBeUndefined();
  });
});

/** A clock whose sleeps pass at once: rate-limit waits are checked without waiting. */
function fakeClock(start = 1_700_000_000_000) {
  const clock = {
    t: start,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

const github = (fetch: typeof globalThis.fetch, extra: Partial<HttpOptions> = {}) =>
  createHttpClient({
    system: 'github',
    baseUrl: 'https://api.github.com',
    auth: { type: 'token', token: 'ghp_secret123' },
    fetch,
    retries: 2,
    ...extra,
  });

/**
 * A fetch that counts requests in flight (until they settle or their signal aborts); each answers after `ms`
 * unless `answer` says otherwise.
 */
function counting(
  answer: (request: Request, n: number) => Promise<Response> | undefined = () => undefined,
  ms = 10,
) {
  const state = { inFlight: 0, max: 0, started: [] as string[] };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    let done = false;
    const finish = () => {
      if (!done) state.inFlight--;
      done = true;
    };
    request.signal.addEventListener('abort', finish);
    state.inFlight++;
    state.max = Math.max(state.max, state.inFlight);
    state.started.push(new URL(request.url).pathname);
    try {
      const special = answer(request, state.started.length);
      if (special) return await special;
      await new Promise((r) => setTimeout(r, ms));
      return new Response('{"ok":true}', { status: 200 });
    } finally {
      finish();
    }
  };
  return { fetch, state };
}

describe('per-host concurrency', () => {
  test('never more than the limit in flight, shared by every client of the host, served in order', async () => {
    const { fetch, state } = counting();
    const a = client(fetch, { maxConcurrent: 3 });
    const b = client(fetch, { maxConcurrent: 3 });
    const paths = Array.from({ length: 12 }, (_, i) => `/n${i}`);
    const results = await Promise.all(paths.map((p, i) => (i % 2 ? a : b).get(p, ok)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(state.max).toBe(3);
    expect(slotState('acme.atlassian.net')).toEqual({ inFlight: 0, queued: 0 });
    // First come, first served (one client: no other async step before the queue).
    const single = counting(undefined, 1);
    const one = client(single.fetch, { maxConcurrent: 1 });
    await Promise.all(paths.map((p) => one.get(p, ok)));
    expect(single.state.started).toEqual(paths);
    expect(single.state.max).toBe(1);
  });

  test('the default is 4 per host; another host has its own slots', async () => {
    const { fetch, state } = counting();
    const jira = client(fetch);
    const other = createHttpClient({ ...optionsOf(fetch), baseUrl: 'https://other.atlassian.net' });
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => jira.get(`/j${i}`, ok)),
      ...Array.from({ length: 8 }, (_, i) => other.get(`/o${i}`, ok)),
    ]);
    expect(state.max).toBe(8);
  });

  test('the queue drains after failures, timeouts, aborts and a fetch that ignores its signal', async () => {
    const never = new Promise<Response>(() => {});
    const { fetch, state } = counting((request) => {
      const path = new URL(request.url).pathname;
      if (path === '/500') return Promise.resolve(new Response('{}', { status: 500 }));
      if (path === '/offline') return Promise.reject(new TypeError('Failed to fetch'));
      if (path === '/deaf') return never; // ignores its signal entirely
      if (path === '/hang' || path === '/abort-in-flight')
        return new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        );
      return undefined;
    });
    // A fetch that ignores its signal never ends, so fetch calls in flight cannot be counted by their end (Node's
    // Request follows a signal through a WeakRef, so a copied request may never hear the abort either): count
    // the slots held each time a request is sent instead.
    let maxSlots = 0;
    const watched: typeof globalThis.fetch = (input, init) => {
      maxSlots = Math.max(maxSlots, slotState('acme.atlassian.net').inFlight);
      return fetch(input, init);
    };
    const http = client(watched, { maxConcurrent: 2, retries: 0, timeoutMs: 40 });
    const inFlight = new AbortController();
    const queued = new AbortController();
    const outcomes = Promise.allSettled([
      http.get('/500', ok),
      http.get('/offline', ok),
      http.get('/deaf', ok),
      http.get('/hang', ok),
      http.get('/abort-in-flight', ok, { signal: inFlight.signal }),
      http.get('/abort-queued', ok, { signal: queued.signal }),
      ...Array.from({ length: 4 }, (_, i) => http.get(`/after${i}`, ok)),
    ]);
    queued.abort();
    setTimeout(() => inFlight.abort(), 5);
    const settled = await outcomes;
    const kinds = settled.map((s) =>
      s.status === 'fulfilled' ? 'ok' : s.reason instanceof SourceFailure ? s.reason.kind : s.reason.name,
    );
    expect(kinds).toEqual([
      'unavailable',
      'offline',
      'timeout',
      'timeout',
      'AbortError',
      'AbortError',
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    expect(state.started).not.toContain('/abort-queued');
    expect(maxSlots).toBeGreaterThan(0);
    expect(maxSlots).toBeLessThanOrEqual(2);
    expect(slotState('acme.atlassian.net')).toEqual({ inFlight: 0, queued: 0 });
    expect(await http.get('/later', ok)).toEqual({ ok: true });
  });
});

const optionsOf = (fetch: typeof globalThis.fetch): HttpOptions => ({
  system: 'jira',
  baseUrl: 'https://acme.atlassian.net',
  auth: { type: 'basic', username: 'me@acme.com', password: 'tok' },
  fetch,
});

describe('conditional requests', () => {
  test('a memoised GET is revalidated with its ETag, and a 304 answers from memory without throwing', async () => {
    const { fetch, requests } = scripted([
      { status: 200, body: '{"ok":true}', headers: { etag: 'W/"v1"' } },
      { status: 304, body: '', headers: { etag: 'W/"v1"' } },
    ]);
    const http = github(fetch);
    const first = await http.get('/repos/acme/shop', ok);
    first.ok = false; // callers get copies: the memo stays as the server sent it
    expect(await http.get('/repos/acme/shop', ok)).toEqual({ ok: true });
    expect(requests[0]?.headers.get('if-none-match')).toBeNull();
    expect(requests[1]?.headers.get('if-none-match')).toBe('W/"v1"');
  });

  test('a body nested too deep to memoise is still answered, only not memoised', async () => {
    const deep = `${'{"a":['.repeat(10_000)}${']}'.repeat(10_000)}`;
    const { fetch, requests } = scripted([
      { status: 200, body: `{"items":[{"ok":true},${deep}]}`, headers: { etag: '"v1"' } },
      { status: 200, body: '{"items":[]}', headers: { etag: '"v2"' } },
    ]);
    const http = github(fetch);
    const list = z.object({ items: listOf(ok, () => 'the deep one') });
    const first = await http.get('/search/issues', list);
    expect([...first.items]).toEqual([{ ok: true }]);
    expect(skippedIn(first.items)).toEqual([
      'the deep one was skipped: its data did not match what Liaison expects',
    ]);
    await http.get('/search/issues', list);
    expect(requests[1]?.headers.get('if-none-match')).toBeNull();
  });

  test('Last-Modified is sent back as If-Modified-Since; a changed body replaces the memo', async () => {
    const stamp = 'Wed, 21 Oct 2015 07:28:00 GMT';
    const { fetch, requests } = scripted([
      { status: 200, body: '{"ok":true}', headers: { 'last-modified': stamp } },
      { status: 200, body: '{"ok":false}', headers: { etag: '"v2"' } },
      { status: 304, body: '' },
    ]);
    const http = client(fetch);
    await http.get('/rest/api/3/myself', ok);
    expect(await http.get('/rest/api/3/myself', ok)).toEqual({ ok: false });
    expect(await http.get('/rest/api/3/myself', ok)).toEqual({ ok: false });
    expect(requests[1]?.headers.get('if-modified-since')).toBe(stamp);
    expect(requests[2]?.headers.get('if-none-match')).toBe('"v2"');
  });

  test('never shared across credentials, and the memo key holds no secret', async () => {
    const { fetch, requests } = scripted([
      { status: 200, body: '{"ok":true}', headers: { etag: '"v1"' } },
      { status: 200, body: '{"ok":false}', headers: { etag: '"v9"' } },
    ]);
    await client(fetch).get('/x', ok);
    const other = createHttpClient({
      ...optionsOf(fetch),
      auth: { type: 'basic', username: 'me@acme.com', password: 'another' },
    });
    expect(await other.get('/x', ok)).toEqual({ ok: false });
    expect(requests[1]?.headers.get('if-none-match')).toBeNull();
    expect(memo.size).toBe(2);
    for (const key of memo.keys()) {
      expect(key).not.toMatch(/tok|another|Basic/);
      expect(key).not.toContain(btoa('me@acme.com:tok'));
    }
  });

  test('writes and reads sent as POST are never memoised; no-store is honoured', async () => {
    const { fetch, requests } = scripted([
      { status: 200, body: '{"ok":true}', headers: { etag: '"p"' } },
      { status: 200, body: '{"ok":true}', headers: { etag: '"g"', 'cache-control': 'private, no-store' } },
      { status: 200, body: '{"ok":true}' },
    ]);
    const http = client(fetch);
    await http.post('/rest/api/3/search/jql', { jql: 'x' }, ok, { read: true });
    await http.get('/y', ok);
    await http.get('/y', ok);
    expect(memo.size).toBe(0);
    expect(requests[2]?.headers.get('if-none-match')).toBeNull();
  });

  test('a 304 nobody asked for is a failure that says what to do', async () => {
    const { fetch } = scripted([{ status: 304, body: '' }]);
    const error = await client(fetch)
      .get('/x', ok)
      .catch((e) => e);
    expect(error.kind).toBe('unknown');
    expect(error.userMessage).toMatch(/Jira \(acme\.atlassian\.net\) answered 304\. Try refresh/);
  });
});

describe('remembered rate limits', () => {
  test('GitHub 403 with Retry-After is a secondary limit: a short one is waited out and retried', async () => {
    const { fetch, requests } = scripted([
      {
        status: 403,
        headers: { 'retry-after': '0' },
        body: '{"message":"You have exceeded a secondary rate limit."}',
      },
      { status: 200, body: '{"ok":true}' },
    ]);
    expect(await github(fetch).get('/repos/a/b', ok)).toEqual({ ok: true });
    expect(requests).toHaveLength(2);
  });

  test('GitHub 403 with a long Retry-After, or with remaining 0, is rate-limited with retryAt', async () => {
    const clock = fakeClock();
    const long = scripted([
      { status: 403, headers: { 'retry-after': '120' }, body: '{"message":"secondary"}' },
    ]);
    const error = await github(long.fetch, { clock })
      .get('/repos/a/b', ok)
      .catch((e) => e);
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAt).toBe(clock.t + 120_000);
    expect(long.requests).toHaveLength(1);
    resetRateLimitState();
    const reset = String(clock.t / 1000 + 600);
    const spent = scripted([
      { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: '{}' },
    ]);
    const primary = await github(spent.fetch, { clock })
      .get('/repos/a/b', ok)
      .catch((e) => e);
    expect(primary.kind).toBe('rate-limited');
    expect(primary.retryAt).toBe(Number(reset) * 1000);
    expect(primary.userMessage).toMatch(
      /GitHub \(api\.github\.com\) is rate limiting requests until \d\d:\d\d UTC/,
    );
  });

  test('a GitHub 403 that only says "secondary rate limit" waits a minute', async () => {
    const clock = fakeClock();
    const { fetch } = scripted([
      {
        status: 403,
        body: '{"message":"You have exceeded a secondary rate limit. Please wait a few minutes."}',
      },
    ]);
    const error = await github(fetch, { clock })
      .get('/repos/a/b', ok)
      .catch((e) => e);
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAt).toBe(clock.t + 60_000);
  });

  test('a GitHub 403 without those is a real forbidden: not retried, nothing remembered', async () => {
    const { fetch, requests } = scripted([
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '4990', 'x-ratelimit-reset': '1700000100' },
        body: '{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}',
      },
      { status: 200, body: '{"ok":true}' },
    ]);
    const http = github(fetch);
    const error = await http.get('/repos/a/b', ok).catch((e) => e);
    expect(error.kind).toBe('forbidden');
    expect(error.messages).toEqual(['Resource not accessible by integration']);
    expect(error.userMessage).toMatch(
      /refused access \(403\): Resource not accessible by integration\. Check/,
    );
    expect(requests).toHaveLength(1);
    expect(await http.get('/repos/a/b', ok)).toEqual({ ok: true });
    expect(rateLimitState('api.github.com')?.throttledUntil).toBeUndefined();
  });

  test('remaining 0 on a 200 makes the next request wait until the reset, when that is short', async () => {
    const clock = fakeClock();
    const { fetch, requests } = scripted([
      {
        status: 200,
        body: '{"ok":true}',
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(clock.t / 1000 + 5),
        },
      },
      { status: 200, body: '{"ok":true}' },
    ]);
    const http = github(fetch, { clock });
    await http.get('/repos/a/b', ok);
    expect(rateLimitState('api.github.com', clock.t)).toEqual({
      host: 'api.github.com',
      throttledUntil: clock.t + 5000,
      bucket: 'core',
      quota: { limit: 5000, remaining: 0, resetAt: clock.t + 5000, bucket: 'core' },
    });
    await http.get('/repos/a/c', ok);
    expect(clock.sleeps).toEqual([5000]);
    expect(requests).toHaveLength(2);
    expect(rateLimitState('api.github.com', clock.t)?.throttledUntil).toBeUndefined();
  });

  test('remaining 0 with a distant reset: later requests fail fast with retryAt, sending nothing', async () => {
    const clock = fakeClock();
    const reset = clock.t / 1000 + 900;
    const { fetch, requests } = scripted([
      {
        status: 200,
        body: '{"ok":true}',
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      },
    ]);
    const http = github(fetch, { clock });
    expect(await http.get('/repos/a/b', ok)).toEqual({ ok: true });
    const error = await http.get('/repos/a/c', ok).catch((e) => e);
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAt).toBe(reset * 1000);
    expect(error.toSourceError()).toMatchObject({ kind: 'rate-limited', retryAt: reset * 1000 });
    expect(requests).toHaveLength(1);
  });

  test('a spent GitHub search quota holds back searches only, not the other reads', async () => {
    const clock = fakeClock();
    const { fetch, requests } = scripted([
      {
        status: 200,
        body: '{"ok":true}',
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(clock.t / 1000 + 50),
          'x-ratelimit-resource': 'search',
        },
      },
      { status: 200, body: '{"ok":true}' },
    ]);
    const http = github(fetch, { clock });
    await http.get('/search/issues', ok, { searchParams: { q: 'x' } });
    expect(await http.get('/repos/a/b', ok)).toEqual({ ok: true });
    expect((await http.get('/search/issues', ok).catch((e) => e)).kind).toBe('rate-limited');
    expect(requests).toHaveLength(2);
    expect(rateLimitState('api.github.com', clock.t)).toMatchObject({ bucket: 'search' });
  });

  test('Jira: X-RateLimit-Reset in ISO 8601 gives retryAt when there is no Retry-After', async () => {
    const clock = fakeClock(Date.parse('2025-06-01T12:00:00Z'));
    const { fetch } = scripted([
      {
        status: 429,
        headers: { 'X-RateLimit-Reset': '2025-06-01T12:05Z', 'RateLimit-Reason': 'jira-burst-based' },
      },
    ]);
    const error = await client(fetch, { clock })
      .post('/rest/api/3/search/jql', { jql: 'x' }, ok, { read: true })
      .catch((e) => e);
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAt).toBe(Date.parse('2025-06-01T12:05:00Z'));
    expect(error.userMessage).toMatch(/until 12:05 UTC\. Refresh after that/);
  });

  test('ServiceNow: X-RateLimit-Reset in Unix time; Zendesk: X-Rate-Limit-Remaining 0 blocks the host', async () => {
    const clock = fakeClock();
    const sn = scripted([
      {
        status: 429,
        headers: { 'X-RateLimit-Reset': String(clock.t / 1000 + 300), 'X-RateLimit-Rule': 'r' },
      },
    ]);
    const error = await createHttpClient({
      ...optionsOf(sn.fetch),
      system: 'servicenow',
      baseUrl: 'https://acme.service-now.com',
      clock,
    })
      .get('/api/now/table/incident', ok)
      .catch((e) => e);
    expect(error.retryAt).toBe(clock.t + 300_000);
    expect(error.userMessage).toMatch(/^ServiceNow \(acme\.service-now\.com\) is rate limiting/);
    const zd = scripted([
      {
        status: 200,
        body: '{"ok":true}',
        headers: { 'X-Rate-Limit': '700', 'X-Rate-Limit-Remaining': '0', 'ratelimit-reset': '41' },
      },
    ]);
    const zendesk = createHttpClient({
      ...optionsOf(zd.fetch),
      system: 'zendesk',
      baseUrl: 'https://acme.zendesk.com',
      clock,
    });
    await zendesk.get('/api/v2/tickets/show_many.json', ok);
    expect(rateLimitState('acme.zendesk.com', clock.t)).toMatchObject({
      throttledUntil: clock.t + 41_000,
      quota: { limit: 700, remaining: 0 },
    });
    expect((await zendesk.get('/api/v2/search.json', ok).catch((e) => e)).retryAt).toBe(clock.t + 41_000);
    expect(zd.requests).toHaveLength(1);
  });

  test('reset instants in every vendor form', () => {
    const now = 1_700_000_000_000;
    expect(parseInstant('2025-06-01T12:05Z', now)).toBe(Date.parse('2025-06-01T12:05:00Z')); // Jira
    expect(parseInstant('1700000300', now)).toBe(1_700_000_300_000); // GitHub, ServiceNow
    expect(parseInstant('41', now)).toBe(now + 41_000); // Zendesk / IETF ratelimit-reset
    expect(parseInstant('1700000300000', now)).toBe(1_700_000_300_000);
    expect(parseInstant('soon', now)).toBeUndefined();
    expect(quotaOf(new Headers({ 'x-rate-limit-remaining': '3', 'x-rate-limit': '700' }), now)).toEqual({
      limit: 700,
      remaining: 3,
    });
  });

  test('a wait beyond the total budget fails fast instead of waiting', async () => {
    const clock = fakeClock();
    const { fetch, requests } = scripted([{ status: 429, headers: { 'Retry-After': '5' } }]);
    const error = await client(fetch, { clock, totalTimeoutMs: 2_000 })
      .get('/x', ok)
      .catch((e) => e);
    expect(error.kind).toBe('rate-limited');
    expect(requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('budgets and messages', () => {
  test('the total budget bounds a request with all its retries', async () => {
    const { fetch, requests } = scripted(Array.from({ length: 20 }, () => ({ status: 503 })));
    const started = Date.now();
    const error = await client(fetch, { retries: 10, totalTimeoutMs: 500 })
      .get('/x', ok)
      .catch((e) => e);
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(requests.length).toBeGreaterThan(1);
  });

  test('every vendor message is kept, and none carries a credential or a URL query', async () => {
    const { fetch } = scripted([
      {
        status: 400,
        body: JSON.stringify({
          errorMessages: [
            "An issue with key 'SHOP-9999' does not exist for field 'key'.",
            "An issue with key 'NOPE-1' does not exist for field 'key'.",
          ],
          errors: {
            jql: 'Bad token s3cret-api-token at https://acme.atlassian.net/rest?access_token=s3&x=1',
          },
        }),
      },
    ]);
    const error = await client(fetch, {
      auth: { type: 'basic', username: 'me@acme.com', password: 's3cret-api-token' },
    })
      .post('/rest/api/3/search/jql', { jql: 'x' }, ok, { read: true })
      .catch((e) => e);
    expect(error.messages).toEqual([
      "An issue with key 'SHOP-9999' does not exist for field 'key'.",
      "An issue with key 'NOPE-1' does not exist for field 'key'.",
      'Bad token … at https://acme.atlassian.net/rest',
    ]);
    expect(error.userMessage).toBe(
      "Jira (acme.atlassian.net) answered 400: An issue with key 'SHOP-9999' does not exist for field 'key'. (and 2 more). Try refresh; if it persists, check the connection in Liaison options.",
    );
    for (const text of [error.message, error.userMessage, ...error.messages]) {
      expect(text).not.toMatch(/s3cret|access_token|bWVA/);
    }
  });

  test('vendor messages from GitHub, ServiceNow and Zendesk error shapes', async () => {
    const bodies = [
      {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
      },
      {
        error: { message: 'No Record found', detail: 'ACL restricts the record retrieval' },
        status: 'failure',
      },
      {
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: { base: [{ description: 'Closed' }] },
      },
      { error: "Couldn't authenticate you" },
    ];
    const { fetch } = scripted(bodies.map((b) => ({ status: 422, body: JSON.stringify(b) })));
    const http = client(fetch, { retries: 0 });
    const messages = [];
    for (const _ of bodies) messages.push((await http.get('/x', ok).catch((e) => e)).messages);
    expect(messages).toEqual([
      ['Validation Failed', 'Issue title missing_field'],
      ['No Record found', 'ACL restricts the record retrieval'],
      ['Record validation errors', 'Closed'],
      ["Couldn't authenticate you"],
    ]);
  });

  const systems: [System, string][] = [
    ['github', 'api.github.com'],
    ['jira', 'acme.atlassian.net'],
    ['servicenow', 'acme.service-now.com'],
    ['zendesk', 'acme.zendesk.com'],
  ];
  const statuses = ['timeout', 'offline', 400, 401, 403, 404, 409, 429, 500, 503] as const;
  test.each(systems)(
    'every failure kind of %s names the system and host and says what to do',
    (system, host) => {
      const failures = [
        ...statuses.map((s) => failureFor(system, host, s)),
        failureFor(system, host, 429, Date.now() + 60_000),
        schemaFailure(system, host, 'response', 'issues[0].key', 'expected string'),
      ];
      expect(new Set(failures.map((f) => f.kind))).toEqual(
        new Set([
          'timeout',
          'offline',
          'unknown',
          'auth',
          'forbidden',
          'not-found',
          'rate-limited',
          'unavailable',
          'schema',
        ]),
      );
      for (const f of failures) {
        expect(f.userMessage.startsWith(`${systemName(system)} (${host})`)).toBe(true);
        expect(f.userMessage).toMatch(
          /(Try refresh|Refresh|Check|Update|Liaison may need an update)[^.]*\.$/,
        );
        expect(f.message).toContain(`[${system}]`);
      }
    },
  );
});

describe('redirects', () => {
  test('a credentialed request never follows a redirect: it fails naming the source and the fix', async () => {
    const { fetch, requests } = scripted([
      { status: 302, body: '', headers: { location: 'https://evil.test/collect?token=tok' } },
    ]);
    const error = await client(fetch)
      .get('/rest/api/3/myself', ok)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceFailure);
    expect(error).toMatchObject({
      kind: 'config',
      status: 302,
      userMessage:
        "Jira (acme.atlassian.net) answered with a redirect to evil.test; Liaison sends your credentials only to the URL you configured. Check the connection's URL in Liaison options.",
    });
    expect(requests).toHaveLength(1); // not followed, not retried
    expect(requests[0]?.redirect).toBe('manual');
  });

  test("a browser's opaque redirect (status 0, no Location) fails the same way", async () => {
    const opaque = Object.defineProperties(new Response(null, { status: 200 }), {
      type: { value: 'opaqueredirect' },
      status: { value: 0 },
    });
    const error = await client(async () => opaque, { system: 'zendesk', baseUrl: 'https://acme.zendesk.com' })
      .get('/api/v2/users/me.json', ok)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'config',
      userMessage: expect.stringMatching(
        /^Zendesk \(acme\.zendesk\.com\) answered with a redirect; Liaison sends your credentials only to the URL you configured\./,
      ),
    });
  });
});

describe('against the replica', () => {
  let replica: Replica;
  beforeAll(async () => {
    replica = await startReplica({ limits: { githubSearch: 2 } });
  });
  afterAll(() => replica.close());

  const replicaGithub = () =>
    github(replica.fetch, { auth: { type: 'token', token: credentials.github.token }, retries: 0 });
  const asked = (path: string) => replica.requests.filter((r) => r.path.startsWith(path));

  test('a redirect from the API is not followed: nothing reaches the other host', async () => {
    const off = replica.fault({
      host: 'api.github.com',
      path: '/user',
      kind: 'redirect',
      location: 'https://acme.zendesk.com/api/v2/users/me.json',
    });
    const error = await replicaGithub()
      .get('/user', z.looseObject({ login: z.string() }))
      .catch((e: unknown) => e);
    off();
    expect(error).toMatchObject({ kind: 'config', status: 302 });
    expect((error as SourceFailure).userMessage).toMatch(
      /^GitHub \(api\.github\.com\) answered with a redirect to acme\.zendesk\.com;/,
    );
    expect(replica.requests.filter((r) => r.host === 'acme.zendesk.com')).toEqual([]);
  });

  test('a repeated GET is revalidated, answered 304 and spends nothing', async () => {
    const repo = z.looseObject({ full_name: z.string() });
    const http = replicaGithub();
    const first = await http.get('/repos/acme/shop-api', repo);
    const second = await http.get('/repos/acme/shop-api', repo);
    expect(second).toEqual(first);
    const log = asked('/repos/acme/shop-api');
    expect(log.map((r) => r.status)).toEqual([200, 304]);
    expect(log[1]?.headers['if-none-match']).toMatch(/^W\//);
  });

  test('a spent search quota holds back searches without asking, and the other reads still go', async () => {
    const http = replicaGithub();
    const search = z.looseObject({ total_count: z.number() });
    await http.get('/search/issues', search, { searchParams: { q: 'SHOP-101' } });
    await http.get('/search/issues', search, { searchParams: { q: 'SHOP-102' } }); // remaining 0 now
    const error = await http
      .get('/search/issues', search, { searchParams: { q: 'SHOP-103' } })
      .catch((e) => e);
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAt).toBeGreaterThan(Date.now());
    expect(asked('/search/issues')).toHaveLength(2);
    expect(await http.get('/user', z.looseObject({ login: z.string() }))).toMatchObject({
      login: expect.any(String),
    });
  });
});
