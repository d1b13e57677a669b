/**
 * Quick-search latency per system (issue 5, "Figures"): the background's `runSearch` (what the popup's port
 * runs) against the replica's `bench` dataset, for words and for IDs. Each query runs once cold (new providers:
 * TLS handshakes, no conditional-GET memo, no Jira discovery) and then RUNS times warm; the per-source time is
 * the `ms` each `found`/`failed` reply carries (request to mapped items), and "all" is until `done`.
 * Run: npx tsx bench/search.ts [--runs N]   (prints a table; bench/run.ts records the figures)
 */
import '../src/systems/index.ts';
import { z } from 'zod';
import { runSearch } from '../src/background/search.ts';
import type { ExtractOptions } from '../src/core/extract.ts';
import { parseSettings } from '../src/core/settings.ts';
import { providersFor } from '../src/providers/index.ts';
import { replicaSettings } from '../test/replica/credentials.ts';
import { startReplica } from '../test/replica/server.ts';
import { type Figure, isMain, percentile, round } from './lib.ts';

z.config({ jitless: true }); // as in the extension

const queries: { kind: 'words' | 'ID'; text: string }[] = [
  { kind: 'words', text: 'checkout' },
  { kind: 'words', text: 'cart timeout' },
  { kind: 'words', text: 'export' },
  { kind: 'ID', text: 'INC0010001' },
  { kind: 'ID', text: 'SHOP-101' },
  { kind: 'ID', text: 'acme/shop-api#42' },
  { kind: 'ID', text: '#4711' },
];

type Providers = ReturnType<typeof providersFor>;
type Sample = { ms: number; results: number };

/** Each query cold once and `runs` times warm; per-system and whole-search latency as figures. */
export async function searchBench(options: { runs?: number; print?: boolean } = {}): Promise<Figure[]> {
  const runs = options.runs ?? 20;
  const log = options.print ? (line: string) => console.log(line) : () => undefined;
  const replica = await startReplica({
    port: 0,
    dataset: 'bench',
    limits: { githubSearch: 1_000_000, zendesk: 1_000_000 },
  });
  const parsed = parseSettings(replicaSettings());
  if (!parsed.ok) throw new Error(parsed.error);
  const settings = parsed.settings;
  try {
    const samples = new Map<string, { cold: Sample[]; warm: Sample[] }>();
    const record = (key: string, warm: boolean, sample: Sample) => {
      const b = samples.get(key) ?? { cold: [], warm: [] };
      samples.set(key, b);
      b[warm ? 'warm' : 'cold'].push(sample);
    };

    /** One search; per-source samples under `kind|system`, the whole search under `kind|<label>`. */
    async function once(
      text: string,
      kind: string,
      label: string,
      providers: Providers,
      warm: boolean | 'skip',
    ) {
      // What the worker's extractOptionsFor builds from settings and discovery (config.ts needs the browser).
      const keys = (await providers.find((p) => p.system === 'jira')?.discover?.())?.jiraProjectKeys;
      const extract: ExtractOptions = {
        githubHosts: ['github.com'],
        jira: [{ projectKeys: keys ? new Set(keys) : 'any', baseUrl: 'https://acme.atlassian.net' }],
        servicenow: [{ baseUrl: 'https://acme.service-now.com' }],
        zendeskSubdomains: ['acme'],
      };
      const started = performance.now();
      const replies = runSearch(
        { queryId: 1, text, limit: 5, near: 'github:acme/shop-api#42' },
        { providers, extract, signal: new AbortController().signal },
      );
      let total = 0;
      const sources: [string, Sample][] = [];
      for await (const reply of replies) {
        if (reply.type !== 'found' && reply.type !== 'failed') continue;
        const system = providers.find((p) => p.connection.id === reply.connectionId)?.system ?? '?';
        const results = reply.type === 'found' ? reply.items.length : -1;
        total += Math.max(0, results);
        sources.push([system, { ms: reply.ms, results }]);
      }
      if (warm === 'skip') return;
      if (label !== 'all systems at once' || kind === 'ID')
        for (const [system, sample] of sources) record(`${kind}|${system}`, warm, sample);
      record(`${kind}|${label}`, warm, { ms: performance.now() - started, results: total });
    }

    /**
     * Words: each system alone (the replica shares this process's one thread, so systems searched together wait
     * for each other's replica work: alone is what a real, separate server would show), then all four at once.
     * IDs: all connected; only the owning system is asked.
     */
    for (const { kind, text } of queries) {
      const subsets: [string, (all: Providers) => Providers][] =
        kind === 'words'
          ? [
              ...(['github', 'jira', 'servicenow', 'zendesk'] as const).map(
                (system): [string, (all: Providers) => Providers] => [
                  system,
                  (all) => all.filter((p) => p.system === system),
                ],
              ),
              ['all systems at once', (all) => all],
            ]
          : [['all systems at once', (all) => all]];
      for (const [label, pick] of subsets) {
        await once(text, kind, label, pick(providersFor(settings, { fetch: replica.fetch })), false);
        const providers = pick(providersFor(settings, { fetch: replica.fetch }));
        await once(text, kind, label, providers, 'skip'); // TLS and discovery of these providers
        for (let i = 0; i < runs; i++) await once(text, kind, label, providers, true);
      }
    }

    const pct = percentile;
    const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
    log(`| query kind | system | cold (median) | warm p50 | warm p95 | failures |`);
    log(`|---|---|---:|---:|---:|---:|`);
    for (const [key, { cold, warm }] of [...samples].sort(([a], [b]) => a.localeCompare(b))) {
      const [kind, system] = key.split('|');
      const failures = [...cold, ...warm].filter((s) => s.results < 0).length;
      log(
        `| ${kind} | ${system} | ${fmt(
          pct(
            cold.map((s) => s.ms),
            50,
          ),
        )} | ${fmt(
          pct(
            warm.map((s) => s.ms),
            50,
          ),
        )} | ${fmt(
          pct(
            warm.map((s) => s.ms),
            95,
          ),
        )} | ${failures} |`,
      );
    }
    const figures: Figure[] = [];
    for (const [key, { cold, warm }] of [...samples].sort(([a], [b]) => a.localeCompare(b))) {
      const [kind = '', system = ''] = key.split('|');
      const failures = [...cold, ...warm].filter((s) => s.results < 0).length;
      const fail = failures ? `; ${failures} failed` : '';
      figures.push(
        {
          name: `search: ${kind} query, ${system}, warm p50`,
          value: round(
            pct(
              warm.map((s) => s.ms),
              50,
            ),
            1,
          ),
          unit: 'ms',
          note: `p95 ${pct(
            warm.map((s) => s.ms),
            95,
          ).toFixed(0)} ms over ${warm.length} search${warm.length === 1 ? '' : 'es'}${fail}`,
        },
        {
          name: `search: ${kind} query, ${system}, cold median`,
          value: round(
            pct(
              cold.map((s) => s.ms),
              50,
            ),
            1,
          ),
          unit: 'ms',
          note: `new providers (TLS handshakes, no memo), ${cold.length} search${cold.length === 1 ? '' : 'es'}${fail}`,
        },
      );
    }
    return figures;
  } finally {
    await replica.close();
  }
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--runs');
  await searchBench({ print: true, ...(at > 0 ? { runs: Number(process.argv[at + 1]) } : {}) });
}
