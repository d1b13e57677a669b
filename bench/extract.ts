/**
 * Reference extraction on hostile text (issue 10, "Bounded work"): the worst time per KB over the adversarial
 * families of test/core/adversarial-text.ts, at 1, 16 and 64 KB (65,536 characters: a GitHub issue body's limit),
 * read as prose and as markdown (how the resolver reads page text), with every part of the grammar switched on.
 * Linear extraction keeps the time per KB flat as the size grows; a quadratic step makes it grow with the size.
 * Run: npx tsx bench/extract.ts [--sizes 1,16]   (prints a table; bench/run.ts records the figures)
 */
import '../src/systems/index.ts';
import { extractRefs, type TextKind } from '../src/core/extract.ts';
import { adversarialFamilies, adversarialText, everyGrammar } from '../test/core/adversarial-text.ts';
import { type Figure, isMain, round } from './lib.ts';

const kinds: [string, TextKind][] = [
  ['prose', {}],
  ['markdown', { markdown: true }],
];

/** The fastest of a few runs (fewer for slow cases): what the code costs, not what the shared CPU did meanwhile. */
function msFor(text: string, kind: TextKind): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0, spent = 0; run < 5 && (run === 0 || spent < 2_000); run++) {
    const started = performance.now();
    extractRefs(text, everyGrammar, kind);
    const ms = performance.now() - started;
    spent += ms;
    best = Math.min(best, ms);
  }
  return best;
}

/** The worst and median time per KB at each size (KB), as figures. */
export function extractBench(options: { sizes?: number[]; print?: boolean } = {}): Figure[] {
  const sizes = options.sizes ?? [1, 16, 64];
  const log = options.print ? (line: string) => console.log(line) : () => undefined;
  extractRefs(adversarialText(adversarialFamilies[0] ?? { name: '', unit: 'x' }, 1024), everyGrammar); // warm-up
  const figures: Figure[] = [];
  log('size  | worst ms per KB | family (read as)             | whole text | median family ms per KB');
  for (const kb of sizes) {
    const perKb: { family: string; ms: number }[] = [];
    for (const family of adversarialFamilies) {
      const text = adversarialText(family, kb * 1024);
      for (const [kindName, kind] of kinds)
        perKb.push({ family: `${family.name} (${kindName})`, ms: msFor(text, kind) / kb });
    }
    perKb.sort((a, b) => b.ms - a.ms);
    const worst = perKb[0] ?? { family: '-', ms: 0 };
    const median = perKb[Math.floor(perKb.length / 2)]?.ms ?? 0;
    log(
      `${`${kb} KB`.padEnd(5)} | ${worst.ms.toFixed(2).padStart(15)} | ${worst.family.padEnd(28)} | ${`${(worst.ms * kb).toFixed(0)} ms`.padStart(10)} | ${median.toFixed(3)}`,
    );
    figures.push(
      {
        name: `extract: worst time per KB, ${kb} KB hostile text`,
        value: round(worst.ms, 3),
        unit: 'ms/KB',
        latency_ms: round(worst.ms * kb),
        note: `worst of ${perKb.length} adversarial family × prose/markdown runs: ${worst.family}; latency_ms is the whole text; fastest of up to 5 runs each`,
      },
      {
        name: `extract: median time per KB, ${kb} KB hostile text`,
        value: round(median, 3),
        unit: 'ms/KB',
        note: 'median over the adversarial families, prose and markdown',
      },
    );
  }
  return figures;
}

if (isMain(import.meta.url)) {
  const sizesArg = process.argv[process.argv.indexOf('--sizes') + 1];
  extractBench({
    print: true,
    ...(process.argv.includes('--sizes') && sizesArg ? { sizes: sizesArg.split(',').map(Number) } : {}),
  });
}
