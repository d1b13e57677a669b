/**
 * Queries are evaluated, not canned: each system's query language selects the right records, and a
 * query matching nothing returns nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, type ReplicaSystem } from './credentials.ts';
import { type Replica, startReplica } from './server.ts';

// biome-ignore lint/suspicious/noExplicitAny: API answers are asserted field by field
type Json = any;

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.close());

async function call(
  system: ReplicaSystem,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: Json; headers: Headers }> {
  const res = await replica.fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: authHeader(system), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

describe('GitHub search', () => {
  const search = async (q: string) =>
    (await call('github', `https://api.github.com/search/issues?q=${encodeURIComponent(q)}`)).json;
  it('evaluates repo:, is:, free words', async () => {
    const prs = await search('repo:acme/shop-api is:pr SHOP-101');
    expect(prs.items.map((i: { number: number }) => i.number)).toEqual([42]);
    expect((await search('repo:acme/shop-api is:pr is:merged SHOP-102')).total_count).toBe(0);
    expect((await search('repo:acme/shop-api is:pr is:open SHOP-102')).items[0].number).toBe(43);
    expect((await search('repo:acme/web is:issue OPS-12')).items[0].number).toBe(7);
    expect((await search('repo:acme/web is:pr OPS-12')).total_count).toBe(0);
  });
  it('matches whole tokens, case-insensitively, and returns nothing for no match', async () => {
    expect((await search('shop-101 repo:acme/shop-api')).total_count).toBe(1);
    expect(await search('repo:acme/shop-api SHOP-10')).toEqual({
      total_count: 0,
      incomplete_results: false,
      items: [],
    });
    expect((await search('repo:nope/nope SHOP-101')).total_count).toBe(0);
  });
  it('pages with per_page and a Link header', async () => {
    const res = await call('github', 'https://api.github.com/repos/acme/shop-api/pulls?state=all&per_page=2');
    expect(res.json).toHaveLength(2);
    expect(res.headers.get('link')).toMatch(/[?&]page=2>; rel="next"/);
  });
  it('answers release containment through compare', async () => {
    const pr = replica.dataset.pulls.find((p) => p.number === 42);
    const inRelease = await call(
      'github',
      `https://api.github.com/repos/acme/shop-api/compare/${pr?.mergeCommitSha}...v2.4.1`,
    );
    expect(['ahead', 'identical']).toContain(inRelease.json.status);
    const before = await call(
      'github',
      `https://api.github.com/repos/acme/shop-api/compare/${pr?.mergeCommitSha}...v2.4.0`,
    );
    expect(before.json.status).toBe('behind');
  });
});

describe('JQL', () => {
  const jql = async (q: string, extra: Record<string, unknown> = {}) =>
    call('jira', 'https://acme.atlassian.net/rest/api/3/search/jql', {
      jql: q,
      fields: ['summary'],
      ...extra,
    });
  const keys = (r: { json: { issues: { key: string }[] } }) => r.json.issues.map((i) => i.key);
  it('evaluates key in, project, text ~, AND/OR, parentheses, ORDER BY', async () => {
    expect(keys(await jql('key in (SHOP-102, SHOP-101) ORDER BY key DESC'))).toEqual([
      'SHOP-102',
      'SHOP-101',
    ]);
    expect(keys(await jql('key = OPS-12'))).toEqual(['OPS-12']);
    expect(keys(await jql('project = SUP AND text ~ "large baskets"'))).toEqual(['SUP-7']);
    expect(keys(await jql('(summary ~ "coupon" OR summary ~ "SSO") AND project in (SHOP, OPS)'))).toEqual([
      'OPS-12',
      'SHOP-102',
    ]);
    expect(keys(await jql('issue in linkedIssues(SHOP-101)'))).toEqual(['SUP-7']);
    expect(keys(await jql('"Zendesk Ticket IDs" ~ "4711"'))).toEqual(['SHOP-101']);
    expect(keys(await jql('cf[10100] ~ 4711 AND statusCategory = Done'))).toEqual(['SHOP-101']);
  });
  it('matches nothing with an empty page, and pages with nextPageToken', async () => {
    const none = await jql('project = SHOP AND text ~ "no such words anywhere"');
    expect(none.json).toEqual({ issues: [], isLast: true });
    const first = await jql('project = SHOP', { maxResults: 3 });
    expect(first.json.isLast).toBe(false);
    const second = await jql('project = SHOP', { maxResults: 3, nextPageToken: first.json.nextPageToken });
    expect(keys(second)).toHaveLength(3);
    expect(keys(second)).not.toContain(keys(first)[0]);
  });
  it('rejects what Jira rejects, with 400 errorMessages', async () => {
    const unknownKey = await jql('key in (SHOP-101, SHOP-99999)');
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.json.errorMessages).toEqual([
      "An issue with key 'SHOP-99999' does not exist for field 'key'.",
    ]);
    expect((await jql('project = NOPE')).json.errorMessages[0]).toBe(
      "The value 'NOPE' does not exist for the field 'project'.",
    );
    expect((await jql('frobnicate = 1')).status).toBe(400);
    expect((await jql('ORDER BY created')).json.errorMessages[0]).toMatch(/Unbounded/);
  });
  it('fields selects fields; no fields means ids only', async () => {
    const bare = await call('jira', 'https://acme.atlassian.net/rest/api/3/search/jql', {
      jql: 'key = SHOP-101',
    });
    expect(bare.json.issues[0].fields).toBeUndefined();
    const some = await jql('key = SHOP-101');
    expect(Object.keys(some.json.issues[0].fields)).toEqual(['summary']);
  });
  it('Cloud search gives 20 comments an issue with the real total; the comment endpoint pages the rest', async () => {
    const shop102 = replica.dataset.jiraIssues.find((i) => i.site === 'cloud' && i.key === 'SHOP-102');
    if (!shop102) throw new Error('the dataset has no SHOP-102');
    const before = shop102.comments;
    shop102.comments = Array.from({ length: 25 }, (_, n) => ({
      authorKey: 'mona',
      at: '2026-03-10T10:00:00Z',
      text: n === 22 ? 'The customer side is INC0019999.' : `Looked again (${n}).`,
    }));
    try {
      // the search matches the 23rd comment, but gives only the first 20
      const found = await jql('text ~ "INC0019999"', { fields: ['comment'] });
      expect(keys(found)).toEqual(['SHOP-102']);
      const comment = found.json.issues[0].fields.comment;
      expect([comment.comments.length, comment.maxResults, comment.total, comment.startAt]).toEqual([
        20, 20, 25, 0,
      ]);
      const page = await call(
        'jira',
        'https://acme.atlassian.net/rest/api/3/issue/SHOP-102/comment?startAt=20&maxResults=2',
      );
      expect([page.json.startAt, page.json.maxResults, page.json.total, page.json.comments.length]).toEqual([
        20, 2, 25, 2,
      ]);
      const rest = await call(
        'jira',
        'https://acme.atlassian.net/rest/api/3/issue/SHOP-102/comment?startAt=20&maxResults=5000',
      );
      // at most 100 a page, whatever is asked
      expect(rest.json.maxResults).toBe(100);
      expect(JSON.stringify(rest.json.comments[2].body)).toContain('INC0019999');
      expect(
        (await call('jira', 'https://acme.atlassian.net/rest/api/3/issue/SHOP-9999/comment')).status,
      ).toBe(404);
    } finally {
      shop102.comments = before;
    }
  });
  it('Data Center search validates keys unless validateQuery is false, and refuses a string in the POST body', async () => {
    const dc = (body: unknown) =>
      replica
        .fetch('https://jira.acme.test/rest/api/2/search', {
          method: 'POST',
          headers: { authorization: authHeader('jira-dc'), 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
        .then(async (r) => ({ status: r.status, json: await r.json() }));
    expect((await dc({ jql: 'key in (PLAT-5, PLAT-999)' })).status).toBe(400);
    const string = await dc({ jql: 'key in (PLAT-5, PLAT-999)', validateQuery: 'warn' });
    expect(string.status).toBe(400);
    expect(string.json.errorMessages[0]).toMatch(/java\.lang\.Boolean from String value 'warn'/);
    const off = await dc({ jql: 'key in (PLAT-5, PLAT-999)', validateQuery: false });
    expect(off.json.total).toBe(1);
    expect((await dc({ jql: 'key = PLAT-5' })).json.issues[0].fields.description).toBe(
      'The nightly billing export stops after 10,000 rows.',
    );
    // comments in plain text, 50 a page by default as Data Center documents
    const comments = await replica
      .fetch('https://jira.acme.test/rest/api/2/issue/PLAT-5/comment', {
        headers: { authorization: authHeader('jira-dc') },
      })
      .then((r) => r.json());
    expect(comments).toMatchObject({ startAt: 0, maxResults: 50 });
    expect(comments.comments.every((c: { body: unknown }) => typeof c.body === 'string')).toBe(true);
  });
});

describe('ServiceNow encoded queries', () => {
  const table = async (q: string, extra = '') =>
    (
      await call(
        'servicenow',
        `https://acme.service-now.com/api/now/table/incident?sysparm_query=${encodeURIComponent(q)}&sysparm_fields=number${extra}`,
      )
    ).json.result.map((r: { number: string }) => r.number);
  it('IN, LIKE, ^OR, ^NQ, ORDERBY', async () => {
    expect(await table('numberININC0010002,INC0010001^ORDERBYnumber')).toEqual(['INC0010001', 'INC0010002']);
    expect(
      await table(
        'short_descriptionLIKESHOP-101^ORdescriptionLIKESHOP-101^ORu_jira_key=SHOP-101^ORDERBYnumber',
      ),
    ).toEqual(['INC0010001', 'INC0010002', 'INC0010003']);
    expect(await table('u_jira_key=SHOP-101^NQnumber=INC0010005^ORDERBYDESCnumber')).toEqual([
      'INC0010005',
      'INC0010003',
    ]);
    expect(await table('company.name=Umbrella Corp^priority<=3^numberSTARTSWITHINC00100')).toEqual([
      'INC0010005',
    ]);
    expect(await table('u_jira_keyISNOTEMPTY^u_jira_key=SHOP-101')).toEqual(['INC0010003']);
  });
  it('matches nothing for no match; drops a condition on an unknown field, as the platform does by default', async () => {
    const all = replica.dataset.snow.filter((r) => r.table === 'incident').length;
    expect(await table('numberININC9999999')).toEqual([]);
    // glide.invalid_query.returns_no_rows is false by default: the invalid part is dropped, not the query
    expect(await table('no_such_column=1')).toHaveLength(all);
    expect(await table('numberININC0010001^no_such_column=1')).toEqual(['INC0010001']);
    // inside ^OR the other alternatives stay
    expect(await table('numberININC0010001^ORno_such_column=1')).toEqual(['INC0010001']);
    // an ^NQ query left with no condition matches every row
    expect(await table('numberININC0010001^NQu_nope=SHOP-101')).toHaveLength(all);
    expect(await table('numberININC0010001^NQu_nope=SHOP-101^ORu_jira_key=SHOP-101^ORDERBYnumber')).toEqual([
      'INC0010001',
      'INC0010003',
    ]);
    // a dot-walk through a field that is not a reference is unknown too
    expect(await table('number.name=x')).toHaveLength(all);
  });
  it('pages with sysparm_limit/offset, Link and X-Total-Count', async () => {
    const res = await call(
      'servicenow',
      'https://acme.service-now.com/api/now/table/incident?sysparm_limit=5&sysparm_offset=5&sysparm_fields=number',
    );
    expect(res.json.result).toHaveLength(5);
    expect(res.headers.get('x-total-count')).toBe(
      String(replica.dataset.snow.filter((r) => r.table === 'incident').length),
    );
    expect(res.headers.get('link')).toMatch(/rel="next"/);
  });
  it('reference fields in the three display modes', async () => {
    const url = (mode: string) =>
      `https://acme.service-now.com/api/now/table/incident?sysparm_query=number=INC0010001&sysparm_fields=company,caller_id.name&sysparm_display_value=${mode}`;
    const sysId = replica.dataset.orgs.find((o) => o.name === 'Globex Retail')?.snowSysId;
    const link = `https://acme.service-now.com/api/now/table/core_company/${sysId}`;
    expect((await call('servicenow', url('false'))).json.result[0]).toEqual({
      company: { link, value: sysId },
      'caller_id.name': 'Carla Mendes',
    });
    expect((await call('servicenow', url('true'))).json.result[0].company).toEqual({
      display_value: 'Globex Retail',
      link,
    });
    expect((await call('servicenow', url('all'))).json.result[0].company).toEqual({
      display_value: 'Globex Retail',
      link,
      value: sysId,
    });
  });
});

describe('Zendesk search and show_many', () => {
  const search = async (q: string) =>
    (await call('zendesk', `https://acme.zendesk.com/api/v2/search.json?query=${encodeURIComponent(q)}`))
      .json;
  it('evaluates type:, free text, status:, fieldvalue:, custom_field_<id>:', async () => {
    const ids = (r: { results: { id: number }[] }) => r.results.map((t) => t.id).sort();
    expect(ids(await search('type:ticket SHOP-101'))).toEqual([4712]);
    expect(ids(await search('type:ticket fieldvalue:SHOP-101'))).toEqual([4711]);
    expect(ids(await search('type:ticket custom_field_360012345001:SHOP-101 status:open'))).toEqual([4711]);
    expect(ids(await search('type:ticket status:pending SHOP-101'))).toEqual([4712]);
    expect((await search('type:ticket "SHOP-101" status:solved')).count).toBe(0);
    expect(await search('type:user SHOP-101')).toMatchObject({ results: [], count: 0, next_page: null });
  });
  it('description: matches comments too; a quoted custom_field_<id>: value matches nothing', async () => {
    const ids = (r: { results: { id: number }[] }) => r.results.map((t) => t.id).sort();
    // 4711's description does not say "large orders"; its first comment does
    expect(replica.dataset.tickets.find((t) => t.id === 4711)?.description).not.toMatch(/large orders/i);
    expect(ids(await search('type:ticket description:"large orders"'))).toContain(4711);
    expect(ids(await search('type:ticket subject:"large orders"'))).not.toContain(4711);
    expect(ids(await search('type:ticket custom_field_360012345001:SHOP-101'))).toEqual([4711]);
    expect(ids(await search('type:ticket custom_field_360012345001:"SHOP-101"'))).toEqual([]);
  });
  it('answers the first 1,000 results only: a page past them is a 422', async () => {
    const page = (n: number, per: number) =>
      call(
        'zendesk',
        `https://acme.zendesk.com/api/v2/search.json?query=type:ticket&per_page=${per}&page=${n}`,
      );
    expect((await page(10, 100)).status).toBe(200);
    expect(await page(11, 100)).toMatchObject({
      status: 422,
      json: {
        error: 'invalid',
        description: 'Invalid search: Requested response size was greater than Search Response Limits',
      },
    });
    expect((await page(101, 10)).status).toBe(422);
  });
  it("lists a ticket's comments, the description first, 100 a page at most", async () => {
    const ticket = replica.dataset.tickets.find((t) => t.id === 4711);
    const page = await call(
      'zendesk',
      'https://acme.zendesk.com/api/v2/tickets/4711/comments.json?per_page=500',
    );
    expect(page.json.comments.map((c: { body: string }) => c.body)).toEqual([
      ticket?.description,
      ...(ticket?.comments.map((c) => c.text) ?? []),
    ]);
    expect(page.json).toMatchObject({
      next_page: null,
      previous_page: null,
      count: 1 + (ticket?.comments.length ?? 0),
    });
    const one = await call(
      'zendesk',
      'https://acme.zendesk.com/api/v2/tickets/4711/comments.json?per_page=1',
    );
    expect(one.json.comments).toHaveLength(1);
    expect(one.json.next_page).toMatch(/[?&]page=2\b/);
    expect(
      (await call('zendesk', 'https://acme.zendesk.com/api/v2/tickets/999999/comments.json')).status,
    ).toBe(404);
  });
  it('show_many takes at most 100 ids', async () => {
    const ok = await call(
      'zendesk',
      'https://acme.zendesk.com/api/v2/tickets/show_many.json?ids=4711,999999',
    );
    expect(ok.json.tickets.map((t: { id: number }) => t.id)).toEqual([4711]);
    const ids = Array.from({ length: 101 }, (_, i) => 5000 + i).join(',');
    expect(
      (await call('zendesk', `https://acme.zendesk.com/api/v2/tickets/show_many.json?ids=${ids}`)).status,
    ).toBe(400);
  });
});
