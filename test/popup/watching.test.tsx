// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Item } from '../../src/core/model';
import type { Watch } from '../../src/core/watch-state';
import type { PopupEnv, WatchingEnv } from '../../src/popup/env';
import { Popup } from '../../src/popup/Popup';

/** The popup's Watching list and watch toggles (DESIGN.md contract 6), in jsdom with a fake browser. */

const shop102: Item = {
  ref: 'jira:SHOP-102',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-102',
  title: 'Coupon codes ignored on mobile',
  url: 'https://acme.atlassian.net/browse/SHOP-102',
  status: { name: 'In Progress', category: 'in_progress' },
};
const pr42: Item = {
  ...shop102,
  ref: 'github:acme/shop-api#42',
  system: 'github',
  kind: 'pull',
  key: 'acme/shop-api#42',
  title: 'Stream totals',
  url: 'https://github.com/acme/shop-api/pull/42',
};
const watched: Watch = {
  ref: shop102.ref,
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-102',
  title: shop102.title,
  url: shop102.url,
  addedAt: Date.now() - 3_600_000,
  checkedAt: Date.now(),
  snapshot: { entities: {}, tickets: [], sentence: 'The fix is done and will ship in version 2.5.0.' },
  changes: [{ id: 'merged:x', kind: 'merged', text: 'acme/shop-api#43 was merged.', at: Date.now() }],
  unseen: 1,
};

let root: HTMLElement;
let watching: WatchingEnv & { setWatched: ReturnType<typeof vi.fn>; checkNow: ReturnType<typeof vi.fn> };
let env: PopupEnv;
let changed: ((w: Watch[]) => void) | undefined;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  watching = {
    watches: async () => [watched],
    onWatchesChange: (l) => {
      changed = l;
      return () => undefined;
    },
    setWatched: vi.fn(async () => undefined),
    checkNow: vi.fn(async () => ({ ok: true as const, checked: 1, changes: 1, skipped: [] })),
  };
  env = {
    search: { send: () => {}, onReply: () => () => {}, onDisconnect: () => () => {}, close: () => {} },
    tabMode: true,
    targetTabId: async () => undefined,
    tabContext: async () => undefined,
    unconnectedTenant: async () => undefined,
    connectTenant: () => {},
    openHere: vi.fn(async () => undefined),
    openInNewTab: vi.fn(async () => undefined),
    recent: async () => [{ item: pr42, at: Date.now(), how: 'visited' }],
    onRecentChange: () => () => undefined,
    openOptions: () => {},
    shortcut: async () => undefined,
    close: () => {},
    watching,
  };
  Object.assign(navigator, { clipboard: { writeText: vi.fn(async () => undefined) } });
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function open() {
  await act(async () => {
    render(<Popup env={env} />, root);
  });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
async function press(selector: string) {
  await act(async () => {
    root.querySelector<HTMLElement>(selector)?.click();
    await new Promise((r) => setTimeout(r, 0));
  });
}
const $ = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector);

