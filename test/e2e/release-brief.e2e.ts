import type { Page } from 'puppeteer-core';
import { describe, expect, test } from 'vitest';
import { browserKinds } from './browsers';
import { useExtensionBrowser } from './fixture';

/**
 * Issue 13, the service desk brief (DESIGN.md contract 6): on a GitHub release, a compare view and a Jira fix
 * version, `data-panel="release-brief"` lists every ticket the release answers with `data-ref`, and its
 * `data-copy="markdown"` button copies the brief as Markdown.
 */

const brief = 'liaison-panel[data-panel="release-brief"]';
const waitBrief = (page: Page, timeout = 30_000) =>
  page.waitForSelector(`${brief}[data-state="ready"]`, { timeout });
const ticketRefs = (page: Page) =>
  page.$$eval(`${brief} >>> li.ticket[data-ref]`, (els) => [
    ...new Set(els.map((e) => e.getAttribute('data-ref') ?? '')),
  ]);
const workRefs = (page: Page) =>
  page.$$eval(`${brief} >>> li.work[data-ref]`, (els) => els.map((e) => e.getAttribute('data-ref')));
/** Clicks the brief's Copy Markdown (a user's click, in the focused tab), waits for "Copied", reads the clipboard. */
async function copyMarkdown(page: Page): Promise<string> {
  await page.bringToFront();
  await page.click(`${brief} >>> [data-copy="markdown"]`);
  await page.waitForFunction(
    (s) =>
      document.querySelector(s)?.shadowRoot?.querySelector('[data-copy="markdown"]')?.textContent ===
      'Copied',
    { timeout: 5_000 },
    brief,
  );
  return page.evaluate(() => navigator.clipboard.readText());
}
const shadowText = (page: Page, selector: string) =>
  page.$eval(brief, (el, s) => el.shadowRoot?.querySelector(s)?.textContent ?? '', selector);

/**
 * The customer tickets waiting on SHOP-101, the bug acme/shop-api#42 fixes (test/replica/dataset/story-itsm.ts):
 * Globex Retail's INC0010001, INC0010003 and Zendesk #4711, Initech's INC0010002 and #4712, Umbrella Corp's JSM
 * request SUP-7. #102, the release's other pull request, is linked to nothing.
 */
const shop101Tickets = [
  'jira:SUP-7',
  'servicenow:INC0010001',
  'servicenow:INC0010002',
  'servicenow:INC0010003',
  'zendesk:acme/4711',
  'zendesk:acme/4712',
];

