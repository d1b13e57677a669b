/**
 * `npm run demo`: the extension on built-in sample data, no account needed. Starts the replica with the demo
 * dataset, launches Chromium with the built extension configured for it (DESIGN.md contract 2), and opens one page
 * of every page type (GitHub, Jira, JSM, ServiceNow, Zendesk). With a display the browser stays open to explore;
 * without one each page is screenshotted to demo-output/ and what each panel shows is printed.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { launch } from '../test/e2e/browsers.ts';
import { replicaSettings } from '../test/replica/credentials.ts';
import { startReplica } from '../test/replica/server.ts';
import { demoWatching } from './demo-watch.ts';

const outDir = new URL('../demo-output/', import.meta.url);
const interactive = Boolean(process.env.DISPLAY) && !process.env.CI && !process.argv.includes('--headless');

const replica = await startReplica({ port: 0, dataset: 'demo' });
const incident = replica.dataset.snow.find((r) => r.number === 'INC0010001');
/** One page of every page type (README "Sites"). */
const pages = [
  { name: 'github-pull-request', url: 'https://github.com/acme/shop-api/pull/42' },
  { name: 'github-issue', url: 'https://github.com/acme/web/issues/7' },
  { name: 'github-release', url: 'https://github.com/acme/shop-api/releases/tag/v2.4.1' },
  // the service desk brief: a compare of two tags, and the upcoming release (the last tag to the default branch)
  { name: 'github-compare', url: 'https://github.com/acme/shop-api/compare/v2.4.0...v2.4.1' },
  { name: 'github-compare-upcoming', url: 'https://github.com/acme/shop-api/compare/v2.4.1...main' },
  { name: 'github-pull-list', url: 'https://github.com/acme/shop-api/pulls?q=is%3Apr' },
  { name: 'github-issue-list', url: 'https://github.com/acme/web/issues' },
  { name: 'jira-issue', url: 'https://acme.atlassian.net/browse/SHOP-101' },
  {
    name: 'jira-version',
    url: 'https://acme.atlassian.net/projects/SHOP/versions/10101/tab/release-report-all-issues',
  },
  {
    name: 'jira-board-selected-issue',
    url: 'https://acme.atlassian.net/jira/software/c/projects/SHOP/boards/1?selectedIssue=SHOP-101',
  },
  {
    name: 'jira-issue-navigator',
    url: 'https://acme.atlassian.net/issues/?jql=project%20%3D%20SHOP%20ORDER%20BY%20key',
  },
  {
    name: 'jsm-request',
    url: 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-7',
  },
  {
    name: 'servicenow-incident',
    url: `https://acme.service-now.com/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${incident?.sysId}`)}`,
  },
  {
    name: 'servicenow-workspace',
    url: `https://acme.service-now.com/now/sow/record/incident/${incident?.sysId}`,
  },
  { name: 'zendesk-ticket', url: 'https://acme.zendesk.com/agent/tickets/4711' },
];

const browser = await launch('chromium', {
  port: replica.port,
  hosts: replica.hosts,
  headless: !interactive,
});
await browser.configure(replicaSettings());

/** What a person would read in each panel: its kind, state and items. */
async function describePanels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const frames = [
      document,
      ...[...document.querySelectorAll('iframe')].flatMap((f) =>
        f.contentDocument ? [f.contentDocument] : [],
      ),
    ];
    const badges = [...document.querySelectorAll('liaison-badge')].map(
      (b) =>
        `  badge ${b.getAttribute('data-ref')}: ${b.getAttribute('aria-label') ?? b.getAttribute('data-state')}`,
    );
    return badges.concat(
      ...frames.map((doc) =>
        [...doc.querySelectorAll('liaison-panel')].map((panel) => {
          const rows = [...(panel.shadowRoot?.querySelectorAll('[data-ref]') ?? [])].map((row) => {
            // The row as read, without its watch toggle's label.
            const copy = row.cloneNode(true) as Element;
            for (const control of copy.querySelectorAll('[data-watch]')) control.remove();
            return `    ${row.getAttribute('data-ref')}: ${(copy.textContent ?? '').replace(/\s+/g, ' ').trim()}`;
          });
          const errors = [...(panel.shadowRoot?.querySelectorAll('[data-source-error]') ?? [])].map(
            (e) => `    ! ${e.textContent}`,
          );
          return [
            `  ${panel.getAttribute('data-panel')} [${panel.getAttribute('data-state')}]`,
            ...rows,
            ...errors,
          ].join('\n');
        }),
      ),
    );
  });
}

async function settle(page: Page): Promise<void> {
  // Until every panel has finished (or 10 s): a page without panels yet simply shows as it is.
  await page
    .waitForFunction(
      () => {
        const badges = [...document.querySelectorAll('liaison-badge')];
        if (badges.length > 0) return badges.every((b) => b.hasAttribute('data-count'));
        const docs = [
          document,
          ...[...document.querySelectorAll('iframe')].flatMap((f) =>
            f.contentDocument ? [f.contentDocument] : [],
          ),
        ];
        const panels = docs.flatMap((d) => [...d.querySelectorAll('liaison-panel')]);
        return panels.length > 0 && panels.every((p) => p.getAttribute('data-state') !== 'loading');
      },
      { timeout: 10_000 },
    )
    .catch(() => undefined);
}

if (!interactive) mkdirSync(outDir, { recursive: true });
for (const { name, url } of pages) {
  const page = await browser.browser.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await settle(page);
  const panels = await describePanels(page);
  console.log(`\n${url}\n${panels.length > 0 ? panels.join('\n') : '  (no Liaison panel on this page yet)'}`);
  if (!interactive) {
    const file = new URL(`${name}.png`, outDir);
    await page.screenshot({ path: file.pathname as `${string}.png` });
    console.log(`  screenshot: demo-output/${name}.png`);
  }
}

await demoWatching(browser, replica, interactive ? undefined : outDir);

if (interactive) {
  console.log('\nChromium is open on the replica. Press Ctrl+C to stop.');
  process.on('SIGINT', async () => {
    await browser.close();
    await replica.close();
    process.exit(0);
  });
} else {
  await browser.close();
  await replica.close();
}
