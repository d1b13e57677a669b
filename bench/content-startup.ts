/**
 * What the content script costs a page, per page type (bench/page-types.ts: the chains bench's list, and a page of a
 * matched host that Liaison does not enhance), in Chromium and Firefox ESR on the replica: the time from the start of
 * navigation until the page has settled (panels ready, every list row's badge counted; not enhanced: load), in both
 * browsers; in Chromium also the main-thread time spent in scripts (CDP `Performance.getMetrics` ScriptDuration) and
 * the long tasks (over 50 ms, a PerformanceObserver registered in every frame before the page loads; Firefox has no
 * `longtask` entries). The replica's pages have no scripts of their own except a few lines on the ServiceNow and
 * Zendesk pages (they move templates into shadow roots, switch tabs): ScriptDuration is Liaison's. Each page is also
 * loaded once in a browser context without the extension (Chromium runs no extension in an incognito context): its
 * script time there is the baseline, the page's own. RUNS fresh tabs each after one warm-up visit (so the entity cache
 * is warm, as on a second visit); medians.
 * Run: npm run build && npx tsx bench/content-startup.ts [--dist DIR] [--runs N] [--browser chromium|firefox]
 */
import type { BrowserContext, Page } from 'puppeteer-core';
import { type BrowserKind, browserKinds, type ExtensionBrowser, launch } from '../test/e2e/browsers.ts';
import { replicaSettings } from '../test/replica/credentials.ts';
import { type Replica, type ReplicaOptions, startReplica } from '../test/replica/server.ts';
import { type Figure, isMain, median, round } from './lib.ts';
import { notEnhancedPage, type PageType, pageTypes, pageTypesReplica, waitSettled } from './page-types.ts';

interface Load {
  readyMs: number;
  scriptMs: number | undefined;
  longTasks: number[];
}

/** One visit in a fresh tab of `where` (the extension's browser, or a context without it). */
async function load(
  where: { newPage(): Promise<Page> },
  kind: BrowserKind,
  replica: Replica,
  c: PageType,
  settle: boolean,
): Promise<Load> {
  const page = await where.newPage();
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
  await page.goto(c.url(replica), { waitUntil: 'load' });
  if (settle) await waitSettled(page, c, 20_000);
  const readyMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 500)); // let anything still starting finish
  const scriptMs = kind === 'chromium' ? ((await page.metrics()).ScriptDuration ?? 0) * 1000 : undefined;
  const longTasks: number[] = [];
  for (const frame of page.frames()) {
    const tasks = await frame
      .evaluate(() => (window as unknown as { longTasks?: number[] }).longTasks ?? [])
      .catch(() => []);
    longTasks.push(...tasks);
  }
  await page.close();
  return { readyMs, scriptMs, longTasks };
}

/** Page loads of every page type in one launched browser (configured for the replica): figures for each. */
export async function measurePageLoads(
  eb: ExtensionBrowser,
  runs: number,
  log: (line: string) => void = () => undefined,
  replica?: Replica,
): Promise<Figure[]> {
  if (!replica) throw new Error('measurePageLoads needs the replica its browser was launched on');
  const kind = eb.kind;
  const figures: Figure[] = [];
  const cases = [...pageTypes, notEnhancedPage];
  // One warm-up visit each: the first load also compiles the extension's scripts.
  for (const c of cases) await load(eb.browser, kind, replica, c, true);
  // The page alone: Chromium runs no extension in an incognito context (unless allowed, which nobody did here).
  let bare: BrowserContext | undefined;
  if (kind === 'chromium') bare = await eb.browser.createBrowserContext();
  log(`\n${kind}: content script cost per page load, median of ${runs}`);
  log(
    'page                                      | until ready | script time | without Liaison | long tasks (> 50 ms)',
  );
  try {
    for (const c of cases) {
      const samples: Load[] = [];
      for (let i = 0; i < runs; i++) samples.push(await load(eb.browser, kind, replica, c, true));
      const readyMs = median(samples.map((s) => s.readyMs));
      const note = `median of ${runs} fresh tabs after a warm-up visit (entity cache warm); replica on the same machine`;
      figures.push({
        name: `content script: ${c.name}, navigation to ready`,
        value: round(readyMs, 0),
        unit: 'ms',
        browser: kind,
        note: c.notEnhanced
          ? `${note}; ready = load (nothing to enhance; the replica's GitHub not-found page)`
          : `${note}; ready = ${c.rows ? `all ${c.rows} rows' badges counted` : 'every panel settled'}`,
      });
      let script = '-';
      let without = '-';
      let long = '-';
      if (kind === 'chromium' && bare) {
        const scriptMs = median(samples.map((s) => s.scriptMs ?? 0));
        const longMs = median(samples.map((s) => s.longTasks.reduce((a, b) => a + b, 0)));
        const count = median(samples.map((s) => s.longTasks.length));
        const alone: number[] = [];
        await load(bare, kind, replica, c, false); // its warm-up, as with the extension
        for (let i = 0; i < Math.max(1, Math.floor(runs / 3)); i++)
          alone.push((await load(bare, kind, replica, c, false)).scriptMs ?? 0);
        const pageOwn = median(alone);
        script = `${scriptMs.toFixed(0)} ms`;
        without = `${pageOwn.toFixed(0)} ms`;
        long = `${count} (${longMs} ms in all)`;
        figures.push(
          {
            name: `content script: ${c.name}, main-thread script time`,
            value: round(scriptMs, 0),
            unit: 'ms',
            browser: kind,
            baseline: round(pageOwn, 0),
            note: `CDP ScriptDuration of the tab, until settled + 500 ms; baseline: the same page in a context without the extension (the page's own scripts and the bench's long-task observer), median of ${alone.length} after a warm-up; ${note}`,
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
        `${c.name.padEnd(41)} | ${`${readyMs.toFixed(0)} ms`.padStart(11)} | ${script.padStart(11)} | ${without.padStart(15)} | ${long}`,
      );
    }
  } finally {
    await bare?.close();
  }
  return figures;
}

export interface BrowserBenchOptions {
  runs?: number;
  browsers?: BrowserKind[];
  dist?: string;
  print?: boolean;
  /** Firefox preferences on top of the ones every test needs (test/e2e/browsers.ts `launch`). */
  firefoxPrefs?: Record<string, string | number | boolean>;
  /** The replica's options (its dataset); default the page types' (bench/page-types.ts). */
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
  const replica = await startReplica({ ...(options.replica ?? pageTypesReplica), port: 0 });
  try {
    for (const kind of options.browsers ?? browserKinds) {
      const eb = await launch(kind, {
        port: replica.port,
        hosts: replica.hosts,
        ...(options.dist ? { dist: options.dist } : {}),
        ...(options.firefoxPrefs ? { firefoxPrefs: options.firefoxPrefs } : {}),
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
