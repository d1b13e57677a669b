import { describe, expect, test } from 'vitest';
import type { Item } from '../../src/core/model';
import { MAX_RECENT, parseRecent, withRecent } from '../../src/core/recent';

const item = (n: number): Item => ({
  ref: `jira:SHOP-${n}`,
  system: 'jira',
  kind: 'bug',
  key: `SHOP-${n}`,
  title: `Issue ${n}`,
  url: `https://acme.atlassian.net/browse/SHOP-${n}`,
  status: { name: 'To Do', category: 'todo' },
});

describe('recent items', () => {
  test('newest first, an item seen again moves up instead of repeating, at most MAX_RECENT', () => {
    let list = withRecent([], item(1), 'visited', 1);
    list = withRecent(list, item(2), 'opened', 2);
    list = withRecent(list, item(1), 'opened', 3);
    expect(list.map((r) => [r.item.ref, r.how, r.at])).toEqual([
      ['jira:SHOP-1', 'opened', 3],
      ['jira:SHOP-2', 'opened', 2],
    ]);
    for (let n = 10; n < 30; n++) list = withRecent(list, item(n), 'visited', n);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]?.item.ref).toBe('jira:SHOP-29');
  });

  test('a stored value that is not a list of items reads as empty', () => {
    expect(parseRecent(undefined)).toEqual([]);
    expect(parseRecent([{ item: { ref: 'x' }, at: 1, how: 'visited' }])).toEqual([]);
    expect(parseRecent('<img src=x>')).toEqual([]);
    const good = withRecent([], item(1), 'visited', 1);
    expect(parseRecent(good)).toEqual(good);
  });
});
