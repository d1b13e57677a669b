import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { runSearch, type SearchDeps } from '../../src/background/search';
import { planSearch } from '../../src/background/search-plan';
import type { ExtractOptions } from '../../src/core/extract';
import { formatRef } from '../../src/core/refs';
import { parseSettings } from '../../src/core/settings';
import type { SearchReply } from '../../src/messaging/search';
import { resetRateLimitState } from '../../src/providers/http';
import { providersFor } from '../../src/providers/index';
import { type ReplicaSystem, replicaSettings } from '../replica/credentials';
import { type Replica, startReplica } from '../replica/server';

/** The background's quick search: what a text asks for, and the per-source stream of answers on the replica. */

const extract: ExtractOptions = {
  jira: [{ projectKeys: new Set(['SHOP', 'OPS', 'SUP']), baseUrl: 'https://acme.atlassian.net' }],
  servicenow: [{ baseUrl: 'https://acme.service-now.com' }],
  githubHosts: ['github.com'],
  zendeskSubdomains: ['acme'],
};
const plannedRefs = (text: string, near?: string) => {
  const plan = planSearch(text, { extract, near });
  return plan.mode === 'refs' ? plan.refs.map(formatRef) : plan.text;
};

describe('planSearch: references are looked up, anything else is words', () => {
  test.each([
    ['INC0010001', ['servicenow:INC0010001']],
    ['  SHOP-101 ', ['jira:SHOP-101']],
    ['shop-101', ['jira:SHOP-101']],
    ['inc0010001', ['servicenow:INC0010001']],
    ['acme/shop-api#42', ['github:acme/shop-api#42']],
    ['https://github.com/Acme/Shop-API/pull/42/files', ['github:acme/shop-api#42']],
    ['https://acme.atlassian.net/browse/SHOP-101', ['jira:SHOP-101']],
    ['https://acme.zendesk.com/agent/tickets/4711', ['zendesk:acme/4711']],
    ['SHOP-101, INC0010001; SHOP-101', ['jira:SHOP-101', 'servicenow:INC0010001']],
    ['#4711', ['zendesk:acme/4711']],
    ['4711', ['zendesk:acme/4711']],
  ])('%s → %j', (text, refs) => {
    expect(plannedRefs(text)).toEqual(refs);
  });

  test('#12 on a GitHub tab also means that repository’s #12', () => {
    expect(plannedRefs('#12', 'github:acme/shop-api#42')).toEqual([
      'zendesk:acme/12',
      'github:acme/shop-api#12',
    ]);
  });

  test.each(['checkout', 'checkout SHOP-101', 'UTF-8', 'NOPE-1', 'https://example.com/browse/SHOP-101'])(
    '%s is words',
    (text) => {
      expect(plannedRefs(text)).toBe(text);
    },
  );

  test('a bare number is words when no Zendesk is connected and the tab is no GitHub item', () => {
    expect(planSearch('#4711', { extract: { ...extract, zendeskSubdomains: [] } })).toEqual({
      mode: 'text',
      text: '#4711',
    });
  });
});

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica?.close());
afterEach(() => {
  replica.clearFaults();
  resetRateLimitState();
});

function deps(include?: ReplicaSystem[], signal = new AbortController().signal): SearchDeps {
  const parsed = parseSettings(replicaSettings(include ? { include } : {}));
  if (!parsed.ok) throw new Error(parsed.error);
  return { providers: providersFor(parsed.settings, { fetch: replica.fetch }), extract, signal };
}

async function collect(replies: AsyncGenerator<SearchReply>): Promise<SearchReply[]> {
  const out: SearchReply[] = [];
  for await (const reply of replies) out.push(reply);
  return out;
}
const ofType = <T extends SearchReply['type']>(replies: SearchReply[], type: T) =>
  replies.filter((r): r is Extract<SearchReply, { type: T }> => r.type === type);

