/**
 * The background's memory holding 5,000 cached entries (issue 15, "worker: memory with 5,000 cached entries"; the
 * entity cache's cap, src/background/cache.ts), in Chromium and Firefox ESR. The cache is filled the way the product
 * fills it: list badges (src/background/badges.ts) resolved through their hops on the replica's bench dataset.
 *
 * - Chromium: badge requests of up to 100 rows (MAX_BADGE_REFS; 30% Jira, 30% ServiceNow, 20% Zendesk, 20% GitHub)
 *   go through the port of the content script of a github.com page, sent from its isolated world over CDP as the
 *   content script sends them, until the cache holds 5,000 entries (smaller requests near the cap, so it stops
 *   there rather than evicting 5% under it). The service worker's heap is read over CDP on its own target
 *   (`HeapProfiler.collectGarbage`, then `Runtime.getHeapUsage`) after one warm-up request and a cleared cache
 *   (code compiled, cache empty), and again once full; the entries' size in IndexedDB is read in the worker.
 * - Firefox: no CDP, and `performance.memory` is Chromium's; but about:memory's reporters are scriptable from the
 *   browser's chrome window, which WebDriver BiDi reaches (`moz:scope: chrome`) since test/e2e/browsers.ts starts
 *   Firefox with system access: the event page's window's JS memory after "minimize memory usage". Its content
 *   script's world is not reachable, so list pages of the bench dataset (every state) fill the cache, the content
 *   script badging their rows itself; the last list may pass the target (the figure names say what was held).
 * The heap holds what the fill left in the background (the cache's recency index, the HTTP layer's ETag memo),
 * not the entries: those live in IndexedDB, outside it.
 * `--node` adds the same badge passes in Node (fake-indexeddb, `heapUsed` after a forced GC) as a labelled proxy;
 * fake-indexeddb keeps the stored entries in the JS heap, so it is an upper bound, not a browser's figure.
 * Run: npm run build && npx tsx bench/worker-memory.ts [--entries N] [--browser chromium|firefox] [--node]
 */
import 'fake-indexeddb/auto';
import '../src/systems/index.ts';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CDPSession, Page } from 'puppeteer-core';
import { z } from 'zod';
import { createEntityCache, indexedDbStorage } from '../src/background/cache.ts';
import { type CacheRun, withCache } from '../src/background/cached-provider.ts';
import { formatRef } from '../src/core/refs.ts';
import { parseSettings } from '../src/core/settings.ts';
import { CONTEXT_PORT, MAX_BADGE_REFS } from '../src/messaging/limits.ts';
import { providersFor } from '../src/providers/index.ts';
import type { BrowserKind, ExtensionBrowser } from '../test/e2e/browsers.ts';
import { replicaSettings } from '../test/replica/credentials.ts';
import type { Dataset } from '../test/replica/dataset/index.ts';
import { type Replica, type ReplicaOptions, startReplica } from '../test/replica/server.ts';
import { browserBench } from './content-startup.ts';
import { installExtensionApis } from './extension-apis.ts';
import { type Figure, isMain, round } from './lib.ts';

z.config({ jitless: true }); // as in the service worker

export const ENTRIES = 5000;
/** The fill stops after this many badge requests whatever the count (a bounded loop). */
const MAX_PASSES = 400;

/** The bench dataset with the real search limits lifted: the fill asks far more than a person would in a minute. */
const fillReplica: ReplicaOptions = {
  dataset: 'bench',
  limits: { githubSearch: 1_000_000, zendesk: 1_000_000 },
};

/** Rows of list pages, mixed as bench/resolve.ts's pages are (30% Jira, 30% ServiceNow, 20% Zendesk, 20% GitHub). */
export function rowsOf(ds: Dataset): string[] {
  const pools = [
    ds.jiraIssues.filter((i) => i.site === 'cloud').map((i) => formatRef({ system: 'jira', key: i.key })),
    ds.snow
      .filter((r) => r.table === 'incident')
      .map((r) => formatRef({ system: 'servicenow', number: r.number })),
    ds.tickets.map((t) => formatRef({ system: 'zendesk', subdomain: 'acme', id: t.id })),
    ds.pulls
      .filter((p) => p.host === 'github.com')
      .map((p) => {
        const [owner = '', repo = ''] = p.repo.split('/');
        return formatRef({ system: 'github', owner, repo, number: p.number });
      }),
  ];
  const share = [3, 3, 2, 2];
  const rows: string[] = [];
  const next = pools.map(() => 0);
  while (pools.some((pool, i) => (next[i] ?? 0) < pool.length)) {
    for (const [i, pool] of pools.entries()) {
      const from = next[i] ?? 0;
      rows.push(...pool.slice(from, from + (share[i] ?? 0)));
      next[i] = from + (share[i] ?? 0);
    }
  }
  return rows;
}

