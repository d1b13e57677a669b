/**
 * Requests per system per hop for a page with N references across the four systems (issue 3, "Figures"; issue 15:
 * N = 10, 50, 200 and 1,000): the batched resolver on a cold cache, the same on a warm cache within the time to
 * live, and a naive resolver that asks one request per reference, measured in the same run against the replica's
 * 5,000-incident dataset. The page's references are 30% Jira issues, 30% ServiceNow incidents, 20% Zendesk tickets
 * and 20% GitHub pull requests (at 50: 15, 15, 10, 10). A page contributes at most 50 references to a resolution
 * (`MAX_PAGE_REFS`), so the bigger pages measure that bound: the rest are counted as left out.
 * Run: npx tsx bench/resolve.ts [--refs 10,50] [--paths]   (prints a table; bench/run.ts records the figures)
 */
import '../src/systems/index.ts';
import { z } from 'zod';
import { createEntityCache, memoryStorage } from '../src/background/cache.ts';
import { type CacheRun, withCache } from '../src/background/cached-provider.ts';
import { resolveContext } from '../src/background/resolver.ts';
import { formatRef } from '../src/core/refs.ts';
import { parseSettings } from '../src/core/settings.ts';
import type { PageReport } from '../src/messaging/protocol.ts';
import { providersFor } from '../src/providers/index.ts';
import type { Provider } from '../src/providers/provider.ts';
import { replicaSettings } from '../test/replica/credentials.ts';
import { startReplica } from '../test/replica/server.ts';
import { type Figure, isMain, round } from './lib.ts';

z.config({ jitless: true }); // as in the extension

const systems = ['github', 'jira', 'servicenow', 'zendesk'] as const;
const systemOf: Record<string, string> = {
  'api.github.com': 'github',
  'acme.atlassian.net': 'jira',
  'acme.service-now.com': 'servicenow',
  'acme.zendesk.com': 'zendesk',
};

interface Run {
  label: string;
  ms: number;
  total: number;
  items: number;
  skipped: number | undefined;
  rows: { hop: string; counts: Record<string, number>; paths: string[] }[];
}

/** The naive resolver: the same graph walk, but one request per reference and per reverse-lookup target. */
function naive({ fetchAndFind: _round, ...provider }: Provider): Provider {
  return {
    ...provider,
    fetchItems: async (list, context) => {
      const parts = await Promise.all(list.map((ref) => provider.fetchItems([ref], context)));
      return { items: parts.flatMap((p) => p.items), links: parts.flatMap((p) => p.links) };
    },
    findReferencing: async (targets, context) => {
      const parts = await Promise.all(targets.map((t) => provider.findReferencing([t], context)));
      return { items: parts.flatMap((p) => p.items), links: parts.flatMap((p) => p.links) };
    },
  };
}

export interface ResolveOptions {
  /** Page sizes in references; default 10, 50, 200, 1,000. */
  sizes?: number[];
  /** Prints each size's table (and, with `paths`, every cold request). */
  print?: boolean;
  paths?: boolean;
}

