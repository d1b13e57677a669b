/**
 * GitHub GraphQL is executed against the official schema: invalid documents are rejected like GitHub
 * (HTTP 200, errors, no data), aliased batches resolve, and missing items are per-alias NOT_FOUND errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader } from './credentials.ts';
import { nodeId } from './github/serialize.ts';
import { type Replica, startReplica } from './server.ts';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL data is asserted field by field
type Json = any;

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.close());

async function gql(
  query: string,
  variables?: Record<string, unknown>,
  url = 'https://api.github.com/graphql',
  auth = authHeader('github'),
) {
  const res = await replica.fetch(url, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: Json; errors?: Json[] },
    headers: res.headers,
  };
}

describe('GitHub GraphQL', () => {
  it('rejects an unaliased `state` on both PullRequest and Issue, as GitHub does', async () => {
    const { status, body } = await gql(
      '{ repository(owner: "acme", name: "shop-api") { issueOrPullRequest(number: 42) { ... on PullRequest { state } ... on Issue { state } } } }',
    );
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].message).toMatch(
      /Fields "state" conflict because they return conflicting types "PullRequestState!" and "IssueState!"/,
    );
  });
  it('rejects unknown fields and syntax errors with 200 + errors', async () => {
    expect((await gql('{ viewer { loginX } }')).body.errors?.[0].message).toMatch(
      /Cannot query field "loginX"/,
    );
    expect((await gql('{ viewer { login }')).body.errors?.[0].message).toMatch(/Syntax Error/);
  });
  it('resolves an aliased batch with fragments; a missing alias is null + NOT_FOUND with its path', async () => {
    const query = `query Batch {
      rateLimit { cost limit remaining used resetAt }
      r0: repository(owner: "acme", name: "shop-api") {
        pr42: pullRequest(number: 42) { ...PR }
        pr43: pullRequest(number: 43) { ...PR }
        pr999: pullRequest(number: 999) { ...PR }
        any44: issueOrPullRequest(number: 44) { __typename ... on PullRequest { ...PR } ... on Issue { issueState: state } }
        releases(first: 5, orderBy: {field: CREATED_AT, direction: DESC}) { nodes { tagName publishedAt tagCommit { oid } } }
        ref(qualifiedName: "refs/tags/v2.4.1") { target { oid } }
      }
      r1: repository(owner: "acme", name: "web") { issue7: issue(number: 7) { number title issueState: state stateReason author { login } } }
      r2: repository(owner: "acme", name: "nope") { name }
      viewer { login }
    }
    fragment PR on PullRequest {
      number title url prState: state isDraft merged mergedAt closedAt createdAt updatedAt headRefName baseRefName reviewDecision
      mergeCommit { oid abbreviatedOid url } author { login } repository { nameWithOwner owner { login } name }
      closingIssuesReferences(first: 10) { totalCount nodes { number } } labels(first: 10) { nodes { name } } commits { totalCount }
    }`;
    const { body } = await gql(query);
    const pr42 = body.data.r0.pr42;
    expect(pr42).toMatchObject({
      number: 42,
      prState: 'MERGED',
      merged: true,
      mergedAt: '2026-03-10T15:20:00Z',
      headRefName: 'fix/SHOP-101-checkout-timeout',
      reviewDecision: 'APPROVED',
      author: { login: 'mona-dev' },
      repository: { nameWithOwner: 'acme/shop-api' },
    });
    expect(pr42.mergeCommit.oid).toBe(replica.dataset.pulls.find((p) => p.number === 42)?.mergeCommitSha);
    expect(body.data.r0.pr43).toMatchObject({
      prState: 'OPEN',
      merged: false,
      mergeCommit: null,
      reviewDecision: 'CHANGES_REQUESTED',
    });
    expect(body.data.r0.any44).toMatchObject({ __typename: 'PullRequest', title: 'Bump dependencies' });
    expect(body.data.r0.releases.nodes.map((r: { tagName: string }) => r.tagName)).toEqual([
      'v2.4.1',
      'v2.4.0',
    ]);
    expect(body.data.r0.ref.target.oid).toBe(body.data.r0.releases.nodes[0].tagCommit.oid);
    expect(body.data.r1.issue7).toMatchObject({
      title: 'Login page 500s for SSO users (OPS-12)',
      issueState: 'OPEN',
    });
    expect(body.data.r0.pr999).toBeNull();
    expect(body.data.r2).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        type: 'NOT_FOUND',
        path: ['r0', 'pr999'],
        message: 'Could not resolve to a PullRequest with the number of 999.',
      }),
      expect.objectContaining({
        type: 'NOT_FOUND',
        path: ['r2'],
        message: "Could not resolve to a Repository with the name 'acme/nope'.",
      }),
    ]);
    expect(body.data.rateLimit.cost).toBe(1);
  });
  it('resolves nodes(ids) from REST node_id values, null for unknown ids', async () => {
    const pull = replica.dataset.pulls.find((p) => p.number === 42);
    const issue = replica.dataset.ghIssues.find((i) => i.number === 7);
    if (!pull || !issue) throw new Error('story missing');
    const { body } = await gql(
      'query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on PullRequest { number prState: state } ... on Issue { number issueState: state } } }',
      { ids: [nodeId.pull(pull), nodeId.issue(issue), 'PR_nope'] },
    );
    expect(body.data.nodes).toEqual([
      { __typename: 'PullRequest', number: 42, prState: 'MERGED' },
      { __typename: 'Issue', number: 7, issueState: 'OPEN' },
      null,
    ]);
    expect(body.errors?.[0]).toMatchObject({ type: 'NOT_FOUND', path: ['nodes', 2] });
  });
  it('search(type: ISSUE) evaluates the query string', async () => {
    const { body } = await gql(
      '{ search(query: "repo:acme/shop-api is:pr SHOP-101", type: ISSUE, first: 10) { issueCount nodes { ... on PullRequest { number } } } }',
    );
    expect(body.data.search).toEqual({ issueCount: 1, nodes: [{ number: 42 }] });
    const none = await gql(
      '{ search(query: "repo:acme/shop-api is:pr no-such-thing", type: ISSUE, first: 10) { issueCount nodes { __typename } } }',
    );
    expect(none.body.data.search).toEqual({ issueCount: 0, nodes: [] });
  });
  it('search(type: ISSUE) has advanced-search precedence; a query GitHub refuses nulls the whole answer', async () => {
    const nodes = 'issueCount nodes { ... on PullRequest { number repository { nameWithOwner } } }';
    const { body } = await gql(
      `{ loose: search(query: "\\"SHOP-101\\" OR \\"SHOP-102\\" is:pr org:acme", type: ISSUE, first: 10) { ${nodes} }
         grouped: search(query: "(\\"SHOP-101\\" OR \\"SHOP-102\\") is:pr org:acme", type: ISSUE, first: 10) { ${nodes} } }`,
    );
    const repos = (alias: string) =>
      body.data[alias].nodes.map((n: Json) => `${n.repository.nameWithOwner}#${n.number}`).sort();
    expect(repos('loose')).toContain('other-co/app#7');
    expect(repos('grouped')).toEqual(['acme/shop-api#42', 'acme/shop-api#43']);
    // search() is non-null (SearchResultItemConnection!), so its error nulls its parent: here all of data.
    const refused = await gql(
      `{ repository(owner: "acme", name: "web") { name }
         refused: search(query: "(\\"SHOP-101\\" org:acme)", type: ISSUE, first: 10) { ${nodes} } }`,
    );
    expect(refused.status).toBe(200);
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        type: 'INVALID',
        path: ['refused'],
        message: expect.stringMatching(/parentheses/),
      }),
    ]);
  });

  it('GitHub Enterprise answers at /api/graphql with its own token and data', async () => {
    const { body } = await gql(
      '{ repository(owner: "platform", name: "billing") { pullRequest(number: 5) { title url } } }',
      undefined,
      'https://ghe.acme.test/api/graphql',
      authHeader('ghe'),
    );
    expect(body.data.repository.pullRequest).toEqual({
      title: 'PLAT-5: stream billing export rows',
      url: 'https://ghe.acme.test/platform/billing/pull/5',
    });
    const wrong = await gql(
      '{ viewer { login } }',
      undefined,
      'https://ghe.acme.test/api/graphql',
      authHeader('github'),
    );
    expect(wrong.status).toBe(401);
  });
  it('counts graphql points in the rate-limit headers', async () => {
    const a = await gql('{ viewer { login } }');
    const b = await gql('{ viewer { login } }');
    expect(a.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(Number(b.headers.get('x-ratelimit-remaining'))).toBe(
      Number(a.headers.get('x-ratelimit-remaining')) - 1,
    );
  });
});
