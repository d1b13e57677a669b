import { describe, expect, test } from 'vitest';
import { createEntityCache, memoryStorage } from '../../src/background/cache';
import { withCache } from '../../src/background/cached-provider';
import type { Item } from '../../src/core/model';
import { formatRef, parseRef, type Ref } from '../../src/core/refs';
import type { Connection } from '../../src/core/settings';
import { failureFor } from '../../src/providers/errors';
import {
  type Found,
  lookupRound,
  type Provider,
  type RoundFound,
  type Target,
} from '../../src/providers/provider';

/**
 * A round through the entity cache (`fetchAndFind`): what neither the item entries nor the search entries hold
 * goes to the provider in one round, whatever the cache already has.
 */

const pull = (n: number): Item => ({
  ref: `github:acme/shop#${n}`,
  system: 'github',
  kind: 'pull',
  key: `acme/shop#${n}`,
  title: `PR ${n}`,
  url: `https://github.com/acme/shop/pull/${n}`,
  status: { name: 'Open', category: 'in_progress' },
});
const shop101: Target = {
  ref: 'jira:SHOP-101',
  system: 'jira',
  key: 'SHOP-101',
  url: 'https://jira.example/browse/SHOP-101',
};

function counted() {
  const rounds: { refs: string[]; targets: string[] }[] = [];
  const apart: string[] = [];
  const answer = (refs: Ref[], targets: Target[]): RoundFound => ({
    fetched: { items: refs.map((r) => pull(Number(formatRef(r).split('#')[1]))), links: [] },
    referencing: {
      items: targets.length > 0 ? [pull(42)] : [],
      links: targets.map((t) => ({ from: pull(42).ref, to: t.ref, via: 'mention' as const })),
    },
  });
  const provider: Provider = {
    system: 'github',
    connection: githubConnection,
    refHost: undefined,
    owns: (ref) => ref.system === 'github',
    async fetchItems(refs): Promise<Found> {
      apart.push('fetchItems');
      return answer(refs, []).fetched;
    },
    async findReferencing(targets): Promise<Found> {
      apart.push('findReferencing');
      return answer([], targets).referencing;
    },
    async fetchAndFind(refs, targets) {
      rounds.push({ refs: refs.map(formatRef), targets: targets.map((t) => t.ref) });
      return answer(refs, targets);
    },
    whoAmI: async () => 'me',
  };
  return { provider, rounds, apart };
}

const refs = (...list: string[]) => list.map((r) => parseRef(r) as Ref);
const context = { extract: {} };

/** The connection the fake GitHub providers answer for. */
const githubConnection = {
  id: 'gh',
  system: 'github',
  baseUrl: 'https://github.com',
  auth: { type: 'token', token: 't' },
} as Connection;

