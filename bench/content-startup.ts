/**
 * What the content script costs a page, in Chromium and Firefox ESR on the replica, on a page Liaison enhances (a
 * PR, until its panel is ready) and on one it does not (a repository page of github.com, where the content script
 * runs too): the time from the start of navigation until the panel is ready (or, not enhanced, until load), in both
 * browsers; in Chromium also the main-thread time spent in scripts (CDP `Performance.getMetrics` ScriptDuration,
 * the page's own scripts included: the replica's pages have none) and the long tasks (over 50 ms, a
 * PerformanceObserver registered before the page loads; Firefox has no `longtask` entries). RUNS fresh tabs each
 * after one warm-up visit; medians.
 * Run: npm run build && npx tsx bench/content-startup.ts [--dist DIR] [--runs N] [--browser chromium|firefox]
 */
import type { Page } from 'puppeteer-core';
import { type BrowserKind, browserKinds, type ExtensionBrowser, launch } from '../test/e2e/browsers.ts';
import { replicaSettings } from '../test/replica/credentials.ts';
import { type Replica, type ReplicaOptions, startReplica } from '../test/replica/server.ts';
import { type Figure, isMain, median, round } from './lib.ts';

const cases = [
  {
    name: 'GitHub PR (enhanced: panels until ready)',
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

/** Page loads in one launched browser (configured for the replica): figures for each case. */
export async function measurePageLoads(
  eb: ExtensionBrowser,
  runs: number,
  log: (line: string) => void = () => undefined,
): Promise<Figure[]> {
  const kind = eb.kind;
  const figures: Figure[] = [];
  const measure = async (url: string, ready: (page: Page) => Promise<unknown>) => {
    const page = await eb.browser.newPage();
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        // Firefox: no longtask entries
      }
    });
    const started = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    await ready(page);
    const readyMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 500)); // let anything still starting finish
    const scriptMs = kind === 'chromium' ? ((await page.metrics()).ScriptDuration ?? 0) * 1000 : undefined;
    const longTasks = await page.evaluate(
      () => (window as unknown as { longTasks?: number[] }).longTasks ?? [],
    );
    await page.close();
    return { readyMs, scriptMs, longTasks };
  };
  // One warm-up visit each: the first load also compiles the extension's scripts.
  for (const c of cases) await measure(c.url, c.ready);
  log(`\n${kind}: content script cost per page load, median of ${runs}`);
  log('page                                      | until ready | script time | long tasks (> 50 ms)');
  for (const c of cases) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await measure(c.url, c.ready));
    const readyMs = median(samples.map((s) => s.readyMs));
    const note = `median of ${runs} fresh tabs after a warm-up visit; replica on the same machine`;
    figures.push({
      name: `content script: ${c.name}, navigation to ready`,
      value: round(readyMs, 0),
      unit: 'ms',
      browser: kind,
      note,
    });
    let script = '-';
    let long = '-';
    if (kind === 'chromium') {
      const scriptMs = median(samples.map((s) => s.scriptMs ?? 0));
      const longMs = median(samples.map((s) => s.longTasks.reduce((a, b) => a + b, 0)));
      const count = median(samples.map((s) => s.longTasks.length));
      script = `${scriptMs.toFixed(0)} ms`;
      long = `${count} (${longMs} ms in all)`;
      figures.push(
        {
          name: `content script: ${c.name}, main-thread script time`,
          value: round(scriptMs, 0),
          unit: 'ms',
          browser: kind,
          note: `CDP ScriptDuration; ${note}`,
        },
        {
          name: `content script: ${c.name}, long tasks over 50 ms`,
          value: count,
          unit: 'tasks',
          browser: kind,
          note: `${longMs} ms in all; ${note}`,
        },
      );
    }
    log(
      `${c.name.padEnd(41)} | ${`${readyMs.toFixed(0)} ms`.padStart(11)} | ${script.padStart(11)} | ${long}`,
    );
  }
  return figures;
}

export interface BrowserBenchOptions {
  runs?: number;
  browsers?: BrowserKind[];
  dist?: string;
  print?: boolean;
  /** The replica's options (its dataset); default the demo dataset. */
  replica?: ReplicaOptions;
  /** What to measure in each launched browser; default the page loads above. */
  measures?: ((
    eb: ExtensionBrowser,
    runs: number,
    log: (line: string) => void,
    replica: Replica,
  ) => Promise<Figure[]>)[];
}

/** Launches each browser once with the built extension on the replica and runs the measures in it. */
export async function browserBench(options: BrowserBenchOptions = {}): Promise<Figure[]> {
  const runs = options.runs ?? 7;
  const log = options.print ? (line: string) => console.log(line) : () => undefined;
  const figures: Figure[] = [];
  const replica = await startReplica({ ...options.replica, port: 0 });
  try {
    for (const kind of options.browsers ?? browserKinds) {
      const eb = await launch(kind, {
        port: replica.port,
        hosts: replica.hosts,
        ...(options.dist ? { dist: options.dist } : {}),
      });
      try {
        await eb.configure(replicaSettings());
        for (const measure of options.measures ?? [measurePageLoads])
          figures.push(...(await measure(eb, runs, log, replica)));
      } finally {
        await eb.close();
      }
    }
    return figures;
  } finally {
    await replica.close();
  }
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const dist = arg('--dist');
  const runs = arg('--runs');
  const browser = arg('--browser');
  await browserBench({
    print: true,
    ...(dist ? { dist } : {}),
    ...(runs ? { runs: Number(runs) } : {}),
    ...(browser ? { browsers: [browser as BrowserKind] } : {}),
  });
}
