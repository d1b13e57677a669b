/**
 * The watch poll's requests for 200 watched items (issue 15, "worker: … the watch poll's requests for 200 watched
 * items"): the background's own check (src/background/watch.ts `checkWatches`, what the alarm runs) against the
 * replica's bench dataset, in Node with a stand-in for the extension APIs it touches (storage.local, alarms,
 * notifications, the toolbar badge) and fake-indexeddb for the entity cache.
 *
 * 200 watches (MAX_WATCHES) spread as a team would watch: 40 Jira bugs, 50 GitHub pull requests, 10 GitHub issues,
 * 50 ServiceNow incidents and 50 Zendesk tickets. One poll cold (empty entity cache, no ETags yet: the first alarm
 * after the worker started), then one more poll when nothing changed (the cheaper path: GET reads revalidate with
 * the ETag their server sent and are answered 304). The naive baseline asks one request per watched item and
 * nothing else (so it does not even follow the chains the real poll reports).
 * Discovery (once per connection and hour) runs before and is counted apart, as bench/resolve.ts does.
 * Run: npx tsx bench/watch-poll.ts [--watches N]   (prints a table; bench/run.ts records the figures)
 */
import 'fake-indexeddb/auto';
import '../src/systems/index.ts';
import { z } from 'zod';
import { formatRef } from '../src/core/refs.ts';
import { addWatch, emptyWatchState, WATCHES_KEY, type WatchState } from '../src/core/watch-state.ts';
import { SETTINGS_KEY } from '../src/core/settings.ts';
import type { Item } from '../src/core/model.ts';
import { replicaSettings } from '../test/replica/credentials.ts';
import type { Dataset } from '../test/replica/dataset/index.ts';
import { startReplica } from '../test/replica/server.ts';
import { type Figure, isMain, round } from './lib.ts';
import { installExtensionApis, stored } from './extension-apis.ts';
import { purpose } from './resolve.ts';

z.config({ jitless: true }); // as in the service worker

const systems = ['github', 'jira', 'servicenow', 'zendesk'] as const;
type System = (typeof systems)[number];
const systemOf: Record<string, System> = {
  'api.github.com': 'github',
  'acme.atlassian.net': 'jira',
  'acme.service-now.com': 'servicenow',
  'acme.zendesk.com': 'zendesk',
};

/** What the watches of a team look like, out of 200 (MAX_WATCHES). */
const MIX = { jiraBugs: 40, pulls: 50, ghIssues: 10, incidents: 50, tickets: 50 };

