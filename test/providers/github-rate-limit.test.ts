/**
 * GitHub GraphQL over its primary limit answers HTTP 200 with `errors[].type: "RATE_LIMITED"` and
 * `x-ratelimit-remaining: 0`, not a 403 (https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#exceeding-the-rate-limit):
 * the replica answers so, and the provider reports it as rate limited until `x-ratelimit-reset`, not as a
 * rejected query.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parseRef, type Ref } from '../../src/core/refs';
import { settingsSchema } from '../../src/core/settings';
import { SourceFailure } from '../../src/providers/errors';
import { rateLimitState, resetRateLimitState } from '../../src/providers/http';
import { createGithubProvider } from '../../src/systems/github/provider';
import { authHeader, replicaSettings } from '../replica/credentials';
import { type Replica, startReplica } from '../replica/server';

z.config({ jitless: true }); // as in the extension

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0, limits: { githubGraphql: 0 } });
});
afterAll(() => replica.close());
afterEach(() => resetRateLimitState());

const connection = settingsSchema.parse(replicaSettings({ include: ['github'] })).connections[0];

describe('GitHub GraphQL over its limit', () => {
  test('the replica answers 200, remaining 0, an error of type RATE_LIMITED', async () => {
    const res = await replica.fetch('https://api.github.com/graphql', {
      method: 'POST',
      headers: { authorization: authHeader('github'), 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { login } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-ratelimit-resource')).toBe('graphql');
    const body = (await res.json()) as { data?: unknown; errors: { type: string }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]?.type).toBe('RATE_LIMITED');
  });

  test('the provider says rate limited, until the reset GitHub sent', async () => {
    if (!connection) throw new Error('no github connection');
    const provider = createGithubProvider({ connection, fetch: replica.fetch, retries: 0 });
    const error = await provider
      .fetchItems([parseRef('github:acme/shop-api#42') as Ref], { extract: { githubHosts: ['github.com'] } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceFailure);
    const failure = error as SourceFailure;
    expect(failure.kind).toBe('rate-limited');
    expect(failure.userMessage).toMatch(/rate limiting requests until \d\d:\d\d UTC/);
    const reset = rateLimitState('api.github.com')?.throttledUntil;
    expect(reset).toBeGreaterThan(Date.now());
    expect(failure.retryAt).toBe(reset);
    expect(failure.toSourceError()).toMatchObject({ kind: 'rate-limited', retryAt: reset });
  });
});
