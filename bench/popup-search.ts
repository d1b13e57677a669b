/**
 * Quick search as a person sees it, in Chromium and Firefox ESR: the built extension's popup (opened as a tab, as
 * the e2e tests do) on the replica's demo data; the time from the last keystroke until every source has answered
 * and the list is complete (`main[data-state]` ready or empty, nothing loading). It includes the popup's 250 ms
 * debounce (src/popup/useQuickSearch.ts) and the driver's round trips (a few ms). Each query is typed into an
 * emptied box RUNS times after one warm-up; medians.
 * Run: npm run build && npx tsx bench/popup-search.ts [--runs N] [--browser chromium|firefox]
 */
import type { ExtensionBrowser } from '../test/e2e/browsers.ts';
import { browserBench } from './content-startup.ts';
import { type Figure, isMain, median, percentile, round } from './lib.ts';

const queries = [
  { kind: 'words', text: 'checkout' },
  { kind: 'ID', text: 'INC0010001' },
];

export async function measurePopupSearch(
  eb: ExtensionBrowser,
  runs: number,
  log: (line: string) => void = () => undefined,
): Promise<Figure[]> {
  const page = await eb.openExtensionPage('src/popup/index.html');
  const figures: Figure[] = [];
  try {
    await page.waitForSelector('input[type="search"]');
    /** Types `text` into the emptied box; ms from the last keystroke to the complete list. */
    const once = async (text: string) => {
      await page.focus('input[type="search"]');
      await page.keyboard.down('Control');
      await page.keyboard.press('a');
      await page.keyboard.up('Control');
      await page.keyboard.press('Backspace');
      await page.waitForSelector('main[data-state="idle"]', { timeout: 10_000 });
      await page.type('input[type="search"]', text);
      const started = performance.now();
      await page.waitForFunction(
        () =>
          document.querySelector('main[data-state="ready"], main[data-state="empty"]') !== null &&
          document.querySelector('[data-status="loading"], .results.pending') === null,
        { timeout: 15_000, polling: 10 },
      );
      const ms = performance.now() - started;
      const results = await page.$$eval('[data-ref]', (els) => els.length);
      return { ms, results };
    };
    log(`\n${eb.kind}: popup quick search, last keystroke to complete list, median of ${runs}`);
    for (const q of queries) {
      await once(q.text); // warm-up: the worker's providers, TLS, discovery
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await once(q.text));
      const ms = samples.map((s) => s.ms);
      const results = median(samples.map((s) => s.results));
      log(
        `  ${q.kind} "${q.text}": ${median(ms).toFixed(0)} ms (p95 ${percentile(ms, 95).toFixed(0)} ms), ${results} rows`,
      );
      figures.push({
        name: `popup search: ${q.kind} query "${q.text}", last keystroke to complete list`,
        value: round(median(ms), 0),
        unit: 'ms',
        browser: eb.kind,
        note: `median of ${runs} after a warm-up (p95 ${percentile(ms, 95).toFixed(0)} ms); includes the 250 ms debounce; ${results} rows with data-ref; demo dataset`,
      });
    }
  } finally {
    await page.close();
  }
  return figures;
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const runs = arg('--runs');
  const browser = arg('--browser');
  await browserBench({
    print: true,
    measures: [measurePopupSearch],
    ...(runs ? { runs: Number(runs) } : { runs: 10 }),
    ...(browser === 'chromium' || browser === 'firefox' ? { browsers: [browser] } : {}),
  });
}
