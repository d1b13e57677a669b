import { beforeEach, describe, expect, test } from 'vitest';
import { parseRef, type Ref } from '../../src/core/refs';
import { SourceFailure } from '../../src/providers/errors';
import { resetRateLimitState } from '../../src/providers/http';
import type { Provider, ProviderOptions } from '../../src/providers/provider';
import { createGithubProvider } from '../../src/systems/github/provider';
import { createJiraProvider } from '../../src/systems/jira/provider';
import { createServiceNowProvider } from '../../src/systems/servicenow/provider';
import { createZendeskProvider } from '../../src/systems/zendesk/provider';
import { type Answer, connections, context, fakeFetch, json } from './fixtures';

/**
 * Every way a source can fail becomes the right SourceFailure kind, with a sentence naming the source, for
 * all four providers; no replica needed. Reads sent as POST (GitHub GraphQL, Jira search) are retried like
 * GETs.
 */

beforeEach(() => resetRateLimitState());

interface Case {
  name: string;
  host: string;
  create: (options: Pick<ProviderOptions, 'fetch' | 'retries' | 'timeoutMs'>) => Provider;
  ref: string;
  empty: unknown;
}

const cases: Case[] = [
  {
    name: 'GitHub',
    host: 'api.github.com',
    create: (o) => createGithubProvider({ connection: connections.github, ...o }),
    ref: 'github:acme/shop-api#42',
    empty: { data: {} },
  },
  {
    name: 'Jira',
    host: 'acme.atlassian.net',
    create: (o) => createJiraProvider({ connection: connections.jira, remoteLinkLimit: 0, ...o }),
    ref: 'jira:SHOP-101',
    empty: { isLast: true, issues: [] },
  },
  {
    name: 'Zendesk',
    host: 'acme.zendesk.com',
    create: (o) => createZendeskProvider({ connection: connections.zendesk, ...o }),
    ref: 'zendesk:acme/4711',
    empty: { tickets: [] },
  },
  {
    name: 'ServiceNow',
    host: 'acme.service-now.com',
    create: (o) => createServiceNowProvider({ connection: connections.servicenow, ...o }),
    ref: 'servicenow:INC0010001',
    empty: { result: [] },
  },
];

const failures: { answer: () => Answer; kind: string; message: RegExp }[] = [
  {
    answer: () => json({ message: 'Bad credentials' }, 401),
    kind: 'auth',
    message: /rejected the credentials \(401\)/,
  },
  {
    answer: () => json({ message: 'Resource not accessible by integration' }, 403),
    kind: 'forbidden',
    message: /refused access \(403\)/,
  },
  { answer: () => json({}, 404), kind: 'not-found', message: /answered 404/ },
  {
    answer: () => json({}, 429, { 'Retry-After': '120' }),
    kind: 'rate-limited',
    message: /is rate limiting requests until \d\d:\d\d UTC/,
  },
  { answer: () => json({}, 500), kind: 'unavailable', message: /is unavailable \(500\)/ },
  {
    answer: () => new Response('<html>proxy error</html>', { status: 200 }),
    kind: 'schema',
    message: /sent an unexpected response: the body is not JSON/,
  },
  { answer: () => json({ unexpected: true }), kind: 'schema', message: /sent an unexpected response/ },
  { answer: () => 'network-error', kind: 'offline', message: /could not be reached/ },
  { answer: () => 'hang', kind: 'timeout', message: /did not answer in time/ },
];

describe.each(cases)('$name failures', ({ name, host, create, ref, empty }) => {
  test.each(failures)('$kind: $message', async ({ answer, kind, message }) => {
    const { fetch } = fakeFetch(answer);
    const error = await create({ fetch, retries: 0, timeoutMs: 50 })
      .fetchItems([parseRef(ref) as Ref], context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceFailure);
    expect((error as SourceFailure).kind).toBe(kind);
    expect((error as SourceFailure).userMessage).toMatch(message);
    expect((error as SourceFailure).userMessage).toContain(`${name} (${host})`);
  });

  test('a 429 with a Retry-After within the wait limit is retried and succeeds', async () => {
    let calls = 0;
    const { fetch, requests } = fakeFetch(() =>
      calls++ === 0 ? json({}, 429, { 'Retry-After': '1' }) : json(empty),
    );
    const found = await create({ fetch, retries: 2 }).fetchItems([parseRef(ref) as Ref], context);
    expect(found.items).toEqual([]);
    expect(requests).toHaveLength(2);
  });
});
