import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type EnsureDeps, ensureBrowsers } from '../../scripts/ensure-browsers.ts';

const script = fileURLToPath(new URL('../../scripts/ensure-browsers.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** The script as package.json runs it, with its own environment (never apt-get: see LIAISON_NO_INSTALL). */
function runScript(env: Record<string, string>, args: string[] = []) {
  const started = Date.now();
  const out = spawnSync(tsx, [script, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr, ms: Date.now() - started };
}

const nowhere = {
  CHROMIUM_PATH: '/nonexistent/liaison-test/chromium',
  FIREFOX_PATH: '/nonexistent/liaison-test/ff',
};

describe('scripts/ensure-browsers.ts (the fresh-machine check run before test, demo and bench)', () => {
  it('stops at once naming the one command to run when the browsers are missing and nothing may be installed', () => {
    const out = runScript({ ...nowhere, LIAISON_NO_INSTALL: '1' });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Run: sudo apt-get install -y chromium firefox-esr');
    expect(out.stderr).toContain('/nonexistent/liaison-test/chromium');
    expect(out.stdout).not.toContain('Installing');
    // "at once": no apt-get, no network; the time is tsx's start-up
    expect(out.ms).toBeLessThan(15_000);
  });

  it('names only the package that is missing', () => {
    const out = runScript({
      CHROMIUM_PATH: process.execPath,
      FIREFOX_PATH: nowhere.FIREFOX_PATH,
      LIAISON_NO_INSTALL: '1',
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Run: sudo apt-get install -y firefox-esr\n');
    expect(out.stderr).not.toContain('Chromium not found');
  });

  it('does nothing and prints nothing when both browsers are present', () => {
    const out = runScript({
      CHROMIUM_PATH: process.execPath,
      FIREFOX_PATH: process.execPath,
      LIAISON_NO_INSTALL: '1',
    });
    expect(out).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('checks only the browsers it is asked about (the demo needs Chromium alone)', () => {
    const out = runScript(
      { CHROMIUM_PATH: process.execPath, FIREFOX_PATH: nowhere.FIREFOX_PATH, LIAISON_NO_INSTALL: '1' },
      ['chromium'],
    );
    expect(out).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });
});

describe('package.json', () => {
  it('runs the check before anything else in npm test, npm run demo and npm run bench', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    for (const name of ['test', 'demo', 'bench'])
      expect(scripts[name], name).toMatch(/^tsx scripts\/ensure-browsers\.ts( chromium)? && /);
  });
});

describe('ensureBrowsers (install decisions, with apt-get and the user id injected)', () => {
  function deps(over: Partial<EnsureDeps> & { present?: Set<string> }) {
    const present = over.present ?? new Set(['/usr/bin/apt-get']);
    const calls: string[] = [];
    const lines: string[] = [];
    const d: EnsureDeps = {
      env: { PATH: '/usr/bin:/bin', ...nowhere },
      uid: 0,
      exists: (p) => present.has(p),
      run: (command, args) => {
        calls.push([command, ...args].join(' '));
        return 0;
      },
      log: (line) => lines.push(line),
      ...over,
    };
    return { d, calls, lines, present };
  }

  it('as root with apt-get, says what it installs and installs only the missing packages', () => {
    const t = deps({ env: { PATH: '/usr/bin', FIREFOX_PATH: '/opt/ff' } });
    t.present.add('/opt/ff');
    // the fake apt-get "installs" Chromium where it is looked for
    t.d.run = (command, args) => {
      t.calls.push([command, ...args].join(' '));
      if (args[0] === 'install') t.present.add('/usr/bin/chromium');
      return 0;
    };
    const result = ensureBrowsers(['chromium', 'firefox'], t.d);
    expect(result).toEqual({ ok: true, installed: ['chromium'] });
    expect(t.calls).toEqual(['apt-get update', 'apt-get install -y chromium']);
    expect(t.lines[0]).toContain('Installing with apt-get: chromium');
  });

  it('not root: stops with the sudo command and runs nothing', () => {
    const t = deps({ uid: 1000 });
    const result = ensureBrowsers(['chromium', 'firefox'], t.d);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('Run: sudo apt-get install -y chromium firefox-esr');
    expect(t.calls).toEqual([]);
  });

  it('root without apt-get (not Debian): stops with the command and runs nothing', () => {
    const t = deps({ present: new Set() });
    const result = ensureBrowsers(['chromium', 'firefox'], t.d);
    expect(!result.ok && result.message).toContain('no apt-get');
    expect(t.calls).toEqual([]);
  });

  it('a failed install, or a path variable pointing where apt-get does not install, stops with the command', () => {
    const failing = deps({ run: () => 100 });
    expect(ensureBrowsers(['chromium'], failing.d)).toMatchObject({ ok: false });
    const elsewhere = deps({});
    const result = ensureBrowsers(['chromium'], elsewhere.d); // CHROMIUM_PATH still points at nothing
    expect(!result.ok && result.message).toMatch(/after installing[\s\S]*sudo apt-get install -y chromium/);
  });
});
