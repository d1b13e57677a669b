import { validate } from '@octokit/graphql-schema';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Item } from '../../src/core/model';
import { parseRef, type Ref } from '../../src/core/refs';
import { resetRateLimitState } from '../../src/providers/http';
import { createGithubProvider } from '../../src/systems/github/provider';
import { batchQuery } from '../../src/systems/github/query';
import { graphqlResponseSchema, searchResponseSchema } from '../../src/systems/github/schemas';
import { countOperators, maxOperators, maxQueryLength, searchQueries } from '../../src/systems/github/search';
import { connections, context, fakeFetch, json, reference } from './fixtures';

beforeEach(() => resetRateLimitState());

const refs = (...list: string[]) => list.map((r) => parseRef(r) as Ref);

/**
 * A GraphQL PullRequest node carrying the values of reference/github/pull-request.json
 * (octocat/Hello-World#1347).
 */
function pullNode(over: Record<string, unknown> = {}) {
  const rest = reference<Record<string, unknown>>('github/pull-request.json');
  return {
    __typename: 'PullRequest',
    number: rest.number,
    title: rest.title,
    body: 'Please pull these awesome changes in! Fixes SHOP-101, reported in INC0010001.',
    url: rest.html_url,
    prState: 'MERGED',
    isDraft: false,
    merged: true,
    mergedAt: rest.merged_at,
    createdAt: rest.created_at,
    updatedAt: rest.updated_at,
    headRefName: 'fix/shop-102-new-topic',
    baseRefName: 'master',
    reviewDecision: 'APPROVED',
    mergeCommit: { oid: rest.merge_commit_sha },
    author: { login: 'octocat' },
    repository: { nameWithOwner: 'octocat/Hello-World' },
    closingIssuesReferences: {
      nodes: [
        {
          number: 1,
          url: 'https://github.com/octocat/Hello-World/issues/1',
          repository: { nameWithOwner: 'octocat/Hello-World' },
        },
      ],
    },
    ...over,
  };
}

/** A GraphQL Issue node from reference/github/issue.json's values. */
function issueNode(over: Record<string, unknown> = {}) {
  const rest = reference<Record<string, unknown>>('github/issue.json');
  return {
    __typename: 'Issue',
    number: 7,
    title: rest.title,
    body: rest.body,
    url: 'https://github.com/octo-org/octo-repo/issues/7',
    issueState: 'CLOSED',
    stateReason: 'NOT_PLANNED',
    createdAt: rest.created_at,
    updatedAt: rest.updated_at,
    author: { login: 'octocat' },
    repository: { nameWithOwner: 'octo-org/octo-repo' },
    ...over,
  };
}

/** A configured scope, so a reverse lookup sends no scope-learning request first (github-scope.test.ts). */
const provider = (fetch: typeof globalThis.fetch, extra = {}) =>
  createGithubProvider({
    connection: connections.github,
    fetch,
    retries: 0,
    searchScope: ['org:octocat'],
    ...extra,
  });