describe('the Watching list', () => {
  test('each watched item with its latest change, the customer sentence and a copy button; unseen is marked', async () => {
    await open();
    const entry = $('[data-watched-ref="jira:SHOP-102"]');
    expect(entry?.dataset.unseen).toBe('1');
    expect(entry?.querySelector('[data-change]')?.textContent).toBe(
      'acme/shop-api#43 was merged. · just now',
    );
    expect(entry?.querySelector('[data-sentence]')?.textContent).toBe(
      'The fix is done and will ship in version 2.5.0.',
    );
    const copy = entry?.querySelector<HTMLButtonElement>('button[aria-label^="Copy the sentence"]');
    await act(async () => copy?.click());
    expect(navigator.clipboard.writeText).toHaveBeenCalledWith(
      'The fix is done and will ship in version 2.5.0.',
    );
    // Opening the popup marks nothing seen: it only reads.
    expect(watching.setWatched).not.toHaveBeenCalled();
  });

  test('the toggle in the list stops watching; a search row or recent item watches with one click, opening nothing', async () => {
    await open();
    const stop = $('[data-watched-ref="jira:SHOP-102"] [data-watch]');
    expect([stop?.getAttribute('aria-pressed'), stop?.getAttribute('aria-label')]).toEqual([
      'true',
      'Stop watching SHOP-102',
    ]);
    await act(async () => stop?.click());
    expect(watching.setWatched).toHaveBeenLastCalledWith('jira:SHOP-102', false);

    const row = $('[data-recent-ref="github:acme/shop-api#42"] [data-watch]');
    expect([row?.getAttribute('aria-pressed'), row?.getAttribute('aria-label')]).toEqual([
      'false',
      'Watch acme/shop-api#42',
    ]);
    await act(async () => row?.click());
    expect(watching.setWatched).toHaveBeenLastCalledWith('github:acme/shop-api#42', true);
    expect(env.openHere).not.toHaveBeenCalled();
    // The background's stored list is the truth: once it says so, the row shows it watched.
    await act(async () =>
      changed?.([watched, { ...watched, ref: pr42.ref, key: pr42.key, unseen: 0, changes: [] }]),
    );
    expect($('[data-recent-ref="github:acme/shop-api#42"] [data-watch]')?.getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect($('[data-watched-ref="github:acme/shop-api#42"] [data-change]')?.textContent).toMatch(
      /^No change since you started watching/,
    );
    // What has news comes first, whatever order the items were watched in.
    await act(async () =>
      changed?.([{ ...watched, ref: pr42.ref, key: pr42.key, unseen: 0, changes: [] }, watched]),
    );
    expect(
      [...root.querySelectorAll('[data-watched-ref]')].map((li) => li.getAttribute('data-watched-ref')),
    ).toEqual(['jira:SHOP-102', 'github:acme/shop-api#42']);
  });

  test('the keyboard: Alt+W in the search box watches the active row (the row’s control is not focusable inside the option)', async () => {
    await open();
    const control = $('[data-recent-ref="github:acme/shop-api#42"] [data-watch]');
    expect(control?.tagName).toBe('SPAN');
    expect(control?.hasAttribute('tabindex')).toBe(false);
    const box = $<HTMLInputElement>('input[type=search]');
    await act(async () => {
      box?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    await act(async () => {
      box?.dispatchEvent(
        new KeyboardEvent('keydown', { key: '∑', code: 'KeyW', altKey: true, bubbles: true }),
      );
    });
    expect(watching.setWatched).toHaveBeenLastCalledWith('github:acme/shop-api#42', true);
    expect(env.openHere).not.toHaveBeenCalled();
  });

  test('Check now says what it found, or why it could not check', async () => {
    await open();
    await press('[data-check-now]');
    expect($('[data-check-outcome]')?.textContent).toBe('Checked 1 item: 1 change.');
    watching.checkNow.mockResolvedValueOnce({
      ok: true,
      checked: 0,
      changes: 0,
      skipped: ['The browser is offline; watches are checked again once it is back online.'],
    });
    await press('[data-check-now]');
    expect($('[data-check-outcome]')?.textContent).toBe(
      'Checked 0 items: no change. The browser is offline; watches are checked again once it is back online.',
    );
  });

  test('a refusal from the background is shown', async () => {
    watching.setWatched.mockResolvedValueOnce('Liaison watches at most 200 items. Stop watching one first.');
    await open();
    await act(async () => $('[data-recent-ref="github:acme/shop-api#42"] [data-watch]')?.click());
    expect($('[role="alert"]')?.textContent).toBe(
      'Liaison watches at most 200 items. Stop watching one first.',
    );
  });
});

describe('telling the linked tickets from the Watching list (issue 14)', () => {
  const ticketWatch: Watch = {
    ...watched,
    ref: 'zendesk:acme/4711',
    system: 'zendesk',
    kind: 'ticket',
    key: '#4711',
  };
  const quiet: Watch = {
    ...watched,
    ref: pr42.ref,
    system: 'github',
    kind: 'pull',
    key: pr42.key,
    changes: [],
  };

  function withWriting() {
    const sent: { type: string; [k: string]: unknown }[] = [];
    const step = {
      id: 't0',
      ref: 'zendesk:acme/4711',
      key: '#4711',
      title: 'Checkout spins',
      url: 'https://acme.zendesk.com/agent/tickets/4711',
      system: 'zendesk' as const,
      connectionId: 'zendesk',
      where: 'Internal note on #4711',
      text: 'Fix merged in acme/shop-api#43, expected in 2.5.0.\nLiaison ref liaison:v1:tell:0123456789abcdef',
      marker: 'liaison:v1:tell:0123456789abcdef',
      state: 'new' as const,
      chosen: true,
    };
    env.writing = {
      trusted: () => true,
      preview: vi.fn(async (request) => {
        sent.push({ type: 'write-preview', ...request });
        return {
          ok: true as const,
          plan: {
            planId: 'p1',
            kind: 'tell-tickets' as const,
            subject: request.subject,
            summary: 'Tell 1 linked ticket: Fix merged in acme/shop-api#43',
            steps: [step],
            notes: [],
          },
        };
      }),
      confirm: vi.fn(async (planId, chosen) => {
        sent.push({ type: 'write-confirm', planId, chosen });
        return {
          ok: true as const,
          outcomes: [{ id: 't0', result: 'written' as const, message: 'Note added.' }],
        };
      }),
      search: vi.fn(async () => ({ ok: true as const, items: [], errors: [] })),
    };
    watching.watches = async () => [watched, ticketWatch, quiet];
    return sent;
  }

  test('a watched bug that changed offers it; its preview is planned for that item and only confirm sends', async () => {
    const sent = withWriting();
    await open();
    const action = $('[data-watched-ref="jira:SHOP-102"] [data-action="tell-tickets"]');
    expect(action?.getAttribute('aria-label')).toBe('Tell linked tickets about SHOP-102');
    await press('[data-watched-ref="jira:SHOP-102"] [data-action="tell-tickets"]');
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(sent).toEqual([{ type: 'write-preview', kind: 'tell-tickets', subject: 'jira:SHOP-102' }]);
    const entry = $('[data-watched-ref="jira:SHOP-102"]');
    expect(entry?.textContent).toContain('Internal note on #4711');
    await press('[data-watched-ref="jira:SHOP-102"] [data-confirm]');
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(sent.at(-1)).toEqual({ type: 'write-confirm', planId: 'p1', chosen: ['t0'] });
    // The popup's own search box keeps its look: the preview's styles are scoped to the list.
    expect($('style')?.textContent).toContain('.watching .tell input[type="search"]');
    expect($('style')?.textContent).not.toMatch(/(^|\n)input\[type="search"\]/);
  });

  test('not for a ticket, not for an item with no change yet, not without write access', async () => {
    withWriting();
    await open();
    expect($('[data-watched-ref="zendesk:acme/4711"] [data-action]')).toBeNull();
    expect($(`[data-watched-ref="${pr42.ref}"] [data-action]`)).toBeNull();
    render(null, root);
    delete env.writing;
    await open();
    expect($('[data-action="tell-tickets"]')).toBeNull();
  });
});
