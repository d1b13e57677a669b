/**
 * How long a page waits for its panels, per page type, in Chromium and Firefox ESR on the replica (issue 15, "A chain
 * is as fast as its hops"): from the start of navigation until the panels are placed in the page (or docked), and
 * until every panel has settled (`ready`, `empty` or `error`: nothing more is coming; on the PR list, which has badges
 * and no panel, until each of its 25 rows' badges has its count), cold (the entity cache cleared before each
 * visit), with the replica answering its API requests at once and 100 ms late. The page types are
 * bench/page-types.ts's, shared with bench/content-startup.ts.
 *
 * Beside each time, the timeline of the API requests the page caused, read from the replica's own log: when each
 * system was first and last asked, and the rounds (requests that start together, one latency apart from the
 * next round, form one). The target is hops × latency + 300 ms; each row says whether it is met.
 * Run: npm run build && npx tsx bench/chains.ts [--runs N] [--browser chromium|firefox] [--latencies 0,100]
 */
import type { BrowserKind, ExtensionBrowser } from '../test/e2e/browsers.ts';
import type { Replica, RequestLogEntry } from '../test/replica/server.ts';
import { browserBench } from './content-startup.ts';
import { type Figure, isMain, median, percentile, round } from './lib.ts';
import { type PageType, pageTypes, pageTypesReplica, settledIn } from './page-types.ts';

export const LATENCIES = [0, 100];
/** What the target allows besides the hops' latency: the page, the content script and the panel's rendering. */
export const OVERHEAD_MS = 300;

const isApi = (e: RequestLogEntry) => e.host.startsWith('api.') || /^\/(api|rest|graphql)\b/.test(e.path);

/** API requests grouped into rounds: a request starting more than `gap` ms after the previous one opens a round. */
export function roundsOf(starts: readonly number[], gap: number): number[][] {
  const rounds: number[][] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const at of [...starts].sort((a, b) => a - b)) {
    if (at - last > gap || rounds.length === 0) rounds.push([]);
    rounds.at(-1)?.push(at);
    last = at;
  }
  return rounds;
}

interface Visit {
  placedMs: number;
  settledMs: number;
  /** In the page's own timeline: from the content script asking for the data to its final answer. */
  askedToFinalMs: number;
  requests: { at: number; host: string; path: string }[];
}