/**
 * Fills a cache with badge passes until it holds `entries` (its cap): 100 rows a pass, fewer as it nears the cap
 * (a row adds a few entries: itself, what it mentions, its searches), so it stops at the cap rather than past it,
 * where eviction would drop it 5% under. Returns the passes made and the entries held.
 */
async function fill(
  rows: readonly string[],
  entries: number,
  pass: (refs: string[]) => Promise<void>,
  count: () => Promise<number>,
): Promise<{ passes: number; held: number }> {
  let at = 0;
  let held = await count();
  let passes = 0;
  let perRow = 8; // a first guess, corrected as it goes
  while (passes < MAX_PASSES && at < rows.length && held < entries) {
    const size = Math.min(MAX_BADGE_REFS, Math.max(1, Math.floor((entries - held) / perRow)));
    const before = held;
    await pass(rows.slice(at, at + size));
    at += size;
    passes += 1;
    held = await count();
    if (held < before) break; // evicted: over the cap after all
    perRow = Math.max(perRow, Math.ceil((held - before) / size) + 1);
    if (entries - held < perRow) break; // one more row could overflow the cap
  }
  return { passes, held };
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 2);

/** The extension's content-script world in a page: where its port to the background is opened. */
async function contentScriptWorld(
  page: Page,
  origin: string,
): Promise<{ session: CDPSession; contextId: number }> {
  const session = await page.createCDPSession();
  const contexts: { id: number; origin: string; type?: string }[] = [];
  session.on('Runtime.executionContextCreated', (e) =>
    contexts.push({ id: e.context.id, origin: e.context.origin, type: e.context.auxData?.type }),
  );
  await session.send('Runtime.enable');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const world = contexts.find((c) => c.type === 'isolated' && c.origin.startsWith(origin));
    if (world) return { session, contextId: world.id };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no content-script world of ${origin} in ${page.url()}`);
}

/** Sends one badge request over a new port from the content script's world; resolves with its first answer. */
async function badgeRequest(
  world: { session: CDPSession; contextId: number },
  refs: string[],
): Promise<string> {
  const { result, exceptionDetails } = await world.session.send('Runtime.evaluate', {
    contextId: world.contextId,
    awaitPromise: true,
    returnByValue: true,
    expression: `new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: ${JSON.stringify(CONTEXT_PORT)} });
      const done = (answer) => { clearTimeout(timer); port.disconnect(); resolve(answer); };
      const timer = setTimeout(() => done('timeout'), 60000);
      port.onMessage.addListener((m) => {
        if (m && m.requestId === 1 && (m.type === 'badges' || m.type === 'failed'))
          done(m.type === 'failed' ? 'failed: ' + m.message : 'badges');
      });
      port.onDisconnect.addListener(() => done('disconnected'));
      port.postMessage({ type: 'badges', requestId: 1, refs: ${JSON.stringify(refs)} });
    })`,
  });
  if (exceptionDetails) throw new Error(`badge request: ${exceptionDetails.text}`);
  return String(result.value);
}

/**
 * Entries in the worker's cache (string keys of its store; the recency index is key 0), the size of their values as
 * JSON (what `cache.stats({ bytes: true })` counts, in UTF-16 code units), and `navigator.storage.estimate()`.
 */
async function storeInWorker(
  worker: CDPSession,
  sized = false,
): Promise<{ entries: number; json: number; usage: number }> {
  const { result, exceptionDetails } = await worker.send('Runtime.evaluate', {
    awaitPromise: true,
    returnByValue: true,
    expression: `(async () => {
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('liaison-cache');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const ask = (request) => new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      let entries = 0;
      let json = 0;
      if (db.objectStoreNames.contains('entities')) {
        const store = db.transaction('entities').objectStore('entities');
        entries = await ask(store.count(IDBKeyRange.lowerBound('')));
        if (${sized}) for (const v of await ask(store.getAll(IDBKeyRange.lowerBound('')))) json += JSON.stringify(v).length;
      }
      db.close();
      const { usage = 0 } = await navigator.storage.estimate();
      return { entries, json, usage };
    })()`,
  });
  if (exceptionDetails) throw new Error(`worker store: ${exceptionDetails.text}`);
  return result.value as { entries: number; json: number; usage: number };
}

async function heapUsed(worker: CDPSession): Promise<number> {
  await worker.send('HeapProfiler.collectGarbage');
  await worker.send('HeapProfiler.collectGarbage');
  return (await worker.send('Runtime.getHeapUsage')).usedSize;
}

async function clearCache(eb: ExtensionBrowser): Promise<void> {
  const options = await eb.openExtensionPage('src/options/index.html');
  await options.evaluate(async () => {
    const g = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
    await g.chrome.runtime.sendMessage({ type: 'clear-cache' });
  });
  await options.close();
}

/** Chromium: the service worker's heap before and after the fill. */
export async function measureWorkerMemory(
  eb: ExtensionBrowser,
  replica: Replica,
  entries: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  if (eb.kind !== 'chromium') return [];
  // A github.com page where the content script runs and asks nothing by itself (the replica's not-found page).
  const page = await eb.browser.newPage();
  await page.goto('https://github.com/acme/shop-api', { waitUntil: 'load' });
  const world = await contentScriptWorld(page, eb.extensionOrigin);
  const target = await eb.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(eb.extensionOrigin),
    { timeout: 10_000 },
  );
  // An attached DevTools session keeps the worker running for the whole fill (it would stop after 30 s idle).
  const worker = await target.createCDPSession();
  await worker.send('Runtime.enable');
  const rows = rowsOf(replica.dataset);
  // Warm-up: one request compiles every path of a badge pass; then the cache is emptied.
  const warm = await badgeRequest(world, rows.slice(-MAX_BADGE_REFS));
  if (warm !== 'badges') throw new Error(`warm-up badge request: ${warm}`);
  await clearCache(eb);
  const before = await heapUsed(worker);
  const storeBefore = await storeInWorker(worker);
  const started = performance.now();
  const { passes: requests } = await fill(
    rows,
    entries,
    async (refs) => {
      const answer = await badgeRequest(world, refs);
      if (answer !== 'badges') throw new Error(`badge request: ${answer}`);
    },
    async () => (await storeInWorker(worker)).entries,
  );
  const fillMs = performance.now() - started;
  // The recency index is saved at most every 5 s: let it land before reading the store's size.
  await new Promise((r) => setTimeout(r, 5500));
  const store = await storeInWorker(worker, true);
  const after = await heapUsed(worker);
  await page.close();
  await worker.detach();
  const perEntry = (after - before) / Math.max(1, store.entries - storeBefore.entries);
  const idbPerEntry = (store.usage - storeBefore.usage) / Math.max(1, store.entries - storeBefore.entries);
  const note = `service worker heap over CDP (HeapProfiler.collectGarbage, Runtime.getHeapUsage usedSize) after a warm-up request and a cleared cache, and after ${requests} badge requests of up to ${MAX_BADGE_REFS} rows (bench dataset) filled the cache to ${store.entries} entries in ${round(fillMs / 1000, 1)} s; the heap holds what the fill left in the worker (the cache's recency index, the HTTP layer's ETag memo), the entries themselves are in IndexedDB, outside it`;
  log(`\nchromium: service worker with ${store.entries} cached entries (${requests} badge requests)`);
  log('                     | before   | after    | per entry');
  log(
    `worker heap (used)   | ${`${mb(before)} MB`.padStart(8)} | ${`${mb(after)} MB`.padStart(8)} | ${round(perEntry, 0)} bytes`,
  );
  log(
    `IndexedDB (JSON)     | ${'0 MB'.padStart(8)} | ${`${mb(store.json)} MB`.padStart(8)} | ${round(store.json / Math.max(1, store.entries), 0)} chars`,
  );
  log(
    `IndexedDB (estimate) | ${`${mb(storeBefore.usage)} MB`.padStart(8)} | ${`${mb(store.usage)} MB`.padStart(8)} | ${round(idbPerEntry, 0)} bytes`,
  );
  return [
    {
      name: 'worker memory: heap used, empty cache',
      value: mb(before),
      unit: 'MB',
      browser: 'chromium',
      note,
    },
    {
      name: `worker memory: heap used, ${store.entries.toLocaleString('en-US')} cached entries`,
      value: mb(after),
      unit: 'MB',
      browser: 'chromium',
      note,
    },
    {
      name: 'worker memory: heap per cached entry',
      value: round(perEntry, 0),
      unit: 'bytes',
      browser: 'chromium',
      note: `(after − before) / entries added; ${note}`,
    },
    {
      name: `worker memory: IndexedDB, ${store.entries.toLocaleString('en-US')} cached entries as JSON`,
      value: mb(store.json),
      unit: 'MB',
      browser: 'chromium',
      note: `the stored values' JSON length (UTF-16 code units, as cache.stats({ bytes: true }) counts), ${round(store.json / Math.max(1, store.entries), 0)} an entry; navigator.storage.estimate() in the worker grew ${mb(store.usage - storeBefore.usage)} MB (${round(idbPerEntry, 0)} bytes an entry; LevelDB compresses and compacts later)`,
    },
  ];
}

