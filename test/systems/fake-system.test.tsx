// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, test, vi } from 'vitest';
import { build, extractOptionsFor } from '../../src/background/config';
import { resolveContext } from '../../src/background/resolver';
import { planSearch } from '../../src/background/search-plan';
import { MountedPanel } from '../../src/content/mount';
import { matchFind, refsIn } from '../../src/core/extract';
import type { Item } from '../../src/core/model';
import { displayKey, formatRef, parseRef, type Ref } from '../../src/core/refs';
import type { SystemGrammar } from '../../src/core/systems';
import type { ContextView } from '../../src/messaging/protocol';
import { kindList } from '../../src/options/connection-kinds';
import { contextLine } from '../../src/popup/context-line';
import type { PopupEnv } from '../../src/popup/env';
import { Popup } from '../../src/popup/Popup';
import type { Provider } from '../../src/providers/provider';
import type { SystemBackend } from '../../src/systems/backend';
import type { ConnectionKind, SystemForms } from '../../src/systems/forms';
import { registerDefinition, type SystemDefinition } from '../../src/systems/index';

// config.ts listens for settings changes in the extension's storage; nothing here writes it.
vi.mock('webextension-polyfill', () => ({
  default: { storage: { local: { get: async () => ({}) }, onChanged: { addListener: () => {} } } },
}));

/**
 * A fifth system registered from the test alone (issue 12): "AcmeTrack", whose items are `TRACK#12` and live at
 * `https://track.example/item/12`. It flows through references, resolution, a panel and the popup without any
 * other file knowing it exists. Its references are `acmetrack:12`.
 */

type TrackRef = { system: 'acmetrack'; id: number; host?: undefined };
// The test does not add AcmeTrack to `RefShapes` (that would change the type of every system's code); its
// references reach the shared code through this one cast, as a registered system's would through the registry.
const asRef = (ref: TrackRef) => ref as unknown as Ref;
const trackRef = (id: number): Ref => asRef({ system: 'acmetrack', id });
const idOf = (ref: Ref) => (ref as unknown as TrackRef).id;

