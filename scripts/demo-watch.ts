/**
 * The demo's watching scene (README "Watching"): the agent on Zendesk ticket 4711 watches the bug it waits on
 * (SHOP-102), the bug's pull request is merged on the replica, and the popup's Check now finds it: the notification
 * is raised and the Watching list shows the change and the sentence for the customer. Headless, the popup is
 * screenshotted to demo-output/popup-watching.png; with a display, the popup stays open as a tab.
 */
import type { ExtensionBrowser } from '../test/e2e/browsers.ts';
import { replicaSettings } from '../test/replica/credentials.ts';
import type { Replica } from '../test/replica/server.ts';
import { jiraFieldId } from '../test/replica/zendesk/serialize.ts';

export async function demoWatching(browser: ExtensionBrowser, replica: Replica, outDir: URL | undefined) {
  // Zendesk's "Jira issue" ticket field names the bug a ticket waits on; ticket 4711 now waits on SHOP-102.
  await browser.configure({ ...replicaSettings(), zendesk: { referenceFieldIds: [jiraFieldId] } });
  replica.mutate({ linkTicket: { ticket: 4711, jiraKey: 'SHOP-102', at: '2026-03-16T08:00:00Z' } });
  // The tour above already loaded ticket 4711: empty the entity cache (the options page's "Clear cache now").
  const options = await browser.openExtensionPage('src/options/index.html');
  await options.evaluate(async () => {
    const g = globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } };
    await g.chrome.runtime.sendMessage({ type: 'clear-cache' });
  });
  await options.close();
  const ticket = await browser.browser.newPage();
  await ticket.goto('https://acme.zendesk.com/agent/tickets/4711', { waitUntil: 'domcontentloaded' });
  const watch = await ticket.waitForSelector(
    'liaison-panel[data-panel="bug-status"] >>> [data-ref="jira:SHOP-102"] [data-watch]',
    { timeout: 15_000 },
  );
  await watch?.click();
  await ticket.waitForSelector(
    'liaison-panel[data-panel="bug-status"] >>> [data-ref="jira:SHOP-102"] [data-watch][aria-pressed="true"]',
  );
  // The page showing the bug would mark its change seen: the agent moves on.
  await ticket.goto('https://github.com/', { waitUntil: 'domcontentloaded' }).catch(() => undefined);

  replica.mutate({ mergePull: { repo: 'acme/shop-api', number: 43, at: '2026-03-20T10:00:00Z' } });
  const popup = await browser.openExtensionPage('src/popup/index.html?tab=0');
  await popup.setViewport({ width: 420, height: 520 });
  await popup.waitForSelector('[data-watched-ref="jira:SHOP-102"]');
  await popup.click('[data-check-now]');
  await popup.waitForFunction(
    () => /change/.test(document.querySelector('[data-check-outcome]')?.textContent ?? ''),
    { timeout: 30_000 },
  );
  const entry = await popup.$eval('[data-watched-ref="jira:SHOP-102"]', (li) => ({
    change: li.querySelector('[data-change]')?.textContent ?? '',
    sentence: li.querySelector('[data-sentence]')?.textContent ?? '',
  }));
  console.log(
    `\nWatching jira:SHOP-102 from Zendesk ticket 4711; its pull request merged on the replica, Check now:\n` +
      `  notification: SHOP-102 · ${entry.change.split(' · ')[0]} ${entry.sentence}\n` +
      `  Watching list: ${entry.change}\n  sentence: ${entry.sentence}`,
  );
  if (outDir) {
    const file = new URL('popup-watching.png', outDir);
    await popup.screenshot({ path: file.pathname as `${string}.png` });
    console.log('  screenshot: demo-output/popup-watching.png');
  }
}
