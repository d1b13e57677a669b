import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { systemGrammars } from '../src/core/systems';
import { builtInGrammarIds, systems } from '../src/systems/index';

/**
 * Tests about the codebase itself (issue 12, "one system, one folder"): what Liaison knows about one system lives in
 * `src/systems/<id>/`; everything else iterates the registry and never compares a system's name.
 */

const root = process.cwd(); // vitest runs at the repo root
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The code without its comments (a comment may name a system; only code may not branch on one). */
const withoutComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

const ids = systemGrammars().map((g) => g.id);
const id = `(?:${ids.join('|')})`;
/**
 * Ways code branches on, or builds, a system by its name: a comparison (`=== 'jira'`, `'jira' !==`), a case label,
 * an object of a system (`system: 'jira'`), a membership test (`.includes('jira')`) and an ordered list of names.
 * A site's name is not a system's (`site: 'jira'`, the site enum), so lines about sites are left out.
 */
const branching = [
  new RegExp(`[!=]==?\\s*['"\`]${id}['"\`]`),
  new RegExp(`['"\`]${id}['"\`]\\s*[!=]==?`),
  new RegExp(`\\bcase\\s+['"\`]${id}['"\`]\\s*:`),
  new RegExp(`\\bsystem\\s*:\\s*['"\`]${id}['"\`]`),
  new RegExp(`\\.(?:includes|has)\\(\\s*['"\`]${id}['"\`]\\s*\\)`),
  new RegExp(`['"\`]${id}['"\`]\\s*,\\s*['"\`]${id}['"\`]`),
];

/** Where a file may name a system: inside that system's folder, and in the registry files. */
function mayName(file: string): (system: string) => boolean {
  const path = relative(src, file).split(sep);
  if (path[0] === 'systems' && path.length === 2) return () => true; // the registry and the facet interfaces
  if (path[0] === 'systems') return (system) => path[1] === system;
  return () => false;
}

function branchesOnNames(): string[] {
  return sourceFiles(src).flatMap((file) => {
    const allowed = mayName(file);
    const lines = withoutComments(readFileSync(file, 'utf8')).split('\n');
    return lines.flatMap((line, index) => {
      if (/\bsites?\b|siteSchema|Site\b/.test(line)) return [];
      const named = branching.flatMap((pattern) => {
        const match = pattern.exec(line);
        if (!match) return [];
        const names = ids.filter((s) => new RegExp(`['"\`]${s}['"\`]`).test(match[0]));
        return names.some((s) => !allowed(s)) ? [match[0]] : [];
      });
      return named.length > 0 ? [`${relative(root, file)}:${index + 1}: ${line.trim()}`] : [];
    });
  });
}

describe('one system, one folder', () => {
  test('no code outside a system folder and the registry branches on a system name', () => {
    expect(branchesOnNames()).toEqual([]);
  });

  test('the check finds a branch on a system name where one is written', () => {
    const line = "if (connection.system === 'zendesk') return;";
    expect(branching.some((p) => p.test(line))).toBe(true);
    expect(branching.some((p) => p.test("case 'jira':"))).toBe(true);
    expect(branching.some((p) => p.test("const order = ['servicenow', 'zendesk'];"))).toBe(true);
    expect(branching.some((p) => p.test('if (grammar.issuesAreWork) return;'))).toBe(false);
  });

  test('the page registers the same systems as the registry, in the same order', () => {
    expect(builtInGrammarIds()).toEqual(systems().map((d) => d.grammar.id));
  });

  test('core imports nothing outside core, and the references and grammar of a system only core (they run in every page)', () => {
    const imports = (file: string) =>
      [...readFileSync(file, 'utf8').matchAll(/^import[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1] ?? '');
    const outside = sourceFiles(join(src, 'core')).flatMap((file) =>
      imports(file)
        .filter((from) => from.startsWith('..'))
        .map((from) => `${relative(root, file)} imports ${from}`),
    );
    // The page loads every system's references (sites build them) and grammar: core and each other only.
    const grammarImports = readdirSync(join(src, 'systems'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) =>
        ['grammar.ts', 'grammar-refs.ts', 'refs.ts'].flatMap((name) => {
          const file = join(src, 'systems', e.name, name);
          return imports(file)
            .filter(
              (from) => !from.startsWith('../../core/') && from !== './refs' && from !== './grammar-refs',
            )
            .map((from) => `${relative(root, file)} imports ${from}`);
        }),
      );
    expect([...outside, ...grammarImports]).toEqual([]);
  });
});
