/**
 * What the content script costs a page, in Chromium on the replica: the main-thread time spent in scripts
 * (CDP `Performance.getMetrics` ScriptDuration, the page's own scripts included: the replica's pages have none)
 * and the long tasks (over 50 ms, a PerformanceObserver registered before the page loads) from navigation until the
 * page is idle — on a page Liaison enhances (a PR, until its panel is ready) and on one it does not (a repository
 * page of github.com, where the content script runs too). RUNS fresh tabs each; medians printed.
 * Run: npm run build && npx tsx bench/content-startup.ts [--dist DIR]
 */
import type { Page } from 'puppeteer-core';
import { launch } from '../test/e2e/browsers.ts';
import { replicaSettings } from '../test/replica/credentials.ts';
import { startReplica } from '../test/replica/server.ts';

const RUNS = 7;
const distArg = process.argv.indexOf('--dist');
const dist = distArg > 0 ? process.argv[distArg + 1] : undefined;

const replica = await startReplica({ port: 0 });
const eb = await launch('chromium', { port: replica.port, hosts: replica.hosts, ...(dist ? { dist } : {}) });
await eb.configure(replicaSettings());

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function measure(url: string, ready: (page: Page) => Promise<unknown>) {
  const page = await eb.browser.newPage();
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  await new Promise((r) => setTimeout(r, 500)); // let anything still starting finish
  const metrics = await page.metrics();
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  await page.close();
  return { scriptMs: (metrics.ScriptDuration ?? 0) * 1000, longTasks };
}

const cases = [
  {
    name: 'GitHub PR (enhanced: panels)',
    url: 'https://github.com/acme/shop-api/pull/42',
    ready: (page: Page) =>
      page.waitForSelector('liaison-panel[data-panel="linked-incidents"][data-state="ready"]', {
        timeout: 20_000,
      }),
  },
  {
    name: 'GitHub repository page (not enhanced)',
    url: 'https://github.com/acme/shop-api',
    ready: async () => undefined,
  },
];

// One warm-up visit each: the first load also compiles the extension's scripts.
for (const c of cases) await measure(c.url, c.ready);
console.log(`Content script cost per page load, Chromium, median of ${RUNS}${dist ? ` (${dist})` : ''}\n`);
console.log('page                                   | script time | long tasks (> 50 ms)');
for (const c of cases) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(c.url, c.ready));
  const script = median(runs.map((r) => r.scriptMs));
  const long = median(runs.map((r) => r.longTasks.reduce((a, b) => a + b, 0)));
  const count = median(runs.map((r) => r.longTasks.length));
  console.log(
    `${c.name.padEnd(38)} | ${`${script.toFixed(0)} ms`.padStart(11)} | ${count} (${long} ms in all)`,
  );
}

await eb.close();
await replica.close();
