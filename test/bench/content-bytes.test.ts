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
      // minified: no spaces, a re-export, a lazy panel loaded later
      'main.js': 'import{b as c}from"./hooks.js";export*from"./refs.js";const k=()=>import("./panel.js");',
      'hooks.js': `export const b = "${'x'.repeat(5000)}";`,
      'panel.js': 'export const p = 2;',
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
    // the lazy panel is not counted: main only names it for later
    expect(value('content bytes: enhanced page')).toBe(
      size(['loader.js', 'entry.js', 'refs.js', 'main.js', 'hooks.js']),
    );
  });
});
