/**
 * Run first by `npm test`, `npm run demo` and `npm run bench` (package.json), so the README's two commands are the
 * whole set-up on a fresh Debian or Ubuntu machine: when Chromium or Firefox ESR is missing it installs them with
 * apt-get where it can (running as root with apt-get on the PATH, as in CI), saying what it installs; otherwise it
 * stops at once, naming the one command to run. Paths honour CHROMIUM_PATH / FIREFOX_PATH as test/e2e/browsers.ts
 * does. With every browser present it does nothing and prints nothing.
 * Run: tsx scripts/ensure-browsers.ts [chromium] [firefox]   (no argument: both)
 * LIAISON_NO_INSTALL=1 never installs (stops with the command instead), as when not root.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BrowserKind = 'chromium' | 'firefox';
const kinds: BrowserKind[] = ['chromium', 'firefox'];

/** Debian's package and default path for each browser, and the variable that overrides the path. */
export const browserPackages: Record<BrowserKind, { apt: string; path: string; env: string; name: string }> =
  {
    chromium: { apt: 'chromium', path: '/usr/bin/chromium', env: 'CHROMIUM_PATH', name: 'Chromium' },
    firefox: { apt: 'firefox-esr', path: '/usr/bin/firefox-esr', env: 'FIREFOX_PATH', name: 'Firefox ESR' },
  };

export interface EnsureDeps {
  env: NodeJS.ProcessEnv;
  /** The effective user id; undefined where there is none (Windows). */
  uid: number | undefined;
  exists(path: string): boolean;
  /** Runs a command with inherited output; resolves to its exit code. */
  run(command: string, args: string[]): number;
  log(line: string): void;
}

export type EnsureResult = { ok: true; installed: string[] } | { ok: false; message: string };

/** The executable of `name` on PATH, if any. */
function onPath(name: string, env: NodeJS.ProcessEnv, exists: (p: string) => boolean): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

export function ensureBrowsers(wanted: readonly BrowserKind[], deps: EnsureDeps): EnsureResult {
  const pathOf = (kind: BrowserKind) => deps.env[browserPackages[kind].env] || browserPackages[kind].path;
  const missing = () => wanted.filter((kind) => !deps.exists(pathOf(kind)));
  const before = missing();
  if (before.length === 0) return { ok: true, installed: [] };

  const packages = before.map((kind) => browserPackages[kind].apt);
  const command = `sudo apt-get install -y ${packages.join(' ')}`;
  const what = before.map((kind) => `${browserPackages[kind].name} not found at ${pathOf(kind)}`).join('; ');
  const overrides = before.map((kind) => browserPackages[kind].env).join(' / ');
  const stop = (why: string): EnsureResult => ({
    ok: false,
    message: `${what}${why}.\nRun: ${command}\n(or set ${overrides} to a browser installed elsewhere)`,
  });

  const noInstall = Boolean(deps.env.LIAISON_NO_INSTALL && deps.env.LIAISON_NO_INSTALL !== '0');
  if (noInstall) return stop(' (LIAISON_NO_INSTALL is set, so nothing is installed)');
  if (deps.uid !== 0) return stop('');
  if (!onPath('apt-get', deps.env, deps.exists)) return stop(' (no apt-get on this machine)');

  deps.log(`Liaison: ${what}. Installing with apt-get: ${packages.join(' ')}`);
  if (deps.run('apt-get', ['update']) !== 0) return stop(' (apt-get update failed)');
  if (deps.run('apt-get', ['install', '-y', ...packages]) !== 0) return stop(' (apt-get install failed)');
  const after = missing();
  if (after.length > 0) return stop(' after installing (is the path variable pointing elsewhere?)');
  deps.log(`Liaison: installed ${packages.join(' ')}.`);
  return { ok: true, installed: packages };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return existsSync(path) && process.platform === 'win32';
  }
}

function main(): void {
  const args = process.argv.slice(2).filter((a): a is BrowserKind => kinds.includes(a as BrowserKind));
  const result = ensureBrowsers(args.length > 0 ? args : kinds, {
    env: process.env,
    uid: process.getuid?.(),
    exists: isExecutable,
    run: (command, list) =>
      spawnSync(command, list, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status ?? 1,
    log: (line) => console.log(line),
  });
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
