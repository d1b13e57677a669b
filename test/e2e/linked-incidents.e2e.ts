import type { Page } from 'puppeteer-core';
import { describe, expect, test } from 'vitest';
import { replicaSettings } from '../replica/credentials';
import { browserKinds, waitForPanel } from './browsers';
import { useExtensionBrowser } from './fixture';

/** The first slice (issue 2 §4): a PR naming a Jira key shows the ServiceNow incidents that mention the key. */

/** Clicks the panel's refresh button, which bypasses the cache (a user-visible action). */
async function refresh(page: Page) {
  const button = await page.waitForSelector('liaison-panel >>> button[aria-label^="Refresh"]');
  await button?.click();
}

const refsIn = (page: Page, panel: string) =>
  page.$$eval(`liaison-panel[data-panel="${panel}"] >>> [data-ref]`, (els) =>
    els.map((e) => e.getAttribute('data-ref')),
  );

describe.each(browserKinds)('%s', (kind) => {
  const fx = useExtensionBrowser(kind);
  const open = fx.open;

  test('a PR whose title names a Jira key lists the incidents that mention the key', async () => {
    const page = await open('https://github.com/acme/shop-api/pull/42');
    const panel = await waitForPanel(page, 'linked-incidents', ['ready']);
    expect(await panel?.evaluate((el) => el.getAttribute('data-subject'))).toBe('github:acme/shop-api#42');
    const refs = await refsIn(page, 'linked-incidents');
    expect(refs).toEqual(
      expect.arrayContaining(['servicenow:INC0010001', 'servicenow:INC0010002', 'servicenow:INC0010003']),
    );
    const row = await page.$('liaison-panel >>> [data-ref="servicenow:INC0010001"]');
    const text = await row?.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('INC0010001');
    expect(text).toMatch(/Critical/);
    expect(text).toMatch(/In Progress/);
    const href = await row?.$eval('a', (a) => a.href);
    expect(href).toMatch(/^https:\/\/acme\.service-now\.com\/nav_to\.do\?uri=incident\.do/);
  });

  test('the panel sits in the PR sidebar, and also in the older server-rendered markup', async () => {
    for (const markup of ['react', 'classic'] as const) {
      fx.replica.setGithubMarkup(markup);
      const page = await open('https://github.com/acme/shop-api/pull/42');
      await waitForPanel(page, 'linked-incidents', ['ready']);
      const inDrawer = await page.$('liaison-drawer liaison-panel');
      expect(inDrawer, `${markup} markup: panel fell back to the drawer`).toBeNull();
    }
  });

  test('API calls come from the extension with its credentials, never from the page', async () => {
    const page = await open('https://github.com/acme/shop-api/pull/42');
    await waitForPanel(page, 'linked-incidents', ['ready']);
    fx.replica.clearLog();
    await refresh(page);
    await page.waitForSelector('liaison-panel[data-state="ready"]:not([data-stale])');
    const apiCalls = fx.replica.requests.filter((r) => r.path.startsWith('/api/now/'));
    expect(apiCalls.length).toBeGreaterThan(0);
    for (const call of apiCalls) {
      expect(call.headers.authorization).toMatch(/^Basic /);
      expect(call.headers.origin ?? '').not.toContain('github.com');
    }
    const html = await page.content();
    expect(html).not.toContain('snow-replica-password');
  });

  test('refresh bypasses the cache; a failing source then shows its own error while the rest stay', async () => {
    const page = await open('https://github.com/acme/shop-api/pull/42');
    await waitForPanel(page, 'linked-incidents', ['ready']);
    fx.replica.fault({ host: 'acme.service-now.com', path: /^\/api\/now\//, kind: '500' });
    await refresh(page);
    const error = await page.waitForSelector('liaison-panel >>> [data-source-error="servicenow"]', {
      timeout: 15_000,
    });
    expect(await error?.evaluate((e) => e.textContent)).toMatch(/ServiceNow \(acme\.service-now\.com\).*500/);
    const panel = await page.$('liaison-panel[data-panel="linked-incidents"]');
    expect(await panel?.evaluate((el) => el.getAttribute('data-state'))).toBe('ready');
    expect(await refsIn(page, 'linked-incidents')).toEqual(expect.arrayContaining(['zendesk:acme/4711']));
  });

  // Chromium stops an extension's service worker after 30 s without events, and an idle port does not count: the
  // panel's port drops while its data stays true. (Firefox's event page is checked by watch.e2e.ts.)
  if (kind === 'chromium')
    test('the background stopped while the page idles: the panel keeps its data and refreshes from a new connection', async () => {
      const page = await open('https://github.com/acme/shop-api/pull/42');
      const panel = await waitForPanel(page, 'linked-incidents', ['ready']);
      const eb = fx.eb;
      const worker = await eb.browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().startsWith(eb.extensionOrigin),
      );
      await (await worker.worker())?.close();
      const deadline = Date.now() + 10_000;
      while (
        eb.browser
          .targets()
          .some((t) => t.type() === 'service_worker' && t.url().startsWith(eb.extensionOrigin)) &&
        Date.now() < deadline
      )
        await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1000));
      expect(await panel?.evaluate((el) => el.getAttribute('data-state'))).toBe('ready');
      expect(await panel?.evaluate((el) => el.shadowRoot?.textContent ?? '')).not.toMatch(
        /updated or restarted/,
      );
      fx.replica.clearLog();
      await refresh(page);
      // The refresh reached a background again: it asks the systems anew (it bypasses the cache).
      const asked = Date.now() + 15_000;
      while (fx.replica.requests.length === 0 && Date.now() < asked)
        await new Promise((r) => setTimeout(r, 100));
      expect(fx.replica.requests.length).toBeGreaterThan(0);
      await waitForPanel(page, 'linked-incidents', ['ready']);
      expect(await refsIn(page, 'linked-incidents')).toEqual(expect.arrayContaining(['zendesk:acme/4711']));
    });

  test('a PR that names no key says so', async () => {
    const page = await open('https://github.com/acme/shop-api/pull/44');
    const panel = await waitForPanel(page, 'linked-incidents', ['empty']);
    expect(await panel?.evaluate((el) => el.shadowRoot?.textContent ?? '')).toMatch(
      /No incidents or tickets link/,
    );
  });

  test('hostile ticket text is shown as text, never as markup', async () => {
    const page = await open('https://github.com/acme/shop-api/pull/43');
    await waitForPanel(page, 'linked-incidents', ['ready']);
    const row = await page.$('liaison-panel >>> [data-ref="servicenow:INC0010006"]');
    expect(await row?.evaluate((el) => el.textContent)).toContain('<img src=x onerror=alert(1)>');
    expect(await row?.$('img')).toBeNull();
  });

  test('a collapsed panel stays collapsed on the next page of the same site', async () => {
    const toggleOf = (page: Page) =>
      page.waitForSelector('liaison-panel[data-panel="linked-incidents"] >>> button[aria-expanded]');
    const first = await open('https://github.com/acme/shop-api/pull/42');
    await waitForPanel(first, 'linked-incidents', ['ready']);
    await (await toggleOf(first))?.click();
    await first.waitForSelector(
      'liaison-panel[data-panel="linked-incidents"] >>> button[aria-expanded="false"]',
    );
    const next = await open('https://github.com/acme/shop-api/pull/44');
    await next.waitForSelector(
      'liaison-panel[data-panel="linked-incidents"] >>> button[aria-expanded="false"]',
      { timeout: 15_000 },
    );
    // Expanding again is remembered too, so later pages (and the other tests) open expanded.
    await (await toggleOf(next))?.click();
    await next.waitForSelector(
      'liaison-panel[data-panel="linked-incidents"] >>> button[aria-expanded="true"]',
    );
    const third = await open('https://github.com/acme/shop-api/pull/43');
    await waitForPanel(third, 'linked-incidents', ['ready']);
    expect(
      await third.$('liaison-panel[data-panel="linked-incidents"] >>> button[aria-expanded="true"]'),
    ).not.toBeNull();
  });

  test('without any connection the panel asks to be configured, and settings apply without reloading the extension', async () => {
    await fx.eb.configure({ version: 1, connections: [] });
    const page = await open('https://github.com/acme/shop-api/pull/42');
    await waitForPanel(page, 'linked-incidents', ['unconfigured']);
    await fx.eb.configure(replicaSettings());
    const again = await open('https://github.com/acme/shop-api/pull/42');
    await waitForPanel(again, 'linked-incidents', ['ready']);
  });
});
