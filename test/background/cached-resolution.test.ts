import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEntityCache, memoryStorage } from '../../src/background/cache';
import { type CacheRun, withCache } from '../../src/background/cached-provider';
import { resolveContext } from '../../src/background/resolver';
import { parseSettings } from '../../src/core/settings';
import { providersFor } from '../../src/providers/index';
import { replicaSettings } from '../replica/credentials';
import { type Replica, startReplica } from '../replica/server';

/** The resolver over the entity cache, against the replica: cold, warm, refresh and stale-while-revalidate. */

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0 });
});
afterAll(() => replica.close());

const page = {
  url: 'https://github.com/acme/shop-api/pull/42',
  site: 'github' as const,
  subject: 'github:acme/shop-api#42',
  texts: [{ text: 'SHOP-101: stream cart totals instead of loading every item', where: 'title' }],
  refs: [],
};

function setup() {
  let now = Date.parse('2026-11-26T10:00:00Z');
  const cache = createEntityCache({ storage: memoryStorage(), now: () => now });
  const parsed = parseSettings(replicaSettings());
  if (!parsed.ok) throw new Error(parsed.error);
  const providers = providersFor(parsed.settings, { fetch: replica.fetch });
  const resolve = async (refresh = false) => {
    const run: CacheRun = { refresh, revalidations: [] };
    const result = await resolveContext({
      page,
      providers: providers.map((p) => withCache(p, cache, run)),
      extract: { jiraProjectKeys: new Set(['SHOP', 'OPS', 'SUP']) },
      maxHops: 2,
    });
    return { result, run };
  };
  return { resolve, advance: (ms: number) => (now += ms) };
}

const apiCalls = () => replica.requests.filter((r) => !r.path.startsWith('/__replica')).length;

describe('resolution over the entity cache', () => {
  test('a warm cache within the time to live makes no request and gives the same context', async () => {
    const { resolve } = setup();
    replica.clearLog();
    const cold = await resolve();
    const coldCalls = apiCalls();
    expect(coldCalls).toBeGreaterThan(0);
    expect(cold.result.items.map((i) => i.ref)).toContain('servicenow:INC0010001');
    replica.clearLog();
    const warm = await resolve();
    expect(apiCalls()).toBe(0);
    expect(warm.run.revalidations).toHaveLength(0);
    expect(warm.result.items.map((i) => i.ref).sort()).toEqual(cold.result.items.map((i) => i.ref).sort());
  });

  test('refresh bypasses fresh entries', async () => {
    const { resolve } = setup();
    await resolve();
    replica.clearLog();
    await resolve(true);
    expect(apiCalls()).toBeGreaterThan(0);
  });

  test('past the time to live, stale entries answer at once and revalidate in the background', async () => {
    const { resolve, advance } = setup();
    await resolve();
    advance(60 * 60_000);
    replica.clearLog();
    const stale = await resolve();
    expect(stale.run.revalidations.length).toBeGreaterThan(0);
    expect(stale.result.items.map((i) => i.ref)).toContain('servicenow:INC0010001');
    await Promise.all(stale.run.revalidations);
    expect(apiCalls()).toBeGreaterThan(0);
    replica.clearLog();
    const fresh = await resolve();
    expect(fresh.run.revalidations).toHaveLength(0);
    expect(apiCalls()).toBe(0);
  });
});
