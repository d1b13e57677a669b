// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { MountedPanel } from '../../src/content/mount';
import { bug, incident, mountWithWrites, plan, step, ticket, view } from './write-fixtures';

/** The write actions and their previews inside the panels (DESIGN.md contract 7), as a user meets them. */

const settle = async (ms = 0) => {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
  await act(async () => {});
};
const click = async (element: Element | null | undefined) => {
  if (!element) throw new Error('nothing to click');
  await act(() => (element as HTMLElement).click());
  await settle();
};
const type = async (input: HTMLInputElement, text: string) => {
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
};
const key = async (target: Element, k: string) => {
  await act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
  });
  await settle();
};

afterEach(() => {
  document.body.innerHTML = '';
});

const emptyTicket = () => view(ticket.ref, [ticket]);

describe('link-bug', () => {
  test('the empty bug-status panel offers it; a page script’s click opens nothing', async () => {
    const { root, trust, sent } = mountWithWrites('bug-status', emptyTicket(), () => undefined);
    const action = root.querySelector<HTMLButtonElement>('[data-action="link-bug"]');
    expect(root.host.getAttribute('data-state')).toBe('empty');
    expect(action?.textContent).toBe('Link to a bug');
    expect(action?.closest('.body')?.textContent).toMatch(/No Jira bug .* is linked/);
    trust.on = false;
    await click(action);
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(sent).toEqual([]);
  });

  test('without write controls there is no action', () => {
    const p = new MountedPanel('bug-status', ticket.ref, {
      refresh: () => undefined,
      toggle: () => undefined,
      openOptions: () => undefined,
    });
    document.body.append(p.host);
    p.update({ view: emptyTicket(), failure: undefined, theme: 'light', collapsed: false });
    expect(p.host.shadowRoot?.querySelector('[data-action]')).toBeNull();
  });

  test('picker: searches after two characters, results carry data-ref, a click chooses and the plan is shown', async () => {
    const { root, sent, trust } = mountWithWrites('bug-status', emptyTicket(), (m) => {
      if (m.type === 'write-search')
        return {
          ok: true,
          items: [bug('SHOP-101'), bug('SHOP-102')],
          errors: ['GitHub (github.com) failed: 502'],
        };
      if (m.type === 'write-preview')
        return {
          ok: true,
          plan: plan(
            [
              step('jira'),
              step('ticket', {
                ref: ticket.ref,
                key: '#4711',
                system: 'zendesk',
                where: 'Internal note on Zendesk ticket #4711',
                state: 'already',
                chosen: true,
              }),
              step('gh', {
                state: 'blocked',
                note: 'The GitHub connection does not allow writing.',
                chosen: false,
              }),
            ],
            { notes: ['GitHub could not be checked.'] },
          ),
        };
      return undefined;
    });
    await click(root.querySelector('[data-action="link-bug"]'));
    const dialog = root.querySelector('[role="dialog"]');
    expect(dialog?.querySelector('h3')?.textContent).toBe('Link this ticket to a bug');
    const box = root.querySelector<HTMLInputElement>('input[type="search"]');
    expect(root.activeElement).toBe(box);

    await type(box as HTMLInputElement, 's');
    await settle(300);
    expect(sent).toEqual([]);
    expect(dialog?.textContent).toContain('Type at least 2 characters');
    await type(box as HTMLInputElement, 'sh');
    await type(box as HTMLInputElement, 'sho');
    await settle(300);
    // Debounced: one search, for the last text.
    expect(sent).toEqual([{ type: 'write-search', text: 'sho' }]);
    const results = [...root.querySelectorAll<HTMLButtonElement>('button[data-ref]')];
    expect(results.map((r) => r.dataset.ref)).toEqual(['jira:SHOP-101', 'jira:SHOP-102']);
    expect(dialog?.textContent).toContain('GitHub (github.com) failed: 502');

    trust.on = false;
    await click(results[0]);
    expect(sent).toHaveLength(1);
    trust.on = true;
    await click(results[0]);
    expect(sent.at(-1)).toEqual({
      type: 'write-preview',
      kind: 'link-bug',
      subject: ticket.ref,
      bug: 'jira:SHOP-101',
    });
    expect(root.querySelector('h3')?.textContent).toBe('Link #4711 to SHOP-101');
    expect(root.activeElement).toBe(root.querySelector('[role="dialog"] h3'));
    expect(root.querySelector('.notes')?.textContent).toBe('GitHub could not be checked.');

    const rows = [...root.querySelectorAll<HTMLElement>('.write-step')];
    expect(rows.map((r) => [r.dataset.ref, r.dataset.state])).toEqual([
      ['jira:SHOP-101', 'new'],
      ['zendesk:acme/4711', 'already'],
      ['jira:SHOP-101', 'blocked'],
    ]);
    expect(rows[0]?.querySelector('pre')?.textContent).toMatch(
      /\nLiaison ref liaison:v1:link:0123456789abcdef$/,
    );
    expect(rows[0]?.querySelector('a')?.getAttribute('href')).toBe(
      'https://acme.atlassian.net/browse/SHOP-101',
    );
    const boxes = rows.map((r) => r.querySelector<HTMLInputElement>('input[type="checkbox"]'));
    expect(boxes.map((b) => [b?.checked, b?.disabled])).toEqual([
      [true, false],
      [false, true],
      [false, true],
    ]);
    expect(rows[1]?.textContent).toContain('Already written');
    expect(rows[2]?.textContent).toContain('The GitHub connection does not allow writing.');
    expect(root.querySelector('[data-confirm]')?.textContent).toBe('Confirm 1 write');
  });

  test('confirm sends only the chosen steps, shows each outcome and refreshes the panel', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const { p, root, sent, trust, refreshes } = mountWithWrites('bug-status', emptyTicket(), (m) => {
      if (m.type === 'write-search') return { ok: true, items: [bug('SHOP-101')], errors: [] };
      if (m.type === 'write-preview')
        return {
          ok: true,
          plan: plan([
            step('jira'),
            step('note', { ref: ticket.ref, key: '#4711', where: 'Internal note on #4711' }),
            step('maybe', { state: 'unknown', chosen: false, where: 'Comment on acme/shop-api#42' }),
          ]),
        };
      return new Promise((resolve) => {
        answer = resolve;
      });
    });
    await click(root.querySelector('[data-action="link-bug"]'));
    await type(root.querySelector('input[type="search"]') as HTMLInputElement, 'SHOP-101');
    await settle(300);
    await click(root.querySelector('button[data-ref="jira:SHOP-101"]'));
    const confirm = () => root.querySelector<HTMLButtonElement>('[data-confirm]');
    const boxes = () => [...root.querySelectorAll<HTMLInputElement>('.write-step input[type="checkbox"]')];
    expect(boxes().map((b) => b.checked)).toEqual([true, true, false]);

    // A page's script ticking a box changes nothing.
    trust.on = false;
    await click(boxes()[2]);
    expect(boxes()[2]?.checked).toBe(false);
    await click(confirm());
    expect(sent.some((m) => m.type === 'write-confirm')).toBe(false);

    trust.on = true;
    await click(boxes()[0]);
    await click(boxes()[2]);
    expect(boxes().map((b) => b.checked)).toEqual([false, true, true]);
    expect(confirm()?.textContent).toBe('Confirm 2 writes');
    await click(confirm());
    expect(sent.at(-1)).toEqual({ type: 'write-confirm', planId: 'plan-1', chosen: ['note', 'maybe'] });
    // While sending: no second send.
    expect(confirm()?.disabled).toBe(true);
    await click(confirm());
    expect(sent.filter((m) => m.type === 'write-confirm')).toHaveLength(1);

    await act(async () =>
      answer({
        ok: true,
        outcomes: [
          { id: 'jira', result: 'skipped', message: 'Not chosen.' },
          {
            id: 'note',
            result: 'written',
            message: 'Internal note added to #4711.',
            url: 'https://acme.zendesk.com/agent/tickets/4711',
          },
          { id: 'maybe', result: 'failed', message: 'GitHub refused: the token needs Issues: write.' },
        ],
      }),
    );
    await settle();
    const rows = [...root.querySelectorAll<HTMLElement>('.write-step')];
    expect(rows.map((r) => r.dataset.outcome)).toEqual(['skipped', 'written', 'failed']);
    expect(rows[1]?.querySelector('.outcome a')?.getAttribute('href')).toBe(
      'https://acme.zendesk.com/agent/tickets/4711',
    );
    expect(rows[2]?.textContent).toContain('the token needs Issues: write');
    expect(root.querySelector('[data-summary]')?.textContent).toBe('1 written, 1 failed, 1 skipped');
    expect(root.querySelector('[data-confirm]')).toBeNull();
    expect(refreshes).toHaveLength(1);
    // The refreshed view shows the new link; the outcomes stay on screen until closed.
    await act(() =>
      p.update({
        view: view(
          ticket.ref,
          [ticket, bug('SHOP-101')],
          [{ from: ticket.ref, to: 'jira:SHOP-101', via: 'remote-link' }],
        ),
        failure: undefined,
        theme: 'light',
        collapsed: false,
      }),
    );
    expect(p.host.dataset.state).toBe('ready');
    expect(root.querySelector('[data-step="bug"]')?.getAttribute('data-ref')).toBe('jira:SHOP-101');
    expect(root.querySelector('[data-summary]')?.textContent).toBe('1 written, 1 failed, 1 skipped');

    await click([...root.querySelectorAll('button')].find((b) => b.textContent === 'Close'));
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(root.activeElement).toBe(root.querySelector('[data-action="link-bug"]'));
  });

  test('Escape and Cancel close the preview and give the focus back to the action', async () => {
    const { root } = mountWithWrites('bug-status', emptyTicket(), () => undefined);
    const action = root.querySelector('[data-action="link-bug"]') as HTMLButtonElement;
    await click(action);
    expect([action.hasAttribute('data-open'), action.getAttribute('aria-controls')]).toEqual([
      true,
      root.querySelector('[role="dialog"]')?.id,
    ]);
    const escaped: Event[] = [];
    document.addEventListener('keydown', (e) => escaped.push(e));
    await key(root.querySelector('input[type="search"]') as Element, 'Escape');
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(root.activeElement).toBe(action);
    // The site's own Escape handlers never see it.
    expect(escaped).toEqual([]);

    await click(action);
    await click([...root.querySelectorAll('button')].find((b) => b.textContent === 'Cancel'));
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(root.activeElement).toBe(action);
  });

  test('a failed search is a sentence in the preview; the panel keeps its state', async () => {
    const { root } = mountWithWrites('bug-status', emptyTicket(), (m) => {
      if (m.type === 'write-search') return { ok: false, error: 'Jira (acme.atlassian.net) did not answer.' };
      return undefined;
    });
    await click(root.querySelector('[data-action="link-bug"]'));
    await type(root.querySelector('input[type="search"]') as HTMLInputElement, 'checkout');
    await settle(300);
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Jira (acme.atlassian.net) did not answer.',
    );
    expect(root.host.getAttribute('data-state')).toBe('empty');
  });

  test('loading states: the picker says it is searching, the preview that it is checking', async () => {
    const pending: ((value: unknown) => void)[] = [];
    const { root } = mountWithWrites(
      'bug-status',
      emptyTicket(),
      () =>
        new Promise((resolve) => {
          pending.push(resolve);
        }),
    );
    await click(root.querySelector('[data-action="link-bug"]'));
    await type(root.querySelector('input[type="search"]') as HTMLInputElement, 'checkout');
    await settle(300);
    const status = () => root.querySelector('[role="dialog"] [role="status"]')?.textContent;
    expect(status()).toBe('Searching…');
    await act(async () => pending.shift()?.({ ok: true, items: [], errors: [] }));
    await settle();
    expect(status()).toBe('Nothing matches “checkout”.');
    await type(root.querySelector('input[type="search"]') as HTMLInputElement, 'SHOP-101');
    await settle(300);
    await act(async () => pending.shift()?.({ ok: true, items: [bug('SHOP-101')], errors: [] }));
    await settle();
    await click(root.querySelector('button[data-ref="jira:SHOP-101"]'));
    const dialog = root.querySelector('[role="dialog"]');
    expect([status(), dialog?.getAttribute('aria-busy')]).toEqual([
      'Checking what is already written…',
      'true',
    ]);
    expect(dialog?.querySelector('h3')?.textContent).toBe('Link this ticket to SHOP-101');
    await act(async () => pending.shift()?.({ ok: true, plan: plan([step('jira')]) }));
    await settle();
    expect([dialog?.getAttribute('aria-busy'), root.querySelectorAll('.write-step').length]).toEqual([
      'false',
      1,
    ]);
  });

  test('a refused confirm says why, keeps the plan and lets the user try again', async () => {
    const answers: unknown[] = [
      { ok: false, error: 'Jira (acme.atlassian.net) refused: you need the Link issues permission on SHOP.' },
      { ok: true, outcomes: [{ id: 'jira', result: 'written', message: 'Linked.' }] },
    ];
    const { root, sent } = mountWithWrites('bug-status', emptyTicket(), (m) => {
      if (m.type === 'write-search') return { ok: true, items: [bug('SHOP-101')], errors: [] };
      if (m.type === 'write-preview') return { ok: true, plan: plan([step('jira')]) };
      return answers.shift();
    });
    await click(root.querySelector('[data-action="link-bug"]'));
    await type(root.querySelector('input[type="search"]') as HTMLInputElement, 'SHOP');
    await settle(300);
    await click(root.querySelector('button[data-ref="jira:SHOP-101"]'));
    await click(root.querySelector('[data-confirm]'));
    expect(root.querySelector('[role="dialog"] [role="alert"]')?.textContent).toMatch(
      /Link issues permission/,
    );
    expect(root.querySelector('.write-step')?.getAttribute('data-outcome')).toBeNull();
    const confirm = root.querySelector<HTMLButtonElement>('[data-confirm]');
    expect(confirm?.disabled).toBe(false);
    await click(confirm);
    expect(sent.filter((m) => m.type === 'write-confirm')).toHaveLength(2);
    expect(root.querySelector('.write-step')?.getAttribute('data-outcome')).toBe('written');
    expect(root.querySelector('[role="dialog"] [role="alert"]')).toBeNull();
  });

  test('a refused plan says why; the rest of the panel is untouched', async () => {
    const { root } = mountWithWrites(
      'bug-status',
      view(
        ticket.ref,
        [ticket, bug('SHOP-9', true)],
        [{ from: ticket.ref, to: 'jira:SHOP-9', via: 'field' }],
      ),
      (m) =>
        m.type === 'write-preview' ? { ok: false, error: 'No connection may write to SHOP-9.' } : undefined,
    );
    await click(root.querySelector('[data-action="draft-kb"]'));
    expect(root.querySelector('[role="dialog"] [role="alert"]')?.textContent).toBe(
      'No connection may write to SHOP-9.',
    );
    expect(root.querySelector('[data-step="bug"]')?.getAttribute('data-ref')).toBe('jira:SHOP-9');
  });
});

