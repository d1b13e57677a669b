import { beforeAll, describe, expect, test } from 'vitest';
import { credentials, replicaSettings } from '../replica/credentials';
import { browserKinds } from './browsers';
import { formFrame, useExtensionBrowser } from './fixture';
import { confirm, confirmDisabled, inPanel, notesBy, openPlan, pickBug, waitIn } from './write-steps';

/**
 * Write-back (issue 14, DESIGN.md contract 7), in both browsers against the replica, whose write routes refuse what
 * the real systems refuse (ROUTES.md). Counted on the replica's own records after each confirm:
 * - a Zendesk ticket and a ServiceNow incident linked to a Jira bug, twice: one remote link on the bug and one note on
 *   the ticket each, and the ticket's panel shows the bug at once;
 * - the linked tickets of a merged pull request told twice with one ticket answering 500 the first time: that ticket
 *   is reported, the others are written once, the second confirm writes only the one that failed, a third has
 *   nothing to send;
 * - a knowledge article drafted from a resolved bug: one draft in each knowledge base, and "already" the second time;
 * - read-only credentials: the preview names the missing permission, the confirm sends nothing that lands;
 * - from the popup's Watching list, a watched bug's news told to its tickets once (planned on fresh data);
 * - the options page: Test connection's write sentence, and the Activity list of the writes above (in this order).
 */

