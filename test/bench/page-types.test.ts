import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIST_ROWS, pageTypes, pageTypesReplica } from '../../bench/page-types';
import { type Replica, startReplica } from '../../test/replica/server';

/**
 * The page types the browser benches visit (issue 15: GitHub PR, PR list with 25 rows, Jira issue, JSM request,
 * ServiceNow incident in nav_to.do, Zendesk ticket, and a matched page that is not enhanced) are served by their
 * replica as the page a user would see: the PR list with its 25 rows.
 */
let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ ...pageTypesReplica, port: 0 });
});
afterAll(() => replica.close());

const html = async (url: string) => {
  const res = await replica.fetch(url);
  expect(res.status, url).toBe(200);
  return res.text();
};

describe('page types', () => {
  test('every enhanced page type is served', async () => {
    for (const c of pageTypes) await html(c.url(replica));
  });
  test(`the PR list shows ${LIST_ROWS} rows, each a pull request of acme/shop-api`, async () => {
    const list = pageTypes.find((c) => c.rows !== undefined);
    expect(list?.rows).toBe(LIST_ROWS);
    const page = await html(list?.url(replica) ?? '');
    // Each row's title link (test/replica/pages/github.ts `listRows`), what a row's badge goes after.
    const rows = [...page.matchAll(/<a id="issue_(\d+)_link"[^>]* href="([^"]*)"/g)];
    expect(rows).toHaveLength(LIST_ROWS);
    expect(page.match(/js-issue-row"/g)).toHaveLength(LIST_ROWS);
    for (const [, n, href] of rows) expect(href).toBe(`/acme/shop-api/pull/${n}`);
  });
});