describe.each(browserKinds)('%s', (kind) => {
  const fx = useExtensionBrowser(kind);

  test('a GitHub release: its pull requests, their bug, the tickets and customers; Markdown and rich text copied exactly', async () => {
    const page = await fx.open('https://github.com/acme/shop-api/releases/tag/v2.4.1');
    if (kind === 'chromium')
      await fx.eb.browser
        .defaultBrowserContext()
        .overridePermissions('https://github.com', [
          'clipboard-read',
          'clipboard-write',
          'clipboard-sanitized-write',
        ]);
    await waitBrief(page);
    expect(await shadowText(page, '[data-brief-heading]')).toBe('Service desk brief: acme/shop-api v2.4.1');
    expect(await shadowText(page, '[data-brief-summary]')).toBe(
      'Released 12 March 2026. Fixes 1 bug reported in 6 tickets by 3 customers.',
    );
    expect(await workRefs(page)).toEqual([
      'github:acme/shop-api#42',
      'jira:SHOP-101',
      'github:acme/shop-api#102',
    ]);
    expect([...(await ticketRefs(page))].sort()).toEqual(shop101Tickets);
    expect(await shadowText(page, '[data-brief-customers]')).toBe(
      'Customers: Globex Retail, Initech, Umbrella Corp.',
    );

    const copied = await copyMarkdown(page);
    const incident = (n: string) => fx.replica.dataset.snow.find((r) => r.number === n)?.sysId ?? 'missing';
    const snow = (n: string) =>
      `https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3D${incident(n)}`;
    expect(copied).toBe(EXPECTED(snow));

    // Rich text: HTML and plain text at once (navigator.clipboard.write), for mail and chat.
    await page.click(`${brief} >>> [data-copy="rich"]`);
    await page.waitForFunction(
      (s) =>
        document.querySelector(s)?.shadowRoot?.querySelector('[data-copy="rich"]')?.textContent === 'Copied',
      { timeout: 5_000 },
      brief,
    );
    const rich = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const text = async (type: string) =>
        item?.types.includes(type) ? (await item.getType(type)).text() : undefined;
      return { html: await text('text/html'), plain: await text('text/plain') };
    });
    expect(rich.html).toContain('<h2>Service desk brief: acme/shop-api v2.4.1</h2>');
    expect(rich.html).toContain('<a href="https://github.com/acme/shop-api/pull/42">acme/shop-api#42</a>');
    expect(rich.plain?.split('\n')[0]).toBe('Service desk brief: acme/shop-api v2.4.1');
    expect(rich.plain).toContain('- Pull request acme/shop-api#42: SHOP-101: stream cart totals');
  });

  test('a compare of two tags shows the same brief, above the commit list', async () => {
    const page = await fx.open('https://github.com/acme/shop-api/compare/v2.4.0...v2.4.1');
    const panel = await waitBrief(page);
    expect(await panel?.evaluate((p) => p.getAttribute('data-subject'))).toBe(
      'github:acme/shop-api/compare/v2.4.0...v2.4.1',
    );
    expect(await shadowText(page, '[data-brief-heading]')).toBe('Service desk brief: acme/shop-api v2.4.1');
    expect(await workRefs(page)).toEqual([
      'github:acme/shop-api#42',
      'jira:SHOP-101',
      'github:acme/shop-api#102',
    ]);
    expect([...(await ticketRefs(page))].sort()).toEqual(shop101Tickets);
    expect(
      await page.$eval('#commits_bucket', (b) => b.previousElementSibling?.getAttribute('data-panel')),
    ).toBe('release-brief');
    expect(await page.$('liaison-drawer')).toBeNull();
  });

  test('a released Jira fix version: its issue, the tickets waiting on it, docked at the page edge', async () => {
    const page = await fx.open(
      'https://acme.atlassian.net/projects/SHOP/versions/10101/tab/release-report-all-issues',
    );
    const panel = await waitBrief(page);
    expect(await panel?.evaluate((p) => p.getAttribute('data-subject'))).toBe('jira:SHOP/versions/10101');
    expect(await page.$(`liaison-drawer ${brief}`)).not.toBeNull();
    expect(await shadowText(page, '[data-brief-heading]')).toBe('Service desk brief: SHOP 2.4.1');
    expect(await shadowText(page, '[data-brief-summary]')).toMatch(/^Released 12 March 2026\. Fixes /);
    const work = await workRefs(page);
    expect(work[0]).toBe('jira:SHOP-101');
    expect(work).toContain('github:acme/shop-api#42');
    expect([...(await ticketRefs(page))].sort()).toEqual(expect.arrayContaining(shop101Tickets));
  });

  test('an unreleased Jira fix version is the upcoming release; a hostile ticket title stays text and is escaped in the Markdown', async () => {
    const page = await fx.open(
      'https://acme.atlassian.net/projects/SHOP/versions/10102/tab/release-report-all-issues',
    );
    await waitBrief(page);
    expect(await shadowText(page, '[data-brief-heading]')).toBe('Upcoming release brief: SHOP 2.5.0');
    expect(await workRefs(page)).toContain('jira:SHOP-102');

    // SHOP-102's incident INC0010006 is titled with HTML (story-itsm.ts `hostileText`): text in the panel, escaped
    // in the Markdown.
    const hostile = await page.waitForSelector(`${brief} >>> li.ticket[data-ref="servicenow:INC0010006"]`, {
      timeout: 10_000,
    });
    expect(await hostile?.evaluate((li) => li.querySelector('img') === null)).toBe(true);
    expect(await hostile?.evaluate((li) => li.textContent)).toContain('<img src=x onerror=alert(1)>');
    if (kind === 'chromium')
      await fx.eb.browser
        .defaultBrowserContext()
        .overridePermissions('https://acme.atlassian.net', ['clipboard-read', 'clipboard-write']);
    const markdown = await copyMarkdown(page);
    expect(markdown.startsWith('## Upcoming release brief: SHOP 2.5.0\n\nNot released yet. Will fix ')).toBe(
      true,
    );
    expect(markdown.split('\n').find((l) => l.includes('INC0010006'))).toMatch(
      /\): \\<img src=x onerror=alert\(1\)\\> "quotes" \\& ampersands — /,
    );
  });

  test('a service desk that is down is its own error inside the ready brief; the other tickets still show', async () => {
    fx.replica.fault({ host: 'acme.service-now.com', path: /^\/api\/now\//, kind: '500' });
    // A refresh of the page's brief bypasses the cache, so ServiceNow is asked (and fails) this time.
    const page = await fx.open('https://github.com/acme/shop-api/compare/v2.4.0..v2.4.1');
    await waitBrief(page);
    await page.click(`${brief} >>> button[aria-label^="Refresh"]`);
    await page.waitForFunction(
      (s) => document.querySelector(s)?.shadowRoot?.querySelector('[data-source-error="servicenow"]'),
      { timeout: 30_000 },
      `${brief}[data-state="ready"]`,
    );
    const tickets = await ticketRefs(page);
    expect(tickets.filter((r) => r.startsWith('servicenow:'))).toEqual([]);
    expect(tickets).toEqual(expect.arrayContaining(['zendesk:acme/4711', 'jira:SUP-7']));
  });

  test('a compare from the last tag to the default branch is the upcoming release', async () => {
    const page = await fx.open('https://github.com/acme/shop-api/compare/v2.4.1...main');
    await waitBrief(page);
    expect(await shadowText(page, '[data-brief-heading]')).toBe(
      'Upcoming release brief: acme/shop-api v2.4.1...main',
    );
    expect(await shadowText(page, '[data-brief-summary]')).toMatch(/^Not released yet\. Will fix /);
    // #105 (SHOP-208) was merged after v2.4.1 was published; #42 shipped in v2.4.1
    const work = await workRefs(page);
    expect(work).toContain('github:acme/shop-api#105');
    expect(work).not.toContain('github:acme/shop-api#42');
  });
});