/** The watched items, as `watchItem` would have saved them (the first of each kind in the bench dataset). */
export function watchedItems(ds: Dataset, total = 200): Item[] {
  // Each kind's share of `total`, the last taking what rounding left, so the watches add up to `total` exactly.
  const shares = Object.values(MIX).map((n) => Math.floor((n * total) / 200));
  shares[shares.length - 1] = total - shares.slice(0, -1).reduce((a, b) => a + b, 0);
  const [bugs = 0, pulls = 0, issues = 0, incidents = 0, tickets = 0] = shares;
  const take = <T>(list: T[], n: number, what: string): T[] => {
    if (list.length < n) throw new Error(`bench dataset has ${list.length} ${what}, ${n} asked`);
    return list.slice(0, n);
  };
  const item = (ref: string, system: Item['system'], kind: Item['kind'], key: string, url: string): Item => ({
    ref,
    system,
    kind,
    key,
    title: key,
    url,
    status: { name: 'Open', category: 'todo' },
  });
  const github = (p: { repo: string; number: number }, kind: 'pull' | 'issue') => {
    const [owner = '', repo = ''] = p.repo.split('/');
    const ref = formatRef({ system: 'github', owner, repo, number: p.number });
    return item(
      ref,
      'github',
      kind,
      `${p.repo}#${p.number}`,
      `https://github.com/${p.repo}/${kind}/${p.number}`,
    );
  };
  return [
    ...take(
      ds.jiraIssues.filter((i) => i.site === 'cloud' && i.type === 'Bug'),
      bugs,
      'Jira bugs',
    ).map((i) =>
      item(
        formatRef({ system: 'jira', key: i.key }),
        'jira',
        'bug',
        i.key,
        `https://acme.atlassian.net/browse/${i.key}`,
      ),
    ),
    ...take(
      ds.pulls.filter((p) => p.host === 'github.com'),
      pulls,
      'pull requests',
    ).map((p) => github(p, 'pull')),
    ...take(
      ds.ghIssues.filter((p) => p.host === 'github.com'),
      issues,
      'GitHub issues',
    ).map((p) => github(p, 'issue')),
    ...take(
      ds.snow.filter((r) => r.table === 'incident'),
      incidents,
      'incidents',
    ).map((r) =>
      item(
        formatRef({ system: 'servicenow', number: r.number }),
        'servicenow',
        'incident',
        r.number,
        `https://acme.service-now.com/incident.do?sys_id=${r.sysId}`,
      ),
    ),
    ...take(ds.tickets, tickets, 'tickets').map((t) =>
      item(
        formatRef({ system: 'zendesk', subdomain: 'acme', id: t.id }),
        'zendesk',
        'ticket',
        `#${t.id}`,
        `https://acme.zendesk.com/agent/tickets/${t.id}`,
      ),
    ),
  ];
}

type Counts = Record<System | 'other', number>;
const zero = (): Counts => ({ github: 0, jira: 0, servicenow: 0, zendesk: 0, other: 0 });

