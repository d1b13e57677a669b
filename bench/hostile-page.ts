/**
 * What one hostile page costs the resolver (issue 10, "Bounded work"): a GitHub pull request whose comment is
 * 20,000 characters of `xN/y#N` references, resolved on the replica with all four systems connected, maxHops 2.
 * Prints the requests per system, the longest URL and the largest body each system was sent, and the references
 * the page left out. `--root DIR` runs another checkout's src/ and test/replica/ (e.g. `git archive <commit> src
 * test/replica | tar -x -C DIR`, with node_modules linked into DIR) for a before/after comparison.
 * Run: npx tsx bench/hostile-page.ts [--root DIR]   (bench/run.ts records the figures)
 */
import { z } from 'zod';
import type * as Resolver from '../src/background/resolver.ts';
import type * as Settings from '../src/core/settings.ts';
import type * as Providers from '../src/providers/index.ts';
import type * as Credentials from '../test/replica/credentials.ts';
import type * as Server from '../test/replica/server.ts';
import { type Figure, isMain, round } from './lib.ts';

z.config({ jitless: true }); // as in the extension

/** Resolves the hostile page once; `root` is the checkout whose src/ and test/replica/ run (default this one). */
export async function hostilePageBench(options: { root?: string; print?: boolean } = {}): Promise<Figure[]> {
  const root = options.root ?? '..';
  const log = options.print ? (line: string) => console.log(line) : () => undefined;
  await import(`${root}/src/systems/index.ts`);
  const { resolveContext }: typeof Resolver = await import(`${root}/src/background/resolver.ts`);
  const { parseSettings }: typeof Settings = await import(`${root}/src/core/settings.ts`);
  const { providersFor }: typeof Providers = await import(`${root}/src/providers/index.ts`);
  const { replicaSettings }: typeof Credentials = await import(`${root}/test/replica/credentials.ts`);
  const { startReplica }: typeof Server = await import(`${root}/test/replica/server.ts`);

  const replica = await startReplica({ port: 0, limits: { githubSearch: 1_000_000, zendesk: 1_000_000 } });
  try {
    const parsed = parseSettings(replicaSettings());
    if (!parsed.ok) throw new Error(parsed.error);
    const providers = providersFor(parsed.settings, { fetch: replica.fetch });
    const extract = {
      githubHosts: ['github.com'],
      jira: [{ projectKeys: new Set(['SHOP', 'SUP', 'OPS']), baseUrl: 'https://acme.atlassian.net' }],
      servicenow: [{ baseUrl: 'https://acme.service-now.com' }],
      zendeskSubdomains: ['acme'],
    };
    const comment = Array.from({ length: 2_500 }, (_, n) => `x${n}/y#${n + 1}`)
      .join(' ')
      .slice(0, 20_000);
    const page = {
      url: 'https://github.com/acme/shop-api/pull/42',
      site: 'github' as const,
      subject: 'github:acme/shop-api#42',
      texts: [
        { text: 'SHOP-101: stream cart totals instead of loading every item', where: 'title' },
        { text: comment, where: 'comment' },
      ],
      refs: [] as string[],
    };

    const started = performance.now();
    const resolution = await resolveContext({ page, providers, extract, maxHops: 2 });
    const ms = performance.now() - started;
    const bySystem = new Map<string, { requests: number; url: number; body: number }>();
    for (const r of replica.requests) {
      const seen = bySystem.get(r.host) ?? { requests: 0, url: 0, body: 0 };
      seen.requests++;
      seen.url = Math.max(seen.url, `https://${r.host}${r.path}`.length);
      seen.body = Math.max(seen.body, r.body?.length ?? 0);
      bySystem.set(r.host, seen);
    }
    log(
      `${replica.requests.length} requests, ${resolution.items.length} items, ${resolution.skippedRefs ?? '(not counted)'} references left out, ${ms.toFixed(0)} ms`,
    );
    log('host                 | requests | longest URL | largest body');
    for (const [host, s] of bySystem)
      log(
        `${host.padEnd(20)} | ${String(s.requests).padStart(8)} | ${String(s.url).padStart(11)} | ${String(s.body).padStart(12)}`,
      );
    for (const s of resolution.sources) if (s.error) log(`${s.system} failed: ${s.error.message}`);

    const note = `a PR whose comment is 20,000 characters of xN/y#N references, all four systems, maxHops 2; ${resolution.items.length} items`;
    const figures: Figure[] = [
      {
        name: 'hostile page: requests',
        value: replica.requests.length,
        unit: 'requests',
        latency_ms: round(ms, 0),
        note,
      },
      {
        name: 'hostile page: references left out',
        value: resolution.skippedRefs ?? 0,
        unit: 'references',
        note: 'the page bounds (MAX_PAGE_REFS) at work',
      },
    ];
    for (const [host, seen] of bySystem)
      figures.push(
        { name: `hostile page: requests to ${host}`, value: seen.requests, unit: 'requests' },
        { name: `hostile page: longest URL to ${host}`, value: seen.url, unit: 'characters' },
        { name: `hostile page: largest body to ${host}`, value: seen.body, unit: 'characters' },
      );
    for (const s of resolution.sources)
      if (s.error)
        figures.push({
          name: `hostile page: ${s.system} failed`,
          value: 1,
          unit: 'failures',
          note: s.error.message,
        });
    return figures;
  } finally {
    await replica.close();
  }
}

if (isMain(import.meta.url)) {
  const rootArg = process.argv.indexOf('--root');
  await hostilePageBench({ print: true, ...(rootArg > 0 ? { root: process.argv[rootArg + 1] } : {}) });
}
