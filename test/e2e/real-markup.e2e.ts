import type { Page } from 'puppeteer-core';
import { describe, expect, test } from 'vitest';
import { browserKinds, waitForPanel } from './browsers';
import { useExtensionBrowser } from './fixture';

/**
 * Issue 11: the URL shapes and markup variants the real sites serve beyond the replica's first pages. Each test
 * names where the panels must be (in the page's layout, or docked on purpose) and which subject they show.
 */

/** The element a panel was placed next to or inside, described by its first matching landmark. */
const placement = (page: Page, panel: string) =>
  page.$eval(`liaison-panel[data-panel="${panel}"]`, (el) => ({
    docked: el.closest('liaison-drawer') !== null,
    next: el.nextElementSibling?.getAttribute('data-testid') ?? el.nextElementSibling?.id ?? null,
    previous: el.previousElementSibling?.id ?? null,
    inside:
      el.parentElement?.getAttribute('data-testid') ?? el.parentElement?.getAttribute('data-test-id') ?? null,
  }));
const subjectOf = (page: Page, panel: string) =>
  page.$eval(`liaison-panel[data-panel="${panel}"]`, (el) => el.getAttribute('data-subject'));

/** Collects Liaison's console lines from the start of the page. */
function liaisonConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('[liaison]')) lines.push(m.text());
  });
  return lines;
}

