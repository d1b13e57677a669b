import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';

// badges.ts reaches the worker's configuration (and so the extension API) for badgePasses; these tests use only
// the pure pass.
vi.mock('webextension-polyfill', () => ({
  default: { storage: { local: { get: async () => ({}) }, onChanged: { addListener: () => {} } } },
}));

const { createEntityCache, memoryStorage } = await import('../../src/background/cache');
const { withCache } = await import('../../src/background/cached-provider');
const { resolveContext } = await import('../../src/background/resolver');
const { resolveBadges } = await import('../../src/background/badges');
const { connectedItems } = await import('../../src/core/graph');
const { customerKinds } = await import('../../src/core/model');
const { parseSettings } = await import('../../src/core/settings');
const { providersFor } = await import('../../src/providers/index');
const { replicaSettings } = await import('../replica/credentials');
const { startReplica } = await import('../replica/server');

/**
 * List badges against the replica: every row of acme/shop-api's pull request list (14 PRs) in one batched pass,
 * each badge counting what the row's own page would show.
 */

type Replica = Awaited<ReturnType<typeof startReplica>>;
let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0 });
});
afterAll(() => replica.close());

const extract = { jiraProjectKeys: new Set(['SHOP', 'OPS', 'SUP']) };
const system: Record<string, string> = {
  'api.github.com': 'github',
  'acme.atlassian.net': 'jira',
  'acme.service-now.com': 'servicenow',
  'acme.zendesk.com': 'zendesk',
};

function replicaProviders() {
  const parsed = parseSettings(replicaSettings());
  if (!parsed.ok) throw new Error(parsed.error);
  return providersFor(parsed.settings, { fetch: replica.fetch });
}

/** Providers over a new, empty entity cache. */
function cachedProviders(providers = replicaProviders()) {
  const cache = createEntityCache({ storage: memoryStorage() });
  const run = { refresh: false, revalidations: [] };
  return providers.map((p) => withCache(p, cache, run));
}

/** API requests since the log was cleared, by system. */
function requestsBySystem() {
  const out: Record<string, { path: string; body: string }[]> = {};
  for (const r of replica.requests) {
    const s = system[r.host];
    if (!s) continue;
    out[s] ??= [];
    out[s].push({ path: r.path, body: r.body ?? '' });
  }
  return out;
}
const total = (by: Record<string, unknown[]>) => Object.values(by).reduce((n, list) => n + list.length, 0);

const shopPulls = () => replica.dataset.pulls.filter((p) => p.repo === 'acme/shop-api');
const rowRefs = () => shopPulls().map((p) => `github:acme/shop-api#${p.number}`);

/** What the linked-incidents panel counts on the row's own page (title, branch and comments read from it). */
async function pageCount(number: number): Promise<number> {
  const pull = shopPulls().find((p) => p.number === number);
  if (!pull) throw new Error(`no PR ${number}`);
  const subject = `github:acme/shop-api#${number}`;
  const texts = [
    { text: pull.title, where: 'title' },
    { text: pull.headRef, where: 'branch' },
    ...pull.comments.map((c) => ({ text: c.body, where: 'comments' })),
  ];
  const page = { url: '', site: 'github' as const, subject, texts, refs: [] };
  const r = await resolveContext({ page, providers: cachedProviders(), extract, maxHops: 2 });
  return connectedItems(subject, r.items, r.links).filter((i) => customerKinds.has(i.kind)).length;
}

