import '../../src/systems/grammars';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { parseRef } from '../../src/core/refs';
import { replicaSettings } from '../replica/credentials';
import { type Replica, startReplica } from '../replica/server';
import { browserKinds, type ExtensionBrowser, launch, waitForPanel } from './browsers';
import { axeSerious, tabIdOf } from './extension-pages';

/**
 * The popup (issue 5, DESIGN.md contract 5) opened as a tab with `?tab=<id of a GitHub PR tab>`, in both
 * browsers: focus, the context line, search by ID and by words, the keyboard, recent items.
 */

const PR_URL = 'https://github.com/acme/shop-api/pull/42';
const POPUP = 'src/popup/index.html';

/** Does the URL a tab went to name the item `ref`? (The replica's pages are the real sites' URLs.) */
function urlNames(url: string, ref: string): boolean {
  const r = parseRef(ref);
  if (!r) return false;
  switch (r.system) {
    case 'jira':
      return url.endsWith(`/browse/${r.key}`);
    case 'github':
      return new RegExp(`/${r.owner}/${r.repo}/(pull|issues)/${r.number}$`, 'i').test(url);
    case 'servicenow':
      return /^https:\/\/acme\.service-now\.com\/nav_to\.do\?uri=/.test(url);
    case 'zendesk':
      return url.endsWith(`/agent/tickets/${r.id}`);
  }
}

const refs = (page: Page, attr = 'data-ref') =>
  page.$$eval(`[${attr}]`, (els, a) => els.map((e) => e.getAttribute(a as string) ?? ''), attr);

/** Types into the (empty) search box and waits until every source answered. */
async function search(page: Page, text: string) {
  await page.type('input[type="search"]', text);
  await page.waitForSelector('main[data-state="ready"], main[data-state="empty"]', { timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector('[data-status="loading"], .results.pending'));
}

describe.each(browserKinds)('%s', (kind) => {
  let replica: Replica;
  let eb: ExtensionBrowser;
  let pr: Page;
  let tabId: number;
  const pages: Page[] = [];
  const openPopup = async () => {
    const page = await eb.openExtensionPage(`${POPUP}?tab=${tabId}`);
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    replica = await startReplica({ port: 0 });
    eb = await launch(kind, { port: replica.port, hosts: replica.hosts });
    await eb.configure(replicaSettings());
    pr = await eb.browser.newPage();
    await pr.goto(PR_URL, { waitUntil: 'domcontentloaded' });
    await waitForPanel(pr, 'linked-incidents', ['ready']);
    const finder = await eb.openExtensionPage(POPUP);
    const id = await tabIdOf(finder, 'github:acme/shop-api#42');
    await finder.close();
    if (id === undefined) throw new Error(`${kind}: no tab has the PR's context`);
    tabId = id;
  });
  afterEach(async () => {
    replica.clearFaults();
    await Promise.all(pages.splice(0).map((p) => p.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await eb?.close();
    await replica?.close();
  });

  test('opened as a tab: the search box is focused and the context line names the PR', async () => {
    const page = await openPopup();
    // The page's load event can come before Preact's first commit; the focus follows within a frame or two.
    await page.waitForFunction(() => document.activeElement?.matches('input[type="search"]'), {
      timeout: 2_000,
    });
    await page.waitForFunction(() =>
      /acme\/shop-api#42/.test(document.querySelector('.context')?.textContent ?? ''),
    );
    const line = await page.$eval('.context', (e) => e.textContent ?? '');
    expect(line).toMatch(/^PR acme\/shop-api#42 · /);
    expect(await page.evaluate(() => document.body.textContent)).not.toMatch(/next release/i);
  });

  test('an ID is looked up in its system: INC0010001 is one result', async () => {
    const page = await openPopup();
    await search(page, 'INC0010001');
    expect(await refs(page)).toEqual(['servicenow:INC0010001']);
    const row = await page.$eval('[data-ref="servicenow:INC0010001"]', (e) => e.textContent ?? '');
    expect(row).toMatch(/INC0010001.*Checkout times out/);
    expect(row).toMatch(/Critical/);
  });

  test('words search every system: checkout finds results in several, grouped by system', async () => {
    const page = await openPopup();
    await search(page, 'checkout');
    const found = await refs(page);
    const systems = new Set(found.map((r) => r.split(':')[0]));
    expect(systems.size, found.join(' ')).toBeGreaterThanOrEqual(3);
    const groups = await page.$$eval('[role="group"]', (els) =>
      els.map((e) => e.getAttribute('data-system')),
    );
    expect(groups).toEqual(['github', 'jira', 'servicenow', 'zendesk']);
  });

  test('a failing system shows its error chip; the others still answer', async () => {
    replica.fault({ host: 'acme.zendesk.com', path: /^\/api\/v2\/search/, kind: '500' });
    const page = await openPopup();
    await search(page, 'checkout');
    const chip = await page.$eval('[data-source-error="zendesk"]', (e) => e.textContent ?? '');
    expect(chip).toMatch(/Zendesk \(acme\.zendesk\.com\) is unavailable \(500\)/);
    expect((await refs(page)).some((r) => r.startsWith('jira:'))).toBe(true);
  });

  test('accessible: no serious axe-core finding on results with an error chip, light and dark', async () => {
    replica.fault({ host: 'acme.service-now.com', path: /^\/api\/now\//, kind: '401' });
    const page = await openPopup();
    await search(page, 'checkout');
    await page.keyboard.press('ArrowDown');
    expect(await axeSerious(page)).toEqual([]);
    // Chromium emulates the dark scheme; Firefox follows the system's.
    if (kind === 'chromium') {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      expect(await axeSerious(page)).toEqual([]);
    }
  });

  test('keyboard: ArrowDown twice then Enter opens that item in the PR tab; it becomes a recent item', async () => {
    const page = await openPopup();
    await search(page, 'checkout');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.evaluate(() => {
      const input = document.querySelector('input[type="search"]');
      const id = input?.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.getAttribute('data-ref') : undefined;
    });
    const all = await refs(page);
    expect(chosen).toBe(all[1]);
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 15_000;
    while (pr.url() === PR_URL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(urlNames(pr.url(), chosen ?? ''), `${pr.url()} for ${chosen}`).toBe(true);

    const again = await openPopup();
    await again.waitForSelector(`[data-recent-ref="${chosen}"]`, { timeout: 10_000 });
    const recent = await refs(again, 'data-recent-ref');
    expect(recent[0]).toBe(chosen);
    expect(recent).toContain('github:acme/shop-api#42');
    // No search result while the box is empty; the tab item's knowledge articles carry data-ref too (contract 6).
    expect(
      await again.$$eval('[data-ref]:not(.knowledge [data-ref])', (els) =>
        els.map((e) => e.getAttribute('data-ref')),
      ),
    ).toEqual([]);
  });
});
