import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * What the page pays for (issue 15): the content script's modules, followed through their runtime imports (type-only
 * imports are erased by the build), may not reach zod or the webextension polyfill; the entry that runs on every
 * matched page may not reach Preact or the UI either. A module pulls in its whole chunk, so one runtime import of a
 * constant from a zod schema module would bring zod back: the build's sizes are measured by bench/content-bytes.ts.
 */

const root = process.cwd();

/** The runtime imports of a module: `import type` and all-`type` named lists are left out. */
function runtimeImports(code: string): { from: string; dynamic: boolean }[] {
  const found: { from: string; dynamic: boolean }[] = [];
  const statement =
    /^(?:import|export)\s+(?:(type\s+)?(\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*\{[^}]*\})?)\s+from\s+)?'([^']+)'/gm;
  for (const m of code.matchAll(statement)) {
    if (m[1]) continue;
    const names = /^\{([^}]*)\}$/
      .exec(m[2] ?? '')?.[1]
      ?.split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    if (names && names.length > 0 && names.every((n) => /^type\b/.test(n))) continue;
    found.push({ from: m[3] ?? '', dynamic: false });
  }
  for (const m of code.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g))
    found.push({ from: m[1] ?? '', dynamic: true });
  return found;
}

function resolve(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = join(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  throw new Error(`${relative(root, from)}: cannot resolve ${spec}`);
}

/** Every module reached from `entry` (packages by name), and by which chain of imports. */
function reach(entry: string, followDynamic: boolean): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [relative(root, entry)]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const chain = chains.get(file) ?? [];
    for (const { from, dynamic } of runtimeImports(readFileSync(file, 'utf8'))) {
      if (dynamic && !followDynamic) continue;
      const target = resolve(file, from);
      if (chains.has(target)) continue;
      const isPackage = !target.startsWith('/');
      chains.set(target, [...chain, isPackage ? target : relative(root, target)]);
      if (!isPackage) queue.push(target);
    }
  }
  return chains;
}

/** Each reached module that imports one of the packages itself, with the chain of imports that reaches it. */
const packagesIn = (reached: Map<string, string[]>, names: string[]) =>
  [...reached.entries()].flatMap(([file, chain]) =>
    file.startsWith('/')
      ? runtimeImports(readFileSync(file, 'utf8'))
          .filter(({ from }) => names.some((n) => from === n || from.startsWith(`${n}/`)))
          .map(({ from }) => `${chain.join(' → ')} → ${from}`)
      : [],
  );

const entry = join(root, 'src/content/index.ts');

describe('the content script stays light', () => {
  test('no module of the content script (entry and everything it loads) imports zod or the polyfill', () => {
    expect(packagesIn(reach(entry, true), ['zod', 'webextension-polyfill'])).toEqual([]);
  });

  test('the entry every matched page runs loads no Preact, no UI and no messaging schemas', () => {
    const reached = reach(entry, false);
    expect(packagesIn(reached, ['preact', 'zod', 'webextension-polyfill'])).toEqual([]);
    const ui = [...reached.keys()].filter((f) => /src\/(ui|messaging)\//.test(f));
    expect(ui).toEqual([]);
  });

  // Issue 15: a page loads only the part of each grammar that reads and names references, never the passes that
  // find them in text and URLs (the background's extraction), whatever chunk it loads later.
  test("no module of the content script imports a grammar's text part or the text extraction", () => {
    const textPart =
      /src\/(systems\/grammars\.ts|systems\/[\w-]+\/grammar\.ts|core\/(extract|extract-options|code-spans|ref-urls)\.ts)$/;
    const found = [...reach(entry, true).entries()].filter(([file]) => textPart.test(file));
    expect(found.map(([, chain]) => chain.join(' → '))).toEqual([]);
  });

  // Issue 15: the entry decides from URLs alone (src/sites/urls.ts and each site's `<site>-urls.ts`); how a site's
  // pages are read is loaded on that site's pages only, through src/sites/readers.ts.
  test("the entry every matched page runs loads the sites' URL checks and no site's reader", () => {
    const sites = [...reach(entry, false).keys()].filter((f) => /src\/sites\//.test(f));
    expect(sites.length).toBeGreaterThan(0);
    expect(sites.filter((f) => !/src\/sites\/([\w-]+-)?urls\.ts$/.test(f))).toEqual([]);
  });

  test("the content script loads a site's reader only on that site's pages, and a reader no other site's", () => {
    const main = join(root, 'src/content/main.ts');
    const readersFile = join(root, 'src/sites/readers.ts');
    const readers = runtimeImports(readFileSync(readersFile, 'utf8'))
      .filter((i) => i.dynamic)
      .map((i) => resolve(readersFile, i.from));
    expect(readers.map((f) => relative(root, f))).toEqual([
      'src/sites/github.ts',
      'src/sites/jira.ts',
      'src/sites/jsm.ts',
      'src/sites/servicenow.ts',
      'src/sites/zendesk.ts',
    ]);
    // Statically, the content script proper reaches no reader (and so no site's page reading at all).
    const mainReaches = [...reach(main, false).keys()];
    expect(mainReaches).toContain(readersFile);
    expect(mainReaches.filter((f) => readers.includes(f) || /src\/sites\/index\.ts$/.test(f))).toEqual([]);
    // The page types' example URLs are test data: nothing the content script loads, even later, holds them.
    expect([...reach(entry, true).keys()].filter((f) => /src\/sites\/examples\.ts$/.test(f))).toEqual([]);
    // Each reader reaches no other site's reader (JSM and Jira share the issue view's module, not each other).
    for (const reader of readers) {
      const others = [...reach(reader, false).keys()].filter((f) => f !== reader && readers.includes(f));
      expect(others.map((f) => `${relative(root, reader)} → ${relative(root, f)}`)).toEqual([]);
    }
  });

  // Issue 15: what only a user's action needs is loaded on that action: the hovercard on the first hover or focus of
  // a reference, the write client on the first write action, its preview when its button is pointed at.
  test('the content script proper loads no hovercard, write client or write preview before they are used', () => {
    const reached = [...reach(join(root, 'src/content/main.ts'), false).keys()].map((f) => relative(root, f));
    const onAction = [
      'src/content/hovercard-card.ts',
      'src/ui/Hovercard.tsx',
      'src/content/write-client.ts',
      'src/ui/write/WritePreview.tsx',
      // not a user's action: loaded where the panels dock (bench/content-bytes.ts counts it for those page types)
      'src/content/drawer.ts',
    ];
    expect(reached).toContain('src/content/hovercards.ts');
    expect(reached.filter((f) => onAction.includes(f))).toEqual([]);
  });

  test('the check sees a runtime import and ignores a type-only one', () => {
    const code = [
      "import type { z } from 'zod';",
      "import { type A, type B } from './a';",
      "import { type C, d } from './b';",
      "import './side-effect';",
      "const m = import('./lazy');",
    ].join('\n');
    expect(runtimeImports(code)).toEqual([
      { from: './b', dynamic: false },
      { from: './side-effect', dynamic: false },
      { from: './lazy', dynamic: true },
    ]);
  });
});
