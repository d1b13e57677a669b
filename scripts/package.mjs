// `npm run package`: the two store zips from dist/, and the source package reviewers rebuild them from. Firefox takes
// dist as built; the Chrome zip drops the keys only Firefox reads (background.scripts, browser_specific_settings) so
// the Chrome Web Store sees a plain MV3 manifest. The build is minified (issue 15), so addons.mozilla.org asks for the
// source: `liaison-source-<version>.zip` is `git archive` of the commit built (tracked files only, no node_modules,
// no secrets), and the README's "Install" section says how a reviewer rebuilds dist/ from it.
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

// The source package: what is committed. Uncommitted changes are not in it, so a package built from them could not
// be rebuilt from its source: say so rather than ship a mismatch silently.
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
const dirty = git('status', '--porcelain', '--untracked-files=no');
if (dirty) console.warn(`package: uncommitted changes are not in the source package:\n${dirty}`);
const source = join(out, `liaison-source-${version}.zip`);
git('archive', '--format=zip', `--prefix=liaison-${version}/`, '-o', source, 'HEAD');
console.log(`package: ${source} (git archive of ${git('rev-parse', '--short', 'HEAD')})`);