async function visit(eb: ExtensionBrowser, replica: Replica, c: PageType, cold = true): Promise<Visit> {
  // Cold: nothing cached (an extension page may ask the background to clear it).
  if (cold) {
    const options = await eb.openExtensionPage('src/options/index.html');
    await options.evaluate(async () => {
      const g = globalThis as unknown as {
        browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        chrome?: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      };
      await (g.browser ?? g.chrome)?.runtime.sendMessage({ type: 'clear-cache' });
    });
    await options.close();
  }
  const page = await eb.browser.newPage();
  replica.clearLog();
  const started = Date.now();
  let placedMs = Number.NaN;
  let settledMs = Number.NaN;
  let askedToFinalMs = Number.NaN;
  await page.goto(c.url(replica), { waitUntil: 'domcontentloaded' });
  const deadline = started + 30_000;
  while (Date.now() < deadline) {
    const frames = c.framed ? page.frames().filter((f) => f !== page.mainFrame()) : [page.mainFrame()];
    for (const frame of frames) {
      const { placed, settled, rows } = await settledIn(frame, c);
      if (settled && c.rows !== undefined && rows !== c.rows)
        throw new Error(`${c.name}: the page shows ${rows} rows, not ${c.rows}`);
      if (placed && Number.isNaN(placedMs)) placedMs = Date.now() - started;
      if (settled) {
        settledMs = Date.now() - started;
        askedToFinalMs = await frame
          .evaluate(() => {
            const asked = performance.getEntriesByName('liaison:asked')[0]?.startTime;
            const final = performance
              .getEntriesByName('liaison:final')
              .find((e) => asked !== undefined && e.startTime >= asked)?.startTime;
            return asked !== undefined && final !== undefined ? final - asked : Number.NaN;
          })
          .catch(() => Number.NaN);
      }
    }
    if (!Number.isNaN(settledMs)) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await page.close();
  if (Number.isNaN(settledMs)) throw new Error(`${c.name}: the panels did not settle within 30 s`);
  const requests = replica.requests
    .filter((e) => e.at >= started && isApi(e))
    .map((e) => ({ at: e.at - started, host: e.host, path: e.path.split('?')[0] ?? '' }));
  return { placedMs, settledMs, askedToFinalMs, requests };
}

/** Chains per page type in one launched browser: figures for each case and latency. */
export async function measureChains(
  eb: ExtensionBrowser,
  replica: Replica,
  runs: number,
  log: (line: string) => void = () => undefined,
  latencies: readonly number[] = LATENCIES,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const latency of latencies) {
    replica.clearFaults();
    if (latency > 0) {
      replica.fault({ host: 'api.github.com', path: /^\//, kind: 'latency', ms: latency });
      replica.fault({ path: /^\/(api|rest|graphql)\b/, kind: 'latency', ms: latency });
    }
    log(`\n${eb.kind}, replica latency ${latency} ms per API request: median of ${runs} cold visits`);
    log(
      'page                                | placed  | settled | rounds | target  | met | timeline (first run)',
    );
    for (const c of pageTypes) {
      await visit(eb, replica, c); // warm-up: the first visit also compiles the scripts
      const samples: Visit[] = [];
      for (let i = 0; i < runs; i++) samples.push(await visit(eb, replica, c));
      const placed = median(samples.map((s) => s.placedMs));
      const settled = median(samples.map((s) => s.settledMs));
      const first = samples[0] ?? { requests: [] };
      const rounds = roundsOf(
        first.requests.map((r) => r.at),
        Math.max(30, latency * 0.6),
      );
      const hops = median(
        samples.map(
          (s) =>
            roundsOf(
              s.requests.map((r) => r.at),
              Math.max(30, latency * 0.6),
            ).length,
        ),
      );
      const target = hops * latency + OVERHEAD_MS;
      const bySystem = new Map<string, number[]>();
      for (const r of first.requests) bySystem.set(r.host, [...(bySystem.get(r.host) ?? []), r.at]);
      const timeline = [...bySystem]
        .sort((a, b) => (a[1][0] ?? 0) - (b[1][0] ?? 0))
        .map(([host, ats]) => `${host} ${ats.length}× ${Math.min(...ats)}–${Math.max(...ats)} ms`)
        .join('; ');
      const note = `median of ${runs} cold visits after a warm-up; ${hops} rounds of API requests (${rounds.map((r) => r.length).join('+')} requests in the first run); target ${hops} × ${latency} + ${OVERHEAD_MS} = ${target} ms; placed at ${round(placed, 0)} ms`;
      figures.push({
        name: `chain: ${c.name}, ${c.rows ? "navigation to every row's badge" : 'navigation to settled panels'}`,
        value: round(settled, 0),
        unit: 'ms',
        browser: eb.kind,
        latency_ms: latency,
        note: `${note}; ${settled <= target ? 'target met' : `target missed by ${round(settled - target, 0)} ms`}`,
      });
      log(
        `${c.name.padEnd(35)} | ${`${placed.toFixed(0)}`.padStart(5)} ms | ${`${settled.toFixed(0)}`.padStart(5)} ms | ${String(hops).padStart(6)} | ${`${target}`.padStart(5)} ms | ${settled <= target ? 'yes' : 'no '} | ${timeline}`,
      );
      if (latency === latencies[0] && c.rows === undefined) {
        // Warm: the same page again with everything cached; the panel's data should be final at once. (A list has
        // no panel, so none of the content script's performance marks.)
        const warm: number[] = [];
        for (let i = 0; i < Math.max(5, runs * 2); i++)
          warm.push((await visit(eb, replica, c, false)).askedToFinalMs);
        const measured = warm.filter((ms) => !Number.isNaN(ms));
        if (measured.length > 0) {
          const p95 = percentile(measured, 95);
          figures.push({
            name: `chain: ${c.name}, warm panel: asked to final data, p95`,
            value: round(p95, 0),
            unit: 'ms',
            browser: eb.kind,
            latency_ms: latency,
            note: `p95 of ${measured.length} warm visits, from the content script's performance marks (liaison:asked to liaison:final); target 50 ms: ${p95 <= 50 ? 'met' : `missed by ${round(p95 - 50, 0)} ms`}`,
          });
          log(
            `${''.padEnd(35)} | warm: asked to final data p95 ${p95.toFixed(0)} ms over ${measured.length} visits`,
          );
        }
      }
    }
  }
  replica.clearFaults();
  return figures;
}

/** Launches each browser with the built extension on its own replica and measures every chain. */
export function chainsBench(
  options: { runs?: number; browsers?: BrowserKind[]; print?: boolean; latencies?: readonly number[] } = {},
): Promise<Figure[]> {
  return browserBench({
    runs: options.runs ?? 5,
    ...(options.browsers ? { browsers: options.browsers } : {}),
    ...(options.print ? { print: true } : {}),
    replica: pageTypesReplica,
    measures: [(eb, runs, log, replica) => measureChains(eb, replica, runs, log, options.latencies)],
  });
}

if (isMain(import.meta.url)) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const runs = arg('--runs');
  const browser = arg('--browser');
  const latencies = arg('--latencies');
  await chainsBench({
    print: true,
    ...(latencies ? { latencies: latencies.split(',').map(Number) } : {}),
    ...(runs ? { runs: Number(runs) } : {}),
    ...(browser ? { browsers: [browser as BrowserKind] } : {}),
  });
}
