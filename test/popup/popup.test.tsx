// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, type Mock, test, vi } from 'vitest';
import type { Item } from '../../src/core/model';
import type { RecentItem } from '../../src/core/recent';
import type { ContextView } from '../../src/messaging/protocol';
import type { SearchReply, SearchRequest, SearchSource } from '../../src/messaging/search';
import type { PopupEnv } from '../../src/popup/env';
import { Popup } from '../../src/popup/Popup';
import { DEBOUNCE_MS } from '../../src/popup/useQuickSearch';

/** The popup in jsdom with a fake browser: focus, debounced search, grouping and states, the keyboard model. */

const item = (ref: string, system: Item['system'], key: string, title = `About ${key}`): Item => ({
  ref,
  system,
  kind: system === 'github' ? 'pull' : system === 'jira' ? 'bug' : 'incident',
  key,
  title,
  url: `https://${system}.example/${key}`,
  status: { name: 'Open', category: 'in_progress' },
  priority: { name: '1 - Critical', rank: 1 },
});
const source = (system: SearchSource['system'], connectionId: string, label: string): SearchSource => ({
  system,
  connectionId,
  host: `${connectionId}.example`,
  label,
});
const sources = [
  source('github', 'gh', 'GitHub'),
  source('jira', 'jira', 'Jira'),
  source('servicenow', 'snow', 'ServiceNow'),
  source('zendesk', 'zd', 'Zendesk'),
];
const pr42 = item('github:acme/shop-api#42', 'github', 'acme/shop-api#42', 'SHOP-101: stream cart totals');
const view: ContextView = {
  subject: pr42.ref,
  items: [pr42],
  links: [],
  releases: [],
  sources: [],
  configured: true,
  resolvedAt: Date.now(),
  stale: false,
};

let root: HTMLElement;
let sent: SearchRequest[];
let listeners: Set<(reply: SearchReply) => void>;
let env: PopupEnv & {
  openHere: Mock<PopupEnv['openHere']>;
  openInNewTab: Mock<PopupEnv['openInNewTab']>;
  close: Mock<PopupEnv['close']>;
  openOptions: Mock<PopupEnv['openOptions']>;
  connectTenant: Mock<PopupEnv['connectTenant']>;
};
let recentList: RecentItem[];
let recentListener: ((recent: RecentItem[]) => void) | undefined;

const flush = () => act(async () => {});
const reply = (r: SearchReply) =>
  act(() => {
    for (const l of listeners) l(r);
  });
const input = () => root.querySelector('input[type="search"]') as HTMLInputElement;
const searches = () =>
  sent.filter((r): r is Extract<SearchRequest, { type: 'search' }> => r.type === 'search');
const lastQueryId = () => searches().at(-1)?.queryId ?? 0;
const refs = (attr = 'data-ref') => [...root.querySelectorAll(`[${attr}]`)].map((e) => e.getAttribute(attr));
const state = () => root.querySelector('main')?.getAttribute('data-state');
const selected = () => root.querySelector('[aria-selected="true"]')?.getAttribute('data-ref');

