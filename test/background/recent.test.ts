import { beforeEach, describe, expect, test, vi } from 'vitest';

const store = new Map<string, unknown>();
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      local: {
        get: async (key: string) => (store.has(key) ? { [key]: structuredClone(store.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) store.set(k, structuredClone(v));
        },
      },
    },
  },
}));

const { rememberRecent, rememberVisit } = await import('../../src/background/recent');
const { RECENT_KEY, parseRecent } = await import('../../src/core/recent');
type Item = import('../../src/core/model').Item;
type ContextView = import('../../src/messaging/protocol').ContextView;

const item = (n: number): Item => ({
  ref: `servicenow:INC001000${n}`,
  system: 'servicenow',
  kind: 'incident',
  key: `INC001000${n}`,
  title: `Incident ${n}`,
  url: `https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3D${n}`,
  status: { name: 'New', category: 'todo' },
});
const stored = () => parseRecent(store.get(RECENT_KEY)).map((r) => `${r.how} ${r.item.ref}`);

describe('the background writes recent items under their own key', () => {
  beforeEach(() => store.clear());

  test('writes one after the other, so none is lost, and never touch settings', async () => {
    store.set('settings', { version: 1, connections: [] });
    await Promise.all([1, 2, 3].map((n) => rememberRecent(item(n), 'opened')));
    expect(stored()).toEqual([
      'opened servicenow:INC0010003',
      'opened servicenow:INC0010002',
      'opened servicenow:INC0010001',
    ]);
    expect(store.get('settings')).toEqual({ version: 1, connections: [] });
  });

  test('a page’s subject counts as visited, and the same visit within a minute is not rewritten', async () => {
    const view: ContextView = {
      subject: 'servicenow:INC0010002',
      items: [item(1), item(2)],
      links: [],
      releases: [],
      sources: [],
      configured: true,
      resolvedAt: 0,
      stale: false,
    };
    await rememberRecent(item(1), 'opened', 1_000);
    rememberVisit(view); // the stale view
    const first = Date.now();
    await rememberRecent(item(2), 'visited', first + 1_000); // the fresh one: within the minute
    expect(stored()).toEqual(['visited servicenow:INC0010002', 'opened servicenow:INC0010001']);
    expect(parseRecent(store.get(RECENT_KEY))[0]?.at).toBeLessThan(first + 1_000);
    await rememberRecent(item(2), 'visited', first + 120_000);
    expect(parseRecent(store.get(RECENT_KEY))[0]?.at).toBe(first + 120_000);
  });
});