/** The brief of v2.4.1 as Markdown, exactly; ServiceNow links carry each incident's sys_id (seeded). */
const EXPECTED = (snow: (n: string) => string) =>
  [
    '## Service desk brief: acme/shop-api v2.4.1',
    '',
    'Released 12 March 2026. Fixes 1 bug reported in 6 tickets by 3 customers.',
    '',
    'Customers: Globex Retail, Initech, Umbrella Corp.',
    '',
    '- Pull request [acme/shop-api#42](https://github.com/acme/shop-api/pull/42): SHOP-101: stream cart totals instead of loading every item (merged)',
    '  - Issue [SHOP-101](https://acme.atlassian.net/browse/SHOP-101): Checkout times out for carts over 50 items (Done)',
    '    - Ticket [#4711](https://acme.zendesk.com/agent/tickets/4711): Checkout spins forever with big orders — priority Urgent · Open · satisfaction bad · Globex Retail',
    `    - Incident [INC0010001](${snow('INC0010001')}): Checkout times out for large carts (SHOP-101) — priority 1 - Critical · In Progress · SLA breached · Globex Retail`,
    '    - Request [SUP-7](https://acme.atlassian.net/browse/SUP-7): Our buyers cannot check out large baskets — priority High · Waiting for support · SLA breached (Time to resolution) · Umbrella Corp',
    `    - Incident [INC0010002](${snow('INC0010002')}): Orders with many items fail at payment — priority 2 - High · On Hold · Initech`,
    `    - Incident [INC0010003](${snow('INC0010003')}): Bulk order page spins and gives up — priority 3 - Moderate · Resolved · Globex Retail`,
    '    - Ticket [#4712](https://acme.zendesk.com/agent/tickets/4712): Large basket checkout error — priority Normal · Pending · Initech',
    '- Pull request [acme/shop-api#102](https://github.com/acme/shop-api/pull/102): Improve order history fails for some accounts (merged)',
    '',
  ].join('\n');
