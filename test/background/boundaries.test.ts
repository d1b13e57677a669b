import { beforeEach, describe, expect, test, vi } from 'vitest';
import { senderOf } from '../../src/background/senders';
import { tabBudget } from '../../src/background/tab-budget';
import { servesPage, unconnectedTenant } from '../../src/core/host-access';
import { replicaSettings } from '../replica/credentials';

/**
 * The background's boundaries (SECURITY.md): who may send what, for which page. The real router
 * (src/background/index.ts) runs against a fake browser whose senders are what Chromium and Firefox report.
 */

const EXTENSION = 'chrome-extension://liaisonid';
type Listener = (message: unknown, sender: unknown) => Promise<unknown>;
type FakePort = {
  name: string;
  sender: unknown;
  posted: unknown[];
  disconnected: boolean;
  deliver(message: unknown): void;
};
const state = vi.hoisted(() => ({
  stored: {} as Record<string, unknown>,
  onMessage: [] as ((message: unknown, sender: unknown) => Promise<unknown>)[],
  onConnect: [] as ((port: unknown) => void)[],
  tabs: new Map<number, string>(),
  accessLevel: undefined as string | undefined,
}));

vi.mock('webextension-polyfill', () => {
  const event = <T>(list: T[]) => ({ addListener: (l: T) => list.push(l), removeListener: () => {} });
  return {
    default: {
      runtime: {
        id: 'liaisonid',
        getURL: (path: string) => `chrome-extension://liaisonid${path}`,
        getManifest: () => ({ content_scripts: [] }),
        onMessage: event(state.onMessage),
        onConnect: event(state.onConnect),
        onInstalled: event([]),
        openOptionsPage: async () => {},
      },
      storage: {
        local: {
          get: async (key: string) => ({ [key]: state.stored[key] }),
          set: async (value: Record<string, unknown>) => Object.assign(state.stored, value),
          setAccessLevel: async ({ accessLevel }: { accessLevel: string }) => {
            state.accessLevel = accessLevel;
          },
        },
        onChanged: event([]),
      },
      tabs: {
        onRemoved: event([]),
        get: async (id: number) => ({ id, url: state.tabs.get(id) }),
      },
      permissions: { contains: async () => false, onAdded: event([]), onRemoved: event([]) },
      // Watching (src/background/watch.ts): the alarm, the notifications and the badge.
      alarms: { onAlarm: event([]), get: async () => undefined, create: () => {}, clear: async () => true },
      notifications: { onClicked: event([]), create: async () => '', clear: async () => true },
      action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} },
      scripting: { getRegisteredContentScripts: async () => [], registerContentScripts: async () => {} },
    },
  };
});

state.stored.settings = replicaSettings();
await import('../../src/background/index');
const send: Listener = (message, sender) => {
  const listener = state.onMessage[0];
  if (!listener) throw new Error('the background registered no message listener');
  return listener(message, sender);
};

const extensionPage = (path = '/src/options/index.html') => ({
  id: 'liaisonid',
  url: `${EXTENSION}${path}`,
  tab: { id: 9 },
  frameId: 0,
});
const contentScript = (url: string, tabId = 1) => ({ id: 'liaisonid', url, tab: { id: tabId }, frameId: 0 });

function connect(name: string, sender: unknown): FakePort {
  const listeners: ((m: unknown) => void)[] = [];
  const port: FakePort = {
    name,
    sender,
    posted: [],
    disconnected: false,
    deliver: (m) => {
      for (const l of listeners) l(m);
    },
  };
  const api = {
    name,
    sender,
    postMessage: (m: unknown) => port.posted.push(m),
    disconnect: () => {
      port.disconnected = true;
    },
    onMessage: { addListener: (l: (m: unknown) => void) => listeners.push(l) },
    onDisconnect: { addListener: () => {} },
  };
  for (const l of state.onConnect) l(api);
  return port;
}

beforeEach(() => {
  state.stored.settings = replicaSettings();
});

