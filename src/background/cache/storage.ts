import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

/**
 * The few operations the cache needs from a key-value store, each one transaction. Two implementations with the
 * same behaviour: IndexedDB through idb-keyval, and memory (values are cloned in and out, as IndexedDB's
 * structured clone does, so no caller ever shares an object with the store).
 */
export interface CacheStorage {
  /** Where entries live right now: `indexeddb`, or `memory` (asked for, or IndexedDB was unavailable). */
  readonly kind: 'indexeddb' | 'memory';
  getMany(keys: readonly IDBValidKey[]): Promise<unknown[]>;
  /** Puts and deletes in one transaction (a write and the eviction it causes are atomic). */
  write(puts: readonly [IDBValidKey, unknown][], deletes?: readonly IDBValidKey[]): Promise<void>;
  keys(): Promise<IDBValidKey[]>;
  values(): Promise<unknown[]>;
  clear(): Promise<void>;
}

/** In-memory storage: for tests, and what IndexedDB storage falls back to. */
export const memoryStorage = (): CacheStorage => resilient(memoryOperations());

/** The IndexedDB database and object store of the entity cache. */
export const defaultIdbStore = (): UseStore => createStore('liaison-cache', 'entities');

/**
 * IndexedDB storage that falls back to memory when IndexedDB is unavailable (Firefox private windows, a broken
 * profile): if the very first operation fails, the rest of the session runs in memory, logged once.
 */
export const indexedDbStorage = (store: UseStore = defaultIdbStore()): CacheStorage =>
  resilient(idbOperations(store), memoryOperations);

/**
 * A failure after the storage has worked (quota, a value that cannot be cloned, a closed connection) is logged
 * once per operation and degrades to a miss or a dropped write: the cache is best effort and never throws.
 */
function resilient(primary: CacheStorage, fallbackTo?: () => CacheStorage): CacheStorage {
  let fallback: CacheStorage | undefined;
  let proven = false;
  const warned = new Set<string>();

  async function run<R>(op: string, call: (s: CacheStorage) => Promise<R>, onError: R): Promise<R> {
    const current = fallback ?? primary;
    try {
      const result = await call(current);
      if (current === primary) proven = true;
      return result;
    } catch (error) {
      if (!proven && fallbackTo && current === primary) {
        if (!fallback)
          console.warn(`[liaison] [cache] IndexedDB unavailable, caching in memory: ${describe(error)}`);
        fallback ??= fallbackTo();
        return run(op, call, onError);
      }
      if (!warned.has(op)) console.warn(`[liaison] [cache] ${current.kind} ${op} failed: ${describe(error)}`);
      warned.add(op);
      return onError;
    }
  }

  return {
    get kind() {
      return (fallback ?? primary).kind;
    },
    getMany: (keys) =>
      run(
        'read',
        (s) => s.getMany(keys),
        keys.map(() => undefined),
      ),
    write: (puts, deletes) => run('write', (s) => s.write(puts, deletes), undefined),
    keys: () => run('read', (s) => s.keys(), []),
    values: () => run('read', (s) => s.values(), []),
    clear: () => run('clear', (s) => s.clear(), undefined),
  };
}

function memoryOperations(): CacheStorage {
  const map = new Map<IDBValidKey, unknown>();
  return {
    kind: 'memory',
    getMany: async (keys) => keys.map((k) => (map.has(k) ? structuredClone(map.get(k)) : undefined)),
    async write(puts, deletes = []) {
      const cloned = puts.map(([k, v]) => [k, structuredClone(v)] as const); // all or nothing, like a transaction
      for (const [k, v] of cloned) map.set(k, v);
      for (const k of deletes) map.delete(k);
    },
    keys: async () => [...map.keys()],
    values: async () => [...map.values()].map((v) => structuredClone(v)),
    clear: async () => map.clear(),
  };
}

function idbOperations(store: UseStore): CacheStorage {
  // `store` opens the database on first use and throws synchronously when `indexedDB` is not defined at all;
  // every call goes through an async function so that becomes a rejection.
  const tx = async <R>(mode: IDBTransactionMode, body: (s: IDBObjectStore) => R | PromiseLike<R>) =>
    store(mode, body);
  return {
    kind: 'indexeddb',
    getMany: (keys) => tx('readonly', (s) => Promise.all(keys.map((k) => promisifyRequest(s.get(k))))),
    write: (puts, deletes = []) =>
      tx('readwrite', (s) => {
        for (const [k, v] of puts) s.put(v, k);
        for (const k of deletes) s.delete(k);
        return promisifyRequest(s.transaction);
      }),
    keys: () => tx('readonly', (s) => promisifyRequest(s.getAllKeys())),
    values: () => tx('readonly', (s) => promisifyRequest(s.getAll())),
    clear: () =>
      tx('readwrite', (s) => {
        s.clear();
        return promisifyRequest(s.transaction);
      }),
  };
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
