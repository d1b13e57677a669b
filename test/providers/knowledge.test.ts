/**
 * Knowledge articles (issue 13): ServiceNow `kb_knowledge` and Zendesk Help Center, on the strict replica (its
 * story seeds published, draft and retired articles, and one that mentions SHOP-1010 where a LIKE finds SHOP-101)
 * and on hostile answers.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parseSettings } from '../../src/core/settings';
import { providersFor } from '../../src/providers/index';
import { type KnowledgeQuery, mentionsKey, titleWords } from '../../src/providers/knowledge';
import type { Provider } from '../../src/providers/provider';
import { createServiceNowProvider } from '../../src/systems/servicenow/provider';
import { createZendeskProvider } from '../../src/systems/zendesk/provider';
import { replicaSettings } from '../replica/credentials';
import type { Replica } from '../replica/server';
import { connections, fakeFetch, json } from './fixtures';
import { onReplica } from './on-replica';

z.config({ jitless: true }); // as in the extension

let replica: Replica;
onReplica({}, (started) => {
  replica = started;
});

function providerOf(system: string): Provider {
  const parsed = parseSettings(replicaSettings());
  if (!parsed.ok) throw new Error(parsed.error);
  return providersFor(parsed.settings, { fetch: replica.fetch }).find((p) => p.system === system) as Provider;
}

/** What the page of INC0010001 asks: its number and its bug's key, and the bug's title words. */
const checkout: KnowledgeQuery = {
  keys: [
    { ref: 'servicenow:INC0010001', key: 'INC0010001' },
    { ref: 'jira:SHOP-101', key: 'SHOP-101' },
  ],
  words: titleWords('Checkout times out for carts over 50 items'),
};

const sent = (path: string) => replica.requests.filter((r) => r.path.startsWith(path));

describe('ServiceNow knowledge base', () => {
  test('published articles that mention the refs or share the words, in one Table API query', async () => {
    const found = await providerOf('servicenow').knowledge?.(checkout, {});
    // KB0010003 (draft), KB0010005 (retired) and KB0010004 (SHOP-1010, not SHOP-101) are left out.
    expect(found?.items.map((i) => i.ref)).toEqual(['servicenow:KB0010001', 'servicenow:KB0010002']);
    const [article] = found?.items ?? [];
    expect(article).toMatchObject({
      kind: 'knowledge',
      key: 'KB0010001',
      title: 'Checkout times out for large carts: workaround until SHOP-101 ships',
      status: { name: 'Published', category: 'done' },
      updatedAt: '2026-03-12T10:00:00Z',
      url: 'https://acme.service-now.com/kb_view.do?sysparm_article=KB0010001',
    });
    expect(found?.links.filter((l) => l.from === 'servicenow:KB0010001').map((l) => l.to)).toEqual([
      'servicenow:INC0010001',
      'jira:SHOP-101',
    ]);
    // KB0010002 is there by its words alone: it names no reference.
    expect(found?.links.some((l) => l.from === 'servicenow:KB0010002')).toBe(false);
    const queries = sent('/api/now/table/kb_knowledge');
    expect(queries).toHaveLength(1);
    const q = new URL(`https://x${queries[0]?.path}`).searchParams.get('sysparm_query') ?? '';
    expect(q.split('^NQ').every((half) => half.startsWith('workflow_state=published^'))).toBe(true);
    expect(q).toContain('textLIKESHOP-101');
    expect(q).toContain('123TEXTQUERY321=checkout');
  });

  test('an instance that ignores the state condition still shows no draft, and a LIKE over-match is dropped', async () => {
    const both = (v: string) => ({ display_value: v, value: v });
    const row = (number: string, state: string, text: string) => ({
      sys_id: both(`sys-${number}`),
      number: both(number),
      short_description: both(`Article ${number}`),
      text: both(text),
      workflow_state: { display_value: state, value: state.toLowerCase() },
      sys_updated_on: both('2026-03-01 10:00:00'),
    });
    const { fetch } = fakeFetch(() =>
      json({
        result: [
          row('KB0000001', 'Draft', 'SHOP-101'),
          row('KB0000002', 'Published', 'about SHOP-1010 and XSHOP-101'),
          row('KB0000003', 'Published', '<p>see <i>SHOP-101</i></p>'),
        ],
      }),
    );
    const provider = createServiceNowProvider({ connection: connections.servicenow, fetch, retries: 0 });
    const found = await provider.knowledge?.(
      { keys: [{ ref: 'jira:SHOP-101', key: 'SHOP-101' }], words: [] },
      {},
    );
    expect(found?.items.map((i) => i.ref)).toEqual(['servicenow:KB0000003']);
  });

  test('hostile titles stay text, a row that does not validate is a note, the rest show', async () => {
    const both = (v: string) => ({ display_value: v, value: v });
    const { fetch } = fakeFetch(() =>
      json({
        result: [
          { number: 12, short_description: { nested: true } },
          {
            number: both('KB0000009'),
            short_description: both('<img src=x onerror=alert(1)>'),
            text: both('SHOP-101'),
            workflow_state: both('published'),
          },
        ],
      }),
    );
    const provider = createServiceNowProvider({ connection: connections.servicenow, fetch, retries: 0 });
    const found = await provider.knowledge?.(
      { keys: [{ ref: 'jira:SHOP-101', key: 'SHOP-101' }], words: [] },
      {},
    );
    expect(found?.items.map((i) => [i.ref, i.title])).toEqual([
      ['servicenow:KB0000009', '<img src=x onerror=alert(1)>'],
    ]);
    expect(found?.notes).toEqual(['12 was skipped: its data did not match what Liaison expects']);
  });
});