describe('GitHub schemas and query', () => {
  test('REST schemas parse the reference and recorded responses', () => {
    expect(searchResponseSchema.parse(reference('github/search-issues.json')).items).toHaveLength(1);
    const recorded = reference<{ response: unknown }[]>('recorded/github-search-issues.recorded.json');
    expect(searchResponseSchema.parse(recorded[0]?.response).items.map((i) => i.number)).toEqual([2, 1]);
  });

  test('the batch query is valid against GitHub’s schema (@octokit/graphql-schema)', () => {
    const { query, aliases } = batchQuery([
      { owner: 'octocat', repo: 'Hello-World', number: 1347 },
      { owner: 'octocat', repo: 'hello-world', number: 1 },
      { owner: 'octo-org', repo: 'octo-repo', number: 7 },
    ]);
    expect(validate(query)).toEqual([]);
    expect([...aliases.keys()]).toEqual(['r0.n1347', 'r0.n1', 'r1.n7']);
  });

  test('a GraphQL answer with a missing item parses: null plus a NOT_FOUND error', () => {
    const body = {
      data: { rateLimit: { cost: 1 }, r0: { n1347: pullNode(), n9: null }, r1: null },
      errors: [{ type: 'NOT_FOUND', path: ['r0', 'n9'], message: 'Could not resolve' }],
    };
    expect(graphqlResponseSchema.parse(body).errors?.[0]?.type).toBe('NOT_FOUND');
  });

  const acme = { filters: 'is:pr', scope: ['org:acme'], grouped: true };

  test('search queries group their ORs in parentheses, stay within 256 characters and five operators', () => {
    const terms = Array.from({ length: 20 }, (_, i) => `SHOP-${100 + i}`);
    const queries = searchQueries(terms, acme);
    // advanced search: AND binds tighter than OR, so without the parentheses org:acme would bind only the last
    expect(queries[0]).toBe(
      '("SHOP-100" OR "SHOP-101" OR "SHOP-102" OR "SHOP-103" OR "SHOP-104" OR "SHOP-105") is:pr org:acme',
    );
    expect(queries).toHaveLength(4);
    for (const q of queries) {
      expect(q.length).toBeLessThanOrEqual(maxQueryLength);
      expect(q.split(' OR ').length - 1).toBeLessThanOrEqual(5);
    }
    expect(searchQueries(['SHOP-1'], acme)).toEqual(['"SHOP-1" is:pr org:acme']);
    const long = searchQueries(
      [`https://github.com/${'x'.repeat(120)}`, `https://github.com/${'y'.repeat(120)}`],
      { ...acme, filters: 'is:pr' },
    );
    expect(long).toHaveLength(2);
  });

  test('one query set per scope entry, none without a scope; one term per query where advanced search is unknown', () => {
    const terms = ['SHOP-1', 'SHOP-2'];
    expect(searchQueries(terms, { ...acme, scope: ['org:acme', 'repo:globex/app'] })).toEqual([
      '("SHOP-1" OR "SHOP-2") is:pr org:acme',
      '("SHOP-1" OR "SHOP-2") is:pr repo:globex/app',
    ]);
    expect(searchQueries(terms, { ...acme, scope: [] })).toEqual([]);
    expect(searchQueries(terms, { ...acme, grouped: false })).toEqual([
      '"SHOP-1" is:pr org:acme',
      '"SHOP-2" is:pr org:acme',
    ]);
  });

  test('chunking: every term in exactly one query per scope, ≤5 operators, ≤256 characters', () => {
    const terms = [
      ...Array.from({ length: 23 }, (_, i) => `SHOP-${1000 + i}`),
      ...Array.from({ length: 9 }, (_, i) => `https://acme.zendesk.com/agent/tickets/${40000 + i}`),
      'INC0010001',
      'SHOP-1000', // a duplicate is searched once
    ];
    for (const scope of ['org:acme', 'repo:acme/a-rather-long-repository-name']) {
      const queries = searchQueries(terms, { filters: 'is:pr in:title,body', scope: [scope], grouped: true });
      for (const q of queries) {
        expect(q.length).toBeLessThanOrEqual(maxQueryLength);
        expect(countOperators(q)).toBeLessThanOrEqual(maxOperators);
        expect(q.endsWith(`) is:pr in:title,body ${scope}`) || !q.includes(' OR ')).toBe(true);
      }
      for (const term of new Set(terms)) {
        expect(queries.filter((q) => q.includes(`"${term}"`))).toHaveLength(1);
      }
    }
    expect(countOperators('"A OR B" OR "C" NOT d and e')).toBe(2);
  });
});

