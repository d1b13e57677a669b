import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Resolution } from '../../src/background/resolver';
import type { Item, PullRelease, SourceStatus } from '../../src/core/model';

/**
 * A check of the watches (src/background/watch.ts) with the resolver scripted: what it saves, what it notifies and
 * when it holds back (offline, a rate limit, a failed source). The browser is a fake with an in-memory storage.local.
 */

const browserState = vi.hoisted(() => ({
  stored: {} as Record<string, unknown>,
  created: [] as { id: string; options: { title: string; message: string }; storedThen: unknown }[],
  badge: '',
  clicked: undefined as ((id: string) => void) | undefined,
  alarm: undefined as ((alarm: { name: string }) => void) | undefined,
  alarms: [] as { name: string; periodInMinutes: number }[],
  opened: [] as string[],
}));
const script = vi.hoisted(() => ({
  contexts: new Map<string, () => Resolution | Promise<Resolution>>(),
  resolutions: 0,
  hops: new Map<string, number>(),
}));

vi.mock('webextension-polyfill', () => {
  const event = () => ({ addListener: () => {}, removeListener: () => {} });
  return {
    default: {
      runtime: { getURL: (p: string) => `chrome-extension://id/${p}` },
      storage: {
        local: {
          get: async (key: string) => ({ [key]: structuredClone(browserState.stored[key]) }),
          set: async (v: Record<string, unknown>) => Object.assign(browserState.stored, structuredClone(v)),
        },
        onChanged: event(),
      },
      notifications: {
        create: async (id: string, options: { title: string; message: string }) => {
          // What was on disk when the notification was raised: the change must already be saved.
          browserState.created.push({
            id,
            options,
            storedThen: structuredClone(browserState.stored.watches),
          });
          return id;
        },
        clear: async () => true,
        onClicked: {
          addListener: (l: (id: string) => void) => {
            browserState.clicked = l;
          },
        },
      },
      action: {
        setBadgeText: async ({ text }: { text: string }) => {
          browserState.badge = text;
        },
        setBadgeBackgroundColor: async () => {},
      },
      alarms: {
        onAlarm: {
          addListener: (l: (alarm: { name: string }) => void) => {
            browserState.alarm = l;
          },
        },
        get: async (name: string) => browserState.alarms.find((a) => a.name === name),
        create: (name: string, info: { periodInMinutes: number }) => {
          browserState.alarms = [{ name, periodInMinutes: info.periodInMinutes }];
        },
        clear: async () => {
          browserState.alarms = [];
          return true;
        },
      },
      tabs: {
        create: async ({ url }: { url: string }) => {
          browserState.opened.push(url);
          return {};
        },
      },
    },
  };
});

const connection = (id: string, system: 'jira' | 'github' | 'zendesk') => ({
  id,
  system,
  baseUrl: `https://${id}.example`,
});
const provider = (id: string, system: 'jira' | 'github' | 'zendesk', prefix: string) => ({
  system,
  connection: connection(id, system),
  refHost: undefined,
  owns: (ref: { system: string }) => ref.system === prefix,
  fetchItems: vi.fn(async (_refs: unknown[], _context: unknown) => ({ items: [], links: [] })),
  findReferencing: async () => ({ items: [], links: [] }),
  whoAmI: async () => 'me',
});
const providers = [
  provider('jira', 'jira', 'jira'),
  provider('gh', 'github', 'github'),
  provider('zd', 'zendesk', 'zendesk'),
];

vi.mock('../../src/background/contexts', () => ({
  configuredCache: async () => ({
    config: { settings: { maxHops: 2, watch: { intervalMinutes: 5 } }, providers },
    cache: { getOrLoadMany: async () => new Map() },
  }),
}));
vi.mock('../../src/background/cached-provider', () => ({ withCache: (p: unknown) => p }));
vi.mock('../../src/background/discovery', () => ({ jiraProjectKeys: async () => undefined }));
vi.mock('../../src/background/config', () => ({
  extractOptionsFor: () => ({}),
  getConfig: async () => ({ settings: { watch: { intervalMinutes: 5 } }, providers }),
  onConfigChange: () => () => {},
}));
vi.mock('../../src/background/resolver', () => ({
  resolveContext: async ({ page, maxHops }: { page: { subject: string }; maxHops: number }) => {
    script.resolutions += 1;
    script.hops.set(page.subject, maxHops);
    const make = script.contexts.get(page.subject);
    if (!make) throw new Error(`no context scripted for ${page.subject}`);
    return make();
  },
}));

const { checkWatches, startWatching, unwatchItem, watchItem } = await import('../../src/background/watch');
startWatching();