describe('a round through the entity cache', () => {
  test('a cold cache: the items and the search in one round', async () => {
    const { provider, rounds, apart } = counted();
    const cached = withCache(provider, createEntityCache({ storage: memoryStorage() }), {
      refresh: false,
      revalidations: [],
    });
    const round = await cached.fetchAndFind?.(
      refs('github:acme/shop#42', 'github:acme/shop#43'),
      [shop101],
      context,
    );
    expect(rounds).toEqual([
      { refs: ['github:acme/shop#42', 'github:acme/shop#43'], targets: ['jira:SHOP-101'] },
    ]);
    expect(apart).toEqual([]);
    expect(round?.fetched.items.map((i) => i.ref)).toEqual(['github:acme/shop#42', 'github:acme/shop#43']);
    expect(round?.referencing.links.map((l) => l.to)).toEqual(['jira:SHOP-101']);
  });

  test('what the cache holds is not asked again; the rest goes in one round, and a warm cache asks nothing', async () => {
    const { provider, rounds } = counted();
    const cache = createEntityCache({ storage: memoryStorage() });
    const cached = withCache(provider, cache, { refresh: false, revalidations: [] });
    await cached.fetchItems(refs('github:acme/shop#42'), context);
    rounds.length = 0;
    await cached.fetchAndFind?.(refs('github:acme/shop#42', 'github:acme/shop#43'), [shop101], context);
    expect(rounds).toEqual([{ refs: ['github:acme/shop#43'], targets: ['jira:SHOP-101'] }]);
    rounds.length = 0;
    const again = await cached.fetchAndFind?.(
      refs('github:acme/shop#42', 'github:acme/shop#43'),
      [shop101],
      context,
    );
    expect(rounds).toEqual([]);
    expect(again?.fetched.items).toHaveLength(2);
    expect(again?.referencing.links.map((l) => l.to)).toEqual(['jira:SHOP-101']);
  });

  test('only the search missing: a round with no lookup in it', async () => {
    const { provider, rounds } = counted();
    const cached = withCache(provider, createEntityCache({ storage: memoryStorage() }), {
      refresh: false,
      revalidations: [],
    });
    await cached.fetchItems(refs('github:acme/shop#42'), context);
    rounds.length = 0;
    await cached.fetchAndFind?.(refs('github:acme/shop#42'), [shop101], context);
    expect(rounds).toEqual([{ refs: [], targets: ['jira:SHOP-101'] }]);
  });

  test('a round whose search failed: the items are cached and returned, the failure is the search half only', async () => {
    const { provider, rounds } = counted();
    const failing: Provider = {
      ...provider,
      async fetchAndFind(refs, targets, context) {
        const round = (await provider.fetchAndFind?.(refs, targets, context)) as RoundFound;
        return {
          ...round,
          referencing: { items: [], links: [] },
          referencingError: failureFor('github', 'api.github.com', 422),
        };
      },
    };
    const cached = withCache(failing, createEntityCache({ storage: memoryStorage() }), {
      refresh: false,
      revalidations: [],
    });
    const round = await cached.fetchAndFind?.(refs('github:acme/shop#42'), [shop101], context);
    expect(round?.fetched.items.map((i) => i.ref)).toEqual(['github:acme/shop#42']);
    expect(round?.referencingError?.system).toBe('github');
    rounds.length = 0;
    await cached.fetchItems(refs('github:acme/shop#42'), context);
    expect(rounds).toEqual([]); // the item was cached
  });

  test('a provider without a round of its own (Zendesk): a failed search keeps the tickets its lookup read', async () => {
    const { provider } = counted();
    const { fetchAndFind: _none, ...apart } = provider;
    const zendeskLike: Provider = {
      ...apart,
      findReferencing: async () => {
        throw failureFor('github', 'api.github.com', 429);
      },
    };
    const cached = withCache(zendeskLike, createEntityCache({ storage: memoryStorage() }), {
      refresh: false,
      revalidations: [],
    });
    expect(cached.fetchAndFind).toBeUndefined();
    const round = await lookupRound(cached, refs('github:acme/shop#42'), [shop101], context);
    expect(round.fetched.items.map((i) => i.ref)).toEqual(['github:acme/shop#42']);
    expect(round.referencingError?.kind).toBe('rate-limited');
  });
});

describe('links out of the cache', () => {
  test('an item written with a javascript: link leaves the cache with its address on the connection', async () => {
    const hostile = { ...pull(7), url: 'javascript:alert(1)' };
    const provider: Provider = {
      system: 'github',
      connection: githubConnection,
      refHost: undefined,
      owns: (ref) => ref.system === 'github',
      fetchItems: async () => ({ items: [hostile], links: [] }),
      findReferencing: async () => ({
        items: [hostile],
        links: [{ from: hostile.ref, to: shop101.ref, via: 'mention' }],
      }),
      whoAmI: async () => 'me',
    };
    const cache = createEntityCache({ storage: memoryStorage() });
    for (let run = 0; run < 2; run++) {
      const cached = withCache(provider, cache, { refresh: false, revalidations: [] });
      const round = await lookupRound(cached, [parseRef(hostile.ref) as Ref], [shop101], { extract: {} });
      for (const item of [...round.fetched.items, ...round.referencing.items])
        expect(item.url).toBe('https://github.com/acme/shop/issues/7');
    }
  });
});