/** List pages of the bench dataset (every state), smallest first: their rows are badged by the content script. */
const FIREFOX_LISTS = [
  'https://acme.atlassian.net/jira/software/projects/SHOP/issues',
  'https://acme.atlassian.net/jira/software/projects/OPS/issues',
  'https://github.com/acme/web/issues?q=is%3Aissue',
  'https://github.com/acme/shop-api/issues?q=is%3Aissue',
  'https://github.com/acme/web/pulls?q=is%3Apr',
  'https://github.com/acme/shop-api/pulls?q=is%3Apr',
];
/** The warm-up list (the open pull requests of acme/web), before the cache is cleared. */
const FIREFOX_WARM_UP = 'https://github.com/acme/web/pulls';

/** Sends a raw WebDriver BiDi command (puppeteer's Firefox browser has one connection; its type is internal). */
type Bidi = { send(method: string, params: unknown): Promise<{ result: Record<string, unknown> }> };

/**
 * The event page's memory as about:memory reports it: everything under its window (`explicit/window-objects/
 * top(moz-extension://UUID/_generated_background_page.html…)`), and of that its JavaScript (`js-zone`, `js-realm`),
 * after "Minimize memory usage" (GC and CC in every process). Read from the browser's chrome window, which WebDriver
 * BiDi reaches with `moz:scope: chrome` because test/e2e/browsers.ts starts Firefox with system access.
 */
