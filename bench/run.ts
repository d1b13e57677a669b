/**
 * `npm run bench` (issue 15): builds the extension, runs every benchmark (each starts its own replica; the
 * content-script ones drive Chromium and Firefox ESR), prints a table per benchmark, writes bench/results.json and
 * regenerates the section of BENCHMARKS.md between `<!-- bench:begin -->` and `<!-- bench:end -->` from it
 * (bench/report.ts). A progress line per benchmark.
 * Run: npm run bench [-- --quick] [-- --no-build] [-- --only resolve,search]
 *   --quick     a subset of about a minute: smaller pages and sizes, fewer repeats (figures say so in their note)
 *   --no-build  measure the dist/ already built
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cacheBench } from './cache.ts';
import { chainsBench } from './chains.ts';
import { contentBytesBench } from './content-bytes.ts';
import { browserBench, measurePageLoads } from './content-startup.ts';
import { extractBench } from './extract.ts';
import { hostilePageBench } from './hostile-page.ts';
import { type Figure, QUICK_NOTE } from './lib.ts';
import { measurePopupSearch } from './popup-search.ts';
import { BENCHMARKS_MD, RESULTS_JSON, updateBenchmarks } from './report.ts';
import { resolveBench } from './resolve.ts';
import { searchBench } from './search.ts';
import { watchPollBench } from './watch-poll.ts';
import { workerMemoryBench } from './worker-memory.ts';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : undefined;
const root = fileURLToPath(new URL('..', import.meta.url));

interface Bench {
  id: string;
  what: string;
  run: () => Promise<Figure[]> | Figure[];
}

const benches: Bench[] = [
  {
    id: 'resolve',
    what: `requests per page, cold / warm / naive, at ${quick ? '10 and 50' : '10, 50, 200 and 1,000'} references`,
    run: () => resolveBench({ sizes: quick ? [10, 50] : [10, 50, 200, 1000] }),
  },
  {
    id: 'content-bytes',
    what: 'content-script bytes per page, raw and gzip, from dist/',
    run: () => contentBytesBench(),
  },
  {
    id: 'browsers',
    what: `content-script time per page type (navigation to ready; Chromium: script time, long tasks) and popup search in Chromium and Firefox ESR, median of ${quick ? 3 : 7}`,
    run: () => browserBench({ runs: quick ? 3 : 7, measures: [measurePageLoads, measurePopupSearch] }),
  },
  {
    id: 'chains',
    what: `navigation to settled panels per page type (the PR list: every row's badge), cold, replica latency ${quick ? '100 ms' : '0 and 100 ms'}, Chromium and Firefox ESR, median of ${quick ? 1 : 5}`,
    run: () => chainsBench({ runs: quick ? 1 : 5, ...(quick ? { latencies: [100] } : {}) }),
  },
  {
    id: 'hostile-page',
    what: 'one hostile page: requests and their sizes',
    run: () => hostilePageBench(),
  },
  {
    id: 'extract',
    what: `reference extraction on hostile text at ${quick ? '1 and 16' : '1, 16 and 64'} KB`,
    run: () => extractBench({ sizes: quick ? [1, 16] : [1, 16, 64] }),
  },
  {
    id: 'cache',
    what: `entity cache operations${quick ? ' (a tenth of the repeats)' : ''}`,
    run: () => cacheBench({ scale: quick ? 0.1 : 1 }),
  },
  {
    id: 'worker-memory',
    what: `the background's heap with ${quick ? '1,000' : '5,000'} cached entries (Chromium: service worker over CDP; Firefox: event page, about:memory over BiDi)`,
    run: () => workerMemoryBench({ entries: quick ? 1000 : 5000 }),
  },
  {
    id: 'watch-poll',
    what: `the watch poll's requests for ${quick ? 50 : 200} watched items, cold and unchanged, against naive`,
    run: () => watchPollBench({ watches: quick ? 50 : 200 }),
  },
  {
    id: 'search',
    what: `quick-search latency per system, ${quick ? 3 : 20} warm runs a query`,
    run: () => searchBench({ runs: quick ? 3 : 20 }),
  },
];

const fmt = (n: number | undefined) => (n === undefined ? '' : n.toLocaleString('en-US'));

/** One plain-text table per benchmark, for the terminal. */
function printTable(id: string, figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name.replace(/^[^:]*: /, ''),
    f.browser ?? '',
    fmt(f.refs),
    `${fmt(f.value)} ${f.unit}`,
    f.baseline === undefined ? '' : `${fmt(f.baseline)} ${f.unit}`,
    f.latency_ms === undefined ? '' : `${fmt(f.latency_ms)} ms`,
  ]);
  const head = ['figure', 'browser', 'refs', 'value', 'naive (baseline)', 'latency'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(width[i] ?? 0) : c.padStart(width[i] ?? 0))).join(' | ');
  console.log(`\n${id}\n${line(head)}\n${width.map((w) => '-'.repeat(w)).join('-|-')}`);
  for (const r of rows) console.log(line(r));
}

const started = performance.now();
if (!process.argv.includes('--no-build')) {
  console.log('bench: building the extension (npm run build)…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    console.error(build.stdout, build.stderr);
    console.error('bench: the build failed; nothing was measured.');
    process.exit(1);
  }
}

const selected = benches.filter((b) => !only || only.has(b.id));
const results: Figure[] = [];
const failed: string[] = [];
for (const [i, bench] of selected.entries()) {
  const t = performance.now();
  process.stdout.write(`bench [${i + 1}/${selected.length}] ${bench.id}: ${bench.what}… `);
  try {
    const figures = await bench.run();
    console.log(`${figures.length} figures in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    results.push(
      ...figures.map((f) => ({
        ...f,
        ...(quick
          ? {
              note: `${QUICK_NOTE}${f.note ? `; ${f.note}` : ''}`,
            }
          : {}),
      })),
    );
    printTable(bench.id, figures);
  } catch (error) {
    failed.push(bench.id);
    console.log(`FAILED after ${((performance.now() - t) / 1000).toFixed(1)} s`);
    console.error(error);
  }
}

const seconds = (performance.now() - started) / 1000;
console.log(`\nbench: ${results.length} figures in ${seconds.toFixed(0)} s${quick ? ' (quick run)' : ''}`);
if (failed.length > 0 || only) {
  // A partial run must not replace the record of a whole one.
  console.error(
    failed.length > 0
      ? `bench: ${failed.join(', ')} failed; bench/results.json and BENCHMARKS.md are left as they were.`
      : 'bench: --only ran a subset; bench/results.json and BENCHMARKS.md are left as they were.',
  );
  process.exit(failed.length > 0 ? 1 : 0);
}
writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(BENCHMARKS_MD, updateBenchmarks(readFileSync(BENCHMARKS_MD, 'utf8'), results));
console.log('bench: wrote bench/results.json and the generated section of BENCHMARKS.md');
