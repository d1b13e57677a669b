import { createStore, type UseStore } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import {
  type CacheOptions,
  type CacheStorage,
  cacheOptionsFrom,
  connectionFingerprint,
  createEntityCache,
  defaultTtl,
  type EntityCache,
  indexedDbStorage,
  itemEntryKind,
  type LoadOptions,
  memoryStorage,
} from '../../src/background/cache';
import { type Item, type ItemKind, itemSchema } from '../../src/core/model';
import { type Connection, settingsSchema } from '../../src/core/settings';

const MIN = 60_000;
let databases = 0;
const unavailable = (() =>
  Promise.reject(new DOMException('The operation is insecure.', 'InvalidStateError'))) as UseStore;

/** The one suite runs against each storage: both must behave the same. */
const storages: Record<string, () => CacheStorage> = {
  indexeddb: () => indexedDbStorage(createStore(`liaison-cache-test-${++databases}`, 'entities')),
  memory: () => memoryStorage(),
  'indexeddb unavailable, falling back to memory': () => indexedDbStorage(unavailable),
};

const item = (ref: string, kind: ItemKind = 'bug', title = 'Checkout fails'): Item => ({
  ref,
  system: 'jira',
  kind,
  key: ref.replace(/^\w+:/, ''),
  title,
  url: `https://acme.atlassian.net/browse/${ref}`,
  status: { name: 'Open', category: 'todo' },
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const items: LoadOptions<Item> = { schema: itemSchema, kind: itemEntryKind, connectionId: 'jira' };

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(Object.entries(storages))('entity cache on %s', (_name, makeStorage) => {
  let t: number;
  let storage: CacheStorage;
  const advance = (ms: number) => {
    t += ms;
  };
  const open = (options: CacheOptions = {}): EntityCache =>
    createEntityCache({ storage, now: () => t, indexFlushMs: Number.POSITIVE_INFINITY, ...options });

  beforeEach(() => {
    t = Date.UTC(2025, 0, 6, 9);
    storage = makeStorage();
  });

  test('an entry is fresh within the time to live of its kind, then stale but still answered', async () => {
    const cache = open();
    await cache.set('zendesk:acme/4711', 'ticket', item('zendesk:acme/4711', 'ticket'), {
      connectionId: 'zd',
    });
    await cache.set('release:gh:acme/shop@v2.4.0', 'release', 'v2.4.0', { connectionId: 'gh' });
    advance(1 * MIN);
    expect((await cache.get('zendesk:acme/4711', itemSchema))?.stale).toBe(false);
    advance(1 * MIN);
    expect(await cache.get('zendesk:acme/4711', itemSchema)).toMatchObject({ stale: true, age: 2 * MIN });
    expect((await cache.get('release:gh:acme/shop@v2.4.0', z.string()))?.stale).toBe(false);
    advance(28 * MIN);
    expect(await cache.get('release:gh:acme/shop@v2.4.0', z.string())).toMatchObject({
      value: 'v2.4.0',
      stale: true,
    });
  });

  test('stale-while-revalidate: a stale entry is answered at once while the load replaces it', async () => {
    const cache = open();
    await cache.set('jira:SHOP-101', 'bug', item('jira:SHOP-101', 'bug', 'old title'), {
      connectionId: 'jira',
    });
    advance(6 * MIN);
    const load = deferred<Item>();
    const loaded = await cache.getOrLoad('jira:SHOP-101', items, () => load.promise);
    expect(loaded).toMatchObject({ stale: true, age: 6 * MIN, value: { title: 'old title' } });
    load.resolve(item('jira:SHOP-101', 'bug', 'new title'));
    expect(await loaded.revalidation).toMatchObject({ stale: false, value: { title: 'new title' } });
    expect(await cache.get('jira:SHOP-101', itemSchema)).toMatchObject({ stale: false, age: 0 });
    const loader = vi.fn(async () => item('jira:SHOP-101'));
    expect((await cache.getOrLoad('jira:SHOP-101', items, loader)).revalidation).toBeUndefined();
    expect(loader).not.toHaveBeenCalled();
  });

  test('concurrent loads of a key share one loader call; a batch loads only what is not in flight', async () => {
    const cache = open();
    const load = deferred<Item>();
    const loader = vi.fn(() => load.promise);
    const first = cache.getOrLoad('jira:SHOP-1', items, loader);
    const second = cache.getOrLoad('jira:SHOP-1', items, loader);
    await vi.waitFor(() => expect(loader).toHaveBeenCalledTimes(1));
    load.resolve(item('jira:SHOP-1'));
    expect((await first).value).toEqual((await second).value);
    expect(loader).toHaveBeenCalledTimes(1);

    const batch = deferred<Map<string, Item>>();
    const batchLoader = vi.fn((keys: string[]) =>
      keys.length === 2 ? batch.promise : Promise.resolve(new Map()),
    );
    const ab = cache.getOrLoadMany(['jira:SHOP-2', 'jira:SHOP-3'], items, batchLoader);
    await vi.waitFor(() => expect(batchLoader).toHaveBeenCalledTimes(1));
    const bc = cache.getOrLoadMany(['jira:SHOP-3', 'jira:SHOP-4'], items, batchLoader);
    await vi.waitFor(() => expect(batchLoader).toHaveBeenCalledTimes(2));
    expect(batchLoader.mock.calls.map(([keys]) => keys)).toEqual([
      ['jira:SHOP-2', 'jira:SHOP-3'],
      ['jira:SHOP-4'],
    ]);
    batch.resolve(new Map([['jira:SHOP-3', item('jira:SHOP-3')]]));
    expect([...(await bc).entries()].map(([k, v]) => [k, v.missing])).toEqual([
      ['jira:SHOP-3', false],
      ['jira:SHOP-4', true],
    ]);
    expect((await ab).get('jira:SHOP-2')?.missing).toBe(true);
  });

  test('refresh ignores a fresh entry but still joins a load in flight', async () => {
    const cache = open();
    await cache.set('jira:SHOP-7', 'bug', item('jira:SHOP-7', 'bug', 'cached'), { connectionId: 'jira' });
    const load = deferred<Item>();
    const loader = vi.fn(() => load.promise);
    const refreshed = cache.getOrLoad('jira:SHOP-7', { ...items, refresh: true }, loader);
    const again = cache.getOrLoad('jira:SHOP-7', { ...items, refresh: true }, loader);
    load.resolve(item('jira:SHOP-7', 'bug', 'reloaded'));
    expect((await refreshed).value?.title).toBe('reloaded');
    expect((await again).value?.title).toBe('reloaded');
    expect(loader).toHaveBeenCalledTimes(1);
    expect((await cache.get('jira:SHOP-7', itemSchema))?.value?.title).toBe('reloaded');
  });

  test('a failed load rejects its callers, caches nothing, and the next call loads again', async () => {
    const cache = open();
    const failing = vi.fn(async (): Promise<Item> => {
      throw new Error('[liaison] [jira] 503 from acme.atlassian.net');
    });
    await expect(cache.getOrLoad('jira:SHOP-9', items, failing)).rejects.toThrow('503');
    expect(await cache.get('jira:SHOP-9', itemSchema)).toBeUndefined();
    expect((await cache.getOrLoad('jira:SHOP-9', items, async () => item('jira:SHOP-9'))).missing).toBe(
      false,
    );
  });

  test('a ref that does not exist is remembered, and not asked again within its time to live', async () => {
    const cache = open();
    const loader = vi.fn(async () => undefined);
    const first = await cache.getOrLoad('jira:UTF-8', items, loader);
    expect(first).toMatchObject({ missing: true, stale: false });
    expect(first.value).toBeUndefined();
    expect(await cache.getOrLoad('jira:UTF-8', items, loader)).toMatchObject({ missing: true, stale: false });
    expect(loader).toHaveBeenCalledTimes(1);
    advance(defaultTtl().missing);
    const later = await cache.getOrLoad('jira:UTF-8', items, loader);
    expect(later).toMatchObject({ missing: true, stale: true });
    await later.revalidation;
    expect(loader).toHaveBeenCalledTimes(2);
    await cache.setMissing('jira:SHA-256', { connectionId: 'jira' });
    expect(await cache.get('jira:SHA-256', itemSchema)).toMatchObject({ missing: true });
  });

  test('over the cap, the least recently read entries go first, in batches', async () => {
    const cache = open({ maxEntries: 4 });
    for (const key of ['a', 'b', 'c', 'd']) await cache.set(key, 'search', key, { connectionId: 'snow' });
    await cache.getMany(['a'], z.string());
    await cache.set('e', 'search', 'e', { connectionId: 'snow' });
    expect([...(await cache.getMany(['a', 'b', 'c', 'd', 'e'], z.string())).keys()]).toEqual([
      'a',
      'c',
      'd',
      'e',
    ]);

    const big = open({ maxEntries: 100 });
    const many = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        key: `n${from + i}`,
        kind: 'search' as const,
        value: i,
        connectionId: 'snow',
      }));
    await big.clear();
    await big.setMany(many(0, 100));
    await big.setMany(many(100, 1));
    expect((await big.stats()).entries).toBe(95); // 5% below the cap at once...
    await big.setMany(many(101, 5));
    expect((await big.stats()).entries).toBe(100); // ...so the next writes evict nothing
  });

  test('recency and contents survive a restart, even when the index was never saved', async () => {
    const before = open();
    for (const key of ['a', 'b', 'c']) await before.set(key, 'search', key, { connectionId: 'snow' });
    await before.getMany(['a'], z.string());
    await before.flush();
    await before.set('d', 'search', 'd', { connectionId: 'snow' }); // written after the last save
    const after = open({ maxEntries: 4 });
    expect((await after.stats()).entries).toBe(4);
    await after.set('e', 'search', 'e', { connectionId: 'snow' });
    expect([...(await after.getMany(['a', 'b', 'c', 'd', 'e'], z.string())).keys()]).toEqual([
      'a',
      'c',
      'd',
      'e',
    ]);
    expect(await after.invalidateConnection('snow')).toBe(4); // the healed entry kept its connection
  });

  test('entries of another schema version are never returned, and an upgrade drops them', async () => {
    const v1 = open({ version: 1 });
    await v1.set('jira:SHOP-1', 'bug', item('jira:SHOP-1'), { connectionId: 'jira' });
    await v1.flush();
    const v2 = open({ version: 2 });
    expect(await v2.get('jira:SHOP-1', itemSchema)).toBeUndefined();
    expect((await v2.stats()).entries).toBe(0);
    expect(await storage.getMany(['jira:SHOP-1'])).toEqual([undefined]);
  });

  test('invalidating a connection drops its entries only, and its loads in flight do not land', async () => {
    const cache = open();
    await cache.set('jira:SHOP-1', 'bug', item('jira:SHOP-1'), { connectionId: 'jira' });
    await cache.setMissing('jira:SHOP-2', { connectionId: 'jira' });
    await cache.set('servicenow:INC0010001', 'ticket', item('servicenow:INC0010001', 'incident'), {
      connectionId: 'snow',
    });
    const load = deferred<Item>();
    const inFlight = cache.getOrLoad('jira:SHOP-3', items, () => load.promise);
    await vi.waitFor(async () => expect((await cache.stats()).inFlight).toBe(1));
    expect(await cache.invalidateConnection('jira')).toBe(2);
    load.resolve(item('jira:SHOP-3'));
    expect((await inFlight).value?.ref).toBe('jira:SHOP-3'); // its caller still gets the answer
    const left = await cache.getMany(
      ['jira:SHOP-1', 'jira:SHOP-2', 'jira:SHOP-3', 'servicenow:INC0010001'],
      itemSchema,
    );
    expect([...left.keys()]).toEqual(['servicenow:INC0010001']);
  });

  test('an entry of a connection whose settings changed is never returned', async () => {
    const before = open({
      fingerprints: new Map([
        ['jira', 'A'],
        ['snow', 'S'],
      ]),
    });
    await before.set('jira:SHOP-1', 'bug', item('jira:SHOP-1'), { connectionId: 'jira' });
    await before.set('servicenow:INC1', 'ticket', item('servicenow:INC1', 'incident'), {
      connectionId: 'snow',
    });
    await before.flush();
    const after = open({
      fingerprints: new Map([
        ['jira', 'B'],
        ['snow', 'S'],
      ]),
    });
    expect(await after.get('jira:SHOP-1', itemSchema)).toBeUndefined();
    expect(await after.get('servicenow:INC1', itemSchema)).toBeDefined();
    expect(await after.configure({ fingerprints: new Map([['jira', 'B']]) })).toBe(1); // snow removed
    expect((await after.stats()).entries).toBe(0);
  });

  test('a load in flight when its connection changes is answered but not cached', async () => {
    const cache = open({ fingerprints: new Map([['jira', 'A']]) });
    const load = deferred<Item>();
    const inFlight = cache.getOrLoad('jira:SHOP-1', items, () => load.promise);
    await vi.waitFor(async () => expect((await cache.stats()).inFlight).toBe(1));
    await cache.configure({ fingerprints: new Map([['jira', 'B']]) });
    load.resolve(item('jira:SHOP-1'));
    expect((await inFlight).missing).toBe(false);
    expect(await cache.get('jira:SHOP-1', itemSchema)).toBeUndefined();
  });

  test('dropping an unusable entry never deletes a value written while it was being read', async () => {
    await storage.write([['jira:SHOP-1', { v: 1, kind: 'bug', at: t, conn: 'jira', fp: 'old', value: 1 }]]);
    const cache = open({ fingerprints: new Map([['jira', 'new']]) });
    await cache.stats(); // the index is loaded
    const read = cache.get('jira:SHOP-1', itemSchema);
    const write = cache.set('jira:SHOP-1', 'bug', item('jira:SHOP-1'), { connectionId: 'jira' });
    expect(await read).toBeUndefined();
    await write;
    expect((await cache.get('jira:SHOP-1', itemSchema))?.value?.ref).toBe('jira:SHOP-1');
  });

  test('a malformed entry or index is dropped, never thrown', async () => {
    const at = t;
    await storage.write([
      [0, { v: 'not an index' }],
      ['jira:JUNK', 'not an envelope'],
      ['jira:WRONG', { v: 1, kind: 'bug', at, conn: 'jira', fp: '', value: { title: 42 } }],
      ['jira:GOOD', { v: 1, kind: 'bug', at, conn: 'jira', fp: '', value: item('jira:GOOD') }],
    ]);
    const cache = open();
    const found = await cache.getMany(['jira:JUNK', 'jira:WRONG', 'jira:GOOD'], itemSchema);
    expect([...found.keys()]).toEqual(['jira:GOOD']);
    expect(await storage.getMany(['jira:JUNK', 'jira:WRONG'])).toEqual([undefined, undefined]);
    expect((await cache.stats()).entries).toBe(1);
  });

  test('old entries expire; clear empties the cache and keeps loads in flight from landing', async () => {
    const cache = open();
    await cache.set('discovery:jira', 'discovery', ['SHOP'], { connectionId: 'jira' });
    advance(8 * 24 * 60 * MIN);
    expect(await cache.get('discovery:jira', z.array(z.string()))).toBeUndefined();
    await cache.set('jira:SHOP-1', 'bug', item('jira:SHOP-1'), { connectionId: 'jira' });
    const load = deferred<Item>();
    const inFlight = cache.getOrLoad('jira:SHOP-2', items, () => load.promise);
    await vi.waitFor(async () => expect((await cache.stats()).inFlight).toBe(1));
    await cache.clear();
    load.resolve(item('jira:SHOP-2'));
    await inFlight;
    expect((await cache.stats()).entries).toBe(0);
    expect(await cache.getMany(['jira:SHOP-1', 'jira:SHOP-2'], itemSchema)).toEqual(new Map());
  });

  test('values are copies: changing what was written or read does not change the cache', async () => {
    const cache = open();
    const written = item('jira:SHOP-1', 'bug', 'as written');
    await cache.set(written.ref, 'bug', written, { connectionId: 'jira' });
    written.title = 'changed after';
    const read = await cache.get(written.ref, itemSchema);
    if (read?.value) read.value.title = 'changed by a reader';
    expect((await cache.get(written.ref, itemSchema))?.value?.title).toBe('as written');
    expect((await cache.stats({ bytes: true })).bytes).toBeGreaterThan(100);
  });
});

