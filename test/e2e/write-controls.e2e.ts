import { createRequire } from 'node:module';
import type axe from 'axe-core';
import type { Page } from 'puppeteer-core';
import { describe, expect, test } from 'vitest';
import { browserKinds, waitForPanel } from './browsers';
import { useExtensionBrowser } from './fixture';

/**
 * The write controls of DESIGN.md contract 7, in both browsers on the replica's pages: where each action shows, that
 * a page's own script clicking one (an untrusted event in the open shadow root) opens nothing, that the user's click
 * opens a preview with its focus inside, and that Escape closes it and gives the focus back. What the previews list
 * and what the confirm writes are the background's (planned and written there; unit-tested in test/ui).
 */

const axePath = createRequire(import.meta.url).resolve('axe-core');

/** The actions a panel shows, in order. */
const actionsIn = (page: Page, panel: string) =>
  page.$$eval(`liaison-panel[data-panel="${panel}"] >>> [data-action]`, (els) =>
    els.map((e) => `${e.getAttribute('data-action')}: ${e.textContent}`),
  );

/** What has the focus inside the panel's shadow root: `input[search]`, `button[link-bug]`, `h3`. */
const focusIn = (page: Page, panel: string) =>
  page.evaluate((p) => {
    const active = document.querySelector(`liaison-panel[data-panel="${p}"]`)?.shadowRoot?.activeElement;
    if (!active) return 'none';
    const tag = active.tagName.toLowerCase();
    if (tag === 'input') return `input[${active.getAttribute('type')}]`;
    const action = active.getAttribute('data-action');
    return action ? `${tag}[${action}]` : tag;
  }, panel);

/** Where the focus settles in a panel: the preview moves it once it has rendered (polled up to 5 s). */
async function focusSettles(page: Page, panel: string, expected: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  let now = await focusIn(page, panel);
  while (now !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    now = await focusIn(page, panel);
  }
  return now;
}

/**
 * Waits for a selector inside a panel's shadow root by polling: puppeteer's waitForSelector listens to the document's
 * mutations, which do not include a shadow root's (a lazily loaded preview can render unseen for its whole timeout).
 */
async function shown(page: Page, selector: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.$(selector))) {
    if (Date.now() > deadline) throw new Error(`${selector} did not show within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function seriousFindings(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async (s) => {
    const api = (window as unknown as { axe: typeof axe }).axe;
    const result = await api.run({ include: [[s]] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, selector);
}

describe.each(browserKinds)('%s', (kind) => {
  const fx = useExtensionBrowser(kind);

  test('a ticket with no bug: link-bug in the empty panel; only the user’s click opens its picker', async () => {
    // A noise ticket that names no key anywhere (its bug-status panel is empty).
    const ticket = fx.replica.dataset.tickets.find(
      (t) => t.id >= 5000 && !t.jiraKey && !/[A-Z][A-Z0-9]+-\d+/.test(`${t.subject} ${t.description}`),
    );
    const page = await fx.open(`https://acme.zendesk.com/agent/tickets/${ticket?.id}`);
    const panel = await waitForPanel(page, 'bug-status', ['empty'], 30_000);
    expect(await actionsIn(page, 'bug-status')).toEqual(['link-bug: Link to a bug']);
    const action = 'liaison-panel[data-panel="bug-status"] >>> [data-action="link-bug"]';
    // The page's own script (main world): an untrusted click.
    await page.evaluate(() => {
      const root = document.querySelector('liaison-panel[data-panel="bug-status"]')?.shadowRoot;
      (root?.querySelector('[data-action="link-bug"]') as HTMLElement | null)?.click();
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.$('liaison-panel[data-panel="bug-status"] >>> [role="dialog"]')).toBeNull();

    await page.click(action);
    await shown(page, 'liaison-panel[data-panel="bug-status"] >>> [role="dialog"] input[type="search"]');
    expect(await focusSettles(page, 'bug-status', 'input[search]')).toBe('input[search]');
    expect(await panel?.evaluate((el) => el.getAttribute('data-state'))).toBe('empty');
    expect(await seriousFindings(page, 'liaison-panel[data-panel="bug-status"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () =>
        !document
          .querySelector('liaison-panel[data-panel="bug-status"]')
          ?.shadowRoot?.querySelector('[role="dialog"]'),
    );
    expect(await focusSettles(page, 'bug-status', 'button[link-bug]')).toBe('button[link-bug]');
  });

  test('ticket 4711, whose bug SHOP-101 is done: link another bug, and draft a KB article from SHOP-101', async () => {
    const page = await fx.open('https://acme.zendesk.com/agent/tickets/4711');
    await waitForPanel(page, 'bug-status', ['ready'], 30_000);
    expect(await actionsIn(page, 'bug-status')).toEqual([
      'draft-kb: Draft KB article',
      'link-bug: Link another bug',
    ]);
    const draft = await page.$eval(
      'liaison-panel[data-panel="bug-status"] >>> [data-action="draft-kb"]',
      (e) => `${e.closest('.chain')?.getAttribute('aria-label')} / ${e.getAttribute('aria-label')}`,
    );
    expect(draft).toBe('Status of SHOP-101 / Draft KB article from SHOP-101');
  });

  test('a pull request with linked tickets: tell-tickets; the done bug SHOP-101’s page: tell-tickets and draft-kb', async () => {
    const pr = await fx.open('https://github.com/acme/shop-api/pull/42');
    await waitForPanel(pr, 'linked-incidents', ['ready'], 30_000);
    // A pull request is not the bug a knowledge article is drafted from.
    expect(await actionsIn(pr, 'linked-incidents')).toEqual(['tell-tickets: Tell linked tickets']);
    await pr.click('liaison-panel[data-panel="linked-incidents"] >>> [data-action="tell-tickets"]');
    await shown(pr, 'liaison-panel[data-panel="linked-incidents"] >>> [role="dialog"] h3');
    expect(await focusSettles(pr, 'linked-incidents', 'h3')).toBe('h3');
    await pr.click(
      'liaison-panel[data-panel="linked-incidents"] >>> [role="dialog"] .write-buttons button:last-child',
    );
    await pr.waitForFunction(
      () =>
        !document
          .querySelector('liaison-panel[data-panel="linked-incidents"]')
          ?.shadowRoot?.querySelector('[role="dialog"]'),
    );
    expect(await focusSettles(pr, 'linked-incidents', 'button[tell-tickets]')).toBe('button[tell-tickets]');

    const bug = await fx.open('https://acme.atlassian.net/browse/SHOP-101');
    await waitForPanel(bug, 'linked-incidents', ['ready'], 30_000);
    expect(await actionsIn(bug, 'linked-incidents')).toEqual([
      'tell-tickets: Tell linked tickets',
      'draft-kb: Draft KB article',
    ]);
  });
});