describe.each(browserKinds)('%s', (kind) => {
  const fx = useExtensionBrowser(kind);
  const open = fx.open;
  const sysIdOf = (number: string) => fx.replica.dataset.snow.find((r) => r.number === number)?.sysId ?? '';

  test.each([
    ['/files/e1aba6f', 'progressive-diffs-list'],
    ['/files/1e27d799..e1aba6f', 'progressive-diffs-list'],
    ['/commits/1e27d7998afdd3608d9fc3bf95ccf27fa5010641', 'progressive-diffs-list'],
    ['/changes', 'virtualized-diffs-list'],
    ['/changes/1e27d79', 'virtualized-diffs-list'],
    ['/changes/1e27d799..e1aba6f', 'virtualized-diffs-list'],
  ])('GitHub pull request %s: linked incidents above the %s', async (suffix, list) => {
    const page = await open(`https://github.com/acme/shop-api/pull/42${suffix}`);
    await waitForPanel(page, 'linked-incidents', ['ready'], 20_000);
    expect(await subjectOf(page, 'linked-incidents')).toBe('github:acme/shop-api#42');
    const where = await placement(page, 'linked-incidents');
    expect(where.docked).toBe(false);
    // The panels sit right above the list, in the order the page type names them (knowledge last).
    await waitForPanel(page, 'knowledge', ['loading', 'ready', 'empty', 'error'], 20_000);
    const next = await page.$eval(
      'liaison-panel[data-panel="knowledge"]',
      (el) => el.nextElementSibling?.getAttribute('data-testid') ?? null,
    );
    expect([where.next, next]).toContain(list);
  });

  test.each(['/commits', '/checks'])(
    'GitHub pull request %s tab: panels docked on purpose, without a warning',
    async (suffix) => {
      const page = fx.track(await fx.eb.browser.newPage());
      const logged = liaisonConsole(page);
      await page.goto(`https://github.com/acme/shop-api/pull/42${suffix}`, { waitUntil: 'domcontentloaded' });
      await waitForPanel(page, 'linked-incidents', ['ready'], 20_000);
      expect((await placement(page, 'linked-incidents')).docked).toBe(true);
      expect(await subjectOf(page, 'linked-incidents')).toBe('github:acme/shop-api#42');
      expect(logged.join('\n')).not.toMatch(/anchor not found/);
    },
  );

  test('Jira /browse page in the compact layout: panels at its top, not in the drawer', async () => {
    const page = await open('https://acme.atlassian.net/browse/SHOP-101?replica-layout=compact');
    await waitForPanel(page, 'linked-incidents', ['ready'], 20_000);
    const where = await placement(page, 'linked-incidents');
    expect(where.docked).toBe(false);
    expect(where.inside).toBe('issue.views.issue-details.issue-layout.compact-layout');
  });

  test("Jira backlog: panels inside the preview's compact layout", async () => {
    const page = await open(
      'https://acme.atlassian.net/jira/software/c/projects/SHOP/boards/1/backlog?selectedIssue=SHOP-101',
    );
    await waitForPanel(page, 'linked-incidents', ['ready'], 20_000);
    expect(await subjectOf(page, 'linked-incidents')).toBe('jira:SHOP-101');
    expect((await placement(page, 'linked-incidents')).inside).toBe(
      'issue.views.issue-details.issue-layout.compact-layout',
    );
  });

  test('Zendesk ticket: the bug status in the context panel, not the ticket fields', async () => {
    const page = await open('https://acme.zendesk.com/agent/tickets/4711');
    await waitForPanel(page, 'bug-status', ['ready'], 20_000);
    const where = await placement(page, 'bug-status');
    expect(where.inside).toBe('component-type-ContextPanel');
    expect(
      await page.$eval(
        'liaison-panel[data-panel="bug-status"]',
        (el) => el.closest('#ticket_sidebar') === null,
      ),
    ).toBe(true);
  });

  test('Zendesk ticket in the standard layout, beside another open ticket: the bug status in its ticket fields', async () => {
    const page = await open('https://acme.zendesk.com/agent/tickets/4711?replica-layout=standard&tabs=4712');
    await waitForPanel(page, 'bug-status', ['ready'], 20_000);
    expect(await subjectOf(page, 'bug-status')).toBe('zendesk:acme/4711');
    const where = await page.$eval('liaison-panel[data-panel="bug-status"]', (el) => ({
      docked: el.closest('liaison-drawer') !== null,
      sidebar: el.parentElement?.id ?? null,
      layout: el.closest('[data-test-id$="-layout"]')?.getAttribute('data-test-id') ?? null,
    }));
    expect(where).toEqual({
      docked: false,
      sidebar: 'ticket_sidebar',
      layout: 'ticket-4711-standard-layout',
    });
  });

  test('GitHub React issue: the panels in the metadata pane, inside the metadata container', async () => {
    fx.replica.setGithubMarkup('react');
    const page = await open('https://github.com/acme/web/issues/7');
    await waitForPanel(page, 'linked-incidents', ['ready'], 20_000);
    const where = await placement(page, 'linked-incidents');
    expect(where.docked).toBe(false);
    expect(where.inside).toBe('issue-viewer-metadata-pane');
    expect(
      await page.$eval(
        'liaison-panel[data-panel="linked-incidents"]',
        (el) => el.parentElement?.parentElement?.getAttribute('data-testid') ?? null,
      ),
    ).toBe('issue-viewer-metadata-container');
  });

  test('ServiceNow classic form with the h1 header: the bug status right below the header bar', async () => {
    const page = await open(`https://acme.service-now.com/incident.do?sys_id=${sysIdOf('INC0010001')}`);
    await waitForPanel(page, 'bug-status', ['ready'], 20_000);
    expect(await subjectOf(page, 'bug-status')).toBe('servicenow:INC0010001');
    expect((await placement(page, 'bug-status')).previous).toBe('incident.form_header');
  });

  test('ServiceNow workspace with two open records: the bug status of the shown one, and of the next after a tab switch', async () => {
    const refsOf = (page: Page) =>
      page.$$eval('liaison-panel[data-panel="bug-status"] >>> [data-ref]', (els) =>
        els.map((e) => e.getAttribute('data-ref')),
      );
    const shown = sysIdOf('INC0010001'); // about SHOP-101
    const hidden = sysIdOf('INC0010004'); // about SHOP-102
    const page = await open(`https://acme.service-now.com/now/sow/record/incident/${shown}?tabs=${hidden}`);
    await waitForPanel(page, 'bug-status', ['ready'], 20_000);
    // The hidden record's screen comes first in the page: nothing of it may reach the panel.
    expect(await subjectOf(page, 'bug-status')).toBe('servicenow:INC0010001');
    expect(await refsOf(page)).toContain('jira:SHOP-101');
    expect(await refsOf(page)).not.toContain('jira:SHOP-102');

    await page.click(`sn-workspace-content >>> [data-replica-record="${hidden}"]`);
    await page.waitForSelector(
      'liaison-panel[data-panel="bug-status"][data-subject="servicenow:INC0010004"][data-state="ready"]',
      { timeout: 20_000 },
    );
    expect(await page.$$('liaison-panel[data-panel="bug-status"]')).toHaveLength(1);
    expect(await refsOf(page)).toContain('jira:SHOP-102');
    expect(await refsOf(page)).not.toContain('jira:SHOP-101');
  });
});
