import { describe, expect, test } from 'vitest';
import { createEntityCache, memoryStorage } from '../../src/background/cache';
import { withCache } from '../../src/background/cached-provider';
import { findKnowledge } from '../../src/background/knowledge';
import type { Item } from '../../src/core/model';
import type { Connection } from '../../src/core/settings';
import { failureFor } from '../../src/providers/errors';
import { knowledgeViewSchema, MAX_KNOWLEDGE_ITEMS } from '../../src/messaging/protocol';
import type { KnowledgeQuery } from '../../src/providers/knowledge';
import type { Provider } from '../../src/providers/provider';
import '../../src/systems/grammars';

/**
 * The knowledge round (issue 13): every knowledge base asked once per page through the entity cache; a failing one
 * is its own source's error and the others' articles stay.
 */

const snow: Connection = {
  id: 'snow',
  system: 'servicenow',
  baseUrl: 'https://acme.service-now.com',
  auth: { type: 'basic', username: 'me', password: 'pw' },
} as Connection;
const zd: Connection = {
  id: 'zd',
  system: 'zendesk',
  baseUrl: 'https://acme.zendesk.com',
  auth: { type: 'basic', username: 'me@acme.com/token', password: 'tok' },
} as Connection;

const article: Item = {
  ref: 'servicenow:KB0010001',
  system: 'servicenow',
  kind: 'knowledge',
  key: 'KB0010001',
  title: 'Checkout workaround',
  url: 'https://acme.service-now.com/kb_view.do?sysparm_article=KB0010001',
  status: { name: 'Published', category: 'done' },
};
const query: KnowledgeQuery = { keys: [{ ref: 'jira:SHOP-101', key: 'SHOP-101' }], words: ['checkout'] };

function fake(connection: Connection, answer: () => Promise<Item[]>) {
  const asked: KnowledgeQuery[] = [];
  const provider = {
    system: connection.system,
    connection,
    refHost: undefined,
    owns: () => false,
    fetchItems: async () => ({ items: [], links: [] }),
    findReferencing: async () => ({ items: [], links: [] }),
    whoAmI: async () => 'me',
    knowledge: async (q: KnowledgeQuery) => {
      asked.push(q);
      return { items: await answer(), links: [] };
    },
  } as Provider;
  return { provider, asked };
}

describe('knowledge through the cache', () => {
  test('a second page with the same context asks nothing; a refresh asks again', async () => {
    const cache = createEntityCache({ storage: memoryStorage() });
    const { provider, asked } = fake(snow, async () => [article]);
    const run = () => ({ refresh: false, revalidations: [] });
    const first = await findKnowledge(query, [withCache(provider, cache, run())]);
    const second = await findKnowledge(query, [withCache(provider, cache, run())]);
    expect(first.items.map((i) => i.ref)).toEqual(['servicenow:KB0010001']);
    expect(second.items).toEqual(first.items);
    expect(asked).toHaveLength(1);
    await findKnowledge(query, [withCache(provider, cache, { refresh: true, revalidations: [] })]);
    expect(asked).toHaveLength(2);
  });

  test('a failing knowledge base is its own error; the other’s articles stay; a provider without one is not a source', async () => {
    const ok = fake(snow, async () => [article]);
    const failing = fake(zd, async () => {
      throw failureFor('zendesk', 'acme.zendesk.com', 500);
    });
    const without = { ...fake(zd, async () => []).provider, knowledge: undefined } as Provider;
    const found = await findKnowledge(query, [ok.provider, failing.provider, without]);
    expect(found.items.map((i) => i.ref)).toEqual(['servicenow:KB0010001']);
    expect(found.sources.map((s) => [s.system, s.error?.kind])).toEqual([
      ['servicenow', undefined],
      ['zendesk', 'unavailable'],
    ]);
    expect(found.sources[1]?.error?.message).toMatch(/Zendesk \(acme\.zendesk\.com\)/);
  });

  test('however many knowledge bases answer, the view stays within what the protocol carries', async () => {
    const many = Array.from({ length: 20 }, (_, c) =>
      fake({ ...snow, id: `snow${c}` } as Connection, async () =>
        Array.from({ length: 8 }, (_, n) => ({
          ...article,
          ref: `servicenow:h${c}.example/KB00100${n}${c}`,
        })),
      ),
    );
    const found = await findKnowledge(
      query,
      many.map((m) => m.provider),
    );
    expect(found.items).toHaveLength(MAX_KNOWLEDGE_ITEMS);
    expect(knowledgeViewSchema.safeParse(found).success).toBe(true);
  });

  test('nothing to ask (no keyed reference, no words): no request, the sources answered empty', async () => {
    const { provider, asked } = fake(snow, async () => [article]);
    const found = await findKnowledge({ keys: [], words: [] }, [provider]);
    expect(found).toEqual({
      items: [],
      links: [],
      sources: [expect.objectContaining({ system: 'servicenow' })],
    });
    expect(asked).toHaveLength(0);
  });
});
