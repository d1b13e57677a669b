import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEntityCache, memoryStorage } from '../../src/background/cache';
import { type CacheRun, withCache } from '../../src/background/cached-provider';
import { coalescing } from '../../src/background/coalesce';
import { resolveContext } from '../../src/background/resolver';
import { customerKinds } from '../../src/core/model';
import { parseSettings } from '../../src/core/settings';
import { snapshotOf } from '../../src/core/watch';
import { providersFor } from '../../src/providers/index';
import type { Found, Provider, Target } from '../../src/providers/provider';
import { replicaSettings } from '../replica/credentials';
import { type Replica, startReplica } from '../replica/server';

/**
 * A watch check resolves its watches side by side; their lookups share requests (issue 15: 200 watches cost 1,041
 * requests a poll, five times one request per item). What each watch sees must not change.
 */

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0 });
});
afterAll(() => replica.close());

const extract = { jiraProjectKeys: new Set(['SHOP', 'OPS', 'SUP']) };
const watched = [
  'jira:SHOP-101',
  'jira:SHOP-102',
  'github:acme/shop-api#42',
  'servicenow:INC0010001',
  'zendesk:acme/4711',
];
const hopsOf = (ref: string) => {
  const kind = ref.startsWith('servicenow:INC') || ref.startsWith('zendesk:') ? 'incident' : 'bug';
  return customerKinds.has(kind) ? 2 : 1;
};

function providers() {
  const parsed = parseSettings(replicaSettings());
  if (!parsed.ok) throw new Error(parsed.error);
  return providersFor(parsed.settings, { fetch: replica.fetch });
}

/** Each watch's snapshot, resolving the watches one after another or side by side through `wrap`. */
async function snapshots(sideBySide: boolean, wrap: (p: Provider) => Provider) {
  const cache = createEntityCache({ storage: memoryStorage() });
  const run: CacheRun = { refresh: false, revalidations: [] };
  const through = providers().map((p) => withCache(wrap(p), cache, run));
  const resolveOne = async (ref: string) => {
    const context = await resolveContext({
      page: { url: '', site: 'github', subject: ref, texts: [], refs: [] },
      providers: through,
      extract,
      maxHops: hopsOf(ref),
    });
    return [ref, snapshotOf(ref, context)] as const;
  };
  replica.clearLog();
  const out = sideBySide
    ? await Promise.all(watched.map(resolveOne))
    : await watched.reduce(
        async (done, ref) => [...(await done), await resolveOne(ref)],
        Promise.resolve([] as (readonly [string, ReturnType<typeof snapshotOf>])[]),
      );
  return { snapshots: new Map(out), requests: replica.requests.length };
}

describe('watches checked side by side share their requests', () => {
  test('each watch sees what it saw alone, for fewer requests', async () => {
    const alone = await snapshots(false, (p) => p);
    const shared = await snapshots(true, (p) => coalescing(p));
    for (const ref of watched) {
      expect(alone.snapshots.get(ref), ref).toBeDefined();
      expect(shared.snapshots.get(ref), ref).toEqual(alone.snapshots.get(ref));
    }
    expect(shared.requests).toBeLessThan(alone.requests);
  });

  test('calls within the window go out as one, within the bounds; a failure fails each of its callers', async () => {
    const calls: string[][] = [];
    const target = (n: number): Target => ({
      ref: `jira:SHOP-${n}`,
      system: 'jira',
      key: `SHOP-${n}`,
      url: `https://acme.atlassian.net/browse/SHOP-${n}`,
    });
    const fake = {
      ...providers()[0],
      async findReferencing(targets: Target[]): Promise<Found> {
        calls.push(targets.map((t) => t.ref));
        if (targets.some((t) => t.ref === 'jira:SHOP-99')) throw new Error('refused');
        return { items: [], links: [] };
      },
    } as Provider;
    const shared = coalescing(fake, { windowMs: 10, maxRefs: 100, maxTargets: 3 });
    const asked = [1, 2, 3, 4].map((n) => shared.findReferencing([target(n)], { extract }));
    await Promise.all(asked);
    expect(calls).toEqual([['jira:SHOP-1', 'jira:SHOP-2', 'jira:SHOP-3'], ['jira:SHOP-4']]);
    const failing = [
      shared.findReferencing([target(99)], { extract }),
      shared.findReferencing([target(5)], { extract }),
    ];
    const settled = await Promise.allSettled(failing);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    // A provider that throws before it returns a promise fails its callers too, never leaves them waiting.
    const throwing = coalescing(
      {
        ...fake,
        findReferencing: (() => {
          throw new Error('at once');
        }) as Provider['findReferencing'],
      },
      { windowMs: 10, maxRefs: 100, maxTargets: 3 },
    );
    await expect(throwing.findReferencing([target(6)], { extract })).rejects.toThrow('at once');
  });
});
