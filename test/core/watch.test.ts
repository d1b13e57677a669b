import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Item, Link, PullRelease, StatusCategory } from '../../src/core/model';
import { type EntitySnap, snapshotOf, transitionsBetween, type WatchSnapshot } from '../../src/core/watch';

/** The story's chain: Zendesk ticket 4711 → SHOP-101 → acme/shop-api#42 → v2.4.1. */
const ticket = (extra: Partial<Item> = {}): Item => ({
  ref: 'zendesk:acme/4711',
  system: 'zendesk',
  kind: 'ticket',
  key: '#4711',
  title: 'Checkout spins forever',
  url: 'https://acme.zendesk.com/agent/tickets/4711',
  status: { name: 'Open', category: 'in_progress' },
  ...extra,
});
const bug = (category: StatusCategory = 'in_progress', fixVersions?: Item['fixVersions']): Item => ({
  ref: 'jira:SHOP-101',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-101',
  title: 'Checkout times out',
  url: 'https://acme.atlassian.net/browse/SHOP-101',
  status: { name: category === 'done' ? 'Done' : category === 'todo' ? 'To Do' : 'In Progress', category },
  ...(fixVersions ? { fixVersions } : {}),
});
const pull = (state: 'open' | 'merged' | 'closed'): Item => ({
  ref: 'github:acme/shop-api#42',
  system: 'github',
  kind: 'pull',
  key: 'acme/shop-api#42',
  title: 'SHOP-101: stream totals',
  url: 'https://github.com/acme/shop-api/pull/42',
  status: {
    name: state === 'merged' ? 'Merged' : state === 'closed' ? 'Closed' : 'Open',
    category: state === 'merged' ? 'done' : state === 'closed' ? 'cancelled' : 'in_progress',
  },
  pull: { merged: state === 'merged', ...(state === 'merged' ? { mergedAt: '2026-03-10T15:00:00Z' } : {}) },
});
const other = ticket({
  ref: 'zendesk:acme/4712',
  key: '#4712',
  url: 'https://acme.zendesk.com/agent/tickets/4712',
});
const links: Link[] = [
  { from: 'zendesk:acme/4711', to: 'jira:SHOP-101', via: 'field' },
  { from: 'github:acme/shop-api#42', to: 'jira:SHOP-101', via: 'mention' },
];
const v241: PullRelease = {
  pull: 'github:acme/shop-api#42',
  release: {
    name: 'v2.4.1',
    tag: 'v2.4.1',
    url: 'https://github.com/acme/shop-api/releases/tag/v2.4.1',
    publishedAt: '2026-03-12T09:00:00Z',
  },
};

const snap = (
  items: Item[],
  extraLinks: Link[] = [],
  releases: PullRelease[] = [],
  ref = 'zendesk:acme/4711',
) => {
  const s = snapshotOf(ref, { items, links: [...links, ...extraLinks], releases });
  if (!s) throw new Error('no snapshot');
  return s;
};

describe('a watched ticket watches its chain', () => {
  test('the snapshot of a ticket holds its bug, the bug’s pull request and the sentence for the customer', () => {
    const s = snap([ticket(), bug(), pull('open')]);
    expect(Object.keys(s.entities)).toEqual([
      'github:acme/shop-api#42',
      'jira:SHOP-101',
      'zendesk:acme/4711',
    ]);
    expect(s.sentence).toBe('A fix has been written and is being reviewed.');
  });

  test('merged, then released: one transition each, with the sentence agents paste', () => {
    const open = snap([ticket(), bug(), pull('open')]);
    const merged = snap([ticket(), bug(), pull('merged')]);
    const released = snap([ticket(), bug(), pull('merged')], [], [v241]);
    expect(transitionsBetween(open, merged).map((t) => [t.kind, t.text])).toEqual([
      ['merged', 'acme/shop-api#42 was merged.'],
    ]);
    const shipped = transitionsBetween(merged, released);
    expect(shipped.map((t) => [t.kind, t.version, t.text])).toEqual([
      ['released', 'v2.4.1', 'acme/shop-api#42 was released in v2.4.1 on 12 March 2026.'],
    ]);
    expect(released.sentence).toBe('The fix was released in v2.4.1 on 12 March 2026.');
  });

  test('a pull request closed unmerged, a bug reopened, a fix version released, a new linked ticket', () => {
    expect(
      transitionsBetween(snap([ticket(), bug(), pull('open')]), snap([ticket(), bug(), pull('closed')])),
    ).toMatchObject([{ kind: 'closed', text: 'acme/shop-api#42 was closed without being merged.' }]);
    expect(transitionsBetween(snap([ticket(), bug('done')]), snap([ticket(), bug('todo')]))).toMatchObject([
      { kind: 'reopened', ref: 'jira:SHOP-101', text: 'SHOP-101 was reopened (To Do).' },
    ]);
    const planned = [{ name: '2.5.0', released: false }];
    const shipped = [{ name: '2.5.0', released: true, releaseDate: '2026-04-01' }];
    expect(
      transitionsBetween(snap([ticket(), bug('done', planned)]), snap([ticket(), bug('done', shipped)])),
    ).toMatchObject([
      { kind: 'released', version: '2.5.0', text: 'SHOP-101 was released in 2.5.0 on 1 April 2026.' },
    ]);
    const more: Link = { from: 'zendesk:acme/4712', to: 'jira:SHOP-101', via: 'mention' };
    expect(
      transitionsBetween(
        snap([bug(), ticket()], [], [], 'jira:SHOP-101'),
        snap([bug(), ticket(), other], [more], [], 'jira:SHOP-101'),
      ),
    ).toMatchObject([{ kind: 'ticket', ref: 'zendesk:acme/4712' }]);
  });

  test('no snapshot for an item the context does not hold (it was not found, or the check failed)', () => {
    expect(snapshotOf('jira:SHOP-999', { items: [bug()], links: [], releases: [] })).toBeUndefined();
  });
});