describe('entity cache settings', () => {
  test('times to live per kind scale with settings.cache.ttlMinutes', () => {
    expect(defaultTtl()).toEqual({
      ticket: 2 * MIN,
      bug: 5 * MIN,
      missing: 5 * MIN,
      links: 5 * MIN,
      search: 2 * MIN,
      release: 30 * MIN,
      discovery: 60 * MIN,
    });
    const settings = settingsSchema.parse({ version: 1, cache: { ttlMinutes: 10, maxEntries: 800 } });
    expect(cacheOptionsFrom(settings.cache)).toMatchObject({
      maxEntries: 800,
      ttl: { ticket: 4 * MIN, discovery: 120 * MIN },
    });
    expect(itemEntryKind({ kind: 'incident' })).toBe('ticket');
    expect(itemEntryKind({ kind: 'pull' })).toBe('bug');
  });

  test('a fingerprint follows what a connection answers for, its credential included, never the secret itself', async () => {
    const jira = {
      id: 'jira',
      system: 'jira',
      baseUrl: 'https://acme.atlassian.net',
      auth: { type: 'basic', username: 'me@acme.com', password: 'API_TOKEN_1' },
    } as Connection;
    const same = await connectionFingerprint(jira);
    expect(await connectionFingerprint({ ...jira })).toBe(same);
    expect(
      await connectionFingerprint({ ...jira, auth: { ...jira.auth, password: 'API_TOKEN_2' } } as Connection),
    ).not.toBe(same);
    expect(await connectionFingerprint({ ...jira, label: 'Work' })).toBe(same);
    expect(await connectionFingerprint({ ...jira, baseUrl: 'https://other.atlassian.net' })).not.toBe(same);
    expect(
      await connectionFingerprint({
        ...jira,
        auth: { ...jira.auth, username: 'you@acme.com' },
      } as Connection),
    ).not.toBe(same);
    expect(await connectionFingerprint(jira, { searchFields: ['description'] })).not.toBe(same);
    const gh = {
      id: 'gh',
      system: 'github',
      baseUrl: 'https://github.com',
      auth: { type: 'token', token: 'a' },
    };
    expect(await connectionFingerprint(gh as Connection)).not.toBe(
      await connectionFingerprint({ ...gh, auth: { type: 'token', token: 'b' } } as Connection),
    );
    expect(same).not.toContain('API_TOKEN');
  });

  test("after a worker restart, a changed token never reads the old token's entries", async () => {
    const storage = memoryStorage();
    const jira = {
      id: 'jira',
      system: 'jira',
      baseUrl: 'https://acme.atlassian.net',
      auth: { type: 'basic', username: 'me@acme.com', password: 'OLD_TOKEN' },
    } as Connection;
    const opened = async (connection: Connection) =>
      createEntityCache({
        storage,
        indexFlushMs: Number.POSITIVE_INFINITY,
        fingerprints: new Map([['jira', await connectionFingerprint(connection)]]),
      });
    const before = await opened(jira);
    await before.set('jira:SHOP-1', 'bug', item('jira:SHOP-1'), { connectionId: 'jira' });
    await before.flush();
    expect(JSON.stringify(await storage.values())).not.toContain('OLD_TOKEN');

    // A new worker, which never saw the old settings: only the stored entries and the new token.
    expect(await (await opened(jira)).get('jira:SHOP-1', itemSchema)).toBeDefined();
    const changed = { ...jira, auth: { ...jira.auth, password: 'NEW_TOKEN' } } as Connection;
    expect(await (await opened(changed)).get('jira:SHOP-1', itemSchema)).toBeUndefined();
  });
});

