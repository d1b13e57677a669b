import type { Page } from 'puppeteer-core';
import { describe, expect, test } from 'vitest';
import { browserKinds, waitForPanel } from './browsers';
import { useExtensionBrowser } from './fixture';

/**
 * Issue 10, SECURITY.md: what a page's own script can and cannot get out of Liaison. A tenant nobody connected
 * (`attacker.zendesk.com`, `attacker.atlassian.net`) gets nothing injected and no answer; on a connected one, a
 * forged reference link, made-up events and a flood of clicks on Refresh inside the open shadow root reach no
 * system.
 */

const FOREIGN = ['attacker.zendesk.com', 'attacker.atlassian.net'];
const POPUP = 'src/popup/index.html';

/** API requests the replica saw (pages and the control endpoint are not API calls). */
const apiCalls = (log: { path: string; host: string }[]) =>
  log
    .filter((r) => /^\/(api|rest)\//.test(r.path) || r.host === 'api.github.com')
    .map((r) => `${r.host}${r.path}`);

/** What a hostile page script does: forge Liaison's reference link and make the events that would preview it. */
async function forgeAndPoke(page: Page, ref: string): Promise<void> {
  await page.evaluate((forgedRef) => {
    const link = document.createElement('a');
    link.className = 'liaison-ref';
    link.dataset.liaisonRef = forgedRef;
    link.href = '#';
    link.textContent = forgedRef;
    link.id = 'forged';
    document.body.append(link);
    link.focus();
    for (const type of ['mouseover', 'focusin', 'pointerover'])
      link.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  }, ref);
}

/** Waits until the replica has seen no request for a while (the background's discovery after settings change). */
async function quiet(log: readonly unknown[], ms = 1000): Promise<void> {
  for (let seen = -1; seen !== log.length; ) {
    seen = log.length;
    await new Promise((r) => setTimeout(r, ms));
  }
}

const liaisonElements = (page: Page) =>
  page.evaluate(() => {
    const names = ['liaison-panel', 'liaison-drawer', 'liaison-badge', 'liaison-hovercard'];
    return names.flatMap((n) => [...document.querySelectorAll(n)].map(() => n));
  });

describe.each(browserKinds)('%s', (kind) => {
  const fx = useExtensionBrowser(kind, { extraHosts: FOREIGN });

  test('a tenant nobody connected gets no panel, no hovercard and no request, whatever its script does', async () => {
    await quiet(fx.replica.requests);
    fx.replica.clearLog();
    for (const url of [
      'https://attacker.zendesk.com/agent/tickets/4711',
      'https://attacker.atlassian.net/browse/SHOP-101',
    ]) {
      const page = await fx.open(url);
      // Long enough for the content script to have placed panels on a served page (under a second here).
      await new Promise((r) => setTimeout(r, 2500));
      await forgeAndPoke(page, 'jira:SHOP-101');
      await page.hover('#forged');
      await new Promise((r) => setTimeout(r, 1000));
      expect(await liaisonElements(page)).toEqual([]);
    }
    expect(apiCalls(fx.replica.requests)).toEqual([]);
  }, 90_000);

  test('the popup on such a tenant says it is not connected and opens the form for it', async () => {
    const page = await fx.open('https://attacker.zendesk.com/agent/tickets/4711');
    const finder = fx.track(await fx.eb.openExtensionPage(POPUP));
    const tabId = await finder.evaluate(async () => {
      type Api = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      const tabs = await (g.browser ?? g.chrome)?.tabs.query({});
      return tabs?.find((t) => t.url?.startsWith('https://attacker.zendesk.com/'))?.id;
    });
    expect(tabId).toBeDefined();
    const popup = fx.track(await fx.eb.openExtensionPage(`${POPUP}?tab=${tabId}`));
    const offer = await popup.waitForSelector('[data-unconnected="attacker.zendesk.com"]', {
      timeout: 10_000,
    });
    expect(await offer?.evaluate((e) => e.textContent)).toContain('attacker.zendesk.com is not connected');
    const opened = new Promise<Page | null>((resolve) =>
      fx.eb.browser.once('targetcreated', (target) => resolve(target.page())),
    );
    await popup.click('[data-unconnected] button');
    const options = await opened;
    if (!options) throw new Error('the options page did not open');
    fx.track(options);
    await options.waitForSelector('#conn-baseUrl', { timeout: 10_000 });
    expect(await options.$eval('#conn-kind', (s) => (s as HTMLSelectElement).value)).toBe('zendesk');
    expect(await options.$eval('#conn-baseUrl', (i) => (i as HTMLInputElement).value)).toBe(
      'https://attacker.zendesk.com',
    );
    expect(await liaisonElements(page)).toEqual([]);
  });

  test("on a connected tenant a page's script cannot preview, refresh or restart its way to the systems", async () => {
    const page = await fx.open('https://acme.zendesk.com/agent/tickets/4711');
    await waitForPanel(page, 'bug-status', ['ready']);
    fx.replica.clearLog();
    // A key that is not on the page: forged link, made-up events, a back/forward-cache restart that never was.
    await forgeAndPoke(page, 'jira:OPS-12');
    await page.hover('#forged');
    // Twenty clicks on Refresh from the page's script, inside the open shadow root.
    await page.evaluate(() => {
      const panel = document.querySelector('liaison-panel[data-panel="bug-status"]');
      const refresh = panel?.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-label^="Refresh"]');
      for (let i = 0; i < 20; i++) refresh?.click();
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(apiCalls(fx.replica.requests)).toEqual([]);
    expect(await page.$('liaison-hovercard:not([hidden])')).toBeNull();

    // The user's own clicks: the first bypasses the cache, the next ones within ten seconds do not.
    const refresh = 'liaison-panel[data-panel="bug-status"] >>> button[aria-label^="Refresh"]';
    await page.click(refresh);
    await page.waitForSelector(
      'liaison-panel[data-panel="bug-status"][data-state="ready"]:not([data-stale])',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(apiCalls(fx.replica.requests).length).toBeGreaterThan(0);
    fx.replica.clearLog();
    for (let i = 0; i < 3; i++) await page.click(refresh);
    await new Promise((r) => setTimeout(r, 1500));
    expect(apiCalls(fx.replica.requests)).toEqual([]);
  });

  test('a server answering javascript: links and broken items: no live link, and one bad item costs only itself', async () => {
    fx.replica.fault({ host: 'api.github.com', path: '/graphql', kind: 'hostile-url' });
    fx.replica.fault({ host: 'acme.service-now.com', path: '/api/now/table/incident', kind: 'bad-item' });
    const ticket = await fx.open('https://acme.zendesk.com/agent/tickets/4711');
    const pr = await fx.open('https://github.com/acme/shop-api/pull/42');
    for (const [page, panel] of [
      [ticket, 'bug-status'],
      [pr, 'linked-incidents'],
    ] as const) {
      await waitForPanel(page, panel, ['ready']);
      // A tab in the background gets no animation frames in Chromium: clicks wait for one.
      await page.bringToFront();
      // What earlier tests cached was fetched without the faults: the user's Refresh asks again.
      await page.click(`liaison-panel[data-panel="${panel}"] >>> button[aria-label^="Refresh"]`);
      await page.waitForSelector(
        `liaison-panel[data-panel="${panel}"][data-state="ready"]:not([data-stale])`,
      );
      await new Promise((r) => setTimeout(r, 500));
    }
    const hrefs = (page: Page) =>
      page.$$eval('liaison-panel', (panels) =>
        panels.flatMap((p) =>
          [...(p.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href') ?? ''),
        ),
      );
    const ticketLinks = await hrefs(ticket);
    expect(ticketLinks.filter((h) => !/^https:\/\//.test(h))).toEqual([]);
    expect(ticketLinks).toContain('https://github.com/acme/shop-api/issues/42');
    // The first incident of each ServiceNow answer is broken: it is named in a note, the others still list.
    expect(await pr.$('liaison-panel >>> [data-source-note="servicenow"]')).not.toBeNull();
    expect(
      await pr.$$('liaison-panel[data-panel="linked-incidents"] >>> [data-ref^="servicenow:"]'),
    ).not.toHaveLength(0);
    expect((await hrefs(pr)).filter((h) => !/^https:\/\//.test(h))).toEqual([]);
  });

  // Chromium only: Firefox has no way to close storage.local to content scripts (SECURITY.md says so).
  if (kind === 'chromium')
    test('content scripts cannot read the stored tokens (Chromium)', async () => {
      const page = await fx.open('https://github.com/acme/shop-api/pull/42');
      await waitForPanel(page, 'linked-incidents', ['ready']);
      const session = await page.createCDPSession();
      const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
      session.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
      await session.send('Runtime.enable');
      const isolated = contexts.find(
        (c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension:'),
      );
      expect(isolated).toBeDefined();
      const read = await session.send('Runtime.evaluate', {
        contextId: isolated?.id,
        awaitPromise: true,
        returnByValue: true,
        expression:
          "chrome.storage.local.get('settings').then((v) => 'read: ' + JSON.stringify(v).length, (e) => 'refused: ' + e.message).catch((e) => 'refused: ' + e.message)",
      });
      const value = String(read.result.value ?? read.exceptionDetails?.exception?.description ?? '');
      expect(value).not.toMatch(/^read/);
      expect(value).not.toContain('replica');
    });
});
