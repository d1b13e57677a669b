import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Figure } from '../../bench/lib.ts';
import {
  BEGIN,
  BENCHMARKS_MD,
  currentSection,
  END,
  readResults,
  renderSection,
  resultsSchema,
  updateBenchmarks,
} from '../../bench/report.ts';

describe('BENCHMARKS.md and bench/results.json never disagree', () => {
  it('the generated section is exactly what bench/report.ts makes of the committed results', () => {
    const markdown = readFileSync(BENCHMARKS_MD, 'utf8');
    const figures = readResults();
    expect(figures.length).toBeGreaterThan(0);
    expect(currentSection(markdown), 'run `npx tsx bench/report.ts` after changing bench/results.json').toBe(
      `${BEGIN}\n${renderSection(figures)}\n${END}`,
    );
  });

  it('every committed figure names what it measured and in what unit; browser figures name the browser', () => {
    const figures = readResults();
    for (const f of figures) {
      expect(f.name).toMatch(/^[\w -]+: \S/);
      if (/^(content script|popup search):/.test(f.name)) expect(f.browser, f.name).toBeDefined();
    }
    // the figures: requests per page cold / warm with the naive baseline, per system, in both browsers
    const cold = figures.filter((f) => f.name === 'resolve: requests per page, cold cache');
    expect(cold.length).toBeGreaterThan(0);
    for (const f of cold) expect(f.baseline).toBeGreaterThan(f.value);
    expect(new Set(figures.flatMap((f) => (f.browser ? [f.browser] : [])))).toEqual(
      new Set(['chromium', 'firefox']),
    );
  });
});

describe('bench/report.ts', () => {
  const figures: Figure[] = [
    {
      name: 'resolve: requests per page, cold cache',
      value: 34,
      unit: 'requests',
      baseline: 245,
      refs: 50,
      latency_ms: 3812,
      note: 'a | in a note',
    },
    { name: 'content script: PR, navigation to ready', value: 1234.5, unit: 'ms', browser: 'firefox' },
  ];

  it('writes one table per benchmark with the naive baseline beside the value', () => {
    const section = renderSection(figures);
    expect(section).toContain('### resolve');
    expect(section).toContain(
      '| requests per page, cold cache |  | 50 | 34 requests | 245 requests | 3,812 ms | a \\| in a note |',
    );
    expect(section).toContain('### content script');
    expect(section).toContain('| PR, navigation to ready | firefox |  | 1,234.5 ms |  |  |  |');
  });

  it('replaces only what is between the markers, and adds them when missing', () => {
    const before = `# Benchmarks\n\nhand-written\n\n${BEGIN}\nold\n${END}\n\n## After\n`;
    const after = updateBenchmarks(before, figures);
    expect(after.startsWith('# Benchmarks\n\nhand-written\n\n')).toBe(true);
    expect(after.endsWith(`${END}\n\n## After\n`)).toBe(true);
    expect(after).not.toContain('\nold\n');
    expect(updateBenchmarks(after, figures)).toBe(after);
    expect(currentSection(updateBenchmarks('# Benchmarks\n', figures))).toBe(
      `${BEGIN}\n${renderSection(figures)}\n${END}`,
    );
  });

  it('refuses results that are not figures', () => {
    expect(resultsSchema.safeParse([{ name: 'x: y', value: 'fast', unit: 'ms' }]).success).toBe(false);
    expect(resultsSchema.safeParse([{ name: 'x: y', value: 1, unit: 'ms', browser: 'safari' }]).success).toBe(
      false,
    );
  });
});