async function type(text: string) {
  await act(() => {
    input().value = text;
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function key(k: string, init: KeyboardEventInit = {}) {
  await act(() => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  });
}
async function search(text: string) {
  await type(text);
  await act(() => {
    vi.advanceTimersByTime(DEBOUNCE_MS);
  });
  return lastQueryId();
}

async function mount(options: { configured?: boolean; tabMode?: boolean } = {}) {
  await act(() => render(<Popup env={env} />, root));
  await flush();
  await reply({
    type: 'sources',
    sources: options.configured === false ? [] : sources,
    configured: options.configured !== false,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  root = document.createElement('div');
  document.body.append(root);
  sent = [];
  listeners = new Set();
  recentList = [];
  recentListener = undefined;
  env = {
    search: {
      send: (r) => void sent.push(r),
      onReply: (l) => {
        listeners.add(l);
        return () => void listeners.delete(l);
      },
      onDisconnect: () => () => undefined,
      close: () => undefined,
    },
    tabMode: false,
    targetTabId: async () => 7,
    tabContext: async () => view,
    unconnectedTenant: async () => undefined,
    connectTenant: vi.fn<PopupEnv['connectTenant']>(),
    openHere: vi.fn<PopupEnv['openHere']>(async () => undefined),
    openInNewTab: vi.fn<PopupEnv['openInNewTab']>(async () => undefined),
    recent: async () => recentList,
    onRecentChange: (l) => {
      recentListener = l;
      return () => undefined;
    },
    openOptions: vi.fn<PopupEnv['openOptions']>(),
    shortcut: async () => 'Alt+Shift+L',
    close: vi.fn<PopupEnv['close']>(),
  };
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

/** A text search whose four sources answered: GitHub 1, Jira 2, ServiceNow failed, Zendesk none. */
async function answered() {
  const queryId = await search('checkout');
  await reply({ type: 'plan', queryId, mode: 'text', refs: [], sources });
  await reply({
    type: 'found',
    queryId,
    connectionId: 'jira',
    items: [item('jira:SHOP-101', 'jira', 'SHOP-101'), item('jira:SHOP-102', 'jira', 'SHOP-102')],
    ms: 12,
  });
  await reply({ type: 'found', queryId, connectionId: 'gh', items: [pr42], ms: 20 });
  await reply({
    type: 'failed',
    queryId,
    connectionId: 'snow',
    system: 'servicenow',
    error: {
      kind: 'auth',
      message:
        'ServiceNow (snow.example) rejected the credentials (401). Update the token in Liaison options.',
    },
    ms: 8,
  });
  await reply({ type: 'found', queryId, connectionId: 'zd', items: [], ms: 5 });
  await reply({ type: 'done', queryId });
  return queryId;
}

describe('opening', () => {
  test('the search box is focused, the context line names the tab’s PR, no "next release" hint', async () => {
    await mount();
    expect(document.activeElement).toBe(input());
    expect(root.querySelector('.context')?.textContent).toMatch(/^PR acme\/shop-api#42 · /);
    expect(root.textContent).not.toMatch(/next release/i);
    expect(root.textContent).toContain('Alt+Shift+L');
    expect(sent[0]).toEqual({ type: 'sources' });
  });

  test('unconfigured: says so and links to the options page', async () => {
    await mount({ configured: false });
    expect(state()).toBe('unconfigured');
    const button = [...root.querySelectorAll('button')].find((b) => /Connect/.test(b.textContent ?? ''));
    button?.click();
    expect(env.openOptions).toHaveBeenCalled();
  });

  test('a tab on a tenant nobody connected: says Liaison leaves it alone and offers to connect it', async () => {
    env.tabContext = async () => undefined;
    env.unconnectedTenant = async (tabId) =>
      tabId === 7 ? { host: 'beta.zendesk.com', system: 'zendesk' } : undefined;
    await mount();
    await flush();
    const offer = root.querySelector('[data-unconnected]');
    expect(offer?.getAttribute('data-unconnected')).toBe('beta.zendesk.com');
    expect(offer?.textContent).toContain('beta.zendesk.com is not connected');
    const button = offer?.querySelector('button');
    expect(button?.textContent).toBe('Connect beta.zendesk.com');
    button?.click();
    expect(env.connectTenant).toHaveBeenCalledWith({ host: 'beta.zendesk.com', system: 'zendesk' });
  });
});

describe('knowledge articles of the tab', () => {
  const article: Item = {
    ...item('servicenow:KB0010001', 'servicenow', 'KB0010001', '<b>Checkout</b> workaround'),
    kind: 'knowledge',
    status: { name: 'Published', category: 'done' },
  };
  const withKnowledge = (failed?: string): ContextView => ({
    ...view,
    knowledge: {
      items: [article],
      links: [{ from: article.ref, to: 'jira:SHOP-101', via: 'mention', detail: 'article text' }],
      sources: [
        { system: 'servicenow', connectionId: 'snow', host: 'acme.service-now.com' },
        ...(failed
          ? [
              {
                system: 'zendesk' as const,
                connectionId: 'zd',
                host: 'acme.zendesk.com',
                error: { kind: 'unavailable' as const, message: failed },
              },
            ]
          : []),
      ],
    },
  });

  test('listed under the context while the box is empty, each with its data-ref; a failed source says so', async () => {
    env.tabContext = async () => withKnowledge('Zendesk (acme.zendesk.com) is unavailable (500).');
    await mount();
    await flush();
    expect(refs()).toEqual(['servicenow:KB0010001']);
    const row = root.querySelector('[data-ref="servicenow:KB0010001"]');
    expect(row?.querySelector('.title')?.textContent).toBe('<b>Checkout</b> workaround');
    expect(row?.querySelector('b')).toBeNull();
    expect(row?.textContent).toContain('mentions SHOP-101');
    expect(root.querySelector('[data-source-error="zendesk"]')?.textContent).toContain('(500)');
    await type('checkout');
    expect(root.querySelector('[data-ref="servicenow:KB0010001"]')).toBeNull();
  });

  test('nothing when the tab has no articles', async () => {
    await mount();
    await flush();
    expect(root.querySelector('.knowledge')).toBeNull();
  });
});

describe('searching', () => {
  test('debounced: fast typing sends one search, with the tab’s subject as `near`', async () => {
    await mount();
    await type('c');
    await type('che');
    await type('checkout');
    expect(searches()).toHaveLength(0);
    await act(() => {
      vi.advanceTimersByTime(DEBOUNCE_MS);
    });
    expect(searches()).toEqual([
      { type: 'search', queryId: 1, text: 'checkout', limit: 5, near: 'github:acme/shop-api#42' },
    ]);
  });

  test('each source is a group in plan order, loading until it answers, whatever the arrival order', async () => {
    await mount();
    const queryId = await search('checkout');
    expect(state()).toBe('loading');
    await reply({ type: 'plan', queryId, mode: 'text', refs: [], sources });
    const groups = () =>
      [...root.querySelectorAll('[role="group"]')].map(
        (g) => `${g.getAttribute('data-system')}:${g.getAttribute('data-status')}`,
      );
    expect(groups()).toEqual(['github:loading', 'jira:loading', 'servicenow:loading', 'zendesk:loading']);
    expect(root.querySelectorAll('.row.placeholder')).toHaveLength(4);
    await answered();
    expect(groups()).toEqual(['github:done', 'jira:done', 'servicenow:failed', 'zendesk:done']);
    expect(refs()).toEqual(['github:acme/shop-api#42', 'jira:SHOP-101', 'jira:SHOP-102']);
    expect(state()).toBe('ready');
  });

  test('a failed source shows its error and fix; the others still show', async () => {
    await mount();
    await answered();
    const error = root.querySelector('[data-source-error="servicenow"]');
    expect(error?.textContent).toMatch(/rejected the credentials.*Liaison options/);
    const group = root.querySelector('[data-system="servicenow"]');
    expect(group?.getAttribute('aria-label')).toMatch(/^ServiceNow: failed\. ServiceNow .*\(401\)/);
    expect(root.querySelector('[data-system="zendesk"]')?.textContent).toMatch(/no results/);
  });

  test('state and priority chips; hostile titles are text', async () => {
    await mount();
    const queryId = await search('x');
    await reply({ type: 'plan', queryId, mode: 'text', refs: [], sources: sources.slice(1, 2) });
    const hostile = item('jira:SHOP-9', 'jira', 'SHOP-9', '<img src=x onerror=alert(1)>');
    await reply({ type: 'found', queryId, connectionId: 'jira', items: [hostile], ms: 1 });
    const row = root.querySelector('[data-ref="jira:SHOP-9"]');
    expect(row?.querySelector('img')).toBeNull();
    expect(row?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(row?.querySelector('.chip.state')?.textContent).toBe('Open');
    expect(row?.querySelector('.chip.p1')?.textContent).toBe('1 - Critical');
  });

  test('empty: every source answered nothing', async () => {
    await mount();
    const queryId = await search('zzz');
    await reply({ type: 'plan', queryId, mode: 'text', refs: [], sources });
    for (const s of sources)
      await reply({ type: 'found', queryId, connectionId: s.connectionId, items: [], ms: 1 });
    expect(state()).toBe('empty');
    expect(root.querySelector('[data-empty]')?.textContent).toBe(
      'No results in GitHub, Jira, ServiceNow or Zendesk for “zzz”.',
    );
  });

  test('an ID that does not exist says so, naming it', async () => {
    await mount();
    const queryId = await search('INC9999999');
    await reply({
      type: 'plan',
      queryId,
      mode: 'refs',
      refs: ['servicenow:INC9999999'],
      sources: sources.slice(2, 3),
    });
    await reply({ type: 'found', queryId, connectionId: 'snow', items: [], ms: 1 });
    expect(root.querySelector('[data-empty]')?.textContent).toBe('INC9999999 not found in ServiceNow.');
  });

  test('replies of an older search are ignored; previous results stay until the new plan', async () => {
    await mount();
    const first = await answered();
    await search('checkout cart');
    expect(refs()).toHaveLength(3);
    expect(root.querySelector('.results.pending')).not.toBeNull();
    await reply({
      type: 'found',
      queryId: first,
      connectionId: 'zd',
      items: [item('zendesk:acme/1', 'zendesk', '#1')],
      ms: 1,
    });
    expect(refs()).not.toContain('zendesk:acme/1');
  });
});

describe('keyboard', () => {
  test('arrows move through results across groups; ArrowUp from the first returns to the box', async () => {
    await mount();
    await answered();
    await key('ArrowDown');
    expect(selected()).toBe('github:acme/shop-api#42');
    const active = input().getAttribute('aria-activedescendant');
    expect(root.querySelector(`#${active}`)?.getAttribute('data-ref')).toBe('github:acme/shop-api#42');
    await key('ArrowDown');
    await key('ArrowDown');
    await key('ArrowDown'); // stays on the last
    expect(selected()).toBe('jira:SHOP-102');
    await key('ArrowUp');
    await key('ArrowUp');
    await key('ArrowUp');
    expect(selected()).toBeUndefined();
    expect(input().hasAttribute('aria-activedescendant')).toBe(false);
    expect(document.activeElement).toBe(input());
  });

  test('the selection stays on its item when a slower source answers above it', async () => {
    await mount();
    const queryId = await search('checkout');
    await reply({ type: 'plan', queryId, mode: 'text', refs: [], sources });
    await reply({
      type: 'found',
      queryId,
      connectionId: 'jira',
      items: [item('jira:SHOP-101', 'jira', 'SHOP-101')],
      ms: 1,
    });
    await key('ArrowDown');
    await reply({ type: 'found', queryId, connectionId: 'gh', items: [pr42], ms: 2 });
    expect(selected()).toBe('jira:SHOP-101');
  });

  test('Enter opens the selected item in the current tab and closes the popup; it is remembered', async () => {
    await mount();
    await answered();
    await key('ArrowDown');
    await key('ArrowDown');
    await key('Enter');
    await flush();
    expect(env.openHere).toHaveBeenCalledWith('https://jira.example/SHOP-101', 7);
    expect(sent).toContainEqual({ type: 'opened', item: expect.objectContaining({ ref: 'jira:SHOP-101' }) });
    expect(env.close).toHaveBeenCalled();
  });

  test('Enter without a selection opens the first result', async () => {
    await mount();
    await answered();
    await key('Enter');
    await flush();
    expect(env.openHere).toHaveBeenCalledWith(pr42.url, 7);
  });

  test('Ctrl+Enter and Cmd+Enter open in a new tab and keep the popup open', async () => {
    await mount();
    await answered();
    await key('ArrowDown');
    await key('Enter', { ctrlKey: true });
    await key('ArrowDown');
    await key('Enter', { metaKey: true });
    await flush();
    expect(env.openInNewTab.mock.calls).toEqual([[pr42.url], ['https://jira.example/SHOP-101']]);
    expect(env.openHere).not.toHaveBeenCalled();
    expect(env.close).not.toHaveBeenCalled();
  });

  test('as a tab (?tab=), Enter navigates that tab and the page stays, Escape never closes it', async () => {
    env.tabMode = true;
    await mount();
    await answered();
    await key('Enter');
    await flush();
    expect(env.openHere).toHaveBeenCalledWith(pr42.url, 7);
    await key('Escape');
    await key('Escape');
    expect(input().value).toBe('');
    expect(env.close).not.toHaveBeenCalled();
  });

  test('Escape clears the box (and cancels the search); a second Escape closes the popup', async () => {
    await mount();
    const queryId = await answered();
    await key('Escape');
    expect(input().value).toBe('');
    expect(sent).toContainEqual({ type: 'cancel', queryId });
    expect(env.close).not.toHaveBeenCalled();
    await key('Escape');
    expect(env.close).toHaveBeenCalled();
  });
});

describe('recent items', () => {
  const recent = (i: Item, how: RecentItem['how']): RecentItem => ({
    item: i,
    how,
    at: Date.now() - 120_000,
  });

  test('listed under the empty box with data-recent-ref (never data-ref), and the keyboard works on them', async () => {
    recentList = [recent(item('jira:SHOP-101', 'jira', 'SHOP-101'), 'opened'), recent(pr42, 'visited')];
    await mount();
    expect(refs('data-recent-ref')).toEqual(['jira:SHOP-101', 'github:acme/shop-api#42']);
    expect(refs('data-ref')).toEqual([]);
    expect(root.textContent).toMatch(/visited 2 minutes ago/);
    await key('ArrowDown');
    await key('ArrowDown');
    await key('Enter');
    await flush();
    expect(env.openHere).toHaveBeenCalledWith(pr42.url, 7);
  });

  test('follow storage: an item opened elsewhere shows up at once; typing hides them', async () => {
    await mount();
    expect(root.querySelector('[data-recent-empty]')).not.toBeNull();
    await act(() => recentListener?.([recent(pr42, 'opened')]));
    expect(refs('data-recent-ref')).toEqual(['github:acme/shop-api#42']);
    await type('x');
    expect(refs('data-recent-ref')).toEqual([]);
  });
});
