import { beforeAll, describe, expect, test } from 'vitest';
import { credentials, replicaSettings } from '../replica/credentials';
import { jiraFieldId } from '../replica/zendesk/serialize';
import { browserKinds } from './browsers';
import { axeSerious } from './extension-pages';
import { formFrame, useExtensionBrowser } from './fixture';
import { confirm, confirmDisabled, inPanel, LIAISON_NOTE, pickBug, waitIn } from './write-steps';

/**
 * link-bug through a configured link field (issue 14: "the configured reference field / custom field"), in both
 * browsers against the replica (ROUTES.md "Writes": ServiceNow's field ACL answers 200 without storing):
 * - a Zendesk ticket linked to a Jira bug twice through its custom field: the field holds the key, no note is added,
 *   the second preview says "already" and sends nothing;
 * - a ticket whose field another agent filled: the bug shows through the field, and linking another bug warns that
 *   it replaces the value, unticked;
 * - the options page shows each writing connection's link field, saved as typed, with no serious axe finding;
 * - a ServiceNow incident linked through `u_jira_key`, twice; and with a user a field ACL denies the field, the row
 *   fails with the sentence naming the field (200, nothing stored), never "written".
 */

/** The replica's settings with link fields: Zendesk's "Jira issue" custom field, ServiceNow's `u_jira_key`. */
function fieldSettings(snowAuth?: { username: string; password: string }) {
  const settings = replicaSettings({ write: true });
  return {
    ...settings,
    connections: settings.connections.map((c) =>
      c.system === 'zendesk'
        ? { ...c, linkField: jiraFieldId }
        : c.system === 'servicenow'
          ? { ...c, linkField: 'u_jira_key', ...(snowAuth ? { auth: { type: 'basic', ...snowAuth } } : {}) }
          : c,
    ),
  };
}

