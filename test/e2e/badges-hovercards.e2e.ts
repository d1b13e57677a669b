import type { Page } from 'puppeteer-core';
import { describe, expect, test } from 'vitest';
import { resolveDataset } from '../replica/dataset/index';
import { browserKinds, waitForPanel } from './browsers';
import { useExtensionBrowser } from './fixture';

/**
 * Issue 4: list badges (every row of a list resolved in one batched pass) and hovercards on references in a page's
 * text, in both browsers against the replica's real-URL pages.
 */

const systems: Record<string, string> = {
  'api.github.com': 'github',
  'acme.atlassian.net': 'jira',
  'acme.service-now.com': 'servicenow',
  'acme.zendesk.com': 'zendesk',
};

/** The replica's story, with a support engineer's comment on acme/shop-api#42 naming the incident. */
function dataset() {
  const ds = resolveDataset();
  const pull = ds.pulls.find((p) => p.repo === 'acme/shop-api' && p.number === 42);
  pull?.comments.push({
    author: 'sam-support',
    body: 'Globex hit this in INC0010001; the fix is what they are waiting for.',
    at: '2026-03-10T16:00:00Z',
  });
  return ds;
}

const attrs = (page: Page, ref: string) =>
  page.$eval(`liaison-badge[data-ref="${ref}"]`, (el) => ({
    count: el.getAttribute('data-count'),
    priority: el.getAttribute('data-priority'),
    label: el.getAttribute('aria-label'),
    text: el.shadowRoot?.querySelector('.badge')?.textContent ?? '',
    afterTitle: el.previousElementSibling?.matches('a.js-navigation-open') ?? false,
  }));
const panelCount = (page: Page) =>
  page.$$eval('liaison-panel[data-panel="linked-incidents"] >>> li[data-ref]', (els) => els.length);

