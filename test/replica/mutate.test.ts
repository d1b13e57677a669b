/**
 * POST /__replica/mutate (mutate.ts): a merge, a release and a ticket link are seen by every route at once — GitHub
 * REST, GraphQL (pull request state and release tag history) and search, Zendesk's ticket and search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader } from './credentials.ts';
import { type Replica, startReplica } from './server.ts';

// biome-ignore lint/suspicious/noExplicitAny: API answers are asserted field by field
type Json = any;

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.close());

const get = async (url: string, system: 'github' | 'zendesk' = 'github'): Promise<Json> =>
  (await replica.fetch(url, { headers: { authorization: authHeader(system) } })).json();
const gql = async (query: string): Promise<Json> =>
  (
    await replica.fetch('https://api.github.com/graphql', {
      method: 'POST',
      headers: { authorization: authHeader('github'), 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    })
  ).json();
const control = (body: unknown) =>
  replica.fetch('https://api.github.com/__replica/mutate', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('mutating the replica while it runs', () => {
  it('a merge and a release: REST, GraphQL and search agree, and the release contains the merge', async () => {
    expect((await get('https://api.github.com/repos/acme/shop-api/pulls/43')).merged).toBe(false);
    const merged = await control({
      mergePull: { repo: 'acme/shop-api', number: 43, at: '2026-03-20T10:00:00Z' },
    });
    expect(merged.status).toBe(200);
    const pull = await get('https://api.github.com/repos/acme/shop-api/pulls/43');
    expect([pull.state, pull.merged, pull.merged_at]).toEqual(['closed', true, '2026-03-20T10:00:00Z']);
    const search = await get(
      'https://api.github.com/search/issues?q=' +
        encodeURIComponent('repo:acme/shop-api is:pr is:merged SHOP-102'),
    );
    expect(search.items.map((i: Json) => i.number)).toContain(43);
    const state = await gql(
      '{ repository(owner: "acme", name: "shop-api") { pullRequest(number: 43) { merged state mergeCommit { oid } } } }',
    );
    expect(state.data.repository.pullRequest).toMatchObject({ merged: true, state: 'MERGED' });
    const sha = state.data.repository.pullRequest.mergeCommit.oid;

    replica.mutate({ publishRelease: { repo: 'acme/shop-api', tag: 'v2.4.2', at: '2026-03-21T10:00:00Z' } });
    expect((await get('https://api.github.com/repos/acme/shop-api/releases/latest')).tag_name).toBe('v2.4.2');
    const history = await gql(
      '{ repository(owner: "acme", name: "shop-api") { release(tagName: "v2.4.2") { tagCommit { history(first: 5) { nodes { oid } } } } } }',
    );
    expect(history.data.repository.release.tagCommit.history.nodes.map((n: Json) => n.oid)).toContain(sha);
    // The earlier release does not contain it.
    const before = await gql(
      '{ repository(owner: "acme", name: "shop-api") { release(tagName: "v2.4.1") { tagCommit { history(first: 100) { nodes { oid } } } } } }',
    );
    expect(before.data.repository.release.tagCommit.history.nodes.map((n: Json) => n.oid)).not.toContain(sha);
  });

  it('a ticket linked to a bug: its "Jira issue" field holds the new key', async () => {
    replica.mutate({ linkTicket: { ticket: 4712, jiraKey: 'SHOP-102', at: '2026-03-16T08:00:00Z' } });
    const ticket = (await get('https://acme.zendesk.com/api/v2/tickets/4712.json', 'zendesk')).ticket;
    expect(ticket.custom_fields.map((f: Json) => f.value)).toContain('SHOP-102');
  });

  it('a mutation that does not apply is a 400 naming why', async () => {
    const res = await control({
      mergePull: { repo: 'acme/shop-api', number: 42, at: '2026-03-20T10:00:00Z' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('acme/shop-api#42 is already merged');
    expect((await control({ nothing: true })).status).toBe(400);
  });
});
