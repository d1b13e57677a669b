import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'puppeteer-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

/**
 * axe-core's serious and critical findings on a page or frame, as `rule: targets` lines. Evaluated, not injected:
 * extension pages' CSP refuses script tags.
 */
export async function axeSerious(page: Page | Frame): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
    const api = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    const { violations } = await api.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The tab whose resolved context is about `subject`, asked of the background from an extension page. */
export async function tabIdOf(page: Page, subject: string): Promise<number | undefined> {
  return page.evaluate(async (wanted) => {
    type Api = {
      tabs: { query(q: object): Promise<{ id?: number }[]> };
      runtime: { sendMessage(m: object): Promise<{ ok: boolean; view?: { subject: string } | null }> };
    };
    const g = globalThis as unknown as { browser?: Api; chrome?: Api };
    const api = (g.browser ?? g.chrome) as Api;
    for (const tab of await api.tabs.query({})) {
      if (tab.id === undefined) continue;
      const reply = await api.runtime.sendMessage({ type: 'tab-context', tabId: tab.id });
      if (reply?.ok && reply.view?.subject === wanted) return tab.id;
    }
    return undefined;
  }, subject);
}