describe('GitHub fetchItems', () => {
  test('one GraphQL request for PRs and issues across repositories; missing ones are absent', async () => {
    const { fetch, requests } = fakeFetch(() =>
      json({
        data: { rateLimit: { cost: 1 }, r0: { n1347: pullNode(), n9999: null }, r1: { n7: issueNode() } },
        errors: [
          {
            type: 'NOT_FOUND',
            path: ['r0', 'n9999'],
            message: 'Could not resolve to an issue or pull request with the number of 9999.',
          },
        ],
      }),
    );
    const found = await provider(fetch).fetchItems(
      refs(
        'github:octocat/hello-world#1347',
        'github:octocat/hello-world#9999',
        'github:octo-org/octo-repo#7',
      ),
      context,
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url.href).toBe('https://api.github.com/graphql');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer ghp_test');
    expect(found.items.map((i) => i.ref)).toEqual([
      'github:octocat/hello-world#1347',
      'github:octo-org/octo-repo#7',
    ]);
    const [pull, issue] = found.items as [Item, Item];
    expect(pull).toEqual({
      ref: 'github:octocat/hello-world#1347',
      system: 'github',
      kind: 'pull',
      key: 'octocat/Hello-World#1347',
      title: 'Amazing new feature',
      url: 'https://github.com/octocat/Hello-World/pull/1347',
      status: { name: 'Merged', category: 'done' },
      requester: 'octocat',
      createdAt: '2011-01-26T19:01:12Z',
      updatedAt: '2011-01-26T19:01:12Z',
      pull: {
        merged: true,
        mergedAt: '2011-01-26T19:01:12Z',
        mergeCommit: 'e5bd3914e2e596debea16f433f57875b5b90bcd6',
        headRef: 'fix/shop-102-new-topic',
        baseRef: 'master',
        draft: false,
        reviewDecision: 'APPROVED',
      },
    });
    expect(issue.kind).toBe('issue');
    expect(issue.status).toEqual({ name: 'Closed as not planned', category: 'cancelled' });
    expect(found.links).toEqual([
      { from: pull.ref, to: 'jira:SHOP-101', via: 'mention', detail: 'description' },
      { from: pull.ref, to: 'servicenow:INC0010001', via: 'mention', detail: 'description' },
      { from: pull.ref, to: 'jira:SHOP-102', via: 'branch', detail: 'fix/shop-102-new-topic' },
      { from: pull.ref, to: 'github:octocat/hello-world#1', via: 'issue-link', detail: 'closes' },
    ]);
  });

  test('open PR in progress, closed unmerged cancelled, open issue to do, completed done', async () => {
    const nodes = {
      n1: pullNode({ number: 1, prState: 'OPEN', merged: false, mergeCommit: null, isDraft: true }),
      n2: pullNode({ number: 2, prState: 'CLOSED', merged: false, mergeCommit: null }),
      n3: issueNode({
        number: 3,
        issueState: 'OPEN',
        stateReason: null,
        repository: { nameWithOwner: 'octocat/Hello-World' },
      }),
      n4: issueNode({
        number: 4,
        stateReason: 'COMPLETED',
        repository: { nameWithOwner: 'octocat/Hello-World' },
      }),
    };
    const { fetch } = fakeFetch(() => json({ data: { r0: nodes } }));
    const found = await provider(fetch).fetchItems(
      refs(
        'github:octocat/hello-world#1',
        'github:octocat/hello-world#2',
        'github:octocat/hello-world#3',
        'github:octocat/hello-world#4',
      ),
      context,
    );
    expect(found.items.map((i) => i.status)).toEqual([
      { name: 'Draft', category: 'in_progress' },
      { name: 'Closed', category: 'cancelled' },
      { name: 'Open', category: 'todo' },
      { name: 'Closed', category: 'done' },
    ]);
  });

  test('51 refs make two requests (50 aliases each at most)', async () => {
    const { fetch, requests } = fakeFetch(() => json({ data: {} }));
    const many = Array.from({ length: 51 }, (_, i) => `github:acme/shop-api#${i + 1}`);
    await provider(fetch).fetchItems(refs(...many), context);
    expect(requests).toHaveLength(2);
  });

  test('a query GitHub rejects outright (no data) is a failure naming GitHub', async () => {
    const { fetch } = fakeFetch(() =>
      json({ errors: [{ message: "Field 'closingIssuesReferences' doesn't exist on type 'PullRequest'" }] }),
    );
    const error = await provider(fetch)
      .fetchItems(refs('github:acme/shop-api#42'), context)
      .catch((e) => e);
    expect(error.message).toMatch(/\[github\].*closingIssuesReferences/);
  });

  test('GitHub Enterprise: GraphQL at /api/graphql, REST at /api/v3, refs carry the host', async () => {
    const { fetch, requests } = fakeFetch((sent) =>
      sent.url.pathname === '/api/graphql'
        ? json({
            data: {
              r0: {
                n5: pullNode({
                  number: 5,
                  url: 'https://ghe.acme.test/platform/billing/pull/5',
                  repository: { nameWithOwner: 'platform/billing' },
                  closingIssuesReferences: null,
                }),
              },
            },
          })
        : json({ login: 'priya-n', name: null }),
    );
    const ghe = createGithubProvider({
      connection: connections.ghe,
      refHost: 'ghe.acme.test',
      fetch,
      retries: 0,
    });
    expect(ghe.owns(parseRef('github:ghe.acme.test/platform/billing#5') as Ref)).toBe(true);
    expect(ghe.owns(parseRef('github:acme/shop-api#42') as Ref)).toBe(false);
    const found = await ghe.fetchItems(refs('github:ghe.acme.test/platform/billing#5'), context);
    expect(found.items[0]?.ref).toBe('github:ghe.acme.test/platform/billing#5');
    expect(await ghe.whoAmI()).toBe('priya-n');
    expect(requests.map((r) => r.url.href)).toEqual([
      'https://ghe.acme.test/api/graphql',
      'https://ghe.acme.test/api/v3/user',
    ]);
  });

  test('options are checked at construction', () => {
    expect(() => createGithubProvider({ connection: connections.jira })).toThrow(/jira, not github/);
    expect(() => createGithubProvider({ connection: connections.github, batchSize: 500 })).toThrow(
      /batchSize/,
    );
    // @ts-expect-error: a missing connection is what the check is for
    expect(() => createGithubProvider({})).toThrow(/connection is required/);
  });
});

