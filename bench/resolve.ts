/**
 * Requests per system per hop for a page with 50 references across the four systems (issue 3, "Figures"):
 * the batched resolver on a cold cache, the same on a warm cache within the time to live, and a naive resolver
 * that asks one request per reference, measured in the same run against the replica's 5,000-incident dataset.
 * Run: npx tsx bench/resolve.ts   (prints a table; the figures are recorded in BENCHMARKS.md)
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

z.config({ jitless: true }); // as in the extension

const replica = await startReplica({
  port: 0,
  dataset: 'bench',
  limits: { githubSearch: 1_000_000, zendesk: 1_000_000 },
});
const ds = replica.dataset;
const take = <T>(list: T[], n: number) => list.slice(0, n);

// 50 references: 15 Jira issues, 15 ServiceNow incidents, 10 Zendesk tickets, 10 GitHub pull requests.
const refs = [
  ...take(
    ds.jiraIssues.filter((i) => i.site === 'cloud'),
    15,
  ).map((i) => formatRef({ system: 'jira', key: i.key })),
  ...take(
    ds.snow.filter((r) => r.table === 'incident'),
    15,
  ).map((r) => formatRef({ system: 'servicenow', number: r.number })),
  ...take(ds.tickets, 10).map((t) => formatRef({ system: 'zendesk', subdomain: 'acme', id: t.id })),
  ...take(
    ds.pulls.filter((p) => p.host === 'github.com'),
    10,
  ).map((p) => {
    const [owner = '', repo = ''] = p.repo.split('/');
    return formatRef({ system: 'github', owner, repo, number: p.number });
  }),
];
const page: PageReport = {
  url: 'https://github.com/acme/shop-api/pull/42',
  site: 'github',
  subject: 'github:acme/shop-api#42',
  texts: [{ text: 'SHOP-101: stream cart totals instead of loading every item', where: 'title' }],
  refs,
};

const parsed = parseSettings(replicaSettings());
if (!parsed.ok) throw new Error(parsed.error);
const providers = providersFor(parsed.settings, { fetch: replica.fetch });
const projectKeys = new Set(ds.jiraProjects.filter((p) => p.site === 'cloud').map((p) => p.key));
const systemOf: Record<string, string> = {
  'api.github.com': 'github',
  'acme.atlassian.net': 'jira',
  'acme.service-now.com': 'servicenow',
  'acme.zendesk.com': 'zendesk',
};

/** Resolves the page with these providers and counts requests per hop and system. */
async function measure(label: string, use: Provider[]) {
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
  return { label, ms, total: replica.requests.length, items: result.items.length, rows };
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

/** What the worker learns once per connection (hourly) before any page: discovery.ts. Counted on its own. */
async function discover(list: Provider[]) {
  replica.clearLog();
  await Promise.all(list.map((p) => p.discover?.()));
  const counts: Record<string, number> = {};
  for (const r of replica.requests)
    counts[systemOf[r.host] ?? r.host] = (counts[systemOf[r.host] ?? r.host] ?? 0) + 1;
  return counts;
}

const discovery = await discover(providers);
const naiveProviders = providersFor(parsed.settings, { fetch: replica.fetch });
await discover(naiveProviders);
const cache = createEntityCache({ storage: memoryStorage() });
const run: CacheRun = { refresh: false, revalidations: [] };
const cached = providers.map((p) => withCache(p, cache, run));
const cold = await measure('batched, cold cache', cached);
const warm = await measure('batched, warm cache', cached);
const naiveRun = await measure('naive, no cache', naiveProviders.map(naive));

console.log(
  `Page with ${refs.length} references (15 Jira, 15 ServiceNow, 10 Zendesk, 10 GitHub); maxHops 2; dataset ${ds.name} (${ds.snow.length} ServiceNow records)\n`,
);
console.log('run                   | total | hop | github | jira | servicenow | zendesk | items | ms');
for (const r of [cold, warm, naiveRun]) {
  if (r.rows.length === 0)
    console.log(
      `${r.label.padEnd(21)} | ${String(r.total).padStart(5)} |     |        |      |            |         | ${r.items} | ${r.ms.toFixed(0)}`,
    );
  for (const [i, row] of r.rows.entries()) {
    const c = (s: string) => String(row.counts[s] ?? 0).padStart(s.length);
    console.log(
      `${(i === 0 ? r.label : '').padEnd(21)} | ${(i === 0 ? String(r.total) : '').padStart(5)} | ${row.hop.padEnd(3)} | ${c('github')} | ${c('jira')} | ${c('servicenow')} | ${c('zendesk')} | ${i === 0 ? r.items : ''} | ${i === 0 ? r.ms.toFixed(0) : ''}`,
    );
  }
}
console.log(`\nnaive / batched (cold): ${(naiveRun.total / cold.total).toFixed(1)}× the requests`);
console.log(
  `discovery, once per connection and hour before any page (not counted above): ${Object.entries(discovery)
    .map(([system, n]) => `${system} ${n}`)
    .join(', ')}`,
);

/** What each cold request was for: the batched lookup, the reverse lookup, or a per-item follow-up. */
function purpose(path: string): string {
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
console.log('\ncold requests by purpose (hop: system purpose×count)');
for (const row of cold.rows) {
  const counts = new Map<string, number>();
  for (const p of row.paths) {
    const [, host = '', rest = ''] = /^\w+ ([^/]+)(.*)$/.exec(p) ?? [];
    const key = `${systemOf[host] ?? host} ${purpose(rest)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  console.log(`  ${row.hop}: ${[...counts].map(([k, n]) => `${k}×${n}`).join(', ')}`);
}
if (process.argv.includes('--paths'))
  for (const row of cold.rows) console.log(`\nhop ${row.hop}:\n  ${row.paths.join('\n  ')}`);
await replica.close();
