/**
 * What the release brief reads from the replica (issue 13): GitHub's compare page, Jira's "Get version" and
 * `fixVersion` by id, and `Commit.associatedPullRequests` — each as the real system answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader } from './credentials.ts';
import { type Replica, startReplica } from './server.ts';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.close());

const jira = (path: string, init: RequestInit = {}) =>
  replica.fetch(`https://acme.atlassian.net${path}`, {
    ...init,
    headers: { authorization: authHeader('jira'), 'content-type': 'application/json' },
  });

describe('release routes', () => {
  it('serve the compare page of two tags (two or three dots), 404 for a ref that does not exist', async () => {
    for (const url of [
      'https://github.com/acme/shop-api/compare/v2.4.0...v2.4.1',
      'https://github.com/acme/shop-api/compare/v2.4.0..v2.4.1',
    ]) {
      const res = await replica.fetch(url);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<title>Comparing v2.4.0');
      expect(html).toContain('Merge pull request #42 from acme/fix/SHOP-101-checkout-timeout');
    }
    expect((await replica.fetch('https://github.com/acme/shop-api/compare/v2.4.0...v9.9.9')).status).toBe(
      404,
    );
  });

  it('answer "Get version" with the version, and 404 in Jira’s words for an unknown id', async () => {
    const res = await jira('/rest/api/3/version/10102');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      self: 'https://acme.atlassian.net/rest/api/3/version/10102',
      id: '10102',
      description: 'Mobile coupon rework',
      name: '2.5.0',
      archived: false,
      released: false,
      projectId: 10000,
    });
    const missing = await jira('/rest/api/3/version/424242');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      errorMessages: ["Could not find version for id '424242'"],
      errors: {},
    });
  });

  it('find a version’s issues by its id as by its name', async () => {
    const keys = async (jql: string) => {
      const res = await jira('/rest/api/3/search/jql', {
        method: 'POST',
        body: JSON.stringify({ jql, fields: ['summary'] }),
      });
      return ((await res.json()) as { issues: { key: string }[] }).issues.map((i) => i.key).sort();
    };
    const byId = await keys('fixVersion = 10101');
    expect(byId).toContain('SHOP-101');
    expect(byId).toEqual(await keys('fixVersion = "2.4.1"'));
  });

  it('answer Commit.associatedPullRequests with the pull request a merge commit came from', async () => {
    const pull = replica.dataset.pulls.find((p) => p.repo === 'acme/shop-api' && p.number === 42);
    const res = await replica.fetch('https://api.github.com/graphql', {
      method: 'POST',
      headers: { authorization: authHeader('github'), 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ repository(owner: "acme", name: "shop-api") { object(oid: "${pull?.mergeCommitSha}") { ... on Commit { associatedPullRequests(first: 5) { nodes { number merged repository { nameWithOwner } } } } } } }`,
      }),
    });
    const body = (await res.json()) as { data: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      repository: {
        object: {
          associatedPullRequests: {
            nodes: [{ number: 42, merged: true, repository: { nameWithOwner: 'acme/shop-api' } }],
          },
        },
      },
    });
  });
});