export async function watchPollBench(options: { watches?: number; print?: boolean } = {}): Promise<Figure[]> {
  const print = options.print ? console.log : () => undefined;
  installExtensionApis();
  const replica = await startReplica({
    port: 0,
    dataset: 'bench',
    // The real search limits (GitHub 30/min, Zendesk 700/min) would stop a poll this size half-way; the counts are
    // the point here, and each figure says how many searches the limit would have to allow.
    limits: { githubSearch: 1_000_000, zendesk: 1_000_000 },
  });
  const realFetch = globalThis.fetch;
  globalThis.fetch = replica.fetch;
  try {
    // After the fake browser is in place: webextension-polyfill checks for it when first imported.
    const { checkWatches } = await import('../src/background/watch.ts');
    const { getConfig } = await import('../src/background/config.ts');
    const { jiraProjectKeys } = await import('../src/background/discovery.ts');
    const { configuredCache } = await import('../src/background/contexts.ts');

    const items = watchedItems(replica.dataset, options.watches ?? 200);
    let state: WatchState = emptyWatchState();
    for (const it of items) {
      const added = addWatch(state, it, Date.now());
      if (!added.ok) throw new Error(added.error);
      state = added.state;
    }
    stored[SETTINGS_KEY] = replicaSettings();
    stored[WATCHES_KEY] = state;
    const { cache } = await configuredCache();
    await cache.clear();

    const tally = () => {
      const purposes = new Map<string, number>();
      const all = zero();
      const notModified = zero();
      const searches = zero();
      for (const r of replica.requests) {
        const system = systemOf[r.host] ?? 'other';
        all[system] += 1;
        if (r.status === 304) notModified[system] += 1;
        if (/search|LIKE|text ~/.test(`${r.path} ${r.body ?? ''}`)) searches[system] += 1;
        const what = `${system} ${r.method} ${purpose(`${r.path} ${r.body ?? ''}`)}`;
        purposes.set(what, (purposes.get(what) ?? 0) + 1);
      }
      return { all, notModified, searches, total: replica.requests.length, purposes };
    };

    replica.clearLog();
    const config = await getConfig();
    await Promise.all([jiraProjectKeys(config), ...config.providers.map((p) => p.discover?.())]);
    const discovery = tally();

    const poll = async () => {
      replica.clearLog();
      const started = performance.now();
      const outcome = await checkWatches({ refresh: true });
      return { ...tally(), ms: performance.now() - started, outcome };
    };
    const cold = await poll();
    const unchanged = await poll();

    const watched = zero();
    for (const it of items) watched[it.system as System] += 1;
    const total = items.length;
    const per = (c: Counts) => systems.map((s) => `${s} ${c[s]}`).join(', ');
    const note = `${total} watches (${per(watched)}); bench dataset; discovery before (${discovery.total} requests) not counted; search rate limits lifted`;
    const figures: Figure[] = [
      {
        name: `watch poll: requests for ${total} watched items, cold`,
        value: cold.all.github + cold.all.jira + cold.all.servicenow + cold.all.zendesk,
        unit: 'requests',
        baseline: total,
        latency_ms: round(cold.ms, 0),
        note: `${note}; ${cold.outcome.checked} checked, ${cold.outcome.changes} changes; baseline: naive, one request per watched item (no chains)`,
      },
      {
        name: `watch poll: requests for ${total} watched items, nothing changed`,
        value: unchanged.all.github + unchanged.all.jira + unchanged.all.servicenow + unchanged.all.zendesk,
        unit: 'requests',
        baseline: total,
        latency_ms: round(unchanged.ms, 0),
        note: `the next poll, nothing changed: ${unchanged.total - sum(unchanged.notModified)} answered in full, ${sum(unchanged.notModified)} answered 304 Not Modified (GET reads revalidated with their ETag); ${unchanged.outcome.checked} checked, ${unchanged.outcome.changes} changes; baseline: naive, one request per watched item`,
      },
      ...systems.flatMap((s): Figure[] => [
        {
          name: `watch poll: requests for ${total} watched items, cold, ${s}`,
          value: cold.all[s],
          unit: 'requests',
          baseline: watched[s],
          note: `${watched[s]} watched; ${cold.searches[s]} of them searches; baseline: one request per watched item`,
        },
        {
          name: `watch poll: requests for ${total} watched items, nothing changed, ${s}`,
          value: unchanged.all[s],
          unit: 'requests',
          baseline: watched[s],
          note: `${unchanged.notModified[s]} answered 304 Not Modified; baseline: one request per watched item`,
        },
      ]),
    ];

    print(`\nWatch poll for ${total} watched items (${per(watched)}), bench dataset`);
    print(`discovery before the first poll (not counted): ${per(discovery.all)}`);
    print('poll            | github | jira | servicenow | zendesk | total | 304s | searches | naive | ms');
    for (const [label, r] of [
      ['cold', cold],
      ['nothing changed', unchanged],
    ] as const) {
      const c = (s: System) => String(r.all[s]).padStart(s.length);
      print(
        `${label.padEnd(15)} | ${c('github')} | ${c('jira')} | ${c('servicenow')} | ${c('zendesk')} | ${String(r.total).padStart(5)} | ${String(sum(r.notModified)).padStart(4)} | ${String(sum(r.searches)).padStart(8)} | ${String(total).padStart(5)} | ${r.ms.toFixed(0)}`,
      );
    }
    print(
      `cold requests by purpose: ${[...cold.purposes]
        .sort()
        .map(([k, n]) => `${k}×${n}`)
        .join(', ')}`,
    );
    print(`naive per system (one request per watched item): ${per(watched)}`);
    print(
      `checked ${cold.outcome.checked} cold, ${unchanged.outcome.checked} unchanged; skipped: ${[...cold.outcome.skipped, ...unchanged.outcome.skipped].join('; ') || 'none'}`,
    );
    return figures;
  } finally {
    globalThis.fetch = realFetch;
    await replica.close();
  }
}

const sum = (c: Counts) => c.github + c.jira + c.servicenow + c.zendesk + c.other;

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--watches');
  await watchPollBench({ print: true, ...(at > 0 ? { watches: Number(process.argv[at + 1]) } : {}) });
}
