/**
 * Batching must not cost results: for a page with many references, the batched resolver (one request per
 * system per hop where the API allows, OR-ed searches) finds exactly the items a naive resolver finds that
 * asks once per reference and once per reverse-lookup target — measured against the replica, as
 * bench/resolve.ts does for the 50-reference page.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { resolveContext } from '../../src/background/resolver';
import { formatRef } from '../../src/core/refs';
import { parseSettings } from '../../src/core/settings';
import type { PageReport } from '../../src/messaging/protocol';
import { providersFor } from '../../src/providers/index';
import type { Provider } from '../../src/providers/provider';
import { replicaSettings } from '../replica/credentials';
import { type Replica, startReplica } from '../replica/server';

z.config({ jitless: true }); // as in the extension

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0, limits: { githubSearch: 1_000_000, zendesk: 1_000_000 } });
});
afterAll(() => replica.close());

/** The same graph walk, but one request per reference and per reverse-lookup target. */
function naive(provider: Provider): Provider {
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

describe('batched and naive resolvers find the same items', () => {
  test('a page naming every Jira Cloud issue and ten incidents (many search terms per hop)', async () => {
    const ds = replica.dataset;
    // Every Jira Cloud issue (28 in the demo dataset): more terms than one search could hold, and Zendesk
    // tickets and GitHub PRs that mention keys far down the list (SHOP-207, SHOP-208, OPS-200, OPS-201).
    const refs = [
      ...ds.jiraIssues
        .filter((i) => i.site === 'cloud')
        .map((i) => formatRef({ system: 'jira', key: i.key })),
      ...ds.snow
        .filter((r) => r.table === 'incident')
        .slice(0, 10)
        .map((r) => formatRef({ system: 'servicenow', number: r.number })),
    ];
    expect(refs.length).toBeGreaterThan(30);
    const page: PageReport = {
      url: 'https://acme.atlassian.net/jira/dashboards/10000',
      site: 'jira',
      subject: 'jira:SHOP-101',
      texts: [],
      refs,
    };
    const parsed = parseSettings(replicaSettings());
    if (!parsed.ok) throw new Error(parsed.error);
    const extract = {
      jiraProjectKeys: new Set(ds.jiraProjects.filter((p) => p.site === 'cloud').map((p) => p.key)),
    };
    const resolve = async (providers: Provider[]) => {
      replica.clearLog();
      const result = await resolveContext({ page, providers, extract, maxHops: 2 });
      const requests = replica.requests.map((r) => `${r.method} ${r.host}${r.path.split('?')[0]}`);
      return { result, requests };
    };

    const batched = await resolve(providersFor(parsed.settings, { fetch: replica.fetch }));
    const naiveRun = await resolve(providersFor(parsed.settings, { fetch: replica.fetch }).map(naive));

    const refsOf = (r: typeof batched) => r.result.items.map((i) => i.ref).sort();
    expect(refsOf(batched)).toEqual(refsOf(naiveRun));
    // what the broken batching lost: PRs found only by an OR-ed GitHub search, tickets behind the 10th term
    expect(refsOf(batched)).toEqual(
      expect.arrayContaining([
        'github:acme/shop-api#101',
        'github:acme/shop-api#105',
        'github:acme/web#21',
        'zendesk:acme/5012',
        'zendesk:acme/5015',
        'zendesk:acme/5025',
        'zendesk:acme/5026',
      ]),
    );
    expect(batched.result.sources.every((s) => s.error === undefined)).toBe(true);

    // fewer requests, and no name look-ups when searches and show_many side-load them
    expect(batched.requests.length).toBeLessThan(naiveRun.requests.length / 2);
    expect(batched.requests.filter((r) => /\/(users|organizations)\/show_many/.test(r))).toEqual([]);
  });
});