// Properties (fast-check): snapshots of a chain of up to 6 entities and up to 6 tickets.
const categories: StatusCategory[] = ['todo', 'in_progress', 'done', 'cancelled'];
const entityArb: fc.Arbitrary<EntitySnap> = fc.oneof(
  fc.record({
    key: fc.constantFrom('SHOP-1', 'SHOP-2', 'OPS-3'),
    kind: fc.constant('bug' as const),
    status: fc.record({ name: fc.string({ maxLength: 8 }), category: fc.constantFrom(...categories) }),
    released: fc.uniqueArray(
      fc.record({ name: fc.constantFrom('1.0', '1.1', '2.0'), date: fc.constant('2026-03-01') }),
      {
        selector: (r) => r.name,
        maxLength: 2,
      },
    ),
  }),
  fc.record({
    key: fc.constantFrom('acme/a#1', 'acme/b#2'),
    kind: fc.constant('pull' as const),
    status: fc.record({ name: fc.string({ maxLength: 8 }), category: fc.constantFrom(...categories) }),
    merged: fc.boolean(),
    released: fc.uniqueArray(fc.record({ name: fc.constantFrom('v1', 'v2') }), {
      selector: (r) => r.name,
      maxLength: 2,
    }),
  }),
);
const snapshotArb: fc.Arbitrary<WatchSnapshot> = fc.record({
  entities: fc.dictionary(
    fc.constantFrom('jira:SHOP-1', 'jira:SHOP-2', 'github:acme/a#1', 'github:acme/b#2', 'jira:OPS-3'),
    entityArb,
    {
      maxKeys: 5,
    },
  ),
  tickets: fc
    .uniqueArray(fc.constantFrom('zendesk:acme/1', 'zendesk:acme/2', 'servicenow:INC0010001'), {
      maxLength: 3,
    })
    .map((t) => t.sort()),
});

/** One meaningful change applied to a snapshot (or none possible, when it has nothing to change). */
type Change = (s: WatchSnapshot, pick: number) => WatchSnapshot | undefined;
const changes: Change[] = [
  // a new status category
  (s, pick) => {
    const refs = Object.keys(s.entities);
    const ref = refs[pick % Math.max(1, refs.length)];
    const e = ref ? s.entities[ref] : undefined;
    if (!ref || !e) return undefined;
    const category =
      categories.find(
        (c) => c !== e.status.category && !(e.kind === 'pull' && e.merged && c === 'cancelled'),
      ) ?? 'todo';
    return { ...s, entities: { ...s.entities, [ref]: { ...e, status: { ...e.status, category } } } };
  },
  // a pull request merged
  (s, pick) => {
    const refs = Object.keys(s.entities).filter(
      (r) => s.entities[r]?.kind === 'pull' && !s.entities[r]?.merged,
    );
    const ref = refs[pick % Math.max(1, refs.length)];
    const e = ref ? s.entities[ref] : undefined;
    if (!ref || !e) return undefined;
    return {
      ...s,
      entities: {
        ...s.entities,
        [ref]: { ...e, merged: true, status: { name: 'Merged', category: 'done' } },
      },
    };
  },
  // released in a new version
  (s, pick) => {
    const refs = Object.keys(s.entities);
    const ref = refs[pick % Math.max(1, refs.length)];
    const e = ref ? s.entities[ref] : undefined;
    if (!ref || !e) return undefined;
    return {
      ...s,
      entities: { ...s.entities, [ref]: { ...e, released: [...e.released, { name: `new-${pick}` }] } },
    };
  },
  // a new linked ticket
  (s, pick) => ({ ...s, tickets: [...s.tickets, `zendesk:acme/new${pick}`].sort() }),
];

describe('transition detection (properties)', () => {
  test('equal snapshots give no transition', () => {
    fc.assert(fc.property(snapshotArb, (s) => transitionsBetween(s, structuredClone(s)).length === 0));
  });

  test('one change gives exactly one transition', () => {
    fc.assert(
      fc.property(snapshotArb, fc.nat(changes.length - 1), fc.nat(100), (s, which, pick) => {
        const changed = changes[which]?.(s, pick);
        fc.pre(changed !== undefined);
        expect(transitionsBetween(s, changed as WatchSnapshot)).toHaveLength(1);
      }),
    );
  });

  test('the transitions do not depend on the order items, links and releases arrived in across batches', () => {
    const items = [ticket(), other, bug('done', [{ name: '2.5.0', released: true }]), pull('merged')];
    const allLinks = [...links, { from: 'zendesk:acme/4712', to: 'jira:SHOP-101', via: 'mention' } as Link];
    const before = snap([ticket(), bug(), pull('open')]);
    const expected = transitionsBetween(before, snap(items, allLinks, [v241]));
    expect(expected.map((t) => t.kind).sort()).toEqual([
      'merged',
      'released',
      'released',
      'status',
      'ticket',
    ]);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(items, { minLength: items.length }),
        fc.shuffledSubarray(allLinks, { minLength: allLinks.length }),
        fc.nat(items.length),
        (shuffled, shuffledLinks, cut) => {
          // Two batches (as two hops or two systems answer) joined in either order.
          const joined = [...shuffled.slice(cut), ...shuffled.slice(0, cut)];
          const after = snapshotOf('zendesk:acme/4711', {
            items: joined,
            links: shuffledLinks,
            releases: [v241],
          });
          expect(after).toEqual(snap(items, allLinks, [v241]));
          expect(transitionsBetween(before, after as WatchSnapshot)).toEqual(expected);
        },
      ),
    );
  });
});
