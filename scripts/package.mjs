// `npm run package`: the two store zips from dist/. Firefox takes dist as built; the Chrome zip drops the keys only
// Firefox reads (background.scripts, browser_specific_settings) so the Chrome Web Store sees a plain MV3 manifest.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const out = join(root, 'web-ext-artifacts');
const { version } = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
const webExt = (sourceDir, filename) =>
  execFileSync(
    join(root, 'node_modules/.bin/web-ext'),
    ['build', '--source-dir', sourceDir, '--artifacts-dir', out, '--filename', filename, '--overwrite-dest'],
    { stdio: 'inherit' },
  );

webExt(dist, `liaison-firefox-${version}.zip`);

const chromeDir = mkdtempSync(join(tmpdir(), 'liaison-chrome-'));
cpSync(dist, chromeDir, { recursive: true });
const manifestPath = join(chromeDir, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
delete manifest.background.scripts;
delete manifest.browser_specific_settings;
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
webExt(chromeDir, `liaison-chrome-${version}.zip`);
rmSync(chromeDir, { recursive: true, force: true });