const grammar = {
  id: 'acmetrack',
  name: 'AcmeTrack',
  hostTags: 'none',
  parse: (body: string) => (/^[1-9]\d{0,8}$/.test(body) ? trackRef(Number(body)) : undefined),
  format: (ref: Ref) => String(idOf(ref)),
  displayKey: (ref: Ref) => `TRACK#${idOf(ref)}`,
  itemUrl: (ref: Ref) => `https://track.example/item/${idOf(ref)}`,
  urls: {
    order: 50,
    find: ({ host, path }: { host: string; path: string }) => {
      const id = host === 'track.example' ? /^\/item\/([1-9]\d{0,8})$/.exec(path)?.[1] : undefined;
      return id ? { ref: trackRef(Number(id)) } : undefined;
    },
  },
  textPasses: [
    {
      order: 50,
      find: (text: string) =>
        [...text.matchAll(/\bTRACK#([1-9]\d{0,8})\b/g)].map((m) => matchFind(trackRef(Number(m[1])), m)),
    },
  ],
} as unknown as SystemGrammar;

/** AcmeTrack's world: bug 12, and customer ticket 7 that mentions it. */
const world: Item[] = [
  {
    ref: 'acmetrack:12',
    system: 'acmetrack' as Item['system'],
    kind: 'bug',
    key: 'TRACK#12',
    title: 'Checkout fails for carts over 100 items',
    url: 'https://track.example/item/12',
    status: { name: 'In progress', category: 'in_progress' },
  },
  {
    ref: 'acmetrack:7',
    system: 'acmetrack' as Item['system'],
    kind: 'ticket',
    key: 'TRACK#7',
    title: 'Customer cannot pay',
    url: 'https://track.example/item/7',
    status: { name: 'Open', category: 'todo' },
    priority: { name: 'Urgent', rank: 1 },
    organization: 'Globex',
  },
];
const mentionsOf: Record<string, string> = { 'acmetrack:7': 'Waiting on TRACK#12 for the fix.' };

const backend: SystemBackend = {
  createProvider: ({ connection, refHost }) => {
    const provider: Provider = {
      system: connection.system,
      connection,
      refHost,
      owns: (ref) => ref.system === connection.system,
      fetchItems: async (refs) => {
        const wanted = new Set(refs.map(formatRef));
        return { items: world.filter((i) => wanted.has(i.ref)), links: [] };
      },
      findReferencing: async (targets, context) => {
        const items = world.filter((i) => targets.some((t) => (mentionsOf[i.ref] ?? '').includes(t.key)));
        const links = items.flatMap((i) =>
          refsIn(mentionsOf[i.ref] ?? '', context.extract).map((to) => ({
            from: i.ref,
            to,
            via: 'mention' as const,
            detail: 'description',
          })),
        );
        return { items, links };
      },
      kindOf: (ref) => (idOf(ref) === 7 ? 'ticket' : undefined),
      whoAmI: async () => 'tester',
    };
    return provider;
  },
  mentions: {
    target: (ref, base) => ({ key: `TRACK#${idOf(ref)}`, url: `${base}/item/${idOf(ref)}` }),
    matchBy: 'ref',
    searchBy: ['key'],
  },
};

const kind = {
  id: 'acmetrack',
  name: 'AcmeTrack',
  system: 'acmetrack',
  idBase: 'acmetrack',
  auth: 'token',
  fields: { baseUrl: { label: 'Site URL', type: 'url' }, secret: { label: 'API token' } },
  tokenHelp: () => undefined,
} as unknown as ConnectionKind;
const forms: SystemForms = { kinds: [kind] };

registerDefinition({ grammar, backend, forms } as SystemDefinition);

const settings = {
  version: 1,
  connections: [
    {
      id: 'track',
      system: 'acmetrack',
      baseUrl: 'https://track.example',
      auth: { type: 'token', token: 't' },
    },
  ],
};

describe('a fifth system registered from a test', () => {
  test('its references parse, format, show and are found in text and URLs', () => {
    const ref = parseRef('acmetrack:12');
    expect(ref && formatRef(ref)).toBe('acmetrack:12');
    expect(ref && displayKey(ref)).toBe('TRACK#12');
    const extract = extractOptionsFor(build(settings), undefined);
    expect(refsIn('See TRACK#12 and https://track.example/item/7, not TRACK#0.', extract)).toEqual([
      'acmetrack:12',
      'acmetrack:7',
    ]);
  });

  test('its connection is accepted, and its kind is offered on the options page', () => {
    const config = build(settings);
    expect(config.error).toBeUndefined();
    expect(config.providers.map((p) => p.connection.id)).toEqual(['track']);
    expect(kindList().map((k) => k.name)).toContain('AcmeTrack');
  });

  test('a page about its bug resolves to the tickets waiting on it, shown in a panel and the popup', async () => {
    const config = build(settings);
    const extract = extractOptionsFor(config, undefined);
    const resolution = await resolveContext({
      page: {
        url: 'https://track.example/item/12',
        site: 'github',
        subject: 'acmetrack:12',
        texts: [],
        refs: [],
      },
      providers: config.providers,
      extract,
      maxHops: 2,
    });
    expect(resolution.items.map((i) => i.ref).sort()).toEqual(['acmetrack:12', 'acmetrack:7']);
    expect(resolution.links).toContainEqual(
      expect.objectContaining({ from: 'acmetrack:7', to: 'acmetrack:12' }),
    );

    const view: ContextView = {
      subject: resolution.subject,
      items: resolution.items,
      links: resolution.links,
      releases: [],
      sources: resolution.sources,
      configured: true,
      resolvedAt: Date.now(),
      stale: false,
    };
    const actions = { refresh: () => undefined, toggle: () => undefined, openOptions: () => undefined };
    const panel = new MountedPanel('linked-incidents', view.subject, actions);
    document.body.append(panel.host);
    panel.update({ view, failure: undefined, theme: 'light', collapsed: false });
    expect(panel.host.dataset.state).toBe('ready');
    const row = panel.host.shadowRoot?.querySelector('[data-ref="acmetrack:7"]');
    expect(row?.textContent).toContain('TRACK#7');
    expect(row?.querySelector('a')?.getAttribute('href')).toBe('https://track.example/item/7');

    expect(contextLine(view)).toMatch(/^TRACK#12 · 1 open ticket/);
    expect(planSearch('TRACK#12', { extract })).toEqual({ mode: 'refs', refs: [trackRef(12)] });

    const root = document.createElement('div');
    document.body.append(root);
    const env = {
      search: {
        send: () => undefined,
        onReply: () => () => undefined,
        onDisconnect: () => () => undefined,
        close: () => undefined,
      },
      tabMode: false,
      targetTabId: async () => 7,
      tabContext: async () => view,
      unconnectedTenant: async () => undefined,
      connectTenant: () => undefined,
      openHere: async () => undefined,
      openInNewTab: async () => undefined,
      recent: async () => [],
      onRecentChange: () => () => undefined,
      openOptions: () => undefined,
      shortcut: async () => undefined,
      close: () => undefined,
    } as unknown as PopupEnv;
    await act(() => render(<Popup env={env} />, root));
    for (let i = 0; i < 5; i++) await act(async () => {});
    expect(root.textContent).toContain('TRACK#12 · 1 open ticket');
    render(null, root);
  });
});