describe('list badges', () => {
  test('every row gets what its own page shows: #42 six tickets, worst rank 1; #44 none', async () => {
    const pass = await resolveBadges({ refs: rowRefs(), providers: cachedProviders(), extract, maxHops: 2 });
    expect(pass.failed).toEqual([]);
    expect(pass.badges.map((b) => b.ref)).toEqual(rowRefs());
    const of = (n: number) => pass.badges.find((b) => b.ref === `github:acme/shop-api#${n}`);
    expect(of(42)).toMatchObject({ count: 6, worst: { rank: 1 } });
    expect(of(44)).toEqual({ ref: 'github:acme/shop-api#44', count: 0 });
    for (const pull of shopPulls())
      expect(of(pull.number)?.count, `#${pull.number}`).toBe(await pageCount(pull.number));
  });

  test('one batched pass: the rows in one GraphQL request, one key lookup per hop, far fewer requests than row by row', async () => {
    const refs = rowRefs();
    const providers = replicaProviders();
    // What the worker learns before any pass (discovery.ts): Jira's projects, and which are service projects.
    await Promise.all(providers.map((p) => p.discover?.()));
    replica.clearLog();
    await resolveBadges({ refs, providers: cachedProviders(providers), extract, maxHops: 2 });
    const batched = requestsBySystem();
    // The rows: all 14 read by the first GraphQL request, as aliases.
    const graphql = (batched.github ?? []).filter((r) => r.path === '/graphql');
    for (const p of shopPulls()) expect(graphql[0]?.body).toContain(`n${p.number}: issueOrPullRequest`);
    // Batched lookups by key: at most one per hop (2) per system, whatever the number of rows.
    expect(graphql.length).toBeLessThanOrEqual(2);
    expect((batched.jira ?? []).filter((r) => r.body.includes('"jql":"key in')).length).toBeLessThanOrEqual(
      2,
    );
    expect((batched.zendesk ?? []).filter((r) => r.path.includes('show_many')).length).toBeLessThanOrEqual(2);
    // ServiceNow: one reverse lookup per hop (plus a provider's one-time probe of the configured key fields).
    expect(
      (batched.servicenow ?? []).filter((r) => r.path.includes('sysparm_query')).length,
    ).toBeLessThanOrEqual(2);

    let rowByRow = 0;
    for (const ref of refs) {
      replica.clearLog();
      await resolveBadges({ refs: [ref], providers: cachedProviders(providers), extract, maxHops: 2 });
      rowByRow += total(requestsBySystem());
    }
    console.info(
      `[badges] 14 rows, one pass: ${JSON.stringify(Object.fromEntries(Object.entries(batched).map(([s, l]) => [s, l.length])))} = ${total(batched)} requests (Jira remote links ${(batched.jira ?? []).filter((r) => r.path.includes('/remotelink')).length}); row by row: ${rowByRow}`,
    );
    expect(total(batched) * 3).toBeLessThan(rowByRow);
  });

  test('a warm cache answers the same pass without a request', async () => {
    const providers = cachedProviders();
    const cold = await resolveBadges({ refs: rowRefs(), providers, extract, maxHops: 2 });
    replica.clearLog();
    const warm = await resolveBadges({ refs: rowRefs(), providers, extract, maxHops: 2 });
    expect(total(requestsBySystem())).toBe(0);
    expect(warm.badges).toEqual(cold.badges);
  });

  test('a failing system is named, and the others still count', async () => {
    const stop = replica.fault({ host: 'acme.service-now.com', path: /^\/api\//, kind: '500' });
    try {
      const pass = await resolveBadges({
        refs: rowRefs(),
        providers: cachedProviders(),
        extract,
        maxHops: 2,
      });
      expect(pass.failed).toEqual(['servicenow']);
      const b42 = pass.badges.find((b) => b.ref === 'github:acme/shop-api#42');
      // INC0010001–3 are ServiceNow's; SUP-7 and Zendesk #4711, #4712 remain.
      expect(b42?.count).toBe(3);
    } finally {
      stop();
    }
  });

  test('nothing to resolve: no refs, or none that is a reference', async () => {
    replica.clearLog();
    const pass = await resolveBadges({
      refs: ['not a ref'],
      providers: cachedProviders(),
      extract,
      maxHops: 2,
    });
    expect(pass).toEqual({ badges: [], failed: [] });
    expect(total(requestsBySystem())).toBe(0);
  });
});
