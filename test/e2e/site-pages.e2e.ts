import type { Frame, Page } from 'puppeteer-core';
import { describe, expect, test } from 'vitest';
import { browserKinds } from './browsers';
import { formFrame, useExtensionBrowser } from './fixture';

/** Issue 4: every page type shows its panels, in both browsers, on the replica's real-URL pages. */

type Where = Page | Frame;
const panelSelector = (panel: string, states: string[]) =>
  states.map((s) => `liaison-panel[data-panel="${panel}"][data-state="${s}"]`).join(', ');
const waitPanel = (where: Where, panel: string, states = ['ready'], timeout = 20_000) =>
  where.waitForSelector(panelSelector(panel, states), { timeout });
const refsOf = (where: Where, panel: string) =>
  where.$$eval(`liaison-panel[data-panel="${panel}"] >>> [data-ref]`, (els) =>
    els.map((e) => e.getAttribute('data-ref')),
  );
const textOf = (where: Where, panel: string) =>
  where.$eval(`liaison-panel[data-panel="${panel}"]`, (el) => el.shadowRoot?.textContent ?? '');

describe.each(browserKinds)('%s', (kind) => {
  const fx = useExtensionBrowser(kind);
  const open = fx.open;
  const incidentSysId = () => fx.replica.dataset.snow.find((r) => r.number === 'INC0010001')?.sysId ?? '';

  test('Jira issue: linked incidents from every service desk and the customer impact', async () => {
    const page = await open('https://acme.atlassian.net/browse/SHOP-101');
    await waitPanel(page, 'linked-incidents');
    expect(await refsOf(page, 'linked-incidents')).toEqual(
      expect.arrayContaining(['servicenow:INC0010001', 'zendesk:acme/4711', 'jira:SUP-7']),
    );
    await waitPanel(page, 'customer-impact');
    expect(await textOf(page, 'customer-impact')).toMatch(/Globex Retail/);
    expect(await page.$('liaison-drawer liaison-panel')).toBeNull();
  });

  test('Jira board with the issue open in the side panel', async () => {
    const page = await open(
      'https://acme.atlassian.net/jira/software/c/projects/SHOP/boards/1?selectedIssue=SHOP-101',
    );
    const panel = await waitPanel(page, 'linked-incidents');
    expect(await panel?.evaluate((el) => el.getAttribute('data-subject'))).toBe('jira:SHOP-101');
  });

  test('JSM request in the agent queue: the bug status chain and the sentence for the customer', async () => {
    const page = await open('https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-7');
    await waitPanel(page, 'bug-status');
    expect(await refsOf(page, 'bug-status')).toEqual(
      expect.arrayContaining(['jira:SHOP-101', 'github:acme/shop-api#42']),
    );
    expect(await textOf(page, 'bug-status')).toMatch(/released in v?2\.4\.1 on 1[02] March 2026/);
  });

  test('ServiceNow incident in the classic form inside nav_to.do: the panel is in the form frame only', async () => {
    const page = await open(
      `https://acme.service-now.com/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${incidentSysId()}`)}`,
    );
    const frame = await formFrame(page);
    const panel = await waitPanel(frame, 'bug-status');
    expect(await panel?.evaluate((el) => el.getAttribute('data-subject'))).toBe('servicenow:INC0010001');
    expect(await refsOf(frame, 'bug-status')).toContain('jira:SHOP-101');
    expect(await page.$('liaison-panel')).toBeNull();
  });

  test('ServiceNow incident in the Next Experience shell (Polaris)', async () => {
    const target = encodeURIComponent(`incident.do?sys_id=${incidentSysId()}`);
    const page = await open(`https://acme.service-now.com/now/nav/ui/classic/params/target/${target}`);
    const frame = await formFrame(page);
    await waitPanel(frame, 'bug-status');
  });

  test('ServiceNow Service Operations Workspace record', async () => {
    const page = await open(`https://acme.service-now.com/now/sow/record/incident/${incidentSysId()}`);
    const panel = await waitPanel(page, 'bug-status');
    expect(await panel?.evaluate((el) => el.getAttribute('data-subject'))).toBe('servicenow:INC0010001');
  });

  test('Zendesk ticket in the agent workspace', async () => {
    const page = await open('https://acme.zendesk.com/agent/tickets/4711');
    const panel = await waitPanel(page, 'bug-status');
    expect(await panel?.evaluate((el) => el.getAttribute('data-subject'))).toBe('zendesk:acme/4711');
    expect(await refsOf(page, 'bug-status')).toContain('jira:SHOP-101');
    expect(await textOf(page, 'bug-status')).toMatch(/released in/i);
  });

  test('a page whose markup changed still gets its panels, docked in the drawer, and the console names the anchor', async () => {
    const page = await fx.eb.browser.newPage();
    fx.track(page);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('[liaison]')) warnings.push(m.text());
    });
    // Simulate a GitHub redesign: the sidebar landmarks are gone before the content script runs.
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('DOMContentLoaded', () => {
        for (const el of document.querySelectorAll('#partial-discussion-sidebar, .discussion-sidebar'))
          el.remove();
      });
    });
    await page.goto('https://github.com/acme/shop-api/pull/42', { waitUntil: 'domcontentloaded' });
    await page.waitForSelector(
      'liaison-drawer liaison-panel[data-panel="linked-incidents"][data-state="ready"]',
      {
        timeout: 20_000,
      },
    );
    expect(warnings.join('\n')).toMatch(
      /\[liaison\] \[github\] anchor not found: #partial-discussion-sidebar/,
    );
  });
  test.each(['react', 'classic'] as const)(
    'GitHub release (%s markup): the customers its pull requests fixed, below the notes',
    async (markup) => {
      fx.replica.setGithubMarkup(markup);
      const release = fx.replica.dataset.releases.find(
        (r) => r.repo === 'acme/shop-api' && r.tag === 'v2.4.1',
      );
      const page = await open('https://github.com/acme/shop-api/releases/tag/v2.4.1');
      const panel = await waitPanel(page, 'linked-incidents');
      // The subject is the release's commit; the notes link #42 (SHOP-101) and #102.
      expect(await panel?.evaluate((p) => p.getAttribute('data-subject'))).toBe(
        `github:acme/shop-api@${release?.targetSha}`,
      );
      expect(await refsOf(page, 'linked-incidents')).toEqual(
        expect.arrayContaining(['servicenow:INC0010001', 'servicenow:INC0010003', 'zendesk:acme/4711']),
      );
      await waitPanel(page, 'customer-impact');
      expect(await textOf(page, 'customer-impact')).toMatch(/Globex Retail/);
      const notes =
        markup === 'react'
          ? '[data-test-selector="body-content"]'
          : 'div.release-main-section div.markdown-body';
      expect(
        await page.$eval(notes, (n) => n.nextElementSibling?.getAttribute('data-panel') ?? null),
      ).not.toBeNull();
      expect(await page.$('liaison-drawer')).toBeNull();
    },
  );
  test.each(['react', 'classic'] as const)(
    'GitHub issue (%s markup) and the PR files tab: linked incidents in the page, not the drawer',
    async (markup) => {
      fx.replica.setGithubMarkup(markup);
      const issue = await open('https://github.com/acme/web/issues/7');
      const panel = await waitPanel(issue, 'linked-incidents');
      expect(await panel?.evaluate((p) => p.getAttribute('data-subject'))).toBe('github:acme/web#7');
      // The issue names OPS-12, which INC0010005 mentions.
      expect(await refsOf(issue, 'linked-incidents')).toContain('servicenow:INC0010005');
      await waitPanel(issue, 'customer-impact');
      expect(await issue.$('liaison-drawer')).toBeNull();

      const files = await open('https://github.com/acme/shop-api/pull/42/files');
      await waitPanel(files, 'linked-incidents');
      expect(await refsOf(files, 'linked-incidents')).toContain('servicenow:INC0010001');
      expect(await files.$('liaison-drawer')).toBeNull();
    },
  );

  test.each(['react', 'classic'] as const)(
    'GitHub issue list (%s markup): a badge on every row, #7 counting its incident',
    async (markup) => {
      fx.replica.setGithubMarkup(markup);
      const page = await open('https://github.com/acme/web/issues');
      const badge = await page.waitForSelector('liaison-badge[data-ref="github:acme/web#7"][data-count]', {
        timeout: 30_000,
      });
      expect(await badge?.evaluate((b) => b.getAttribute('data-count'))).toBe('1');
      const rows = fx.replica.dataset.ghIssues.filter(
        (i) => i.repo === 'acme/web' && i.state === 'open',
      ).length;
      await page.waitForFunction(
        (n) => document.querySelectorAll('liaison-badge[data-count]').length === n,
        { timeout: 30_000 },
        rows,
      );
    },
  );
  test('Jira board, the older modal dialog (2021–2025)', async () => {
    const page = await open(
      'https://acme.atlassian.net/jira/software/projects/SHOP/boards/1?selectedIssue=SHOP-101',
    );
    const panel = await waitPanel(page, 'linked-incidents');
    expect(await panel?.evaluate((el) => el.getAttribute('data-subject'))).toBe('jira:SHOP-101');
    expect(await panel?.evaluate((el) => el.closest('[role="dialog"]') !== null)).toBe(true);
  });

  test('Jira single-page navigation: the panels follow to the next issue, placed once, on that issue', async () => {
    const page = await open('https://acme.atlassian.net/browse/SHOP-101');
    await waitPanel(page, 'linked-incidents');
    // Jira's router: the URL first, the next issue's view a moment later. Every panel placed is recorded with
    // the issue on screen at that moment.
    await page.evaluate(async (to) => {
      const placed: string[] = [];
      (window as unknown as { placed: string[] }).placed = placed;
      const current = () =>
        document.querySelector(
          '[data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"]',
        )?.textContent;
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes)
            if (n instanceof Element && n.matches('liaison-panel'))
              placed.push(`${n.getAttribute('data-subject')} on ${current()}`);
      }).observe(document, { childList: true, subtree: true });
      history.pushState({}, '', to);
      // The route changes at once (a loading bar appears); the next issue's view arrives with its data.
      const bar = document.createElement('div');
      bar.setAttribute('role', 'progressbar');
      document.body.append(bar);
      await new Promise((r) => setTimeout(r, 300));
      bar.remove();
      const next = new DOMParser().parseFromString(await (await fetch(to)).text(), 'text/html');
      document.title = next.title;
      const app = next.querySelector('#jira-frontend');
      if (app) document.querySelector('#jira-frontend')?.replaceWith(document.adoptNode(app));
    }, '/browse/SHOP-102');
    const panel = await page.waitForSelector(
      'liaison-panel[data-panel="linked-incidents"][data-subject="jira:SHOP-102"][data-state="ready"]',
      { timeout: 20_000 },
    );
    expect(panel).not.toBeNull();
    await waitPanel(page, 'customer-impact');
    expect(
      await page.$$eval('liaison-panel', (els) => els.map((e) => e.getAttribute('data-subject'))),
    ).toEqual(['jira:SHOP-102', 'jira:SHOP-102', 'jira:SHOP-102']);
    expect(await page.evaluate(() => (window as unknown as { placed: string[] }).placed)).toEqual([
      'jira:SHOP-102 on SHOP-102',
      'jira:SHOP-102 on SHOP-102',
      'jira:SHOP-102 on SHOP-102',
    ]);
  });

  test.each([
    ['problem', 'PRB0040001'],
    ['change_request', 'CHG0030001'],
  ])('ServiceNow %s form: the bug status of %s', async (table, number) => {
    const record = fx.replica.dataset.snow.find((r) => r.number === number);
    const page = await open(`https://acme.service-now.com/${table}.do?sys_id=${record?.sysId}`);
    const panel = await waitPanel(page, 'bug-status', ['ready', 'empty']);
    expect(await panel?.evaluate((el) => el.getAttribute('data-subject'))).toBe(`servicenow:${number}`);
    expect(await refsOf(page, 'bug-status')).toContain('jira:SHOP-101');
    expect(await page.$('liaison-drawer')).toBeNull();
  });
});