describe('entity cache storage failures', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  test.each([
    ['rejects', unavailable],
    [
      'throws (indexedDB undefined)',
      (() => {
        throw new ReferenceError('indexedDB is not defined');
      }) as UseStore,
    ],
  ])('when IndexedDB %s, the cache runs in memory and says so once', async (_how, store) => {
    const cache = createEntityCache({ storage: indexedDbStorage(store) });
    await cache.set('jira:SHOP-1', 'bug', item('jira:SHOP-1'), { connectionId: 'jira' });
    expect((await cache.get('jira:SHOP-1', itemSchema))?.value?.ref).toBe('jira:SHOP-1');
    expect(await cache.stats()).toMatchObject({ storage: 'memory', entries: 1 });
    const warnings = vi.mocked(console.warn).mock.calls.map(([m]) => String(m));
    expect(warnings.filter((m) => m.includes('IndexedDB unavailable'))).toHaveLength(1);
  });

  test('a storage that fails after it worked degrades to misses, never throws', async () => {
    const healthy = memoryStorage();
    let broken = false;
    const flaky: UseStore = () => Promise.reject(new DOMException('quota', 'QuotaExceededError'));
    const failing = indexedDbStorage(flaky);
    const storage: CacheStorage = {
      get kind() {
        return healthy.kind;
      },
      getMany: (keys) => (broken ? failing.getMany(keys) : healthy.getMany(keys)),
      write: (puts, deletes) => (broken ? failing.write(puts, deletes) : healthy.write(puts, deletes)),
      keys: () => healthy.keys(),
      values: () => healthy.values(),
      clear: () => healthy.clear(),
    };
    const cache = createEntityCache({ storage });
    await cache.set('jira:SHOP-1', 'bug', item('jira:SHOP-1'), { connectionId: 'jira' });
    broken = true;
    await expect(
      cache.set('jira:SHOP-2', 'bug', item('jira:SHOP-2'), { connectionId: 'jira' }),
    ).resolves.toBe(undefined);
    await expect(cache.get('jira:SHOP-1', itemSchema)).resolves.toBeUndefined();
  });
});
