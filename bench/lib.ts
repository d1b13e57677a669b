/**
 * What every benchmark shares: the figure it returns (one row of bench/results.json, written by bench/run.ts) and
 * the check that lets each bench file run alone (`npx tsx bench/<name>.ts`) as well as from bench/run.ts.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured figure. `baseline` is the same figure for the naive way, measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  browser?: 'chromium' | 'firefox';
  baseline?: number;
  /** References on the page measured (resolve.ts). */
  refs?: number;
  latency_ms?: number;
  note?: string;
}

/** How a --quick run's figures start their note (bench/run.ts); the report says it once per section. */
export const QUICK_NOTE = 'quick run (--quick) on a shared 2-core machine under load';

/** True when `url` (a module's import.meta.url) is the script node was started with. */
export function isMain(url: string): boolean {
  return Boolean(process.argv[1]) && fileURLToPath(url) === resolve(process.argv[1] ?? '');
}

export const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Rounds a figure for the record: whole numbers stay whole, times to 0.01 ms. */
export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;