const jiraTarget: Item = {
  ref: 'jira:SHOP-101',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-101',
  title: 'Checkout times out',
  url: 'https://acme.atlassian.net/browse/SHOP-101',
  status: { name: 'Done', category: 'done' },
};

describe('GitHub findReferencing', () => {
  test('one GraphQL request per hop: the searches as aliases, hits in full, only real mentions kept', async () => {
    const noise = pullNode({ number: 1348, title: 'SHOP-1010 follow-up', body: 'unrelated' });
    const { fetch, requests } = fakeFetch(() =>
      json({ data: { s0: { issueCount: 2, pageInfo: { hasNextPage: false }, nodes: [pullNode(), noise] } } }),
    );
    const found = await provider(fetch, { searchQualifiers: 'org:octocat' }).findReferencing(
      [jiraTarget],
      context,
    );
    expect(requests.map((r) => r.url.pathname)).toEqual(['/graphql']);
    const query = String((requests[0]?.body as { query: string } | undefined)?.query);
    expect(query).toContain(
      's0: search(query: "\\"SHOP-101\\" is:pr in:title,body org:octocat", type: ISSUE',
    );
    expect(validate(query)).toEqual([]);
    expect(found.items.map((i) => i.ref)).toEqual(['github:octocat/hello-world#1347']);
    expect(found.links).toContainEqual({
      from: 'github:octocat/hello-world#1347',
      to: 'jira:SHOP-101',
      via: 'mention',
      detail: 'description',
    });
  });

  test('many targets: OR-ed queries in one request, later pages only for the searches that have them', async () => {
    const targets: Item[] = Array.from({ length: 8 }, (_, i) => ({
      ...jiraTarget,
      ref: `jira:SHOP-${200 + i}`,
      key: `SHOP-${200 + i}`,
    }));
    const { fetch, requests } = fakeFetch((sent) => {
      const query = String((sent.body as { query: string }).query);
      const data: Record<string, unknown> = {};
      for (const m of query.matchAll(
        /(s\d+): search\(query: "((?:[^"\\]|\\.)*)"[^)]*?(after: "(\w+)")?\)/g,
      )) {
        const [, alias = '', q = '', , after] = m;
        if (q.includes('SHOP-207')) {
          data[alias] = {
            issueCount: 1,
            pageInfo: { hasNextPage: false },
            nodes: [pullNode({ number: 7, body: 'For SHOP-207' })],
          };
          continue;
        }
        // the first query has 150 hits: two pages of 100
        const page = after === 'p2' ? 2 : 1;
        const nodes = Array.from({ length: page === 1 ? 100 : 50 }, (_, i) =>
          pullNode({ number: 1000 + (page - 1) * 100 + i, body: i === 49 && page === 2 ? 'SHOP-200' : 'no' }),
        );
        data[alias] = {
          issueCount: 150,
          pageInfo: { hasNextPage: page === 1, endCursor: page === 1 ? 'p2' : null },
          nodes,
        };
      }
      return json({ data });
    });
    const found = await provider(fetch).findReferencing(targets, context);
    const queries = requests.map((r) => String((r.body as { query: string }).query));
    expect(
      queries.map((q) =>
        [...q.matchAll(/search\(query: ("(?:[^"\\]|\\.)*"[^)]*)\)/g)].map((m) => [
          m[1]?.split(' OR ').length,
          m[1]?.includes('after:'),
        ]),
      ),
    ).toEqual([
      [
        [6, false],
        [2, false],
      ],
      [[6, true]],
    ]);
    expect(found.items.map((i) => i.ref).sort()).toEqual([
      'github:octocat/hello-world#1149',
      'github:octocat/hello-world#7',
    ]);
  });

  test('a search GitHub refuses fails the source with its message', async () => {
    const { fetch } = fakeFetch(() =>
      json({
        data: { s0: null },
        errors: [{ type: 'INVALID', message: 'The search query is too long', path: ['s0'] }],
      }),
    );
    await expect(provider(fetch).findReferencing([jiraTarget], context)).rejects.toThrow(
      /could not run the search .*SHOP-101.*too long/,
    );
  });

  test('a round reads the items and runs the searches in one GraphQL document GitHub accepts', async () => {
    const { fetch, requests } = fakeFetch(() =>
      json({
        data: {
          rateLimit: { cost: 1 },
          r0: { n1347: pullNode() },
          s0: { issueCount: 1, pageInfo: { hasNextPage: false }, nodes: [pullNode()] },
        },
      }),
    );
    const round = await provider(fetch).fetchAndFind?.(
      refs('github:octocat/hello-world#1347'),
      [jiraTarget],
      context,
    );
    expect(requests).toHaveLength(1);
    const query = String((requests[0]?.body as { query: string } | undefined)?.query);
    expect(validate(query)).toEqual([]);
    expect(query).toContain('r0: repository(owner: "octocat", name: "hello-world")');
    expect(query).toContain('s0: search(query: "\\"SHOP-101\\" is:pr in:title,body org:octocat"');
    expect(round?.fetched.items.map((i) => i.ref)).toEqual(['github:octocat/hello-world#1347']);
    expect(round?.referencing.links.map((l) => l.to)).toContain('jira:SHOP-101');
  });

  test('a round larger than one request: each request carries a chunk of items and the next page of the searches', async () => {
    const { fetch, requests } = fakeFetch((sent) => {
      const query = String((sent.body as { query: string }).query);
      const data: Record<string, unknown> = {};
      // One repository (r0): its items are every issueOrPullRequest the document names.
      const numbers = [...query.matchAll(/n(\d+): issueOrPullRequest/g)].map((n) => Number(n[1]));
      if (numbers.length > 0)
        data.r0 = Object.fromEntries(numbers.map((n) => [`n${n}`, pullNode({ number: n })]));
      for (const m of query.matchAll(/(s\d+): search\(query: "(?:[^"\\]|\\.)*"[^)]*?(after: "(\w+)")?\)/g)) {
        const second = m[3] !== undefined;
        data[m[1] ?? ''] = {
          issueCount: 101,
          pageInfo: { hasNextPage: !second, endCursor: second ? null : 'p2' },
          nodes: second ? [pullNode({ number: 2000, body: 'Fixes SHOP-101' })] : [],
        };
      }
      return json({ data });
    });
    const wanted = Array.from({ length: 3 }, (_, i) => `github:octocat/hello-world#${i + 1}`);
    const round = await provider(fetch, { batchSize: 2 }).fetchAndFind?.(
      refs(...wanted),
      [jiraTarget],
      context,
    );
    const shapes = requests.map((r) => {
      const query = String((r.body as { query: string }).query);
      return {
        items: [...query.matchAll(/issueOrPullRequest\(number: (\d+)\)/g)].map((m) => Number(m[1])),
        searches: [...query.matchAll(/search\(query:[^)]*?(after: "\w+")?\)/g)].map((m) =>
          m[1] ? 'next' : 'first',
        ),
      };
    });
    expect(shapes).toEqual([
      { items: [1, 2], searches: ['first'] },
      { items: [3], searches: ['next'] },
    ]);
    expect(round?.fetched.items.map((i) => i.ref).sort()).toEqual([...wanted].sort());
    expect(round?.referencing.items.map((i) => i.ref)).toEqual(['github:octocat/hello-world#2000']);
  });

  test('a search GitHub refuses within a round: the items of the same answer stand, the search reports it', async () => {
    const { fetch } = fakeFetch(() =>
      json({
        data: { r0: { n1347: pullNode() }, s0: null },
        errors: [{ type: 'INVALID', message: 'The search query is too long', path: ['s0'] }],
      }),
    );
    const round = await provider(fetch).fetchAndFind?.(
      refs('github:octocat/hello-world#1347'),
      [jiraTarget],
      context,
    );
    expect(round?.fetched.items.map((i) => i.ref)).toEqual(['github:octocat/hello-world#1347']);
    expect(round?.referencing.items).toEqual([]);
    expect(round?.referencingError?.message).toMatch(/could not run the search .*SHOP-101.*too long/);
  });

  test('GitHub targets are not searched (closing references and mentions come with the items)', async () => {
    const { fetch, requests } = fakeFetch(() => json({}));
    const pr: Item = {
      ...jiraTarget,
      ref: 'github:acme/shop-api#42',
      system: 'github',
      kind: 'pull',
      key: 'acme/shop-api#42',
    };
    expect(await provider(fetch).findReferencing([pr], context)).toEqual({ items: [], links: [] });
    expect(requests).toHaveLength(0);
  });
});