describe.each(browserKinds)('%s', (kind) => {
  const fx = useExtensionBrowser(kind);
  beforeAll(async () => {
    await fx.eb.configure(fieldSettings());
  });

  const tickets = () => fx.replica.dataset.tickets;
  const remoteLinks = (key: string, globalId: string) =>
    (fx.replica.dataset.jiraIssues.find((i) => i.key === key)?.remoteLinks ?? []).filter(
      (l) => (l as { globalId?: string }).globalId === globalId,
    );
  /** Noise tickets that name no bug anywhere (seed), open for updates. */
  const quietTickets = () =>
    tickets().filter(
      (t) =>
        t.id > 5000 &&
        ['new', 'open', 'pending'].includes(t.status) &&
        !t.jiraKey &&
        !/[A-Z][A-Z0-9]+-\d+/.test(`${t.subject} ${t.description}`) &&
        !fx.replica.dataset.jiraIssues.some((i) => i.zendeskTicketIds.includes(t.id)),
    );
  const snowRecord = (number: string) => fx.replica.dataset.snow.find((r) => r.number === number);

  test('a Zendesk ticket linked through its custom field, twice: the field holds the key, no note, then "already"', async () => {
    const ticket = quietTickets()[0];
    if (!ticket) throw new Error('the seed has no quiet ticket');
    const id = ticket.id;
    const comments = ticket.comments.length;
    const page = await fx.open(`https://acme.zendesk.com/agent/tickets/${id}`);
    await page.waitForSelector('liaison-panel[data-panel="bug-status"][data-state="empty"]', {
      timeout: 30_000,
    });
    const rows = await pickBug(page, 'bug-status', 'SHOP-102', 'jira:SHOP-102');
    expect(rows.map((r) => [r.ref, r.state, r.checked])).toEqual([
      ['jira:SHOP-102', 'new', true],
      [`zendesk:acme/${id}`, 'new', true],
    ]);
    expect(rows[1]?.text).toContain(`Custom field ${jiraFieldId} on Zendesk ticket #${id}`);
    expect(rows[1]?.text).toContain(`Set custom field ${jiraFieldId} on #${id} to SHOP-102 (now: empty)`);
    const done = await confirm(page, 'bug-status');
    expect(done.map((r) => r.outcome)).toEqual(['written', 'written']);
    expect(tickets().find((t) => t.id === id)?.jiraKey).toBe('SHOP-102');
    // The field instead of the note: nothing was added to the ticket's comments.
    expect(ticket.comments).toHaveLength(comments);
    expect(remoteLinks('SHOP-102', `liaison:v1:zendesk:acme/${id}`)).toHaveLength(1);
    // The panel shows the bug at once.
    await waitIn(page, 'bug-status', 'ol.steps li[data-ref="jira:SHOP-102"]');

    const again = await fx.open(`https://acme.zendesk.com/agent/tickets/${id}`);
    await again.waitForSelector('liaison-panel[data-panel="bug-status"][data-state="ready"]', {
      timeout: 30_000,
    });
    const second = await pickBug(again, 'bug-status', 'SHOP-102', 'jira:SHOP-102');
    expect(second.map((r) => [r.state, r.checked])).toEqual([
      ['already', false],
      ['already', false],
    ]);
    expect(second[1]?.text).toContain('(now: SHOP-102)');
    expect(await confirmDisabled(again, 'bug-status')).toBe(true);
    expect(remoteLinks('SHOP-102', `liaison:v1:zendesk:acme/${id}`)).toHaveLength(1);
    expect(ticket.comments).toHaveLength(comments);
  });

  test('a ticket whose field holds another bug: the bug shows through the field; linking another warns it replaces it', async () => {
    const ticket = quietTickets()[1];
    if (!ticket) throw new Error('the seed has no second quiet ticket');
    // Another agent filled the field in Zendesk (nothing else names SHOP-101 on this ticket).
    ticket.jiraKey = 'SHOP-101';
    const page = await fx.open(`https://acme.zendesk.com/agent/tickets/${ticket.id}`);
    await page.waitForSelector('liaison-panel[data-panel="bug-status"][data-state="ready"]', {
      timeout: 30_000,
    });
    await waitIn(page, 'bug-status', 'ol.steps li[data-ref="jira:SHOP-101"]');
    const rows = await pickBug(page, 'bug-status', 'SHOP-102', 'jira:SHOP-102');
    expect(rows.map((r) => [r.state, r.checked])).toEqual([
      ['new', true],
      ['replace', false],
    ]);
    expect(rows[1]?.text).toContain('(now: SHOP-101)');
    expect(rows[1]?.text).toMatch(/replaces that with SHOP-102/);
    // Left unticked, only the bug side is sent: the field keeps SHOP-101.
    expect((await confirm(page, 'bug-status')).map((r) => r.outcome)).toEqual(['written', 'skipped']);
    expect(ticket.jiraKey).toBe('SHOP-101');
  });

  test('a ServiceNow incident linked through u_jira_key, twice: the field holds the key, no work note', async () => {
    const record = snowRecord('INC0010006');
    const notes = record?.workNotes.length ?? 0;
    const link = async () => {
      const page = await fx.open(
        `https://acme.service-now.com/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${record?.sysId}`)}`,
      );
      const frame = await formFrame(page);
      await frame.waitForSelector(
        'liaison-panel[data-panel="bug-status"][data-state="ready"], liaison-panel[data-panel="bug-status"][data-state="empty"]',
        { timeout: 30_000 },
      );
      return { frame, rows: await pickBug(frame, 'bug-status', 'SHOP-102', 'jira:SHOP-102') };
    };
    const first = await link();
    expect(first.rows.map((r) => [r.ref, r.state])).toEqual([
      ['jira:SHOP-102', 'new'],
      ['servicenow:INC0010006', 'new'],
    ]);
    expect(first.rows[1]?.text).toContain('Set field u_jira_key on INC0010006 to SHOP-102 (now: empty)');
    expect((await confirm(first.frame, 'bug-status')).map((r) => r.outcome)).toEqual(['written', 'written']);
    expect(snowRecord('INC0010006')?.jiraKey).toBe('SHOP-102');
    expect(record?.workNotes.filter((n) => LIAISON_NOTE.test(n.text))).toHaveLength(0);
    expect(record?.workNotes).toHaveLength(notes);

    const second = await link();
    expect(second.rows.map((r) => r.state)).toEqual(['already', 'already']);
    expect(await confirmDisabled(second.frame, 'bug-status')).toBe(true);
    expect(remoteLinks('SHOP-102', 'liaison:v1:servicenow:INC0010006')).toHaveLength(1);
  });

  test('a ServiceNow user a field ACL denies u_jira_key: 200 from the instance, the row fails naming the field', async () => {
    await fx.eb.configure(fieldSettings(credentials.fieldRestricted.servicenow));
    try {
      const record = snowRecord('INC0010007');
      const page = await fx.open(
        `https://acme.service-now.com/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${record?.sysId}`)}`,
      );
      const frame = await formFrame(page);
      await frame.waitForSelector(
        'liaison-panel[data-panel="bug-status"][data-state="ready"], liaison-panel[data-panel="bug-status"][data-state="empty"]',
        { timeout: 30_000 },
      );
      const rows = await pickBug(frame, 'bug-status', 'SHOP-102', 'jira:SHOP-102');
      expect(rows.map((r) => [r.ref, r.state])).toEqual([
        ['jira:SHOP-102', 'new'],
        ['servicenow:INC0010007', 'new'],
      ]);
      const done = await confirm(frame, 'bug-status');
      expect(done.map((r) => r.outcome)).toEqual(['written', 'failed']);
      expect(done[1]?.text).toMatch(/did not store SHOP-102 in u_jira_key/);
      expect(done[1]?.text).toMatch(/field ACL/);
      expect(snowRecord('INC0010007')?.jiraKey).toBeUndefined();
      expect(
        await frame.$eval(inPanel('bug-status', '[role="dialog"] [data-summary]'), (e) => e.textContent),
      ).toBe('1 written, 1 failed');
    } finally {
      await fx.eb.configure(fieldSettings());
    }
  });

  test('the options page shows the link fields of the writing connections, and saves a change', async () => {
    const page = fx.track(await fx.eb.openExtensionPage('src/options/index.html'));
    await page.waitForSelector('#servicenow-link-field-snow', { timeout: 15_000 });
    expect(await page.$eval('#servicenow-link-field-snow', (e) => (e as HTMLInputElement).value)).toBe(
      'u_jira_key',
    );
    expect(await page.$eval('#zendesk-link-field-zd', (e) => (e as HTMLInputElement).value)).toBe(
      String(jiraFieldId),
    );
    const intro = await page.$eval(
      '#zendesk-link-field-title',
      (e) => e.closest('section')?.textContent ?? '',
    );
    expect(intro).toMatch(/replaces whatever the field holds/);
    expect(await axeSerious(page)).toEqual([]);
    // Emptied and saved: back to notes (the field is removed from the connection).
    await page.$eval('#servicenow-link-field-snow', (e) => {
      (e as HTMLInputElement).select();
    });
    await page.keyboard.press('Backspace');
    const form = await page.$('#servicenow-link-field-snow');
    await form?.press('Enter');
    await page.waitForFunction(
      async () => {
        type Api = { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
        const g = globalThis as unknown as { browser?: Api; chrome?: Api };
        const api = (g.browser ?? g.chrome) as Api;
        const { settings } = (await api.storage.local.get('settings')) as {
          settings: { connections: { id: string; linkField?: unknown }[] };
        };
        return settings.connections.find((c) => c.id === 'snow')?.linkField === undefined;
      },
      { timeout: 10_000, polling: 200 },
    );
    await fx.eb.configure(fieldSettings());
  });
});