async function eventPageMemory(bidi: Bidi, uuid: string): Promise<{ total: number; js: number }> {
  const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const chrome = (tree.result.contexts as { context: string }[] | undefined)?.[0]?.context;
  if (!chrome) throw new Error('firefox: no chrome window reachable (system access off?)');
  const { result } = await bidi.send('script.evaluate', {
    target: { context: chrome },
    awaitPromise: true,
    expression: `(async () => {
      const manager = Cc['@mozilla.org/memory-reporter-manager;1'].getService(Ci.nsIMemoryReporterManager);
      await new Promise((done) => manager.minimizeMemoryUsage(done));
      // about:memory writes the slashes of a URL in a path as backslashes.
      const page = ${JSON.stringify(`top(moz-extension:${String.raw`\\`}${uuid}${String.raw`\_`}generated_background_page.html`)};
      let total = 0;
      let js = 0;
      await new Promise((done) =>
        manager.getReports((process, path, kind, units, amount) => {
          if (!path.startsWith('explicit/window-objects/' + page)) return;
          total += amount;
          if (path.includes('/js-zone(') || path.includes('/js-realm(')) js += amount;
        }, null, done, null, false),
      );
      return JSON.stringify({ total, js });
    })()`,
  });
  const value = (result as { result?: { value?: string }; exceptionDetails?: { text?: string } }) ?? {};
  if (!value.result?.value)
    throw new Error(`firefox memory report: ${value.exceptionDetails?.text ?? 'no answer'}`);
  const memory = JSON.parse(value.result.value) as { total: number; js: number };
  if (memory.total === 0) throw new Error('firefox: the event page is not running (no memory report for it)');
  return memory;
}

/**
 * Entries in the extension's cache, counted from an extension page (the same origin as the event page), and with
 * `sized` the length of their values as JSON (as `cache.stats({ bytes: true })` counts).
 */
async function storeFromExtensionPage(
  eb: ExtensionBrowser,
  sized = false,
): Promise<{ entries: number; json: number }> {
  const page = await eb.openExtensionPage('src/options/index.html');
  const store = await page.evaluate(async (withSize) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('liaison-cache');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    if (!db.objectStoreNames.contains('entities')) return { entries: 0, json: 0 };
    // No helper function here: tsx names functions with a helper the page does not have.
    const entities = db.transaction('entities').objectStore('entities');
    const counting = entities.count(IDBKeyRange.lowerBound(''));
    const entries = await new Promise<number>((resolve, reject) => {
      counting.onsuccess = () => resolve(counting.result);
      counting.onerror = () => reject(counting.error);
    });
    let json = 0;
    if (withSize) {
      const reading = entities.getAll(IDBKeyRange.lowerBound(''));
      const values = await new Promise<unknown[]>((resolve, reject) => {
        reading.onsuccess = () => resolve(reading.result);
        reading.onerror = () => reject(reading.error);
      });
      for (const value of values) json += JSON.stringify(value).length;
    }
    db.close();
    return { entries, json };
  }, sized);
  await page.close();
  return store;
}