describe('GitHub releasesContaining', () => {
  const merged = (n: number, mergedAt: string, sha: string, repo = 'acme/shop-api'): Item => ({
    ...jiraTarget,
    ref: `github:${repo}#${n}`,
    system: 'github',
    kind: 'pull',
    key: `${repo}#${n}`,
    pull: { merged: true, mergedAt, mergeCommit: sha },
  });
  const releases: [string, string][] = [
    ['v2.5.0', '2026-03-20T10:00:00Z'],
    ['v2.4.2', '2026-03-15T10:00:00Z'],
    ['v2.4.1', '2026-03-12T10:00:00Z'],
    ['v2.4.0', '2026-02-20T10:00:00Z'],
  ];
  /**
   * GitHub's answers: releases newest first, each tag's history as pages of commits (`pages[tag]`, newest first);
   * a page past the first is asked for with `after: "<tag>:<n>"`.
   */
  function github(pages: Record<string, string[][]>) {
    const history = (tag: string, n: number) => ({
      pageInfo: { hasNextPage: n + 1 < (pages[tag]?.length ?? 0), endCursor: `${tag}:${n + 1}` },
      nodes: (pages[tag]?.[n] ?? []).map((oid) => ({ oid })),
    });
    return fakeFetch((sent) => {
      const query = String((sent.body as { query: string }).query);
      if (query.startsWith('query LiaisonReleaseHistory')) {
        const data: Record<string, unknown> = {};
        for (const m of query.matchAll(/(h\d+): .*?tagName: "([^"]+)".*?after: "[^"]+:(\d+)"/gs)) {
          const [, alias = '', tag = '', n = '0'] = m;
          data[alias] = { release: { tagCommit: { oid: `${tag}-sha`, history: history(tag, Number(n)) } } };
        }
        return json({ data });
      }
      const nodes = releases.map(([tag, publishedAt]) => ({
        tagName: tag,
        name: tag,
        url: `https://github.com/acme/shop-api/releases/tag/${tag}`,
        publishedAt,
        createdAt: publishedAt,
        isDraft: false,
        tagCommit: { oid: `${tag}-sha`, history: history(tag, 0) },
      }));
      return json({ data: { r0: { releases: { nodes } } } });
    });
  }
  const v = (tag: string, publishedAt: string) => ({
    name: tag,
    tag,
    url: `https://github.com/acme/shop-api/releases/tag/${tag}`,
    publishedAt,
  });

  test('the oldest release after the merge whose tag history holds the merge commit, in one request', async () => {
    const { fetch, requests } = github({
      'v2.4.1': [['aaa', 'x1']],
      'v2.4.2': [['bbb', 'aaa', 'x1']],
      'v2.5.0': [['ccc', 'bbb', 'aaa', 'x1']],
    });
    const found = await provider(fetch).releasesContaining([
      merged(42, '2026-03-10T15:20:00Z', 'AAA'),
      merged(50, '2026-03-12T12:00:00Z', 'bbb'),
      merged(51, '2026-03-21T12:00:00Z', 'ddd'), // merged after the newest release: not released yet
      { ...jiraTarget },
    ]);
    expect(found).toEqual([
      { pull: 'github:acme/shop-api#42', release: v('v2.4.1', '2026-03-12T10:00:00Z') },
      { pull: 'github:acme/shop-api#50', release: v('v2.4.2', '2026-03-15T10:00:00Z') },
    ]);
    expect(requests).toHaveLength(1);
    const query = String((requests[0]?.body as { query: string } | undefined)?.query);
    expect(validate(query)).toEqual([]);
    // The histories start a day before the oldest merge.
    expect(query).toContain('history(first: 100, since: "2026-03-09T15:20:00.000Z")');
  });

  test('a long tag history is read further, only for the release that could be the answer', async () => {
    const { fetch, requests } = github({
      'v2.4.1': [
        ['x3', 'x2'],
        ['aaa', 'x1'],
      ],
      'v2.4.2': [['aaa', 'x1'], ['x0']],
      'v2.5.0': [['aaa'], ['x0']],
    });
    const found = await provider(fetch).releasesContaining([merged(42, '2026-03-10T15:20:00Z', 'aaa')]);
    expect(found).toEqual([
      { pull: 'github:acme/shop-api#42', release: v('v2.4.1', '2026-03-12T10:00:00Z') },
    ]);
    expect(requests).toHaveLength(2);
    const more = String((requests[1]?.body as { query: string } | undefined)?.query);
    expect(validate(more)).toEqual([]);
    expect(more).toContain('release(tagName: "v2.4.1")');
    expect(more).not.toContain('v2.4.2');
  });

  test('a PR on a branch no release holds: no answer, and at most historyPages requests', async () => {
    const endless = Array.from({ length: 50 }, (_, i) => [`x${i}`]);
    const { fetch, requests } = github({ 'v2.4.1': endless, 'v2.4.2': endless, 'v2.5.0': endless });
    const p = createGithubProvider({ connection: connections.github, fetch, historyPages: 3 });
    expect(await p.releasesContaining([merged(42, '2026-03-01T00:00:00Z', 'zzz')])).toEqual([]);
    expect(requests).toHaveLength(3);
  });

  test('a repository that is gone or hidden answers nothing, and the others still do', async () => {
    const { fetch } = fakeFetch(() =>
      json({
        data: { r0: null },
        errors: [{ type: 'NOT_FOUND', message: 'Could not resolve', path: ['r0'] }],
      }),
    );
    expect(await provider(fetch).releasesContaining([merged(42, '2026-03-10T15:20:00Z', 'aaa')])).toEqual([]);
  });
});
