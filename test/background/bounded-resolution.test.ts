/**
 * Hostile pages cannot make the worker plan unbounded work (issue 10): one 20,000-character comment of
 * `xN/y#N` references once planned 782 Zendesk searches, a 173 KB JQL, a 275 KB ServiceNow URL and 40 GraphQL
 * requests. A page contributes at most MAX_PAGE_REFS references, and every request a round makes stays within
 * its system's limits, split into several where needed, without losing what any part finds.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { MAX_PAGE_REFS, resolveContext } from '../../src/background/resolver';
import { type ExtractOptions, refsIn } from '../../src/core/extract';
import { parseRef, type Ref } from '../../src/core/refs';
import { parseSettings } from '../../src/core/settings';
import type { PageReport } from '../../src/messaging/protocol';
import { providersFor } from '../../src/providers/index';
import { targetOf } from '../../src/providers/mentions';
import type { Provider, Target } from '../../src/providers/provider';
import { wordCount } from '../../src/systems/zendesk/search';
import { onReplica } from '../providers/on-replica';
import { replicaSettings } from '../replica/credentials';
import type { Replica, RequestLogEntry } from '../replica/server';

z.config({ jitless: true }); // as in the extension

let replica: Replica;
let providers: Provider[];
onReplica({ limits: { githubSearch: 1_000_000, zendesk: 1_000_000 } }, (started) => {
  replica = started;
  const parsed = parseSettings(replicaSettings());
  if (!parsed.ok) throw new Error(parsed.error);
  providers = providersFor(parsed.settings, { fetch: replica.fetch });
});

const extract: ExtractOptions = {
  githubHosts: ['github.com'],
  jira: [{ projectKeys: new Set(['SHOP', 'SUP', 'OPS']), baseUrl: 'https://acme.atlassian.net' }],
  servicenow: [{ baseUrl: 'https://acme.service-now.com' }],
  zendeskSubdomains: ['acme'],
};

/** What real systems accept: request lines well under 8 KB, GitHub's 256-character `q`, Zendesk's 64 words. */
function expectWithinLimits(requests: readonly RequestLogEntry[]): void {
  for (const r of requests) {
    const where = `${r.host}${r.path}`;
    expect(where.length, where.slice(0, 200)).toBeLessThan(8_000);
    if (r.host === 'acme.atlassian.net' && r.body) {
      const jql = String(JSON.parse(r.body).jql ?? '');
      expect(jql.length, jql.slice(0, 200)).toBeLessThan(10_000);
    }
    if (r.host === 'api.github.com' && r.body) {
      for (const [, q] of String(JSON.parse(r.body).query ?? '').matchAll(
        /search\(query: ("(?:[^"\\]|\\.)*")/g,
      ))
        expect(JSON.parse(q ?? '""').length).toBeLessThanOrEqual(256);
    }
    if (r.host === 'acme.zendesk.com' && r.path.startsWith('/api/v2/search')) {
      const query = new URL(`https://${where}`).searchParams.get('query') ?? '';
      expect(wordCount(query), query).toBeLessThanOrEqual(64);
    }
  }
}

const ownerOf = (ref: string) => providers.find((p) => p.owns(parseRef(ref) as Ref)) as Provider;
const targetFor = (ref: string) => targetOf(parseRef(ref) as Ref, ownerOf(ref).connection) as Target;
const system = (name: string) => providers.find((p) => p.system === name) as Provider;

describe('a page full of references', () => {
  test('a 20,000-character comment of references: the first 50 are looked up, within every limit, and the page says how many were not', async () => {
    const comment = Array.from({ length: 2_500 }, (_, n) => `x${n}/y#${n + 1}`)
      .join(' ')
      .slice(0, 20_000);
    const page: PageReport = {
      url: 'https://github.com/acme/shop-api/pull/42',
      site: 'github',
      subject: 'github:acme/shop-api#42',
      texts: [
        { text: 'SHOP-101: stream cart totals instead of loading every item', where: 'title' },
        { text: comment, where: 'comment' },
      ],
      refs: [],
    };
    const onPage = new Set([...refsIn(page.texts[0]?.text ?? '', extract), ...refsIn(comment, extract)]);

    const resolution = await resolveContext({ page, providers, extract, maxHops: 2 });

    expect(resolution.skippedRefs).toBe(onPage.size - MAX_PAGE_REFS);
    const mentioned = resolution.links.filter((l) => l.from === page.subject && l.via === 'mention');
    expect(mentioned.length).toBeLessThanOrEqual(MAX_PAGE_REFS);
    // The title's reference comes first: the incidents behind SHOP-101 are still found.
    const found = resolution.items.map((i) => i.ref);
    expect(found).toEqual(expect.arrayContaining(['jira:SHOP-101', 'servicenow:INC0010001']));
    expect(replica.requests.length).toBeLessThanOrEqual(40);
    expectWithinLimits(replica.requests);
  });
});

describe('a round with many targets', () => {
  // Keys no item mentions, before the one the replica's story mentions (SHOP-101, github:acme/shop-api#42).
  const filler = (make: (n: number) => string) => Array.from({ length: 150 }, (_, n) => make(2_000 + n));

  test('ServiceNow splits its search into URLs under 8 KB, and finds what the last part names', async () => {
    const targets = [...filler((n) => `jira:SHOP-${n}`), 'jira:SHOP-101'].map(targetFor);
    const found = await system('servicenow').findReferencing(targets, { extract });
    expect(found.items.map((i) => i.ref)).toEqual(
      expect.arrayContaining(['servicenow:INC0010001', 'servicenow:INC0010002', 'servicenow:INC0010003']),
    );
    const searches = replica.requests.filter((r) => r.path.startsWith('/api/now/table/incident?'));
    expect(searches.length).toBeGreaterThan(1);
    expectWithinLimits(replica.requests);
  });

  test('Jira splits its search into JQLs under 10 KB, and finds what the last part names', async () => {
    const targets = [...filler((n) => `github:acme/shop-api#${n}`), 'github:acme/shop-api#42'].map(targetFor);
    const found = await system('jira').findReferencing(targets, { extract });
    expect(found.items.map((i) => i.ref)).toContain('jira:SHOP-101');
    const searches = replica.requests.filter((r) => r.path.startsWith('/rest/api/3/search/jql'));
    expect(searches.length).toBeGreaterThan(1);
    expectWithinLimits(replica.requests);
  });

  test('GitHub and Zendesk keep each search within their limits, and find what the last part names', async () => {
    const targets = [...filler((n) => `jira:SHOP-${n}`), 'jira:SHOP-101'].map(targetFor);
    const github = await system('github').findReferencing(targets, { extract });
    const zendesk = await system('zendesk').findReferencing(targets, { extract });
    expect(github.items.map((i) => i.ref)).toContain('github:acme/shop-api#42');
    const alone = await system('zendesk').findReferencing([targetFor('jira:SHOP-101')], { extract });
    expect(alone.items.length).toBeGreaterThan(0);
    expect(zendesk.items.map((i) => i.ref).sort()).toEqual(alone.items.map((i) => i.ref).sort());
    expectWithinLimits(replica.requests);
  });
});