describe('tell-tickets and draft-kb', () => {
  const prView = (category: 'done' | 'in_progress') =>
    view(
      'jira:SHOP-101',
      [
        { ...bug('SHOP-101'), status: { name: category, category } },
        incident('INC0010001'),
        incident('INC0010002'),
      ],
      [
        { from: 'servicenow:INC0010001', to: 'jira:SHOP-101', via: 'mention' },
        { from: 'servicenow:INC0010002', to: 'jira:SHOP-101', via: 'mention' },
      ],
    );

  test('tell-tickets lists every linked ticket, all chosen; unticking all disables the confirm', async () => {
    const { root, sent } = mountWithWrites('linked-incidents', prView('in_progress'), () => ({
      ok: true,
      plan: plan(
        ['INC0010001', 'INC0010002'].map((n) =>
          step(n, { ref: `servicenow:${n}`, key: n, system: 'servicenow', where: `Work note on ${n}` }),
        ),
        { kind: 'tell-tickets', summary: 'Tell 2 tickets about SHOP-101' },
      ),
    }));
    expect(root.querySelector('[data-action="draft-kb"]')).toBeNull();
    await click(root.querySelector('[data-action="tell-tickets"]'));
    expect(sent).toEqual([{ type: 'write-preview', kind: 'tell-tickets', subject: 'jira:SHOP-101' }]);
    const dialog = root.querySelector('[role="dialog"]') as HTMLElement;
    expect(root.activeElement).toBe(dialog.querySelector('h3'));
    const rows = [...dialog.querySelectorAll<HTMLElement>('[data-ref]')];
    expect(rows.map((r) => r.dataset.ref)).toEqual(['servicenow:INC0010001', 'servicenow:INC0010002']);
    for (const b of dialog.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) await click(b);
    const confirm = dialog.querySelector<HTMLButtonElement>('[data-confirm]');
    expect([confirm?.disabled, confirm?.textContent]).toEqual([true, 'Nothing chosen']);
  });

  test('no tell-tickets without a ticket; draft-kb on a resolved subject, with its Markdown to copy', async () => {
    const resolved = { ...prView('done'), items: [{ ...bug('SHOP-101', true) }], links: [] };
    const { root, sent } = mountWithWrites('linked-incidents', resolved, () => ({
      ok: true,
      plan: plan(
        [
          step('kb-snow', {
            state: 'unknown',
            chosen: false,
            where: 'Draft article in ServiceNow knowledge',
          }),
          step('kb-zd', { where: 'Draft article in Zendesk Help Center' }),
        ],
        {
          kind: 'draft-kb',
          summary: 'Draft an article from SHOP-101',
          markdown: '# Checkout spins\n\nFixed in 2.4.1.',
        },
      ),
    }));
    expect(root.querySelector('[data-action="tell-tickets"]')).toBeNull();
    await click(root.querySelector('[data-action="draft-kb"]'));
    expect(sent).toEqual([
      { type: 'write-preview', kind: 'draft-kb', subject: 'jira:SHOP-101', bug: 'jira:SHOP-101' },
    ]);
    expect(root.querySelector('.markdown pre')?.textContent).toBe('# Checkout spins\n\nFixed in 2.4.1.');
    expect(root.querySelector('[data-copy="markdown"]')?.tagName).toBe('BUTTON');
    const boxes = [...root.querySelectorAll<HTMLInputElement>('.write-step input[type="checkbox"]')];
    expect(boxes.map((b) => [b.checked, b.disabled])).toEqual([
      [false, false],
      [true, false],
    ]);
    expect(root.querySelector('[data-confirm]')?.textContent).toBe('Create 1 draft');
  });

  test('bug status: draft-kb only on a chain whose bug is done', () => {
    const { root } = mountWithWrites(
      'bug-status',
      view(
        ticket.ref,
        [ticket, bug('SHOP-1', true), bug('SHOP-2')],
        [
          { from: ticket.ref, to: 'jira:SHOP-1', via: 'field' },
          { from: ticket.ref, to: 'jira:SHOP-2', via: 'field' },
        ],
      ),
      () => undefined,
    );
    const drafts = [...root.querySelectorAll('[data-action="draft-kb"]')];
    expect(drafts.map((d) => d.closest('.chain')?.getAttribute('aria-label'))).toEqual(['Status of SHOP-1']);
    expect(root.querySelector('[data-action="link-bug"]')?.textContent).toBe('Link another bug');
  });

  test('hostile titles and texts stay text; the Markdown is copied as it is shown', async () => {
    const hostile = '<img src=x onerror=alert(1)> **bold**';
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    const { root } = mountWithWrites(
      'bug-status',
      view(
        ticket.ref,
        [ticket, bug('SHOP-9', true)],
        [{ from: ticket.ref, to: 'jira:SHOP-9', via: 'field' }],
      ),
      () => ({
        ok: true,
        plan: plan([step('kb', { title: hostile, text: hostile, url: 'javascript:alert(1)' })], {
          kind: 'draft-kb',
          summary: hostile,
          markdown: `# ${hostile}`,
        }),
      }),
    );
    await click(root.querySelector('[data-action="draft-kb"]'));
    const dialog = root.querySelector('[role="dialog"]') as HTMLElement;
    expect(dialog.querySelector('h3')?.textContent).toBe(hostile);
    expect(dialog.querySelector('.write-step pre')?.textContent).toBe(hostile);
    expect(dialog.querySelector('img')).toBeNull();
    // Not an http(s) address: shown as text, never a live link.
    expect(dialog.querySelector('.write-step a')).toBeNull();
    await click(dialog.querySelector('[data-copy="markdown"]'));
    await settle();
    expect(copied).toEqual([`# ${hostile}`]);
    expect(dialog.textContent).toContain('Copied.');
  });
});
