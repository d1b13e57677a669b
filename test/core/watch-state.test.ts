import { describe, expect, test } from 'vitest';
import type { Item } from '../../src/core/model';
import { settingsSchema } from '../../src/core/settings';
import type { WatchSnapshot } from '../../src/core/watch';
import {
  addWatch,
  applyCheck,
  badgeText,
  emptyWatchState,
  MAX_WATCHES,
  markSeen,
  parseWatchState,
  removeWatch,
  unseenCount,
  type WatchState,
} from '../../src/core/watch-state';

const bug = (n: number): Item => ({
  ref: `jira:SHOP-${n}`,
  system: 'jira',
  kind: 'bug',
  key: `SHOP-${n}`,
  title: `Bug ${n}`,
  url: `https://acme.atlassian.net/browse/SHOP-${n}`,
  status: { name: 'In Progress', category: 'in_progress' },
});
const pullSnap = (merged: boolean, released: string[] = []): WatchSnapshot => ({
  entities: {
    'github:acme/shop-api#43': {
      key: 'acme/shop-api#43',
      kind: 'pull',
      status: { name: merged ? 'Merged' : 'Open', category: merged ? 'done' : 'in_progress' },
      merged,
      released: released.map((name) => ({ name })),
    },
  },
  tickets: [],
});
const watched = (...items: Item[]): WatchState =>
  items.reduce((state, item) => {
    const added = addWatch(state, item, 1);
    if (!added.ok) throw new Error(added.error);
    return added.state;
  }, emptyWatchState());

describe('the watch store', () => {
  test('the first check is the baseline: nothing unseen, nothing to tell', () => {
    const { state, transitions } = applyCheck(watched(bug(102)), 'jira:SHOP-102', pullSnap(false), 10);
    expect(transitions).toEqual([]);
    expect(badgeText(state)).toBe('');
    expect(state.watches[0]?.checkedAt).toBe(10);
  });

  test('each change counts once on the badge until a page showing the item marks it seen', () => {
    let state = applyCheck(watched(bug(102), bug(103)), 'jira:SHOP-102', pullSnap(false), 10).state;
    const merged = applyCheck(state, 'jira:SHOP-102', pullSnap(true), 20);
    expect(merged.transitions.map((t) => t.kind)).toEqual(['merged']);
    state = merged.state;
    expect(badgeText(state)).toBe('1');
    // The same state checked again tells nothing new.
    state = applyCheck(state, 'jira:SHOP-102', pullSnap(true), 30).state;
    expect(badgeText(state)).toBe('1');
    state = applyCheck(state, 'jira:SHOP-102', pullSnap(true, ['v2.4.2']), 40).state;
    expect(badgeText(state)).toBe('2');
    expect(state.watches[0]?.changes.map((c) => c.kind)).toEqual(['released', 'merged']);
    state = markSeen(state, ['jira:SHOP-103']);
    expect(unseenCount(state)).toBe(2);
    state = markSeen(state, ['jira:SHOP-102']);
    expect(badgeText(state)).toBe('');
    // What was seen stays in the list as the latest change.
    expect(state.watches[0]?.changes[0]?.text).toBe('acme/shop-api#43 was released in v2.4.2.');
  });

  test(`at most ${MAX_WATCHES} watches, each once; unwatching forgets it`, () => {
    let state = emptyWatchState();
    for (let n = 1; n <= MAX_WATCHES; n++) {
      const added = addWatch(state, bug(n), n);
      if (!added.ok) throw new Error(added.error);
      state = added.state;
    }
    const again = addWatch(state, bug(1), 0);
    expect(again.ok && again.state.watches).toHaveLength(MAX_WATCHES);
    const over = addWatch(state, bug(MAX_WATCHES + 1), 0);
    expect(over).toEqual({ ok: false, error: expect.stringContaining(`at most ${MAX_WATCHES}`) });
    expect(removeWatch(state, 'jira:SHOP-1').watches).toHaveLength(MAX_WATCHES - 1);
  });

  test('what is stored survives a restart; a malformed watch is dropped alone, a malformed whole reads as empty', () => {
    const state = applyCheck(watched(bug(1), bug(2)), 'jira:SHOP-1', pullSnap(false), 5).state;
    const stored = JSON.parse(JSON.stringify(state));
    expect(parseWatchState(stored)).toEqual(state);
    stored.watches.splice(1, 0, { ref: 42 }, { ...stored.watches[0], unseen: -1 });
    expect(parseWatchState(stored).watches.map((w) => w.ref)).toEqual(['jira:SHOP-1', 'jira:SHOP-2']);
    expect(parseWatchState('nonsense')).toEqual(emptyWatchState());
    expect(parseWatchState(undefined)).toEqual(emptyWatchState());
  });

  test('the badge is short', () => {
    const state = watched(bug(1));
    const many = { ...state, watches: state.watches.map((w) => ({ ...w, unseen: 120 })) };
    expect(badgeText(many)).toBe('99+');
  });
});

describe('the watch settings (contract 2: optional, with a default)', () => {
  test('settings holding only version and connections check every 5 minutes; an interval is brought within 0.5–1440', () => {
    expect(settingsSchema.parse({ version: 1, connections: [] }).watch.intervalMinutes).toBe(5);
    const interval = (intervalMinutes: number) =>
      settingsSchema.parse({ version: 1, connections: [], watch: { intervalMinutes } }).watch.intervalMinutes;
    expect(interval(0.5)).toBe(0.5);
    // Below the browsers' alarm minimum: Chromium would raise it anyway; one bad field never costs every setting.
    expect(interval(0.1)).toBe(0.5);
    expect(interval(10_000)).toBe(1440);
  });
});
