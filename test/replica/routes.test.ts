/**
 * Page URLs of every host reach their renderer with the dataset's record; unknown pages are 404.
 * (What each page contains is tested beside the renderers, in pages/pages.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileText } from './dataset/story-itsm.ts';
import { type Replica, startReplica } from './server.ts';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.close());

const page = async (url: string) => {
  const res = await replica.fetch(url);
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') };
};

describe('page routes', () => {
  it('serve each system’s pages at their real URLs', async () => {
    const sys = replica.dataset.snow.find((r) => r.number === 'INC0010001')?.sysId ?? '';
    const cases: [string, string][] = [
      ['https://github.com/acme/shop-api/pull/42', 'stream cart totals'],
      ['https://github.com/acme/shop-api/pull/42/files', 'stream cart totals'],
      ['https://github.com/acme/web/issues/7', 'Login page 500s'],
      ['https://github.com/acme/shop-api/pulls', 'Bump dependencies'],
      ['https://github.com/acme/shop-api/pulls?q=is%3Apr+is%3Amerged', 'stream cart totals'],
      [
        'https://acme.atlassian.net/issues/?jql=project%20%3D%20SHOP%20ORDER%20BY%20key',
        'Checkout times out',
      ],
      ['https://acme.atlassian.net/jira/software/c/projects/SHOP/issues', 'href="/browse/SHOP-101"'],
      ['https://github.com/acme/web/issues', 'Login page 500s'],
      ['https://ghe.acme.test/platform/billing/pull/5', 'stream billing export rows'],
      ['https://acme.atlassian.net/browse/SHOP-101', 'Checkout times out for carts over 50 items'],
      [
        'https://acme.atlassian.net/jira/software/projects/SHOP/boards/1?selectedIssue=SHOP-102',
        'Coupon codes ignored on mobile',
      ],
      [
        'https://acme.atlassian.net/jira/software/c/projects/SHOP/boards/1?selectedIssue=SHOP-101',
        'Checkout times out',
      ],
      ['https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-7', 'Umbrella Corp'],
      ['https://jira.acme.test/browse/PLAT-5', 'Billing export drops rows'],
      [`https://acme.service-now.com/incident.do?sys_id=${sys}`, 'INC0010001'],
      [
        `https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3D${sys}`,
        `incident.do?sys_id=${sys}`,
      ],
      [`https://acme.service-now.com/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${sys}`, sys],
      [`https://acme.service-now.com/now/sow/record/incident/${sys}`, 'INC0010001'],
      ['https://acme.zendesk.com/agent/tickets/4711', 'Checkout spins forever with big orders'],
    ];
    for (const [url, text] of cases) {
      const res = await page(url);
      expect(res.status, url).toBe(200);
      expect(res.type, url).toMatch(/^text\/html/);
      expect(res.html, url).toContain(text.replace(/&/g, '&amp;'));
    }
  });
  it('?replica-landmarks=verified serves the pages without their index-only landmarks', async () => {
    const sys = replica.dataset.snow.find((r) => r.number === 'INC0010001')?.sysId ?? '';
    const cases: [string, string, string][] = [
      ['https://acme.atlassian.net/browse/SHOP-101', 'context-group.details-group', 'container-right'],
      [
        'https://acme.atlassian.net/jira/software/c/projects/SHOP/boards/1?selectedIssue=SHOP-101',
        '<title>Board - ',
        'preview-panels.preview-panel',
      ],
      [
        'https://acme.atlassian.net/issues/?jql=project%20%3D%20SHOP%20ORDER%20BY%20key',
        'issue-key.issue-key-cell',
        'href="/browse/SHOP-101"',
      ],
      [
        `https://acme.service-now.com/now/sow/record/incident/${sys}`,
        'now-record-common-uiactionbar',
        'INC0010001',
      ],
      ['https://acme.zendesk.com/agent/tickets/4711', 'assignee-field-autocomplete-trigger', 'ContextPanel'],
    ];
    for (const [url, left, kept] of cases) {
      const normal = await page(url);
      const variant = await page(`${url}${url.includes('?') ? '&' : '?'}replica-landmarks=verified`);
      expect(normal.html, url).toContain(left);
      expect(variant.status, url).toBe(200);
      expect(variant.html, url).not.toContain(left);
      expect(variant.html, url).toContain(kept);
    }
  });
  it('escape hostile record text', async () => {
    const sys = replica.dataset.snow.find((r) => r.number === 'INC0010006')?.sysId;
    const res = await page(`https://acme.service-now.com/incident.do?sys_id=${sys}`);
    expect(res.html).not.toContain(hostileText);
    expect(res.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('list pages filter by state as GitHub does: open by default, is:closed, is:merged, or every state', async () => {
    const rows = async (q: string) =>
      [...(await page(`https://github.com/acme/shop-api/pulls${q}`)).html.matchAll(/id="issue_(\d+)"/g)].map(
        (m) => Number(m[1]),
      );
    expect(await rows('')).toContain(44);
    expect(await rows('')).not.toContain(42);
    expect(await rows('?q=is%3Apr+is%3Amerged')).toContain(42);
    expect(await rows('?q=is%3Apr+is%3Amerged')).not.toContain(44);
    expect(await rows('?q=is%3Apr')).toEqual(expect.arrayContaining([42, 43, 44]));
  });
  it('answer 404 for unknown pages and records', async () => {
    for (const url of [
      'https://github.com/acme/shop-api/pull/9999',
      'https://github.com/nope/nope/pull/1',
      'https://acme.atlassian.net/browse/NOPE-1',
      'https://acme.zendesk.com/agent/tickets/1',
      'https://acme.service-now.com/incident.do?sys_id=00000000000000000000000000000000',
      'https://acme.service-now.com/whatever',
    ]) {
      expect((await page(url)).status, url).toBe(404);
    }
  });
});