/** Opens a list page and waits until its badges stop coming (some came, then none new for 3 s; at most 90 s). */
async function badgeList(eb: ExtensionBrowser, url: string): Promise<number> {
  const page = await eb.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  let count = 0;
  let since = Date.now();
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && (count === 0 || Date.now() - since < 3000)) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await page
      .evaluate(() => document.querySelectorAll('liaison-badge[data-count]').length)
      .catch(() => count);
    if (now !== count) since = Date.now();
    count = now;
  }
  await page.close();
  return count;
}

/** Firefox: the event page's memory before and after list pages fill its cache. */
export async function measureEventPageMemory(
  eb: ExtensionBrowser,
  entries: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  if (eb.kind !== 'firefox') return [];
  const bidi = (eb.browser as unknown as { connection: Bidi }).connection;
  const uuid = eb.extensionOrigin.replace('moz-extension://', '');
  // Warm-up: one list compiles every path of a badge pass; then the cache is emptied.
  await badgeList(eb, FIREFOX_WARM_UP);
  await clearCache(eb);
  const before = await eventPageMemory(bidi, uuid);
  const started = performance.now();
  let held = (await storeFromExtensionPage(eb)).entries;
  let lists = 0;
  let badges = 0;
  for (const url of FIREFOX_LISTS) {
    const previous = held;
    badges += await badgeList(eb, url);
    lists += 1;
    held = (await storeFromExtensionPage(eb)).entries;
    if (held >= entries || held < previous) break;
  }
  const fillMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 5500)); // the recency index is saved at most every 5 s
  const store = await storeFromExtensionPage(eb, true);
  held = store.entries;
  const after = await eventPageMemory(bidi, uuid);
  const perEntry = (after.js - before.js) / Math.max(1, held);
  const note = `about:memory's reports for the event page's window (js-zone and js-realm), read from the chrome window over WebDriver BiDi after "minimize memory usage", with the cache cleared after a warm-up and after ${lists} list pages of the bench dataset (${badges} rows badged by the content script) filled it to ${held} entries in ${round(fillMs / 1000, 1)} s; the entries themselves are in IndexedDB, outside it`;
  log(`\nfirefox: event page with ${held} cached entries (${lists} list pages, ${badges} badges)`);
  log('                     | before   | after    | per entry');
  log(
    `event page JS        | ${`${mb(before.js)} MB`.padStart(8)} | ${`${mb(after.js)} MB`.padStart(8)} | ${round(perEntry, 0)} bytes`,
  );
  log(
    `event page, all      | ${`${mb(before.total)} MB`.padStart(8)} | ${`${mb(after.total)} MB`.padStart(8)} | ${round((after.total - before.total) / Math.max(1, held), 0)} bytes`,
  );
  log(
    `IndexedDB (JSON)     | ${'0 MB'.padStart(8)} | ${`${mb(store.json)} MB`.padStart(8)} | ${round(store.json / Math.max(1, held), 0)} chars`,
  );
  return [
    {
      name: 'worker memory: heap used, empty cache',
      value: mb(before.js),
      unit: 'MB',
      browser: 'firefox',
      note,
    },
    {
      name: `worker memory: heap used, ${held.toLocaleString('en-US')} cached entries`,
      value: mb(after.js),
      unit: 'MB',
      browser: 'firefox',
      note: `${note}; the whole window (DOM and layout too): ${mb(before.total)} MB before, ${mb(after.total)} MB after`,
    },
    {
      name: 'worker memory: heap per cached entry',
      value: round(perEntry, 0),
      unit: 'bytes',
      browser: 'firefox',
      note: `(after − before) / entries held; ${note}`,
    },
    {
      name: `worker memory: IndexedDB, ${held.toLocaleString('en-US')} cached entries as JSON`,
      value: mb(store.json),
      unit: 'MB',
      browser: 'firefox',
      note: `the stored values' JSON length (UTF-16 code units, as cache.stats({ bytes: true }) counts), ${round(store.json / Math.max(1, held), 0)} an entry, read from an extension page`,
    },
  ];
}