describe('Zendesk Help Center', () => {
  test('published articles that mention a ref: zendesk-hc refs, drafts left out, one search per key and one for the words', async () => {
    const found = await providerOf('zendesk').knowledge?.(checkout, {});
    expect(found?.items.map((i) => i.ref)).toEqual(['zendesk-hc:acme/360001234567']);
    expect(found?.items[0]).toMatchObject({
      kind: 'knowledge',
      title: 'Large basket checkout spins: what to tell customers',
      status: { name: 'Published', category: 'done' },
      updatedAt: '2026-03-11T15:00:00Z',
    });
    expect(found?.items[0]?.url).toMatch(/^https:\/\/acme\.zendesk\.com\/hc\/en-us\/articles\/360001234567-/);
    const searches = sent('/api/v2/help_center/articles/search').map((r) =>
      new URL(`https://x${r.path}`).searchParams.get('query'),
    );
    expect(searches).toEqual(['"INC0010001"', '"SHOP-101"', 'checkout times carts items']);
  });

  test('a link off the connection becomes the article’s own address; a malformed result is a note', async () => {
    const { fetch } = fakeFetch(() =>
      json({
        results: [
          { id: 'not-a-number', title: 'Broken' },
          {
            id: 360000000001,
            title: '"><script>alert(1)</script>',
            body: '<p>SHOP-101</p>',
            draft: false,
            html_url: 'javascript:alert(1)',
            updated_at: '2026-03-01T00:00:00Z',
          },
        ],
        next_page: null,
      }),
    );
    const provider = createZendeskProvider({ connection: connections.zendesk, fetch, retries: 0 });
    const found = await provider.knowledge?.(
      { keys: [{ ref: 'jira:SHOP-101', key: 'SHOP-101' }], words: [] },
      {},
    );
    expect(found?.items.map((i) => [i.ref, i.title, i.url])).toEqual([
      [
        'zendesk-hc:acme/360000000001',
        '"><script>alert(1)</script>',
        'https://acme.zendesk.com/hc/articles/360000000001',
      ],
    ]);
    expect(found?.notes).toEqual(['"Broken" was skipped: its data did not match what Liaison expects']);
  });
});

describe('Help Center searches at once', () => {
  test('four keys and the words: five searches in flight together, not four and then one', async () => {
    let inFlight = 0;
    let most = 0;
    const { fetch, requests } = fakeFetch(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      return json({ results: [], next_page: null });
    });
    const provider = createZendeskProvider({ connection: connections.zendesk, fetch, retries: 0 });
    const keys = ['SHOP-101', 'SHOP-102', 'INC0010001', 'INC0010002'].map((key) => ({
      ref: `x:${key}`,
      key,
    }));
    await provider.knowledge?.({ keys, words: ['checkout', 'spins'] }, {});
    expect(requests).toHaveLength(5);
    expect(most).toBe(5);
  });
});

describe('Help Center failures', () => {
  test('one failed search fails the source at once and calls off the others', async () => {
    const calledOff: string[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const query = new URL(request.url).searchParams.get('query') ?? '';
      if (query === '"SHOP-101"') return json({ error: "Couldn't authenticate you" }, 401);
      return new Promise<Response>((_, reject) =>
        request.signal.addEventListener('abort', () => {
          calledOff.push(query);
          reject(request.signal.reason);
        }),
      );
    }) as typeof globalThis.fetch;
    const provider = createZendeskProvider({ connection: connections.zendesk, fetch, retries: 0 });
    await expect(provider.knowledge?.(checkout, {})).rejects.toMatchObject({ kind: 'auth' });
    await new Promise((r) => setTimeout(r, 0));
    expect(calledOff.sort()).toEqual(['"INC0010001"', 'checkout times carts items']);
  });
});

describe('verification', () => {
  test('a key counts as a whole token only', () => {
    expect(mentionsKey('see SHOP-101.', 'SHOP-101')).toBe(true);
    expect(mentionsKey('see shop-101', 'SHOP-101')).toBe(true);
    expect(mentionsKey('SHOP-1010', 'SHOP-101')).toBe(false);
    expect(mentionsKey('XSHOP-101', 'SHOP-101')).toBe(false);
    expect(mentionsKey('SHOP-101-2', 'SHOP-101')).toBe(false);
  });

  test('title words leave out short and common words and numbers', () => {
    expect(titleWords('Checkout times out for carts over 50 items')).toEqual([
      'checkout',
      'times',
      'carts',
      'items',
    ]);
    expect(titleWords('SSO login returns 500 for federated users')).toEqual([
      'login',
      'returns',
      'federated',
      'users',
    ]);
  });
});
