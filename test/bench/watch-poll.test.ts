import { describe, expect, test } from 'vitest';
import { watchedItems } from '../../bench/watch-poll';
import { addWatch, emptyWatchState, MAX_WATCHES, type WatchState } from '../../src/core/watch-state';
import { generateDataset, presets } from '../../test/replica/dataset/index';

/** The watch-poll bench watches what a team would: 200 items over every system, each one a watch the product keeps. */
describe('watchedItems', () => {
  const ds = generateDataset(presets.bench);

  test('200 distinct items, every one accepted as a watch, spread over the four systems', () => {
    const items = watchedItems(ds, MAX_WATCHES);
    expect(new Set(items.map((i) => i.ref)).size).toBe(200);
    let state: WatchState = emptyWatchState();
    for (const item of items) {
      const added = addWatch(state, item, 0);
      expect(added.ok, item.ref).toBe(true);
      if (added.ok) state = added.state;
    }
    expect(state.watches).toHaveLength(200);
    const per = (system: string) => items.filter((i) => i.system === system).length;
    expect([per('jira'), per('github'), per('servicenow'), per('zendesk')]).toEqual([40, 60, 50, 50]);
    expect(items.filter((i) => i.kind === 'pull')).toHaveLength(50);
    expect(items.filter((i) => i.kind === 'issue')).toHaveLength(10);
  });

  test('a smaller poll (the quick run) adds up to the number asked', () => {
    expect(watchedItems(ds, 50)).toHaveLength(50);
  });
});