/** Node (a labelled proxy, `--node`): the same badge passes and cache, `heapUsed` after a forced GC. */
export async function measureNodeProxy(entries: number, log: (line: string) => void): Promise<Figure[]> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const settle = () => {
    for (let i = 0; i < 3; i++) gc();
    return process.memoryUsage().heapUsed;
  };
  installExtensionApis();
  // After the stand-in: badges.ts reaches webextension-polyfill (through the worker's contexts.ts).
  const { resolveBadges } = await import('../src/background/badges.ts');
  const replica = await startReplica({ ...fillReplica, port: 0 });
  try {
    const parsed = parseSettings(replicaSettings());
    if (!parsed.ok) throw new Error(parsed.error);
    const providers = providersFor(parsed.settings, { fetch: replica.fetch });
    const extract = {
      jiraProjectKeys: new Set(
        replica.dataset.jiraProjects.filter((p) => p.site === 'cloud').map((p) => p.key),
      ),
    };
    const rows = rowsOf(replica.dataset);
    const cache = createEntityCache({ storage: indexedDbStorage() });
    const pass = async (refs: string[]) => {
      const run: CacheRun = { refresh: false, revalidations: [] };
      await resolveBadges({
        refs,
        providers: providers.map((p) => withCache(p, cache, run)),
        extract,
        maxHops: parsed.settings.maxHops,
      });
    };
    await pass(rows.slice(-MAX_BADGE_REFS)); // warm-up, as in the browser
    await cache.clear();
    const before = settle();
    const { passes: requests, held: count } = await fill(
      rows,
      entries,
      pass,
      async () => (await cache.stats()).entries,
    );
    await cache.flush();
    const after = settle();
    const perEntry = (after - before) / Math.max(1, count);
    log(`\nNode proxy: ${count} cached entries (${requests} badge passes), fake-indexeddb`);
    log(
      `heap used            | ${`${mb(before)} MB`.padStart(8)} | ${`${mb(after)} MB`.padStart(8)} | ${round(perEntry, 0)} bytes`,
    );
    const why = 'Node, not a browser';
    return [
      {
        name: `worker memory: Node proxy, heap used, ${count.toLocaleString('en-US')} cached entries`,
        value: mb(after),
        unit: 'MB',
        note: `${why}: the same ${requests} badge passes through the same cache over fake-indexeddb, process.memoryUsage().heapUsed after a forced GC; ${mb(before)} MB with the cache empty`,
      },
      {
        name: 'worker memory: Node proxy, heap per cached entry',
        value: round(perEntry, 0),
        unit: 'bytes',
        note: `an upper bound: fake-indexeddb keeps the stored entries in the JS heap, a browser's IndexedDB does not; ${why}`,
      },
    ];
  } finally {
    await replica.close();
  }
}

export async function workerMemoryBench(
  options: { entries?: number; print?: boolean; browsers?: BrowserKind[]; node?: boolean } = {},
): Promise<Figure[]> {
  const entries = options.entries ?? ENTRIES;
  const log = options.print ? (line: string) => console.log(line) : () => undefined;
  const browsers = await browserBench({
    replica: fillReplica,
    ...(options.browsers ? { browsers: options.browsers } : {}),
    // Firefox stops an idle event page after 30 s; the fill and the reports must see the same one.
    firefoxPrefs: { 'extensions.background.idle.timeout': 600_000 },
    ...(options.print ? { print: true } : {}),
    measures: [
      (eb, _runs, print, replica) =>
        eb.kind === 'chromium'
          ? measureWorkerMemory(eb, replica, entries, print)
          : measureEventPageMemory(eb, entries, print),
    ],
  });
  return [...browsers, ...(options.node ? await measureNodeProxy(entries, log) : [])];
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const entries = arg('--entries');
  const browser = arg('--browser');
  await workerMemoryBench({
    print: true,
    ...(entries ? { entries: Number(entries) } : {}),
    ...(browser ? { browsers: [browser as BrowserKind] } : {}),
    node: process.argv.includes('--node'),
  });
}
