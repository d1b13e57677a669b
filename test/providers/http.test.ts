import { beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { SourceFailure } from '../../src/providers/errors';
import { createHttpClient, rateLimitedUntil, resetRateLimitState } from '../../src/providers/http';

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
    return new Response(answer.body ?? '{}', { status: answer.status, headers: answer.headers });
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
    expect((await http.get('/x', ok).catch((e) => e)).userMessage).toMatch(/unexpected response: ok:/);
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
