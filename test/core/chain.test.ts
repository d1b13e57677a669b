import { describe, expect, test } from 'vitest';
import { bugChains, dateText } from '../../src/core/chain';
import type { Item, Link, PullRelease } from '../../src/core/model';

const ticket: Item = {
  ref: 'servicenow:INC0010001',
  system: 'servicenow',
  kind: 'incident',
  key: 'INC0010001',
  title: 'Checkout times out',
  url: 'https://acme.service-now.com/x',
  status: { name: 'In Progress', category: 'in_progress' },
};
const bug = (category: Item['status']['category'], fixVersions?: Item['fixVersions']): Item => ({
  ref: 'jira:SHOP-101',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-101',
  title: 'Checkout times out for carts over 50 items',
  url: 'https://acme.atlassian.net/browse/SHOP-101',
  status: { name: category === 'done' ? 'Done' : 'In Progress', category },
  ...(fixVersions ? { fixVersions } : {}),
});
const pull = (merged: boolean, reviewDecision?: string): Item => ({
  ref: 'github:acme/shop-api#42',
  system: 'github',
  kind: 'pull',
  key: 'acme/shop-api#42',
  title: 'SHOP-101: stream totals',
  url: 'https://github.com/acme/shop-api/pull/42',
  status: { name: merged ? 'Merged' : 'Open', category: merged ? 'done' : 'in_progress' },
  pull: {
    merged,
    ...(merged ? { mergedAt: '2026-03-10T15:00:00Z', mergeCommit: 'abc' } : {}),
    ...(reviewDecision ? { reviewDecision } : {}),
  },
});
const links: Link[] = [
  { from: 'servicenow:INC0010001', to: 'jira:SHOP-101', via: 'mention' },
  { from: 'github:acme/shop-api#42', to: 'jira:SHOP-101', via: 'mention' },
];
const release: PullRelease = {
  pull: 'github:acme/shop-api#42',
  release: {
    name: 'v2.4.1',
    tag: 'v2.4.1',
    url: 'https://github.com/acme/shop-api/releases/tag/v2.4.1',
    publishedAt: '2026-03-12T09:00:00Z',
  },
};
const chainFor = (items: Item[], releases: PullRelease[] = []) =>
  bugChains(ticket.ref, [ticket, ...items], links, releases);

describe('bug status chain', () => {
  test('a fix in a GitHub release: every step done, and the sentence names the release and its date', () => {
    const [chain] = chainFor([bug('done'), pull(true, 'APPROVED')], [release]);
    expect(chain?.steps.map((s) => [s.step, s.state])).toEqual([
      ['bug', 'done'],
      ['pull', 'done'],
      ['review', 'done'],
      ['merged', 'done'],
      ['released', 'done'],
    ]);
    expect(chain?.sentence).toBe('The fix was released in v2.4.1 on 12 March 2026.');
  });

  test('a released Jira fix version answers "released in" when GitHub has no release', () => {
    const [chain] = chainFor([
      bug('done', [{ name: '2.4.1', released: true, releaseDate: '2026-03-12' }]),
      pull(true),
    ]);
    expect(chain?.sentence).toBe('The fix was released in 2.4.1 on 12 March 2026.');
  });

  test('merged but not released: waiting for the planned version', () => {
    const [chain] = chainFor([bug('done', [{ name: '2.5.0', released: false }]), pull(true)]);
    expect(chain?.steps.at(-1)).toMatchObject({
      step: 'released',
      state: 'current',
      label: 'Planned for 2.5.0',
    });
    expect(chain?.sentence).toBe('The fix is done and will ship in version 2.5.0.');
  });

  test('an open pull request is in review; changes requested shows as such', () => {
    const [chain] = chainFor([bug('in_progress'), pull(false, 'CHANGES_REQUESTED')]);
    expect(chain?.steps.find((s) => s.step === 'review')).toMatchObject({
      state: 'current',
      label: 'Changes requested',
    });
    expect(chain?.sentence).toBe('A fix has been written and is being reviewed.');
  });

  test('no pull request yet: the bug is the current step', () => {
    const [chain] = chainFor([bug('in_progress')]);
    expect(chain?.steps[0]).toMatchObject({ step: 'bug', state: 'current' });
    expect(chain?.sentence).toBe('Engineering is working on a fix.');
  });

  test('a ticket without a linked bug has no chain', () => {
    expect(bugChains(ticket.ref, [ticket], [], [])).toEqual([]);
  });
});

describe('release dates', () => {
  test('written as en-GB writes them, for every day of a year and across years; an unreadable date gives none', () => {
    for (let day = 0; day < 366 * 3; day += 7) {
      const iso = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString();
      const expected = new Date(iso).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      expect(dateText(iso), iso).toBe(expected);
    }
    expect(dateText('2026-03-12')).toBe('12 March 2026');
    expect(dateText('not a date')).toBe('');
    expect(dateText(undefined)).toBe('');
  });
});
