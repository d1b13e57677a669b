/**
 * Entity cache figures: `npx tsx bench/cache.ts`. IndexedDB here is fake-indexeddb (a pure-JS implementation in
 * Node), so absolute figures are an upper bound of no browser's; the shape (what scales with what) is the point.
 */
import '../src/systems/index.ts';
import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { z } from 'zod';
import {
  type CacheStorage,
  type CacheWrite,
  createEntityCache,
  indexedDbStorage,
  itemEntryKind,
  memoryStorage,
} from '../src/background/cache';
import { type Item, itemSchema } from '../src/core/model';

z.config({ jitless: true }); // as in the service worker (MV3 CSP forbids zod's JIT)

const CAP = 5000;
const item = (n: number): Item => ({
  ref: `jira:SHOP-${n}`,
  system: 'jira',
  kind: n % 2 ? 'bug' : 'incident',
  key: `SHOP-${n}`,
  title: `Checkout fails when the basket holds more than ${n} items`,
  url: `https://acme.atlassian.net/browse/SHOP-${n}`,
  status: { name: 'In Progress', category: 'in_progress' },
  priority: { name: 'High', rank: 2 },
  assignee: 'Dana Developer',
  createdAt: '2025-01-06T09:00:00Z',
  updatedAt: '2025-01-07T10:30:00Z',
  fixVersions: [{ name: 'v2.4.0', released: false }],
});
const writes = (from: number, count: number): CacheWrite[] =>
  Array.from({ length: count }, (_, i) => {
    const value = item(from + i);
    return { key: value.ref, kind: itemEntryKind(value), value, connectionId: 'jira' };
  });
const keys = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `jira:SHOP-${from + i}`);

async function time(runs: number, body: (run: number) => Promise<unknown>): Promise<string> {
  const ms: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await body(run);
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0).toFixed(2);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms (${runs} runs)`;
}

async function bench(label: string, makeStorage: () => CacheStorage): Promise<void> {
  console.log(`\n${label}`);
  const storage = makeStorage();
  const cache = createEntityCache({ storage, maxEntries: CAP, indexFlushMs: Number.POSITIVE_INFINITY });
  let start = performance.now();
  for (let n = 0; n < CAP; n += 500) await cache.setMany(writes(n, 500));
  await cache.flush();
  console.log(
    `  fill ${CAP} items (10 x setMany 500):          ${(performance.now() - start).toFixed(0)} ms`,
  );

  const restarted = createEntityCache({ storage, maxEntries: CAP, indexFlushMs: Number.POSITIVE_INFINITY });
  start = performance.now();
  await restarted.getMany(keys(0, 50), itemSchema);
  console.log(
    `  cold start: load a ${CAP}-entry index + getMany 50: ${(performance.now() - start).toFixed(1)} ms`,
  );

  console.log(
    `  getMany 50 warm keys (validated):             ${await time(200, (r) => restarted.getMany(keys((r * 50) % CAP, 50), itemSchema))}`,
  );
  console.log(
    `  getMany 50 keys not cached:                   ${await time(200, (r) => restarted.getMany(keys(CAP * 2 + r * 50, 50), itemSchema))}`,
  );
  console.log(
    `  setMany 50 (overwrites, no eviction):         ${await time(200, (r) => restarted.setMany(writes((r * 50) % CAP, 50)))}`,
  );
  console.log(
    `  save the ${CAP}-entry recency index:           ${await time(20, async () => {
      await restarted.set('jira:SHOP-0', 'bug', item(0), { connectionId: 'jira' }); // makes the index dirty
      await restarted.flush();
    })}`,
  );

  start = performance.now();
  await restarted.setMany(writes(CAP, 1000));
  const evicting = performance.now() - start;
  const { entries } = await restarted.stats();
  console.log(
    `  setMany 1,000 new at the cap (evicts 1,250):  ${evicting.toFixed(1)} ms, ${entries} entries left`,
  );

  const loader = async (wanted: string[]) => new Map(wanted.map((k) => [k, item(Number(k.split('-')[1]))]));
  console.log(
    `  getOrLoadMany 50, 10 concurrent callers:      ${await time(50, (r) => {
      const batch = keys(CAP * 4 + r * 50, 50);
      const options = { schema: itemSchema, kind: itemEntryKind, connectionId: 'jira' };
      return Promise.all(Array.from({ length: 10 }, () => restarted.getOrLoadMany(batch, options, loader)));
    })}`,
  );
}

await bench('IndexedDB (fake-indexeddb in Node)', () =>
  indexedDbStorage(createStore('liaison-cache-bench', 'entities')),
);
await bench('memory', memoryStorage);