/** Runs the three resolvers on a page of each size; returns the request counts as figures. */
export async function resolveBench(options: ResolveOptions = {}): Promise<Figure[]> {
  const sizes = options.sizes ?? [10, 50, 200, 1000];
  const print = options.print ? console.log : () => undefined;
  const replica = await startReplica({
    port: 0,
    dataset: 'bench',
    limits: { githubSearch: 1_000_000, zendesk: 1_000_000 },
  });
  try {
    const ds = replica.dataset;
    const parsed = parseSettings(replicaSettings());
    if (!parsed.ok) throw new Error(parsed.error);
    const settings = parsed.settings;
    const projectKeys = new Set(ds.jiraProjects.filter((p) => p.site === 'cloud').map((p) => p.key));
    const pools = {
      jira: ds.jiraIssues
        .filter((i) => i.site === 'cloud')
        .map((i) => formatRef({ system: 'jira', key: i.key })),
      servicenow: ds.snow
        .filter((r) => r.table === 'incident')
        .map((r) => formatRef({ system: 'servicenow', number: r.number })),
      zendesk: ds.tickets.map((t) => formatRef({ system: 'zendesk', subdomain: 'acme', id: t.id })),
      github: ds.pulls
        .filter((p) => p.host === 'github.com')
        .map((p) => {
          const [owner = '', repo = ''] = p.repo.split('/');
          return formatRef({ system: 'github', owner, repo, number: p.number });
        }),
    };

    /** A PR page carrying `n` references: 30% Jira, 30% ServiceNow, 20% Zendesk, 20% GitHub. */
    const pageOf = (n: number): { page: PageReport; mix: Record<string, number> } => {
      const jira = Math.round(n * 0.3);
      const servicenow = Math.round(n * 0.3);
      const zendesk = Math.round(n * 0.2);
      const mix = { jira, servicenow, zendesk, github: n - jira - servicenow - zendesk };
      const refs = Object.entries(mix).flatMap(([system, count]) => {
        const pool = pools[system as keyof typeof pools];
        if (pool.length < count)
          throw new Error(`bench dataset has ${pool.length} ${system} items, ${count} asked`);
        return pool.slice(0, count);
      });
      return {
        mix,
        page: {
          url: 'https://github.com/acme/shop-api/pull/42',
          site: 'github',
          subject: 'github:acme/shop-api#42',
          texts: [{ text: 'SHOP-101: stream cart totals instead of loading every item', where: 'title' }],
          refs,
        },
      };
    };

    /** Resolves the page with these providers and counts requests per hop and system. */
    async function measure(label: string, page: PageReport, use: Provider[]): Promise<Run> {
      replica.clearLog();
      const hops: { hop: number; from: number }[] = [];
      const started = performance.now();
      const result = await resolveContext({
        page,
        providers: use,
        extract: { jiraProjectKeys: projectKeys },
        maxHops: 2,
        onHop: (hop) => hops.push({ hop, from: replica.requests.length }),
      });
      const ms = performance.now() - started;
      const rows = hops.map(({ hop, from }, i) => {
        const slice = replica.requests.slice(from, hops[i + 1]?.from ?? replica.requests.length);
        const counts: Record<string, number> = {};
        for (const r of slice) {
          const system = systemOf[r.host] ?? r.host;
          counts[system] = (counts[system] ?? 0) + 1;
        }
        return {
          hop: hop > 2 ? 'releases' : String(hop),
          counts,
          paths: slice.map((r) => `${r.method} ${r.host}${r.path} ${r.body ?? ''}`),
        };
      });
      return {
        label,
        ms,
        total: replica.requests.length,
        items: result.items.length,
        skipped: result.skippedRefs,
        rows,
      };
    }

    /** What the worker learns once per connection (hourly) before any page: discovery.ts. Counted on its own. */
    async function discover(list: Provider[]) {
      replica.clearLog();
      await Promise.all(list.map((p) => p.discover?.()));
      const counts: Record<string, number> = {};
      for (const r of replica.requests)
        counts[systemOf[r.host] ?? r.host] = (counts[systemOf[r.host] ?? r.host] ?? 0) + 1;
      return counts;
    }

    const figures: Figure[] = [];
    for (const size of sizes) {
      const { page, mix } = pageOf(size);
      // New providers and a new cache per page size: each size starts cold.
      const providers = providersFor(settings, { fetch: replica.fetch });
      const discovery = await discover(providers);
      const naiveProviders = providersFor(settings, { fetch: replica.fetch });
      await discover(naiveProviders);
      const cache = createEntityCache({ storage: memoryStorage() });
      const run: CacheRun = { refresh: false, revalidations: [] };
      const cached = providers.map((p) => withCache(p, cache, run));
      const cold = await measure('batched, cold cache', page, cached);
      const warm = await measure('batched, warm cache', page, cached);
      const naiveRun = await measure('naive, no cache', page, naiveProviders.map(naive));

      const sum = (r: Run, system: string) => r.rows.reduce((n, row) => n + (row.counts[system] ?? 0), 0);
      const skipped = cold.skipped ? `, ${cold.skipped} references left out (MAX_PAGE_REFS)` : '';
      const note = `GitHub PR page, ${mix.jira} Jira + ${mix.servicenow} ServiceNow + ${mix.zendesk} Zendesk + ${mix.github} GitHub refs; maxHops 2; items found cold ${cold.items}, warm ${warm.items}, naive ${naiveRun.items}${skipped}; discovery not counted`;
      figures.push(
        {
          name: 'resolve: requests per page, cold cache',
          value: cold.total,
          unit: 'requests',
          baseline: naiveRun.total,
          refs: size,
          latency_ms: round(cold.ms, 0),
          note: `${note}; baseline: naive resolver (one request per reference and target), ${round(naiveRun.ms, 0)} ms`,
        },
        {
          name: 'resolve: requests per page, warm cache',
          value: warm.total,
          unit: 'requests',
          baseline: naiveRun.total,
          refs: size,
          latency_ms: round(warm.ms, 0),
          note: 'same page again within the time to live; baseline: naive resolver, no cache',
        },
        ...systems.map(
          (system): Figure => ({
            name: `resolve: requests per page, cold cache, ${system}`,
            value: sum(cold, system),
            unit: 'requests',
            baseline: sum(naiveRun, system),
            refs: size,
            note: `warm cache: ${sum(warm, system)}; baseline: naive resolver`,
          }),
        ),
      );

      print(
        `\nPage with ${size} references (${Object.entries(mix)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ')}); maxHops 2; dataset ${ds.name} (${ds.snow.length} ServiceNow records)${skipped}\n`,
      );
      print('run                   | total | hop | github | jira | servicenow | zendesk | items | ms');
      for (const r of [cold, warm, naiveRun]) {
        if (r.rows.length === 0)
          print(
            `${r.label.padEnd(21)} | ${String(r.total).padStart(5)} |     |        |      |            |         | ${r.items} | ${r.ms.toFixed(0)}`,
          );
        for (const [i, row] of r.rows.entries()) {
          const c = (s: string) => String(row.counts[s] ?? 0).padStart(s.length);
          print(
            `${(i === 0 ? r.label : '').padEnd(21)} | ${(i === 0 ? String(r.total) : '').padStart(5)} | ${row.hop.padEnd(3)} | ${c('github')} | ${c('jira')} | ${c('servicenow')} | ${c('zendesk')} | ${i === 0 ? r.items : ''} | ${i === 0 ? r.ms.toFixed(0) : ''}`,
          );
        }
      }
      print(`\nnaive / batched (cold): ${(naiveRun.total / cold.total).toFixed(1)}× the requests`);
      print(
        `discovery, once per connection and hour before any page (not counted above): ${Object.entries(
          discovery,
        )
          .map(([system, n]) => `${system} ${n}`)
          .join(', ')}`,
      );
      print('\ncold requests by purpose (hop: system purpose×count)');
      for (const row of cold.rows) {
        const counts = new Map<string, number>();
        for (const p of row.paths) {
          const [, host = '', rest = ''] = /^\w+ ([^/]+)(.*)$/.exec(p) ?? [];
          const key = `${systemOf[host] ?? host} ${purpose(rest)}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        print(`  ${row.hop}: ${[...counts].map(([k, n]) => `${k}×${n}`).join(', ')}`);
      }
      if (options.paths) for (const row of cold.rows) print(`\nhop ${row.hop}:\n  ${row.paths.join('\n  ')}`);
    }
    return figures;
  } finally {
    await replica.close();
  }
}

/** What each cold request was for: the batched lookup, the reverse lookup, or a per-item follow-up. */
export function purpose(path: string): string {
  const reverse = /text ~|search\/issues|search\(query|search\.json|LIKE/.test(path);
  const lookup = /issueOrPullRequest|key in|tickets\/show_many|numberIN/.test(path);
  if (reverse && lookup) return 'lookup+reverse';
  if (reverse) return 'reverse';
  if (/releases|compare|LiaisonRelease/.test(path)) return 'release';
  if (/\/graphql|\/search\/jql|tickets\/show_many|numberIN/.test(path)) return 'lookup';
  if (/remotelink/.test(path)) return 'remote link';
  if (/sysparm_limit=1&|sysparm_fields=number%2C/.test(path)) return 'field probe';
  return 'other';
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--refs');
  const sizes = at > 0 ? (process.argv[at + 1] ?? '50').split(',').map(Number) : [50];
  await resolveBench({ sizes, print: true, paths: process.argv.includes('--paths') });
}