describe.each(browserKinds)('%s', (kind) => {
  const fx = useExtensionBrowser(kind, { dataset: dataset() });
  const open = fx.open;

  // First in the file: the extension's cache is still empty, so the requests are the pass's own.
  test('PR list: a badge per row from one batched pass; #42 counts what its page shows, #44 none', async () => {
    const rows = fx.replica.dataset.pulls.filter((p) => p.repo === 'acme/shop-api').length;
    fx.replica.clearLog();
    const page = await open('https://github.com/acme/shop-api/pulls?q=is%3Apr');
    await page.waitForFunction(
      (n) => document.querySelectorAll('liaison-badge[data-count]').length === n,
      { timeout: 30_000 },
      rows,
    );
    const b42 = await attrs(page, 'github:acme/shop-api#42');
    expect(b42).toMatchObject({ count: '6', priority: '1', text: '6 · P1', afterTitle: true });
    expect(b42.label).toMatch(/^6 linked tickets, worst priority (1 - Critical|Urgent)$/);
    const b44 = await attrs(page, 'github:acme/shop-api#44');
    expect(b44).toMatchObject({ count: '0', priority: null, label: 'No linked tickets', text: '0' });
    expect(
      await page.$$eval(
        '.js-issue-row',
        (els) => els.filter((r) => r.querySelectorAll('liaison-badge').length !== 1).length,
      ),
    ).toBe(0);

    // One pass: every row read by a single GraphQL request, and one batched key lookup per hop.
    const api = fx.replica.requests.filter((r) => systems[r.host]);
    const rowReads = api.filter(
      (r) =>
        r.path === '/graphql' && /n\d+: issueOrPullRequest/.test(r.body ?? '') && r.body?.includes('n44:'),
    );
    expect(rowReads).toHaveLength(1);
    for (const p of fx.replica.dataset.pulls.filter((x) => x.repo === 'acme/shop-api'))
      expect(rowReads[0]?.body).toContain(`n${p.number}: issueOrPullRequest`);
    expect(api.filter((r) => r.body?.includes('"jql":"key in')).length).toBeLessThanOrEqual(2);
    const perSystem: Record<string, number> = {};
    for (const r of api)
      perSystem[systems[r.host] ?? r.host] = (perSystem[systems[r.host] ?? r.host] ?? 0) + 1;
    console.info(`[${kind}] ${rows} rows, one pass: ${JSON.stringify(perSystem)}`);

    // The same figure as the PR's own linked-incidents panel.
    const pr = await open('https://github.com/acme/shop-api/pull/42');
    await waitForPanel(pr, 'linked-incidents', ['ready']);
    expect(await panelCount(pr)).toBe(6);
  });

  test('Jira issue navigator: rows get badges after their summary, as many as the issue page lists', async () => {
    const page = await open('https://acme.atlassian.net/issues/?jql=project%20%3D%20SHOP%20ORDER%20BY%20key');
    const el = await page.waitForSelector('liaison-badge[data-ref="jira:SHOP-101"][data-count]', {
      timeout: 30_000,
    });
    const count = await el?.evaluate((b) => Number(b.getAttribute('data-count')));
    expect(await el?.evaluate((b) => b.previousElementSibling?.getAttribute('data-testid'))).toBe(
      'native-issue-table.common.ui.issue-cells.issue-summary.issue-summary-cell',
    );
    const issue = await open('https://acme.atlassian.net/browse/SHOP-101');
    await waitForPanel(issue, 'linked-incidents', ['ready']);
    expect(await panelCount(issue)).toBe(count);
    expect(count).toBeGreaterThan(0);
  });

  test('Jira issue navigator without its index-only key and summary cells: badges after the key links', async () => {
    // `?replica-landmarks=verified`: the rows keep only landmarks with openable sources (LANDMARKS.md).
    const page = await open(
      'https://acme.atlassian.net/issues/?jql=project%20%3D%20SHOP%20ORDER%20BY%20key&replica-landmarks=verified',
    );
    const el = await page.waitForSelector('liaison-badge[data-ref="jira:SHOP-101"][data-count]', {
      timeout: 30_000,
    });
    expect(await page.$('[data-testid*="issue-summary-cell"], [data-testid*="issue-key-cell"]')).toBeNull();
    expect(await el?.evaluate((b) => b.previousElementSibling?.getAttribute('href'))).toBe(
      '/browse/SHOP-101',
    );
    expect(Number(await el?.evaluate((b) => b.getAttribute('data-count')))).toBeGreaterThan(0);
  });

  test('a comment naming INC0010001 becomes a link whose hovercard shows the incident, on hover and on keyboard focus', async () => {
    const incident = fx.replica.dataset.snow.find((r) => r.number === 'INC0010001');
    const page = await open('https://github.com/acme/shop-api/pull/42');
    const selector = '.js-comment-body a.liaison-ref[data-liaison-ref="servicenow:INC0010001"]';
    const link = await page.waitForSelector(selector, { timeout: 30_000 });
    expect(await link?.evaluate((a) => [a.textContent, (a as HTMLAnchorElement).href])).toEqual([
      'INC0010001',
      'https://acme.service-now.com/incident.do?sysparm_query=number%3DINC0010001',
    ]);
    // The title is not prose: its SHOP-101 stays text.
    expect(await page.$('h1 a.liaison-ref')).toBeNull();

    const shown = 'liaison-hovercard[data-state="ready"]:not([hidden])';
    const cardText = () =>
      page.$eval('liaison-hovercard >>> [data-ref="servicenow:INC0010001"]', (el) => el.textContent ?? '');
    await page.hover(selector);
    await page.waitForSelector(shown, { timeout: 15_000 });
    expect(await cardText()).toContain(incident?.shortDescription);
    expect(await cardText()).toContain('In Progress');

    // Away with the pointer, then the keyboard: focus shows it, Escape hides it.
    await page.mouse.move(0, 0);
    await page.waitForSelector('liaison-hovercard[hidden]', { timeout: 5_000 });
    await page.focus(selector);
    await page.waitForSelector(shown, { timeout: 5_000 });
    expect(await link?.evaluate((a) => a.getAttribute('aria-describedby'))).toBe('liaison-hovercard');
    expect(await cardText()).toContain(incident?.shortDescription);
    await page.keyboard.press('Escape');
    await page.waitForSelector('liaison-hovercard[hidden]', { timeout: 5_000 });
    expect(await page.$$('liaison-hovercard')).toHaveLength(1);
  });
});
