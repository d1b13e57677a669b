/**
 * Entity cache figures: `npx tsx bench/cache.ts` (bench/run.ts records them; `cacheBench({ runs })`). IndexedDB here is fake-indexeddb (a pure-JS implementation in
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
import { type Figure, isMain, percentile, round } from './lib.ts';

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

interface Timed {
  median: number;
  p95: number;
  runs: number;
}

async function time(runs: number, body: (run: number) => Promise<unknown>): Promise<Timed> {
  const ms: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await body(run);
    ms.push(performance.now() - start);
  }
  return { median: percentile(ms, 50), p95: percentile(ms, 95), runs };
}

const show = (t: Timed) => `median ${t.median.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms (${t.runs} runs)`;

async function bench(
  label: string,
  makeStorage: () => CacheStorage,
  scale: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  const n = (runs: number) => Math.max(5, Math.round(runs * scale));
  const note = `${CAP}-entry cap`;
  const figures: Figure[] = [];
  const add = (name: string, value: number, unit: string, extra = '') =>
    figures.push({ name: `cache: ${name}, ${label}`, value: round(value), unit, note: `${note}${extra}` });
  log(`\n${label}`);
  const storage = makeStorage();
  const cache = createEntityCache({ storage, maxEntries: CAP, indexFlushMs: Number.POSITIVE_INFINITY });
  let start = performance.now();
  for (let i = 0; i < CAP; i += 500) await cache.setMany(writes(i, 500));
  await cache.flush();
  const fill = performance.now() - start;
  log(`  fill ${CAP} items (10 x setMany 500):          ${fill.toFixed(0)} ms`);
  add(`fill ${CAP} items (10 × setMany 500)`, fill, 'ms');

  const restarted = createEntityCache({ storage, maxEntries: CAP, indexFlushMs: Number.POSITIVE_INFINITY });
  start = performance.now();
  await restarted.getMany(keys(0, 50), itemSchema);
  const coldStart = performance.now() - start;
  log(`  cold start: load a ${CAP}-entry index + getMany 50: ${coldStart.toFixed(1)} ms`);
  add(`cold start: load the ${CAP}-entry index + getMany 50`, coldStart, 'ms');

  const timed = async (name: string, runs: number, body: (run: number) => Promise<unknown>) => {
    const t = await time(n(runs), body);
    log(`  ${`${name}:`.padEnd(45)} ${show(t)}`);
    add(`${name}, median`, t.median, 'ms', `; p95 ${t.p95.toFixed(2)} ms over ${t.runs} runs`);
  };
  await timed('getMany 50 warm keys (validated)', 200, (r) =>
    restarted.getMany(keys((r * 50) % CAP, 50), itemSchema),
  );
  await timed('getMany 50 keys not cached', 200, (r) =>
    restarted.getMany(keys(CAP * 2 + r * 50, 50), itemSchema),
  );
  await timed('setMany 50 (overwrites, no eviction)', 200, (r) =>
    restarted.setMany(writes((r * 50) % CAP, 50)),
  );
  await timed(`save the ${CAP}-entry recency index`, 20, async () => {
    await restarted.set('jira:SHOP-0', 'bug', item(0), { connectionId: 'jira' }); // makes the index dirty
    await restarted.flush();
  });

  start = performance.now();
  await restarted.setMany(writes(CAP, 1000));
  const evicting = performance.now() - start;
  const { entries } = await restarted.stats();
  log(`  setMany 1,000 new at the cap (evicts 1,250):  ${evicting.toFixed(1)} ms, ${entries} entries left`);
  add('setMany 1,000 new at the cap (evicts 1,250)', evicting, 'ms', `; ${entries} entries left`);

  const loader = async (wanted: string[]) => new Map(wanted.map((k) => [k, item(Number(k.split('-')[1]))]));
  await timed('getOrLoadMany 50, 10 concurrent callers', 50, (r) => {
    const batch = keys(CAP * 4 + r * 50, 50);
    const options = { schema: itemSchema, kind: itemEntryKind, connectionId: 'jira' };
    return Promise.all(Array.from({ length: 10 }, () => restarted.getOrLoadMany(batch, options, loader)));
  });
  return figures;
}

let benchStores = 0;

/** Both storages; `scale` multiplies the repeat counts (the quick run uses fewer). */
export async function cacheBench(options: { scale?: number; print?: boolean } = {}): Promise<Figure[]> {
  const log = options.print ? (line: string) => console.log(line) : () => undefined;
  const scale = options.scale ?? 1;
  // A new IndexedDB database per call, so a second call in one process starts empty too.
  const name = `liaison-cache-bench-${benchStores++}`;
  return [
    ...(await bench(
      'IndexedDB (fake-indexeddb in Node)',
      () => indexedDbStorage(createStore(name, 'entities')),
      scale,
      log,
    )),
    ...(await bench('memory', memoryStorage, scale, log)),
  ];
}

if (isMain(import.meta.url)) await cacheBench({ print: true });
