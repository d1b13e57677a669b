/**
 * Fidelity: every replica route that has a reference file answers with the same key paths and value types
 * (test/replica/shape.ts). Allowances are listed per route with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, type ReplicaSystem } from './credentials.ts';
import { type Replica, startReplica } from './server.ts';
import {
  type CompareOptions,
  compareShapes,
  mergeShapes,
  reference,
  type Shape,
  shapeOf,
  subShape,
} from './shape.ts';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.close());

async function api(system: ReplicaSystem, url: string, body?: unknown): Promise<unknown> {
  const res = await replica.fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: authHeader(system), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, url).toBeLessThan(300);
  return res.json();
}

function expectSameShape(actual: unknown, ref: Shape, opts?: CompareOptions): void {
  expect(compareShapes(shapeOf(actual), ref, opts)).toEqual({ extra: [], mismatched: [], missing: [] });
}

const gh = 'https://api.github.com';
const ref = (file: string) => shapeOf(reference(file));

describe('GitHub REST follows reference/github', () => {
  it('GET /repos/{o}/{r}/pulls/{n} ~ pull-request.json', async () => {
    // the example's base.repo lacks allow_forking that its head.repo has; the repository schema has both
    expectSameShape(
      await api('github', `${gh}/repos/acme/shop-api/pulls/42`),
      ref('github/pull-request.json'),
      { allowExtra: ['$.base.repo.allow_forking'] },
    );
  });
  it('GET /repos/{o}/{r}/pulls ~ pull-request-list-item.json', async () => {
    const list = await api('github', `${gh}/repos/acme/shop-api/pulls?state=all&per_page=5`);
    expect((list as unknown[]).length).toBe(5);
    // the list example's repos omit has_discussions / allow_forking, which the repository schema (and pulls/get) has
    const repoKeys = ['head', 'base'].flatMap((b) => [
      `$[].${b}.repo.has_discussions`,
      `$[].${b}.repo.allow_forking`,
    ]);
    expectSameShape(list, ref('github/pull-request-list-item.json'), {
      completeAt: ['$[]'],
      allowExtra: repoKeys,
    });
  });
  it('GET /repos/{o}/{r}/issues/{n} ~ issue.json (issue and pull request)', async () => {
    // the issue schema (not its example) has pull_request.merged_at; the example predates it
    const opts = {
      allowExtra: ['$.pull_request.merged_at'],
      allowMissing: ['pull_request', 'pinned_comment'],
    };
    expectSameShape(await api('github', `${gh}/repos/acme/web/issues/7`), ref('github/issue.json'), opts);
    expectSameShape(
      await api('github', `${gh}/repos/acme/shop-api/issues/42`),
      ref('github/issue.json'),
      opts,
    );
  });
  it('GET /search/issues ~ search-issues.json + recorded search traffic', async () => {
    const recorded = (reference('recorded/github-search-issues.recorded.json') as { response: unknown }[])[0]
      ?.response;
    const both = mergeShapes(ref('github/search-issues.json'), shapeOf(recorded));
    const result = await api(
      'github',
      `${gh}/search/issues?q=${encodeURIComponent('repo:acme/shop-api SHOP-101')}`,
    );
    // `draft` is in the issue-search-result-item schema for pull requests; search_type only with advanced search
    expectSameShape(result, both, {
      allowExtra: ['$.items[].draft', '$.items[].pull_request.merged_at'],
      allowMissing: ['search_type'],
      completeAt: ['$', '$.items[]'],
    });
  });
  it('releases, compare, commit and rate_limit', async () => {
    expectSameShape(
      await api('github', `${gh}/repos/acme/shop-api/releases/tags/v2.4.1`),
      ref('github/release.json'),
      { allowMissing: ['discussion_url'] },
    );
    const list = await api('github', `${gh}/repos/acme/shop-api/releases`);
    expectSameShape((list as unknown[])[0], ref('github/release.json'), { allowMissing: ['discussion_url'] });
    const sha = replica.dataset.pulls.find((p) => p.number === 42)?.mergeCommitSha;
    expectSameShape(
      await api('github', `${gh}/repos/acme/shop-api/compare/${sha}...v2.4.1`),
      ref('github/compare-commits.json'),
    );
    expectSameShape(
      await api('github', `${gh}/repos/acme/shop-api/commits/${sha}`),
      ref('github/commit.json'),
    );
    // the replica lists the buckets the extension uses; the reference shows every bucket GitHub has
    expectSameShape(await api('github', `${gh}/rate_limit`), ref('github/rate-limit.json'), {
      completeAt: ['$'],
    });
  });
});

const jira = 'https://acme.atlassian.net';
const recordedIssue = () => subShape(ref('recorded/jira-search-two-issues.recorded.json'), '$.issues[]');
// custom fields differ per site; JSM field values of this site are not in the recording
const jiraAllow = { allowExtra: ['$.fields.customfield_*'], completeAt: ['$'] };

describe('Jira Cloud REST v3 follows reference/jira and the recorded search', () => {
  it('GET /rest/api/3/issue/{key}: envelope ~ issue.json, fields ~ recorded issue fields', async () => {
    const issue = await api('jira', `${jira}/rest/api/3/issue/SHOP-101`);
    const envelope = mergeShapes(ref('jira/issue.json'), recordedIssue());
    expectSameShape(issue, envelope, { ...jiraAllow, allowMissing: ['renderedFields', 'transitions'] });
    const fields = (issue as { fields: { description: { type: string } } }).fields;
    expect(fields.description.type).toBe('doc');
  });
  it('POST /rest/api/3/search/jql ~ search-jql.json envelope + recorded fields', async () => {
    const res = await api('jira', `${jira}/rest/api/3/search/jql`, {
      jql: 'key in (SHOP-101, SUP-7)',
      fields: ['*all'],
    });
    const refShape = mergeShapes(
      subShape(ref('jira/search-jql.json'), '$.response'),
      shapeOf({ issues: [] }),
    );
    const env = compareShapes(shapeOf({ isLast: (res as { isLast: boolean }).isLast, issues: [] }), refShape);
    expect(env).toEqual({ extra: [], mismatched: [], missing: [] });
    for (const issue of (res as { issues: unknown[] }).issues)
      expectSameShape(issue, mergeShapes(recordedIssue(), ref('jira/issue.json')), {
        ...jiraAllow,
        allowMissing: ['renderedFields', 'transitions'],
      });
  });
  it('POST /rest/api/3/issue/bulkfetch ~ issue-bulkfetch.json', async () => {
    const res = await api('jira', `${jira}/rest/api/3/issue/bulkfetch`, {
      issueIdsOrKeys: ['SHOP-101', 'NOPE-1'],
      fields: ['summary', 'project', 'assignee'],
    });
    const refShape = mergeShapes(
      subShape(ref('jira/issue-bulkfetch.json'), '$.response'),
      shapeOf({ issueErrors: [{ id: 'x', errorMessage: 'y' }] }),
    );
    // accountType is on every user of the recorded Cloud responses; the spec example omits it
    expectSameShape(res, refShape, {
      allowExtra: ['$.issues[].fields.project.projectTypeKey', '$.issues[].fields.assignee.accountType'],
    });
  });
  it('remote links, project search, link types', async () => {
    expectSameShape(
      await api('jira', `${jira}/rest/api/3/issue/SHOP-101/remotelink`),
      ref('jira/remote-links.json'),
      { completeAt: [] },
    );
    const created = await api('jira', `${jira}/rest/api/3/issue/SHOP-102/remotelink`, {
      globalId: 'test:shape',
      object: { url: 'https://example.com/x', title: 'x' },
    });
    expectSameShape(created, subShape(ref('jira/remote-link-upsert.json'), '$.response_201_created'));
    // projectTypeKey is part of the Project bean (the example omits it); projectCategory is optional
    expectSameShape(await api('jira', `${jira}/rest/api/3/project/search`), ref('jira/project-search.json'), {
      allowExtra: ['$.values[].projectTypeKey'],
      allowMissing: ['nextPage'],
    });
    expectSameShape(await api('jira', `${jira}/rest/api/3/issueLinkType`), ref('jira/issue-link-types.json'));
  });
  it('JSM request and SLA ~ jsm-request.json, jsm-sla.json', async () => {
    expectSameShape(
      await api('jira', `${jira}/rest/servicedeskapi/request/SUP-7`),
      ref('jira/jsm-request.json'),
    );
    const sla = await api('jira', `${jira}/rest/servicedeskapi/request/SUP-7/sla`);
    // `id` is in the SlaInformation schema; the example omits it. next/prev links only when there are pages
    expectSameShape(sla, ref('jira/jsm-sla.json'), {
      allowExtra: ['$.values[].id'],
      completeAt: ['$', '$.values[]'],
      allowMissing: [],
    });
  });
});

describe('Jira Data Center REST v2', () => {
  it('POST /rest/api/2/search has the old envelope of the recorded search', async () => {
    const res = await replica.fetch('https://jira.acme.test/rest/api/2/search', {
      method: 'POST',
      headers: { authorization: authHeader('jira-dc'), 'content-type': 'application/json' },
      body: JSON.stringify({ jql: 'project = PLAT', fields: ['summary', 'status'] }),
    });
    const body = (await res.json()) as { issues: { fields: Record<string, unknown> }[] };
    const env = compareShapes(
      shapeOf({ ...body, issues: [] }),
      mergeShapes(ref('recorded/jira-search-two-issues.recorded.json'), shapeOf({ issues: [] })),
      { allowMissing: ['names'] },
    );
    expect(env).toEqual({ extra: [], mismatched: [], missing: [] });
    expect(body.issues[0]?.fields.summary).toBe('Billing export drops rows for large accounts');
  });
});

const snow = 'https://acme.service-now.com/api/now/table/incident?sysparm_query=number=INC0010001';
describe('ServiceNow Table API follows incident-table-response.json', () => {
  for (const mode of ['false', 'true'] as const) {
    it(`sysparm_display_value=${mode}`, async () => {
      const res = await api('servicenow', `${snow}&sysparm_display_value=${mode}`);
      const refShape = subShape(
        shapeOf(reference('servicenow/incident-table-response.json')),
        `$.sysparm_display_value=${mode}`,
      );
      // u_jira_key: the instance's custom column; in display mode empty journal fields are "" either way
      const diff = compareShapes(shapeOf(res), refShape, {
        allowExtra: ['$.result[].u_jira_key'],
        completeAt: ['$.result[]'],
      });
      // INC0010001 is open: its resolved_by / closed_by references are empty, which the Table API sends as ""
      expect(diff).toEqual({
        extra: [],
        mismatched: ['$.result[].resolved_by', '$.result[].closed_by'],
        missing: [],
      });
      const closed = await api(
        'servicenow',
        `${snow.replace('INC0010001', 'INC0010007')}&sysparm_display_value=${mode}`,
      );
      expectSameShape(closed, refShape, {
        allowExtra: ['$.result[].u_jira_key'],
        completeAt: ['$.result[]'],
      });
    });
  }
  it('sysparm_display_value=all', async () => {
    const fields =
      'number,short_description,state,priority,impact,urgency,caller_id,assignment_group,assigned_to,opened_at,sys_id';
    const res = await api('servicenow', `${snow}&sysparm_display_value=all&sysparm_fields=${fields}`);
    const refShape = subShape(
      shapeOf(reference('servicenow/incident-table-response.json')),
      '$.sysparm_display_value=all (constructed subset)',
    );
    expectSameShape(res, refShape, { completeAt: ['$.result[]'] });
  });
});

const zd = 'https://acme.zendesk.com/api/v2';
describe('Zendesk Support API follows reference/zendesk and the recorded ticket', () => {
  const ticketRef = () =>
    mergeShapes(
      subShape(ref('zendesk/ticket.json'), '$.ticket'),
      subShape(ref('recorded/zendesk-ticket-20.recorded.json'), '$.ticket'),
    );
  it('GET /api/v2/tickets/{id}.json and show_many', async () => {
    const one = (await api('zendesk', `${zd}/tickets/4711.json`)) as { ticket: unknown };
    expectSameShape(one.ticket, ticketRef());
    const many = (await api('zendesk', `${zd}/tickets/show_many.json?ids=4711,4712`)) as {
      tickets: unknown[];
    };
    expectSameShape(
      { ...many, tickets: [] },
      mergeShapes(
        ref('zendesk/tickets-show-many.json'),
        shapeOf({ next_page: null, previous_page: null, count: 0 }),
      ),
    );
    for (const t of many.tickets) expectSameShape(t, ticketRef());
  });
  it('GET /api/v2/search.json ~ search.json envelope, ticket results', async () => {
    const res = (await api(
      'zendesk',
      `${zd}/search.json?query=${encodeURIComponent('type:ticket SHOP-101')}`,
    )) as { results: unknown[] };
    expectSameShape({ ...res, results: [] }, ref('zendesk/search.json'));
    for (const t of res.results)
      expectSameShape(
        t,
        mergeShapes(subShape(ref('zendesk/search-type-ticket.constructed.json'), '$.results[]'), ticketRef()),
      );
  });
  it('organizations and satisfaction ratings', async () => {
    const org = replica.dataset.orgs[0]?.zendeskId;
    const orgs = (await api('zendesk', `${zd}/organizations/show_many.json?ids=${org}`)) as {
      organizations: unknown[];
    };
    // organization_fields are defined per account
    expectSameShape(orgs.organizations[0], subShape(ref('zendesk/organization.json'), '$.organization'), {
      allowExtra: ['$.organization_fields.*'],
    });
    const ratings = (await api('zendesk', `${zd}/satisfaction_ratings.json`)) as Record<string, unknown>;
    expectSameShape(
      ratings,
      mergeShapes(
        ref('zendesk/satisfaction-ratings.json'),
        shapeOf({ next_page: null, previous_page: null, count: 0 }),
      ),
    );
  });
});