describe('runSearch on the replica', () => {
  test('an ID is looked up in its own system only: one result', async () => {
    const replies = await collect(runSearch({ queryId: 1, text: 'INC0010001', limit: 5 }, deps()));
    expect(replies[0]).toMatchObject({
      type: 'plan',
      mode: 'refs',
      refs: ['servicenow:INC0010001'],
      sources: [{ system: 'servicenow', connectionId: 'snow', label: 'ServiceNow' }],
    });
    const found = ofType(replies, 'found');
    expect(found.flatMap((f) => f.items.map((i) => i.ref))).toEqual(['servicenow:INC0010001']);
    expect(replies.at(-1)).toEqual({ type: 'done', queryId: 1 });
  });

  test('words search every connected system in parallel, each answer as it arrives', async () => {
    const replies = await collect(runSearch({ queryId: 2, text: 'checkout', limit: 5 }, deps()));
    const plan = ofType(replies, 'plan')[0];
    expect(plan?.mode).toBe('text');
    expect(plan?.sources.map((s) => s.connectionId)).toEqual(['gh', 'jira', 'snow', 'zd']);
    const found = ofType(replies, 'found');
    expect(found.map((f) => f.connectionId).sort()).toEqual(['gh', 'jira', 'snow', 'zd']);
    const systems = new Set(found.flatMap((f) => f.items.map((i) => i.system)));
    expect(systems.size).toBeGreaterThanOrEqual(3);
    for (const f of found) expect(f.items.length).toBeLessThanOrEqual(5);
  });

  test('a failing source is data beside the others’ results', async () => {
    replica.fault({ host: 'acme.atlassian.net', path: /^\/rest\/api\/3\//, kind: '401' });
    const replies = await collect(runSearch({ queryId: 3, text: 'checkout', limit: 5 }, deps()));
    const failed = ofType(replies, 'failed');
    expect(failed).toEqual([
      expect.objectContaining({
        connectionId: 'jira',
        system: 'jira',
        error: expect.objectContaining({ kind: 'auth', message: expect.stringMatching(/Liaison options/) }),
      }),
    ]);
    expect(
      ofType(replies, 'found')
        .map((f) => f.connectionId)
        .sort(),
    ).toEqual(['gh', 'snow', 'zd']);
  });

  test('a source slower than the deadline answers timeout; the rest do not wait for it', async () => {
    replica.fault({ host: 'acme.zendesk.com', path: /^\/api\/v2\/search/, kind: 'hang' });
    const started = Date.now();
    const replies = await collect(
      runSearch({ queryId: 4, text: 'checkout', limit: 5 }, { ...deps(), deadlineMs: 300 }),
    );
    expect(ofType(replies, 'failed')).toEqual([
      expect.objectContaining({ connectionId: 'zd', error: expect.objectContaining({ kind: 'timeout' }) }),
    ]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  test('an aborted search (a newer one started) yields nothing more, not even the hanging source’s error', async () => {
    replica.fault({ host: 'acme.service-now.com', path: /^\/api\/now\//, kind: 'hang' });
    const controller = new AbortController();
    const replies: SearchReply[] = [];
    const run = (async () => {
      for await (const reply of runSearch(
        { queryId: 5, text: 'checkout', limit: 5 },
        deps(undefined, controller.signal),
      )) {
        replies.push(reply);
        if (reply.type === 'found' && replies.filter((r) => r.type === 'found').length === 3)
          controller.abort();
      }
    })();
    await run;
    expect(replies.some((r) => r.type === 'done')).toBe(false);
    expect(replies.some((r) => r.type === 'failed')).toBe(false);
  });

  test('a reference no connected system owns is searched as words', async () => {
    const replies = await collect(
      runSearch({ queryId: 6, text: 'acme/shop-api#42', limit: 5 }, deps(['jira', 'servicenow'])),
    );
    expect(ofType(replies, 'plan')[0]).toMatchObject({ mode: 'text', refs: [] });
  });

  test('an ID that does not exist is an empty answer from its system, not an error', async () => {
    const replies = await collect(runSearch({ queryId: 7, text: 'INC9999999', limit: 5 }, deps()));
    expect(ofType(replies, 'found')).toEqual([expect.objectContaining({ connectionId: 'snow', items: [] })]);
  });
});