describe('senders', () => {
  test('an extension page in a tab is the extension; a content script is the page it runs in', () => {
    expect(senderOf(extensionPage(), 'liaisonid', `${EXTENSION}/`)).toEqual({ role: 'extension' });
    const page = senderOf(
      contentScript('https://acme.zendesk.com/agent/tickets/1'),
      'liaisonid',
      `${EXTENSION}/`,
    );
    expect(page.role).toBe('page');
    expect(senderOf({ ...extensionPage(), id: 'other' }, 'liaisonid', `${EXTENSION}/`).role).toBe('foreign');
    // A look-alike origin is not ours.
    expect(senderOf(contentScript(`${EXTENSION}.evil.com/x`), 'liaisonid', `${EXTENSION}/`).role).toBe(
      'foreign',
    );
  });
});

describe('which pages are served', () => {
  const { connections } = replicaSettings();
  test.each([
    ['https://github.com/acme/shop-api/pull/42', true],
    ['https://acme.zendesk.com/agent/tickets/1', true],
    ['https://acme.atlassian.net/browse/SHOP-1', true],
    ['https://acme.service-now.com/incident.do', true],
    ['https://attacker.zendesk.com/agent/tickets/1', false],
    ['https://dev12345.service-now.com/incident.do', false],
    ['https://attacker.atlassian.net/browse/ABC-1', false],
    ['https://evil.example/acme.zendesk.com', false],
    ['http://acme.zendesk.com/agent/tickets/1', false],
  ])('%s: %s', (url, served) => {
    expect(servesPage(new URL(url), connections)).toBe(served);
  });

  test('github.com is served with no connection at all; a tenant only once connected', () => {
    expect(servesPage(new URL('https://github.com/a/b/pull/1'), [])).toBe(true);
    expect(servesPage(new URL('https://acme.zendesk.com/agent/tickets/1'), [])).toBe(false);
  });

  test('the popup learns of a SaaS tenant nobody connected, and only of that', () => {
    expect(unconnectedTenant(new URL('https://attacker.zendesk.com/agent/tickets/1'), connections)).toEqual({
      host: 'attacker.zendesk.com',
      system: 'zendesk',
    });
    expect(
      unconnectedTenant(new URL('https://acme.zendesk.com/agent/tickets/1'), connections),
    ).toBeUndefined();
    expect(unconnectedTenant(new URL('https://example.com/'), connections)).toBeUndefined();
    expect(unconnectedTenant(new URL('https://zendesk.com/'), connections)).toBeUndefined();
  });
});