const bug = (key: string): Item => ({
  ref: `jira:${key}`,
  system: 'jira',
  kind: 'bug',
  key,
  title: `Bug ${key}`,
  url: `https://jira.example/browse/${key}`,
  status: { name: 'In Progress', category: 'in_progress' },
});
const pull = (n: number, merged: boolean): Item => ({
  ref: `github:acme/api#${n}`,
  system: 'github',
  kind: 'pull',
  key: `acme/api#${n}`,
  title: `Fix ${n}`,
  url: `https://github.com/acme/api/pull/${n}`,
  status: { name: merged ? 'Merged' : 'Open', category: merged ? 'done' : 'in_progress' },
  pull: { merged },
});
const jiraOk: SourceStatus = { system: 'jira', connectionId: 'jira', host: 'jira.example' };
const ghOk: SourceStatus = { system: 'github', connectionId: 'gh', host: 'github.com' };
function chain(
  key: string,
  n: number,
  merged: boolean,
  sources = [jiraOk, ghOk],
  releases: PullRelease[] = [],
) {
  return (): Resolution => ({
    subject: `jira:${key}`,
    items: [bug(key), pull(n, merged)],
    links: [{ from: `github:acme/api#${n}`, to: `jira:${key}`, via: 'mention' }],
    releases,
    sources,
    skippedRefs: 0,
  });
}
const stored = () =>
  browserState.stored.watches as {
    watches: { ref: string; unseen: number; changes: { text: string }[] }[];
    backoff: Record<string, number>;
  };

beforeEach(() => {
  browserState.stored = {};
  browserState.created = [];
  browserState.badge = '';
  browserState.opened = [];
  browserState.alarms = [];
  script.contexts.clear();
  script.resolutions = 0;
  script.hops.clear();
  vi.stubGlobal('navigator', { onLine: true });
});

async function watchTwo() {
  script.contexts.set('jira:SHOP-1', chain('SHOP-1', 1, false));
  script.contexts.set('jira:SHOP-2', chain('SHOP-2', 2, false));
  expect(await watchItem(bug('SHOP-1'))).toEqual({ ok: true });
  expect(await watchItem(bug('SHOP-2'))).toEqual({ ok: true });
}

