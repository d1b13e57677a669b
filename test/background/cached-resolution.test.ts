import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEntityCache, memoryStorage } from '../../src/background/cache';
import { type CacheRun, withCache } from '../../src/background/cached-provider';
import { resolveContext } from '../../src/background/resolver';
import { parseSettings } from '../../src/core/settings';
import type { PageReport } from '../../src/messaging/protocol';
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
  const resolve = async (refresh = false, on: PageReport = page, maxHops = 2) => {
    const run: CacheRun = { refresh, revalidations: [] };
    const result = await resolveContext({
      page: on,
      providers: providers.map((p) => withCache(p, cache, run)),
      extract: { jiraProjectKeys: new Set(['SHOP', 'OPS', 'SUP']) },
      maxHops,
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

  test('remote links are read only where they lead on; an issue cached without them is read again when they do', async () => {
    const { resolve } = setup();
    const remoteLinkReads = () =>
      replica.requests.filter((r) => r.path.endsWith('/remotelink')).map((r) => r.path);
    replica.clearLog();
    // One hop from the PR: SHOP-101 is on the last hop, nothing it links to would be read.
    await resolve(false, page, 1);
    expect(remoteLinkReads()).toEqual([]);

    // Its own page starts from it: the cached issue lacks its remote links, so it is read again, with them.
    replica.clearLog();
    const jira = {
      url: 'https://acme.atlassian.net/browse/SHOP-101',
      site: 'jira' as const,
      subject: 'jira:SHOP-101',
      texts: [],
      refs: [],
    };
    const { result } = await resolve(false, jira, 2);
    expect(remoteLinkReads()).toContain('/rest/api/3/issue/SHOP-101/remotelink');
    expect(result.links).toContainEqual(
      expect.objectContaining({ from: 'jira:SHOP-101', to: 'servicenow:INC0010001', via: 'remote-link' }),
    );
    // Customer tickets lead nowhere: SUP-7 (a service request) is read without its remote links.
    expect(remoteLinkReads()).not.toContain('/rest/api/3/issue/SUP-7/remotelink');
  });
});