describe.each(browserKinds)('%s', (kind) => {
  const fx = useExtensionBrowser(kind);
  beforeAll(async () => {
    await fx.eb.configure(replicaSettings({ write: true }));
  });

  const ticketNotes = (id: number) => fx.replica.dataset.tickets.find((t) => t.id === id)?.comments ?? [];
  const snowNotes = (number: string) =>
    fx.replica.dataset.snow.find((r) => r.number === number)?.workNotes ?? [];
  const remoteLinks = (key: string, globalId: string) =>
    (fx.replica.dataset.jiraIssues.find((i) => i.key === key)?.remoteLinks ?? []).filter(
      (l) => (l as { globalId?: string }).globalId === globalId,
    );

  test('a Zendesk ticket linked to a Jira bug, twice: one remote link, one internal note, the bug shown at once', async () => {
    // Ticket 5000 names no bug anywhere (seed): its bug-status panel starts empty.
    const page = await fx.open('https://acme.zendesk.com/agent/tickets/5000');
    await page.waitForSelector('liaison-panel[data-panel="bug-status"][data-state="empty"]', {
      timeout: 30_000,
    });
    const rows = await pickBug(page, 'bug-status', 'SHOP-102', 'jira:SHOP-102');
    expect(rows.map((r) => [r.ref, r.state, r.checked])).toEqual([
      ['jira:SHOP-102', 'new', true],
      ['zendesk:acme/5000', 'new', true],
    ]);
    // Exactly what will be written, the marker line included.
    expect(rows[1]?.text).toContain('SHOP-102');
    expect(rows[1]?.text).toMatch(/Liaison ref liaison:v1:link:[0-9a-f]{16}/);
    const done = await confirm(page, 'bug-status');
    expect(done.map((r) => r.outcome)).toEqual(['written', 'written']);
    expect(remoteLinks('SHOP-102', 'liaison:v1:zendesk:acme/5000')).toHaveLength(1);
    const notes = notesBy(ticketNotes(5000), 'link');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.public).toBe(false);
    // The panel shows the bug at once (refreshed after the write).
    await waitIn(page, 'bug-status', 'ol.steps li[data-ref="jira:SHOP-102"]');

    // Twice: the preview says both are there; nothing can be sent; nothing new on either side.
    const again = await fx.open('https://acme.zendesk.com/agent/tickets/5000');
    await again.waitForSelector('liaison-panel[data-panel="bug-status"][data-state="ready"]', {
      timeout: 30_000,
    });
    const second = await pickBug(again, 'bug-status', 'SHOP-102', 'jira:SHOP-102');
    expect(second.map((r) => [r.state, r.checked])).toEqual([
      ['already', false],
      ['already', false],
    ]);
    expect(await confirmDisabled(again, 'bug-status')).toBe(true);
    expect(remoteLinks('SHOP-102', 'liaison:v1:zendesk:acme/5000')).toHaveLength(1);
    expect(notesBy(ticketNotes(5000), 'link')).toHaveLength(1);
  });

  test('a ServiceNow incident (classic form) linked to a Jira bug, twice: one remote link, one work note', async () => {
    const link = async () => {
      const sysId = fx.replica.dataset.snow.find((r) => r.number === 'INC0010005')?.sysId ?? '';
      const page = await fx.open(
        `https://acme.service-now.com/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${sysId}`)}`,
      );
      const frame = await formFrame(page);
      await frame.waitForSelector(
        'liaison-panel[data-panel="bug-status"][data-state="ready"], liaison-panel[data-panel="bug-status"][data-state="empty"]',
        { timeout: 30_000 },
      );
      const rows = await pickBug(frame, 'bug-status', 'SHOP-102', 'jira:SHOP-102');
      return { frame, rows };
    };
    const first = await link();
    expect(first.rows.map((r) => [r.ref, r.state])).toEqual([
      ['jira:SHOP-102', 'new'],
      ['servicenow:INC0010005', 'new'],
    ]);
    expect((await confirm(first.frame, 'bug-status')).map((r) => r.outcome)).toEqual(['written', 'written']);
    expect(remoteLinks('SHOP-102', 'liaison:v1:servicenow:INC0010005')).toHaveLength(1);
    expect(notesBy(snowNotes('INC0010005'), 'link')).toHaveLength(1);

    const second = await link();
    expect(second.rows.map((r) => r.state)).toEqual(['already', 'already']);
    expect(remoteLinks('SHOP-102', 'liaison:v1:servicenow:INC0010005')).toHaveLength(1);
    expect(notesBy(snowNotes('INC0010005'), 'link')).toHaveLength(1);
  });

  test('tell the linked tickets of a merged PR: one ticket fails, the rest are written once; told again, only it', async () => {
    const PR = 'https://github.com/acme/shop-api/pull/42';
    const tell = async () => {
      const page = await fx.open(PR);
      await page.waitForSelector('liaison-panel[data-panel="linked-incidents"][data-state="ready"]', {
        timeout: 30_000,
      });
      return { page, rows: await openPlan(page, 'linked-incidents', 'tell-tickets') };
    };
    const first = await tell();
    const refs = first.rows.map((r) => r.ref ?? '');
    // Every linked ticket, all chosen (the story's SHOP-101 tickets in Zendesk, ServiceNow and JSM).
    expect(refs).toEqual(
      expect.arrayContaining(['zendesk:acme/4711', 'servicenow:INC0010001', 'jira:SUP-7']),
    );
    expect(first.rows.length).toBeGreaterThanOrEqual(3);
    expect(first.rows.every((r) => r.state === 'new' && r.checked)).toBe(true);
    expect(first.rows[0]?.text).toMatch(/Fix merged in acme\/shop-api#42|Released in/);

    // Zendesk ticket 4711 answers 500 to the write (and only it).
    fx.replica.fault({
      host: 'acme.zendesk.com',
      method: 'PUT',
      path: '/api/v2/tickets/4711.json',
      kind: '500',
    });
    const outcomes = await confirm(first.page, 'linked-incidents');
    const byRef = new Map(outcomes.map((r) => [r.ref, r]));
    expect(byRef.get('zendesk:acme/4711')?.outcome).toBe('failed');
    expect(byRef.get('zendesk:acme/4711')?.text).toMatch(/Zendesk/);
    for (const r of outcomes)
      if (r.ref !== 'zendesk:acme/4711') expect([r.ref, r.outcome]).toEqual([r.ref, 'written']);
    expect(notesBy(ticketNotes(4711), 'tell')).toHaveLength(0);
    expect(notesBy(snowNotes('INC0010001'), 'tell')).toHaveLength(1);
    fx.replica.clearFaults();

    // Told again: the written ones are already there; only 4711 is sent.
    const second = await tell();
    for (const r of second.rows)
      expect([r.ref, r.state]).toEqual([r.ref, r.ref === 'zendesk:acme/4711' ? 'new' : 'already']);
    const again = await confirm(second.page, 'linked-incidents');
    expect(again.find((r) => r.ref === 'zendesk:acme/4711')?.outcome).toBe('written');
    const tellNote = notesBy(ticketNotes(4711), 'tell');
    expect(tellNote).toHaveLength(1);
    expect(tellNote[0]?.public).toBe(false);
    expect(notesBy(snowNotes('INC0010001'), 'tell')).toHaveLength(1);
    const sup7 = fx.replica.dataset.jiraIssues.find((i) => i.key === 'SUP-7')?.comments ?? [];
    expect(notesBy(sup7, 'tell')).toHaveLength(1);

    // A third time: nothing to send.
    const third = await tell();
    expect(third.rows.every((r) => r.state === 'already')).toBe(true);
    expect(await confirmDisabled(third.page, 'linked-incidents')).toBe(true);
  });

  test('from the popup’s Watching list: a watched bug that was merged tells its tickets once, from any page', async () => {
    // SHOP-102's fix (acme/shop-api#43) is merged, and the watch saw it: the list offers to tell the tickets.
    fx.replica.mutate({ mergePull: { repo: 'acme/shop-api', number: 43, at: '2026-03-20T10:00:00Z' } });
    const bug = fx.replica.dataset.jiraIssues.find((i) => i.key === 'SHOP-102');
    const watch = {
      ref: 'jira:SHOP-102',
      system: 'jira',
      kind: 'bug',
      key: 'SHOP-102',
      title: bug?.summary ?? 'SHOP-102',
      url: 'https://acme.atlassian.net/browse/SHOP-102',
      addedAt: Date.now() - 3_600_000,
      changes: [{ id: 'merged:43', kind: 'merged', text: 'acme/shop-api#43 was merged.', at: Date.now() }],
      unseen: 1,
    };
    const entry = '[data-watched-ref="jira:SHOP-102"]';
    const tell = async () => {
      const popup = await fx.eb.openExtensionPage('src/popup/index.html');
      await popup.evaluate(async (w) => {
        type StorageApi = { storage: { local: { set(items: object): Promise<void> } } };
        const g = globalThis as unknown as { browser?: StorageApi; chrome?: StorageApi };
        await (g.browser ?? g.chrome)?.storage.local.set({ watches: { watches: [w] } });
      }, watch as never);
      await popup.waitForSelector(`${entry} [data-action="tell-tickets"]`, { timeout: 15_000 });
      await popup.click(`${entry} [data-action="tell-tickets"]`);
      await popup.waitForSelector(`${entry} [role="dialog"] [data-step]`, { timeout: 30_000 });
      const rows = await popup.$$eval(`${entry} [role="dialog"] [data-step]`, (els) =>
        els.map((e) => ({
          ref: e.getAttribute('data-ref'),
          state: e.getAttribute('data-state'),
          text: e.textContent ?? '',
        })),
      );
      return { popup, rows };
    };
    const first = await tell();
    // SHOP-102's tickets: the ServiceNow incident and the Zendesk ticket that name it (and any linked above).
    const told = first.rows.map((r) => r.ref ?? '');
    expect(told).toEqual(expect.arrayContaining(['servicenow:INC0010004']));
    expect(first.rows.every((r) => r.state === 'new')).toBe(true);
    expect(first.rows[0]?.text).toContain('Fix merged');
    await first.popup.click(`${entry} [role="dialog"] [data-confirm]`);
    await first.popup.waitForFunction(
      (e) => {
        const rows = [...document.querySelectorAll(`${e} [role="dialog"] [data-step]`)];
        return rows.length > 0 && rows.every((r) => r.hasAttribute('data-outcome'));
      },
      { timeout: 60_000, polling: 200 },
      entry,
    );
    const outcomes = await first.popup.$$eval(`${entry} [role="dialog"] [data-step]`, (els) =>
      els.map((e) => e.getAttribute('data-outcome')),
    );
    expect(outcomes.every((o) => o === 'written')).toBe(true);
    for (const ref of told) {
      const notes = ref.startsWith('servicenow:')
        ? snowNotes(ref.slice('servicenow:'.length))
        : ref.startsWith('zendesk:')
          ? ticketNotes(Number(ref.split('/').at(-1)))
          : (fx.replica.dataset.jiraIssues.find((i) => `jira:${i.key}` === ref)?.comments ?? []);
      expect([ref, notesBy(notes, 'tell').length]).toEqual([ref, 1]);
    }
    await first.popup.close();

    // The same news, asked again from the list: every ticket already has it, nothing to send.
    const second = await tell();
    expect(second.rows.map((r) => r.state)).toEqual(first.rows.map(() => 'already'));
    expect(
      await second.popup.$eval(
        `${entry} [role="dialog"] [data-confirm]`,
        (b) => (b as HTMLButtonElement).disabled,
      ),
    ).toBe(true);
    await second.popup.close();
  });

  test('a knowledge article drafted from a resolved bug: Markdown to copy, one draft in each knowledge base, once', async () => {
    const drafts = () => ({
      servicenow: (fx.replica.dataset.kbArticles ?? []).filter((a) => a.text.includes('liaison:v1:kb:')),
      zendesk: (fx.replica.dataset.helpCenterArticles ?? []).filter((a) => a.body.includes('liaison:v1:kb:')),
    });
    const draft = async () => {
      // SHOP-101 is done; its page's linked-incidents panel drafts from it.
      const page = await fx.open('https://acme.atlassian.net/browse/SHOP-101');
      await page.waitForSelector('liaison-panel[data-panel="linked-incidents"][data-state="ready"]', {
        timeout: 30_000,
      });
      return { page, rows: await openPlan(page, 'linked-incidents', 'draft-kb') };
    };
    const first = await draft();
    expect(first.rows.map((r) => [r.state, r.checked])).toEqual([
      ['new', true],
      ['new', true],
    ]);
    const markdown = await first.page.$eval(
      inPanel('linked-incidents', '[role="dialog"]'),
      (e) => e.textContent ?? '',
    );
    expect(markdown).toContain('## Symptoms');
    expect(
      await first.page.$(inPanel('linked-incidents', '[role="dialog"] [data-copy="markdown"]')),
    ).not.toBeNull();
    const done = await confirm(first.page, 'linked-incidents');
    expect(done.map((r) => r.outcome)).toEqual(['written', 'written']);
    const made = drafts();
    expect(made.servicenow.map((a) => a.workflowState)).toEqual(['draft']);
    expect(made.zendesk.map((a) => a.draft)).toEqual([true]);
    expect(made.servicenow[0]?.shortDescription).toContain('Checkout');

    const second = await draft();
    expect(second.rows.map((r) => r.state)).toEqual(['already', 'already']);
    expect(drafts().servicenow).toHaveLength(1);
    expect(drafts().zendesk).toHaveLength(1);
  });

  test('read-only credentials: the preview names the missing permission and nothing changes', async () => {
    await fx.eb.configure(replicaSettings({ write: true, readOnly: true }));
    try {
      const ticket = fx.replica.dataset.tickets.find(
        (t) =>
          t.id > 5000 &&
          t.status !== 'closed' &&
          !t.jiraKey &&
          !/[A-Z][A-Z0-9]+-\d+/.test(`${t.subject} ${t.description}`),
      );
      const id = ticket?.id ?? 0;
      const before = {
        notes: ticketNotes(id).length,
        links: remoteLinks('SHOP-102', `liaison:v1:zendesk:acme/${id}`).length,
      };
      const page = await fx.open(`https://acme.zendesk.com/agent/tickets/${id}`);
      await page.waitForSelector('liaison-panel[data-panel="bug-status"][data-state="empty"]', {
        timeout: 30_000,
      });
      const rows = await pickBug(page, 'bug-status', 'SHOP-102', 'jira:SHOP-102');
      expect(rows.map((r) => [r.state, r.checked])).toEqual([
        ['blocked', false],
        ['blocked', false],
      ]);
      expect(rows[0]?.text).toMatch(/Link issues/);
      expect(rows[1]?.text).toMatch(/end user/i);
      expect(await confirmDisabled(page, 'bug-status')).toBe(true);
      expect(ticketNotes(id)).toHaveLength(before.notes);
      expect(remoteLinks('SHOP-102', `liaison:v1:zendesk:acme/${id}`)).toHaveLength(before.links);
    } finally {
      await fx.eb.configure(replicaSettings({ write: true }));
    }
  });
  test('options: Test connection says what the token may write; Activity lists every write, with no secret, and clears', async () => {
    let options = await fx.eb.openExtensionPage('src/options/index.html');
    const press = async (label: string, scope: string) => {
      await options.bringToFront();
      const button = await options.waitForFunction(
        (s, l) =>
          [...document.querySelectorAll<HTMLButtonElement>(`${s} button`)].find((b) =>
            (b.textContent ?? '').trim().startsWith(l),
          ),
        { timeout: 10_000 },
        scope,
        label,
      );
      const element = button.asElement();
      if (!element) throw new Error(`no button ${label} in ${scope}`);
      await (element as unknown as { click(): Promise<void> }).click();
    };
    const text = (selector: string) =>
      options
        .waitForSelector(selector, { timeout: 20_000 })
        .then((el) => el?.evaluate((e) => e.textContent ?? ''));

    // Jira: mypermissions says the token may comment and link.
    await press('Test connection', '[data-connection-id="jira"]');
    expect(await text('[data-connection-id="jira"] [data-test-write="ok"]')).toMatch(/link issues/i);

    // The writes of the tests above, newest first: the links, the told tickets (4711's 500 among them).
    await press('Refresh list', '[data-activity]');
    await options.waitForSelector('[data-activity] li[data-activity-ref="zendesk:acme/5000"]', {
      timeout: 10_000,
    });
    const entries = await options.$$eval('[data-activity] li[data-activity-ref]', (els) =>
      els.map((e) => ({
        ref: e.getAttribute('data-activity-ref'),
        result: e.querySelector('[data-result]')?.getAttribute('data-result'),
      })),
    );
    expect(entries).toEqual(
      expect.arrayContaining([
        { ref: 'zendesk:acme/5000', result: 'written' },
        { ref: 'servicenow:INC0010005', result: 'written' },
        { ref: 'zendesk:acme/4711', result: 'failed' },
        { ref: 'zendesk:acme/4711', result: 'written' },
      ]),
    );
    const listed = await options.$eval('[data-activity]', (e) => e.textContent ?? '');
    for (const secret of [
      credentials.github.token,
      credentials.jira.password,
      credentials.servicenow.password,
      credentials.zendesk.password,
    ])
      expect(listed).not.toContain(secret);
    await press('Clear activity', '[data-activity]');
    await options.waitForSelector('[data-activity-empty]', { timeout: 10_000 });
    expect(await text('[data-status="activity"]')).toBe('Activity cleared.');

    // Read-only credentials: Test connection names what is missing.
    await fx.eb.configure(replicaSettings({ write: true, readOnly: true }));
    try {
      // A new page, as after reopening the options (Firefox does not always finish reloading an extension page).
      await options.close();
      options = await fx.eb.openExtensionPage('src/options/index.html');
      await press('Test connection', '[data-connection-id="zd"]');
      expect(await text('[data-connection-id="zd"] [data-test-write="missing"]')).toMatch(/end user|agent/i);
    } finally {
      await fx.eb.configure(replicaSettings({ write: true }));
    }
    await options.close();
  });
});