describe('a check of the watches', () => {
  test('the watched items are fetched in one batched lookup per system, then each chain is resolved', async () => {
    await watchTwo();
    const jira = providers[0];
    jira?.fetchItems.mockClear();
    await checkWatches({ refresh: true });
    expect(jira?.fetchItems).toHaveBeenCalledTimes(1);
    expect(jira?.fetchItems.mock.calls[0]?.[0]).toEqual([
      { system: 'jira', key: 'SHOP-1' },
      { system: 'jira', key: 'SHOP-2' },
    ]);
  });

  test('two changes in one check: one grouped notification, saved before it is raised; nothing told twice', async () => {
    await watchTwo();
    expect(browserState.created).toEqual([]);
    script.contexts.set('jira:SHOP-1', chain('SHOP-1', 1, true));
    script.contexts.set('jira:SHOP-2', chain('SHOP-2', 2, true));
    expect(await checkWatches({ refresh: true })).toMatchObject({ checked: 2, changes: 2 });
    expect(browserState.created).toHaveLength(1);
    expect(browserState.created[0]?.options).toMatchObject({
      title: '2 changes to watched items',
      message: 'SHOP-1: acme/api#1 was merged.\nSHOP-2: acme/api#2 was merged.',
    });
    const then = browserState.created[0]?.storedThen as ReturnType<typeof stored>;
    expect(then.watches.map((w) => w.unseen)).toEqual([1, 1]);
    expect(browserState.badge).toBe('2');
    await checkWatches({ refresh: true });
    expect(browserState.created).toHaveLength(1);
  });

  test('one change: the notification names the item and adds the customer sentence', async () => {
    await watchTwo();
    script.contexts.set('jira:SHOP-1', chain('SHOP-1', 1, true));
    await checkWatches({ refresh: true });
    expect(browserState.created[0]?.options).toMatchObject({
      title: 'SHOP-1 · Bug SHOP-1',
      message: 'acme/api#1 was merged. The fix is done and will ship in the next release.',
    });
  });

  test('a source that failed keeps the last state: no change is made up from a missing pull request', async () => {
    await watchTwo();
    const failed = { ...ghOk, error: { kind: 'unavailable' as const, message: 'GitHub is down' } };
    script.contexts.set('jira:SHOP-1', () => ({
      ...chain('SHOP-1', 1, false, [jiraOk, failed])(),
      items: [bug('SHOP-1')],
    }));
    expect(await checkWatches({ refresh: true })).toMatchObject({ changes: 0 });
    expect(browserState.created).toEqual([]);
  });

  test('a rate-limited system is not asked again before its limit lifts', async () => {
    await watchTwo();
    const retryAt = Date.now() + 60_000;
    const limited = {
      ...jiraOk,
      error: { kind: 'rate-limited' as const, message: 'Jira said 429', retryAt },
    };
    script.contexts.set('jira:SHOP-1', chain('SHOP-1', 1, true, [limited, ghOk]));
    await checkWatches({ refresh: true });
    expect(stored().backoff).toEqual({ jira: retryAt });
    script.resolutions = 0;
    const outcome = await checkWatches({ refresh: true });
    expect(script.resolutions).toBe(0);
    expect(outcome.skipped[0]).toMatch(/^jira is rate limited until /);
  });

  test('clicking the notification opens the item and marks its change seen; a stored non-web address opens nothing', async () => {
    await watchTwo();
    script.contexts.set('jira:SHOP-1', chain('SHOP-1', 1, true));
    await checkWatches({ refresh: true });
    const id = browserState.created[0]?.id ?? '';
    browserState.clicked?.(id);
    await vi.waitFor(() => expect(browserState.opened).toEqual(['https://jira.example/browse/SHOP-1']));
    expect(stored().watches.map((w) => w.unseen)).toEqual([0, 0]);
    expect(browserState.badge).toBe('');

    // Storage is the extension's own, but a notification still opens only http(s).
    script.contexts.set('jira:SHOP-2', chain('SHOP-2', 2, true));
    await checkWatches({ refresh: true });
    const state = stored() as unknown as { watches: { url: string }[] };
    for (const w of state.watches) w.url = 'javascript:alert(1)';
    browserState.clicked?.(browserState.created[1]?.id ?? '');
    await vi.waitFor(() => expect(stored().watches.map((w) => w.unseen)).toEqual([0, 0]));
    expect(browserState.opened).toEqual(['https://jira.example/browse/SHOP-1']);
  });

  test('two checks at once (the alarm and Check now): the older answer, saved last, reports nothing backwards', async () => {
    await watchTwo();
    let calls = 0;
    script.contexts.set('jira:SHOP-1', async () => {
      calls += 1;
      // The first check asked before the merge and answers late; the second asked after it and answers at once.
      if (calls === 1) {
        await new Promise((r) => setTimeout(r, 50));
        return chain('SHOP-1', 1, false)();
      }
      return chain('SHOP-1', 1, true)();
    });
    const first = checkWatches({ refresh: true });
    await new Promise((r) => setTimeout(r, 5));
    const second = checkWatches({ refresh: true });
    await Promise.all([first, second]);
    expect(stored().watches[0]?.changes.map((c) => c.text)).toEqual(['acme/api#1 was merged.']);
    expect(browserState.created).toHaveLength(1);
  });

  test('the alarm is set while anything is watched, at the configured interval, and its ring checks every watch', async () => {
    await watchTwo();
    expect(browserState.alarms).toEqual([{ name: 'liaison-watch', periodInMinutes: 5 }]);
    script.contexts.set('jira:SHOP-2', chain('SHOP-2', 2, true));
    script.resolutions = 0;
    browserState.alarm?.({ name: 'liaison-watch' });
    await vi.waitFor(() => expect(browserState.created).toHaveLength(1));
    expect(script.resolutions).toBe(2);
    // Another extension alarm's ring is not ours.
    script.resolutions = 0;
    browserState.alarm?.({ name: 'something-else' });
    await new Promise((r) => setTimeout(r, 20));
    expect(script.resolutions).toBe(0);
  });

  test('a bug’s chain is one hop, a ticket’s two (ticket → bug → pull request); unwatching the last clears the alarm', async () => {
    await watchTwo();
    const ticket: Item = {
      ...bug('X'),
      ref: 'zendesk:acme/4711',
      system: 'zendesk',
      kind: 'ticket',
      key: '#4711',
    };
    script.contexts.set('zendesk:acme/4711', () => ({
      ...chain('SHOP-1', 1, false)(),
      items: [ticket, bug('SHOP-1')],
    }));
    await watchItem(ticket);
    await checkWatches({ refresh: true });
    expect(Object.fromEntries(script.hops)).toEqual({
      'jira:SHOP-1': 1,
      'jira:SHOP-2': 1,
      'zendesk:acme/4711': 2,
    });
    for (const ref of ['jira:SHOP-1', 'jira:SHOP-2']) await unwatchItem(ref);
    expect(browserState.alarms).toHaveLength(1);
    await unwatchItem('zendesk:acme/4711');
    expect(browserState.alarms).toEqual([]);
  });

  test('offline: nothing is asked', async () => {
    await watchTwo();
    vi.stubGlobal('navigator', { onLine: false });
    script.resolutions = 0;
    const outcome = await checkWatches({ refresh: true });
    expect(script.resolutions).toBe(0);
    expect(outcome.skipped).toEqual([
      'The browser is offline; watches are checked again once it is back online.',
    ]);
  });
});
