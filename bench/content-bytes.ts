/**
 * Content-script bytes per page, raw and gzip, read from the build in dist/ (run `npm run build` first): the
 * manifest's content-script loader, the entry it imports, and every chunk reachable from there through static
 * imports (what a page on a matched host loads, enhanced or not), then what the entry's dynamic import of the rest
 * (`src/content/main.ts`) adds on a page Liaison enhances. Found by following the `import … from "./x.js"` and
 * `import("./x.js")` statements of the built chunks, so it counts what the build asks for, not what a browser
 * measured; a chunk shared by both counts once in each total.
 * Run: npx tsx bench/content-bytes.ts [--dist DIR]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { adapters } from '../src/sites/index.ts';
import { DIST } from '../test/e2e/browsers.ts';
import { type Figure, isMain } from './lib.ts';

// A minified build quotes with backticks (import(`./main-x.js`)), an unminified one with double quotes.
const staticImport = /\b(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["'`]\.\/([\w.-]+\.js)["'`]/g;
const dynamicImport = /\bimport\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g;
const loaderImport = /getURL\(\s*["'`]([\w./-]+\.js)["'`]\s*\)/g;

interface Chunk {
  raw: number;
  gzip: number;
  statics: string[];
  dynamics: string[];
}

export function contentBytesBench(options: { dist?: string; print?: boolean } = {}): Figure[] {
  const dist = options.dist ?? DIST;
  const log = options.print ? (line: string) => console.log(line) : () => undefined;
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[] }[];
  };
  const chunks = new Map<string, Chunk>();
  const read = (path: string): Chunk => {
    const known = chunks.get(path);
    if (known) return known;
    const text = readFileSync(join(dist, path));
    const source = text.toString('utf8');
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    const chunk: Chunk = {
      raw: text.length,
      gzip: gzipSync(text, { level: 9 }).length,
      statics: [...source.matchAll(staticImport)].map((m) => `${dir}${m[1]}`),
      dynamics: [
        ...[...source.matchAll(dynamicImport)].map((m) => `${dir}${m[1]}`),
        ...[...source.matchAll(loaderImport)].map((m) => m[1] ?? ''),
      ],
    };
    chunks.set(path, chunk);
    return chunk;
  };
  /** `roots` and every chunk they import statically. */
  const closure = (roots: string[]): Set<string> => {
    const seen = new Set<string>();
    const queue = [...roots];
    while (queue.length > 0 && seen.size < 1000) {
      const next = queue.shift() ?? '';
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...read(next).statics);
    }
    return seen;
  };
  const total = (set: Set<string>) =>
    [...set].reduce((sum, p) => ({ raw: sum.raw + read(p).raw, gzip: sum.gzip + read(p).gzip }), {
      raw: 0,
      gzip: 0,
    });

  const loaders = [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []))];
  if (loaders.length === 0) throw new Error(`${dist}/manifest.json declares no content script`);
  // The loader's getURL import is the entry: it runs on every matched page.
  const every = closure([...loaders, ...loaders.flatMap((l) => read(l).dynamics)]);
  const dynamics = [...every].flatMap((p) => read(p).dynamics).filter((p) => !every.has(p));
  const enhanced = closure([...every, ...dynamics]);
  const later = [...enhanced].flatMap((p) => read(p).dynamics).filter((p) => !enhanced.has(p));

  // What each page type adds on demand (issue 15): its site's reader (`src/sites/<site>.ts`, built as
  // `<site>-<hash>.js`, loaded by `src/sites/readers.ts` on that site's pages only), its panels' chunks
  // (`src/ui/panels/defs/<id>.ts`, built as `<id>-<hash>.js`) and, on a list page, the badges'
  // (`src/content/badges.ts`), and the drawer where its panels dock by design. A write action's preview, the
  // hovercard and the write client are loaded only on a user's action, and the drawer elsewhere only when a page's
  // markup has no place for the panels, so no page type counts them. Page types are grouped by what they load.
  const chunkOf = (name: string) => later.find((p) => new RegExp(`(^|/)${name}-[\\w-]+\\.js$`).test(p));
  const groups = new Map<string, { parts: string; pages: string[]; chunks: string[] }>();
  for (const adapter of adapters) {
    const reader = chunkOf(adapter.site);
    for (const page of adapter.pages) {
      const parts = [...page.panels, ...(page.badges ? ['badges'] : [])];
      // A page type whose panels dock by design loads the drawer (`src/content/drawer.ts`) at once.
      const drawer = page.dock ? chunkOf('drawer') : undefined;
      const chunks = [
        ...(reader ? [reader] : []),
        ...parts.flatMap((p) => chunkOf(p) ?? []),
        ...(drawer ? [drawer] : []),
      ];
      const key = `${parts.join(' + ') || 'nothing'} ${chunks.join(' ')}`;
      const group = groups.get(key) ?? { parts: parts.join(' + ') || 'nothing', pages: [], chunks };
      group.pages.push(page.id);
      groups.set(key, group);
    }
  }
  const byPage = [...groups.values()].map(({ parts, pages, chunks }) => ({
    name: `content bytes: ${pages.join(', ')} (${parts === 'badges' ? 'list badges' : parts.replace('badges', 'list badges')})`,
    set: closure([...enhanced, ...chunks]),
  }));
  const heaviest = byPage.reduce<{ name: string; set: Set<string> } | undefined>(
    (worst, row) => (!worst || total(row.set).gzip > total(worst.set).gzip ? row : worst),
    undefined,
  );

  const rows = [
    {
      name: 'content bytes: page not enhanced, on a matched host (loader + entry)',
      set: every,
    },
    {
      name: 'content bytes: enhanced page, the heaviest page type (+ main, its imports, the site’s reader and the page type’s panels)',
      set: heaviest && total(heaviest.set).gzip > total(enhanced).gzip ? heaviest.set : enhanced,
      page: heaviest?.name.replace('content bytes: ', ''),
    },
    ...byPage,
  ];
  const figures: Figure[] = [];
  log('page                                                                    |    raw |   gzip | chunks');
  for (const { name, set, ...rest } of rows) {
    const t = total(set);
    const list = [...set].map((p) => `${p.replace(/^assets\//, '')} ${read(p).raw}`).join(', ');
    log(`${name.padEnd(71)} | ${String(t.raw).padStart(6)} | ${String(t.gzip).padStart(6)} | ${set.size}`);
    const page = 'page' in rest && rest.page ? `${rest.page}; ` : '';
    const note = `${page}static import closure in dist/ (not a browser measurement); ${set.size} files: ${list}`;
    figures.push(
      { name: `${name}, raw`, value: t.raw, unit: 'bytes', note },
      { name: `${name}, gzip`, value: t.gzip, unit: 'bytes', note: 'gzip -9 of each file, summed' },
    );
  }
  if (later.length > 0) log(`loaded later, on demand: ${later.join(', ')}`);
  return figures;
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--dist');
  contentBytesBench({ print: true, ...(at > 0 ? { dist: process.argv[at + 1] } : {}) });
}