describe('the router', () => {
  test('a foreign tenant gets nothing: no page access, no references, no preview, no context', async () => {
    const foreign = contentScript('https://attacker.zendesk.com/agent/tickets/1');
    expect(await send({ type: 'page-access' }, foreign)).toEqual({ ok: true, served: false });
    expect(await send({ type: 'find-refs', texts: [{ text: 'SHOP-101', code: false }] }, foreign)).toEqual({
      ok: false,
      error: 'not served',
    });
    expect(
      await send({ type: 'preview', ref: 'jira:SHOP-101', text: 'SHOP-101', code: false }, foreign),
    ).toEqual({ ok: false, error: 'not served' });
    expect(await send({ type: 'site-hosts' }, foreign)).toEqual({ ok: false, error: 'not served' });
    const port = connect('liaison/context', foreign);
    port.deliver({
      type: 'resolve',
      requestId: 1,
      refresh: false,
      page: { url: foreign.url, site: 'zendesk', subject: 'jira:SEC-7', texts: [], refs: [] },
    });
    await vi.waitFor(() => expect(port.disconnected).toBe(true));
    expect(port.posted).toEqual([]);
  });

  test('a connected tenant is served', async () => {
    const page = contentScript('https://acme.zendesk.com/agent/tickets/1');
    expect(await send({ type: 'page-access' }, page)).toEqual({ ok: true, served: true });
    expect(await send({ type: 'site-hosts' }, page)).toMatchObject({ ok: true });
  });

  test('settings written a moment ago count at once', async () => {
    // The background's copy has not heard of the change yet (no storage event): storage decides a refusal.
    const settings = replicaSettings();
    state.stored.settings = {
      ...settings,
      connections: [
        ...settings.connections,
        { ...settings.connections[3], id: 'zd2', baseUrl: 'https://beta.zendesk.com' },
      ],
    };
    const page = contentScript('https://beta.zendesk.com/agent/tickets/1');
    expect(await send({ type: 'page-access' }, page)).toEqual({ ok: true, served: true });
  });

  test('content scripts cannot use what is meant for extension pages, even on a served page', async () => {
    const page = contentScript('https://github.com/acme/shop-api/pull/42');
    for (const message of [
      { type: 'test-connection', connectionId: 'gh' },
      { type: 'tab-context', tabId: 1 },
      { type: 'tab-access', tabId: 1 },
      { type: 'clear-cache' },
      { type: 'jira-projects', connectionId: 'jira', refresh: true },
    ])
      expect(await send(message, page)).toEqual({ ok: false, error: 'not allowed' });
    const search = connect('liaison/search', page);
    expect(search.disconnected).toBe(true);
  });

  test('a content script watches only what its page was shown; listing and checking watches is for extension pages', async () => {
    const page = contentScript('https://github.com/acme/shop-api/pull/42', 3);
    expect(await send({ type: 'watch', ref: 'jira:SHOP-101' }, page)).toEqual({
      ok: false,
      error: 'Liaison did not show this item on this page.',
    });
    expect(await send({ type: 'unwatch', ref: 'jira:SHOP-101' }, page)).toMatchObject({ ok: false });
    expect(await send({ type: 'watched-refs', refs: ['jira:SHOP-101'] }, page)).toEqual({
      ok: true,
      watched: [],
    });
    for (const message of [{ type: 'list-watches' }, { type: 'check-watches' }])
      expect(await send(message, page)).toEqual({ ok: false, error: 'not allowed' });
    expect(state.stored.watches).toBeUndefined();
  });

  test('extension pages cannot pose as a page', async () => {
    expect(await send({ type: 'page-access' }, extensionPage())).toEqual({ ok: false, error: 'not allowed' });
    const port = connect('liaison/context', extensionPage());
    expect(port.disconnected).toBe(true);
  });

  test('a preview is only for a reference the page text holds', async () => {
    const page = contentScript('https://github.com/acme/shop-api/pull/42');
    expect(
      await send(
        { type: 'preview', ref: 'jira:SEC-7', text: 'Customers hit this in INC0010001', code: false },
        page,
      ),
    ).toEqual({ ok: false, error: 'Liaison did not find this reference in the page.' });
  });

  test('the popup is told when its tab shows a tenant nobody connected', async () => {
    state.tabs.set(5, 'https://other.atlassian.net/browse/ABC-1');
    state.tabs.set(6, 'https://acme.atlassian.net/browse/SHOP-1');
    expect(await send({ type: 'tab-access', tabId: 5 }, extensionPage('/src/popup/index.html'))).toEqual({
      ok: true,
      tenant: { host: 'other.atlassian.net', system: 'jira' },
    });
    expect(await send({ type: 'tab-access', tabId: 6 }, extensionPage('/src/popup/index.html'))).toEqual({
      ok: true,
    });
  });

  test('another extension gets no answer at all', async () => {
    expect(await send({ type: 'page-access' }, { ...contentScript('https://github.com/'), id: 'x' })).toBe(
      undefined,
    );
  });

  test('storage.local, which holds the tokens, is closed to content scripts where the browser allows it', () => {
    expect(state.accessLevel).toBe('TRUSTED_CONTEXTS');
  });
});

describe('per-tab budget', () => {
  test('a refresh bypasses the cache at most once per interval per tab', () => {
    let now = 0;
    const budget = tabBudget({ refreshEveryMs: 10_000, now: () => now });
    expect(budget.refresh(1)).toBe(true);
    expect(budget.refresh(1)).toBe(false);
    expect(budget.refresh(2)).toBe(true);
    now = 10_000;
    expect(budget.refresh(1)).toBe(true);
  });

  test('resolutions past the budget wait for the window to move', () => {
    let now = 0;
    const budget = tabBudget({ requests: 3, windowMs: 1000, now: () => now });
    expect([1, 2, 3, 4].map(() => budget.request(7))).toEqual([true, true, true, false]);
    expect(budget.request(8)).toBe(true);
    now = 1000;
    expect(budget.request(7)).toBe(true);
  });
});
