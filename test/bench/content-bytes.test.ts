import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contentBytesBench } from '../../bench/content-bytes.ts';

/** A dist/ as crxjs lays it out: the manifest's loader imports the entry by getURL; the entry imports main lazily. */
function fakeDist(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ content_scripts: [{ js: ['assets/loader.js'] }, { js: ['assets/loader.js'] }] }),
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'assets', name), text);
  return dir;
}

describe('bench/content-bytes.ts', () => {
  it('counts what every matched page loads and what an enhanced page adds, unminified or minified', () => {
    const files = {
      'loader.js': '(async () => { await import(chrome.runtime.getURL("assets/entry.js")); })();',
      'entry.js': 'import { a } from "./refs.js";\nif (a) import("./main.js");',
      'refs.js': 'export const a = 1;',
      // minified: no spaces, backtick quotes, a re-export, a lazy preview loaded later
      'main.js':
        'import{b as c}from"./hooks.js";export*from"./refs.js";const k=()=>import(`./preview.js`),p=()=>import(`./bug-status-AbC_12x-.js`),z=()=>import(`./zendesk-Zd_4-x1a.js`),g=()=>import(`./github-Gh_4-x1a.js`);',
      'hooks.js': `export const b = "${'x'.repeat(5000)}";`,
      'preview.js': 'export const p = 2;',
      // a panel's chunk (src/ui/panels/defs/bug-status.ts), with a chunk of its own
      'bug-status-AbC_12x-.js': `import{b}from"./chain.js";export const panel = "${'y'.repeat(3000)}";`,
      'chain.js': 'export const b = 4;',
      // each site's reader (src/sites/<site>.ts), loaded on that site's pages only
      'zendesk-Zd_4-x1a.js': `export const zendesk = "${'z'.repeat(700)}";`,
      'github-Gh_4-x1a.js': `export const github = "${'g'.repeat(900)}";`,
      'unrelated.js': 'export const options = 3;',
    };
    const figures = contentBytesBench({ dist: fakeDist(files) });
    const size = (names: (keyof typeof files)[]) =>
      names.reduce((n, f) => n + Buffer.byteLength(files[f]), 0);
    const gz = (names: (keyof typeof files)[]) =>
      names.reduce((n, f) => n + gzipSync(files[f], { level: 9 }).length, 0);
    const value = (start: string) => figures.find((f) => f.name.startsWith(start))?.value;
    expect(value('content bytes: page not enhanced, on a matched host (loader + entry), raw')).toBe(
      size(['loader.js', 'entry.js', 'refs.js']),
    );
    expect(value('content bytes: page not enhanced, on a matched host (loader + entry), gzip')).toBe(
      gz(['loader.js', 'entry.js', 'refs.js']),
    );
    const start: (keyof typeof files)[] = ['loader.js', 'entry.js', 'refs.js', 'main.js', 'hooks.js'];
    // A ticket page (bug status + knowledge) adds its site's reader and its panels' chunks, not another site's
    // reader; the preview, loaded on a click, is not counted.
    const ticket = figures.find((f) => /zendesk-ticket.*\(bug-status \+ knowledge\), raw$/.test(f.name));
    expect(ticket?.value).toBe(size([...start, 'zendesk-Zd_4-x1a.js', 'bug-status-AbC_12x-.js', 'chain.js']));
    // A list page loads no panel, and its site's reader.
    expect(figures.find((f) => /github-pull-list.*\(list badges\), raw$/.test(f.name))?.value).toBe(
      size([...start, 'github-Gh_4-x1a.js']),
    );
    // The headline figure is the heaviest page type's.
    expect(value('content bytes: enhanced page, the heaviest page type')).toBe(ticket?.value);
  });
});
