import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { customerImpact, formatImpactLine, type Impact, impactWeights } from '../../src/core/impact';
import { impactSchema } from '../../src/core/impact-schema';
import type { Item, ItemKind, StatusCategory } from '../../src/core/model';

const DAY = 86_400_000;
const now = Date.parse('2026-03-20T12:00:00Z');
const daysAgo = (d: number) => new Date(now - d * DAY).toISOString();

function ticket(
  key: string,
  category: StatusCategory,
  extra: Partial<Item> = {},
  kind: ItemKind = key.startsWith('INC') ? 'incident' : 'ticket',
): Item {
  const system = kind === 'ticket' ? 'zendesk' : 'servicenow';
  return {
    ref: `${system}:${key.replace('#', 'acme/')}`,
    system,
    kind,
    key,
    title: `Ticket ${key}`,
    url: `https://example.test/${key}`,
    status: { name: category, category },
    ...extra,
  };
}

/** The points of each explanation line: "3 open tickets (+16)" → 16; lines without points count 0. */
const linePoints = (line: string) => Number(/\(([+-]\d+)\)$/.exec(line)?.[1] ?? 0);
const explained = (impact: Impact) => impact.explanation.reduce((s, l) => s + linePoints(l), 0);

/** The worked example in the README's "Customer impact" section. */
const example: Item[] = [
  ticket('INC0010001', 'in_progress', {
    priority: { name: '1 - Critical', rank: 1 },
    organization: 'Acme Corp',
    requester: 'Ada Park',
    createdAt: daysAgo(12),
    sla: { breached: true },
  }),
  ticket('INC0010002', 'todo', {
    priority: { name: '2 - High', rank: 2 },
    organization: 'Globex',
    requester: 'Bo Chen',
    createdAt: daysAgo(3),
    sla: { breached: false },
  }),
  ticket('#4711', 'in_progress', {
    priority: { name: 'High', rank: 2 },
    organization: 'Acme Corp',
    requester: 'Cy Diaz',
    createdAt: daysAgo(5),
    satisfaction: 'offered',
  }),
  ticket('#4712', 'done', {
    priority: { name: 'Normal', rank: 3 },
    organization: 'Initech',
    requester: 'Di Evans',
    createdAt: daysAgo(20),
    satisfaction: 'bad',
    sla: { breached: true },
  }),
  ticket('#4713', 'done', {
    organization: 'Globex',
    requester: 'Ed Fox',
    createdAt: daysAgo(9),
    satisfaction: 'good',
  }),
];

describe('customer impact: the worked example', () => {
  const impact = customerImpact(example, now);

  test('counts, organisations, priority, breaches, satisfaction and age', () => {
    expect(impact.total).toBe(5);
    expect(impact.open).toBe(3);
    expect(impact.byKind).toEqual([
      { kind: 'incident', total: 2, open: 2 },
      { kind: 'ticket', total: 3, open: 1 },
    ]);
    expect(impact.organizations).toEqual([
      { name: 'Acme Corp', tickets: 2, open: 2 },
      { name: 'Globex', tickets: 2, open: 1 },
      { name: 'Initech', tickets: 1, open: 0 },
    ]);
    expect(impact.requesters).toEqual({ total: 5, open: 3 });
    expect(impact.worstOpenPriority).toEqual({
      name: '1 - Critical',
      rank: 1,
      ref: 'servicenow:INC0010001',
      key: 'INC0010001',
    });
    expect(impact.sla).toEqual({ breached: 2, breachedOpen: 1 });
    expect(impact.satisfaction).toEqual({
      rated: 2,
      good: 1,
      bad: 1,
      offered: 1,
      average: 0.5,
      goodPercent: 50,
    });
    expect(impact.oldestOpen).toMatchObject({ key: 'INC0010001', ageMs: 12 * DAY });
  });

  test('score 70, explained line by line', () => {
    expect(impact.score).toBe(70);
    expect(impact.explanation).toEqual([
      '3 open tickets (+16)',
      '2 organisations with open tickets (+8)',
      'worst open priority is 1 - Critical (+25)',
      '2 SLA breaches, 1 on an open ticket (+11)',
      '1 of 2 satisfaction ratings bad (+3)',
      'oldest open incident, INC0010001, is 12 days old (+7)',
    ]);
    expect(explained(impact)).toBe(70);
    expect(formatImpactLine(impact)).toBe('3 open tickets · 2 customers · worst P1');
    expect(impactSchema.parse(impact)).toEqual(impact);
  });

  test("equals the README's Customer impact section", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const doc = readme.slice(readme.indexOf('## Customer impact'), readme.indexOf('## Architecture'));
    for (const c of impact.components) {
      const row = doc.split('\n').find((l) => l.startsWith(`| ${c.reason} |`));
      expect(row, c.reason).toBeDefined();
      expect(row?.trimEnd().endsWith(`| +${c.points} |`), row).toBe(true);
    }
    expect(doc).toContain(`The score is **${impact.score}**`);
    expect(doc).toContain(`| **Score** | | **${impact.score}** |`);
    expect(doc).toContain(`*${formatImpactLine(impact)}*`);
    // The weights table matches the constant.
    const weights: [string, number][] = [
      ['Open tickets', impactWeights.openTickets.weight],
      ['Organisations', impactWeights.organizations.weight],
      ['Worst priority', impactWeights.priority.weight],
      ['SLA breaches', impactWeights.breaches.weight],
      ['Satisfaction', impactWeights.satisfaction.weight],
      ['Age', impactWeights.age.weight],
    ];
    for (const [name, weight] of weights) expect(doc).toContain(`| ${name} | ${weight} |`);
  });
});

describe('customer impact: edge cases', () => {
  test('the weights add up to 100', () => {
    const sum = Object.values(impactWeights).reduce((s, c) => s + c.weight, 0);
    expect(sum).toBe(100);
  });

  test('no tickets: 0, "No linked customer tickets"', () => {
    const impact = customerImpact([], now);
    expect(impact.score).toBe(0);
    expect(impact.explanation).toEqual(['No linked customer tickets']);
    expect(impact.total).toBe(0);
    expect(impact.organizations).toEqual([]);
    expect(impact.satisfaction).toEqual({ rated: 0, good: 0, bad: 0, offered: 0 });
    expect(impactSchema.parse(impact)).toEqual(impact);
    expect(formatImpactLine(impact)).toBe('No linked customer tickets');
  });

  test('done and cancelled tickets count in totals but not open; without a breach they score 0', () => {
    const impact = customerImpact(
      [
        ticket('INC1', 'done', { priority: { name: '1 - Critical', rank: 1 }, organization: 'Acme' }),
        ticket('INC2', 'cancelled', { createdAt: daysAgo(100), sla: { breached: false } }),
        ticket('#3', 'done', { satisfaction: 'bad' }),
      ],
      now,
    );
    expect(impact.total).toBe(3);
    expect(impact.open).toBe(0);
    expect(impact.worstPriority?.rank).toBe(1);
    expect(impact.worstOpenPriority).toBeUndefined();
    expect(impact.oldestOpen).toBeUndefined();
    expect(impact.organizations).toEqual([{ name: 'Acme', tickets: 1, open: 0 }]);
    expect(impact.satisfaction.bad).toBe(1);
    expect(impact.score).toBe(0);
    expect(impact.explanation).toEqual([
      'No open tickets and no SLA breaches: 3 linked tickets are done or cancelled',
    ]);
    expect(formatImpactLine(impact)).toBe('No open tickets · 3 closed');
  });

  test('a breach keeps a closed ticket in the score', () => {
    const impact = customerImpact([ticket('INC1', 'done', { sla: { breached: true } })], now);
    expect(impact.score).toBe(8);
    expect(impact.explanation).toEqual(['1 SLA breach, on a closed ticket (+8)']);
    expect(formatImpactLine(impact)).toBe('No open incidents · 1 closed');
  });

  test('tickets without priority, organisation, requester, satisfaction or creation date', () => {
    const impact = customerImpact([ticket('INC1', 'todo'), ticket('INC2', 'in_progress')], now);
    expect(impact.open).toBe(2);
    expect(impact.organizations).toEqual([]);
    expect(impact.requesters).toEqual({ total: 0, open: 0 });
    expect(impact.worstOpenPriority).toBeUndefined();
    expect(impact.oldestOpen).toBeUndefined();
    expect(impact.satisfaction.average).toBeUndefined();
    expect(impact.explanation).toEqual(['2 open incidents (+13)']);
    expect(impact.score).toBe(13);
    expect(impact.components.find((c) => c.id === 'priority')).toMatchObject({
      points: 0,
      reason: 'no priority on open tickets',
    });
    expect(formatImpactLine(impact)).toBe('2 open incidents');
    expect(impactSchema.parse(impact)).toEqual(impact);
  });

  test('offered and unoffered surveys are not ratings', () => {
    const impact = customerImpact(
      [
        ticket('#1', 'todo', { satisfaction: 'offered' }),
        ticket('#2', 'todo', { satisfaction: 'unoffered' }),
      ],
      now,
    );
    expect(impact.satisfaction).toEqual({ rated: 0, good: 0, bad: 0, offered: 1 });
    expect(impact.components.find((c) => c.id === 'satisfaction')?.points).toBe(0);
  });

  test('other kinds are ignored, a ticket listed twice counts once, organisation spellings merge', () => {
    const bug = { ...ticket('SHOP-1', 'todo', {}, 'bug'), system: 'jira' as const };
    const impact = customerImpact(
      [
        bug,
        ticket('#1', 'todo', { organization: 'Acme Corp', requester: 'Ada' }),
        ticket('#1', 'todo', { organization: 'Acme Corp', requester: 'Ada' }),
        ticket('#2', 'todo', { organization: ' acme  corp', requester: 'ada' }),
        ticket('#3', 'todo', { organization: 'Acme Corp', requester: 'Bo' }),
      ],
      now,
    );
    expect(impact.total).toBe(3);
    expect(impact.organizations).toEqual([{ name: 'Acme Corp', tickets: 3, open: 3 }]);
    expect(impact.requesters).toEqual({ total: 2, open: 2 });
    expect(formatImpactLine(impact)).toBe('3 open tickets · 1 customer');
  });

  test('priority names without their rank get it added; ties go to the oldest ticket', () => {
    const impact = customerImpact(
      [
        ticket('#1', 'todo', { priority: { name: 'Urgent', rank: 1 }, createdAt: daysAgo(1) }),
        ticket('#2', 'todo', { priority: { name: 'Urgent', rank: 1 }, createdAt: daysAgo(2) }),
      ],
      now,
    );
    expect(impact.worstOpenPriority?.key).toBe('#2');
    expect(impact.explanation).toContain('worst open priority is Urgent (P1) (+25)');
    expect(impact.explanation).toContain('oldest open ticket, #2, is 2 days old (+2)');
  });

  test('without organisations the popup counts requesters as customers', () => {
    const impact = customerImpact(
      [ticket('INC1', 'todo', { requester: 'Ada', priority: { name: '3 - Moderate', rank: 3 } })],
      now,
    );
    expect(formatImpactLine(impact)).toBe('1 open incident · 1 customer · worst P3');
  });
});

// Property tests: random sets of tickets, and one change at a time that must never lower the score.

const categories: StatusCategory[] = ['todo', 'in_progress', 'done', 'cancelled'];
const kinds: ItemKind[] = ['incident', 'problem', 'request', 'ticket'];
const orgs = ['Acme', 'Globex', 'Initech', 'Umbrella'];

const ticketArb = fc.record({
  kind: fc.constantFrom(...kinds),
  category: fc.constantFrom(...categories),
  rank: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  organization: fc.option(fc.constantFrom(...orgs), { nil: undefined }),
  requester: fc.option(fc.constantFrom('Ada', 'Bo', 'Cy'), { nil: undefined }),
  ageDays: fc.option(fc.double({ min: 0, max: 400, noNaN: true }), { nil: undefined }),
  breached: fc.option(fc.boolean(), { nil: undefined }),
  satisfaction: fc.option(
    fc.constantFrom('good' as const, 'bad' as const, 'offered' as const, 'unoffered' as const),
    {
      nil: undefined,
    },
  ),
});
type Spec = typeof ticketArb extends fc.Arbitrary<infer T> ? T : never;

function toItem(s: Spec, i: number): Item {
  const item = ticket(`T${i}`, s.category, {}, s.kind);
  item.ref = `servicenow:T${i}`;
  if (s.rank !== undefined) item.priority = { name: `P${s.rank}`, rank: s.rank };
  if (s.organization !== undefined) item.organization = s.organization;
  if (s.requester !== undefined) item.requester = s.requester;
  if (s.ageDays !== undefined) item.createdAt = new Date(now - s.ageDays * DAY).toISOString();
  if (s.breached !== undefined) item.sla = { breached: s.breached };
  if (s.satisfaction !== undefined) item.satisfaction = s.satisfaction;
  return item;
}

const ticketsArb = fc.array(ticketArb, { maxLength: 25 }).map((specs) => specs.map(toItem));
const isOpen = (t: Item) => t.status.category === 'todo' || t.status.category === 'in_progress';
const score = (tickets: Item[], at = now) => customerImpact(tickets, at).score;

/** Tickets plus the index of one of them to change. */
const withPick = ticketsArb
  .filter((t) => t.length > 0)
  .chain((tickets) => fc.tuple(fc.constant(tickets), fc.nat({ max: tickets.length - 1 })));

const change = (tickets: Item[], i: number, f: (t: Item) => Item) =>
  tickets.map((t, j) => (j === i ? f(t) : t));

describe('customer impact: properties', () => {
  test('0 ≤ score ≤ 100, the lines add up to it, and the result fits the schema', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const impact = customerImpact(tickets, now);
        expect(Number.isInteger(impact.score)).toBe(true);
        expect(impact.score).toBeGreaterThanOrEqual(0);
        expect(impact.score).toBeLessThanOrEqual(100);
        expect(explained(impact)).toBe(impact.score);
        expect(impact.components.reduce((s, c) => s + c.points, 0)).toBe(impact.score);
        for (const c of impact.components) expect(c.points).toBeLessThanOrEqual(c.weight);
        expect(impact.open).toBe(tickets.filter(isOpen).length);
        expect(impact.total).toBe(tickets.length);
        impactSchema.parse(impact);
      }),
    );
  });

  test('zero exactly when nothing is open and nothing was breached', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        const live = tickets.some(isOpen) || tickets.some((t) => t.sla?.breached);
        expect(score(tickets) > 0).toBe(live);
      }),
    );
  });

  test('more open tickets never lower it', () => {
    fc.assert(
      fc.property(
        ticketsArb,
        ticketArb,
        fc.constantFrom('todo' as const, 'in_progress' as const),
        (tickets, s, c) => {
          // Any open ticket, except one that brings a good rating (better satisfaction may lower the score).
          const extra = toItem(
            { ...s, category: c, satisfaction: s.satisfaction === 'good' ? undefined : s.satisfaction },
            999,
          );
          expect(score([...tickets, extra])).toBeGreaterThanOrEqual(score(tickets));
        },
      ),
    );
  });

  test('more organisations never lower it', () => {
    fc.assert(
      fc.property(withPick, ([tickets, i]) => {
        const more = change(tickets, i, (t) => ({ ...t, organization: 'Brand New Customer' }));
        expect(score(more)).toBeGreaterThanOrEqual(score(tickets));
      }),
    );
  });

  test('a worse priority never lowers it', () => {
    fc.assert(
      fc.property(withPick, fc.integer({ min: 1, max: 5 }), ([tickets, i], r) => {
        const worse = change(tickets, i, (t) => {
          const rank = Math.min(r, t.priority?.rank ?? 5);
          return { ...t, priority: { name: `P${rank}`, rank } };
        });
        expect(score(worse)).toBeGreaterThanOrEqual(score(tickets));
      }),
    );
  });

  test('more breaches never lower it', () => {
    fc.assert(
      fc.property(withPick, ([tickets, i]) => {
        const breached = change(tickets, i, (t) => ({ ...t, sla: { breached: true } }));
        expect(score(breached)).toBeGreaterThanOrEqual(score(tickets));
      }),
    );
  });

  test('worse satisfaction never lowers it', () => {
    const rating = fc.constantFrom('bad' as const, 'offered' as const, 'unoffered' as const, undefined);
    fc.assert(
      fc.property(withPick, rating, ([tickets, i], r) => {
        // Anything becomes bad; a good rating may also become no rating at all.
        const worse = change(tickets, i, (t) => {
          const satisfaction = t.satisfaction === 'good' ? r : 'bad';
          const { satisfaction: _, ...rest } = t;
          return satisfaction ? { ...rest, satisfaction } : rest;
        });
        expect(score(worse)).toBeGreaterThanOrEqual(score(tickets));
      }),
    );
  });

  test('older open tickets never lower it, nor does time passing', () => {
    fc.assert(
      fc.property(
        withPick,
        fc.double({ min: 0, max: 400, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        ([tickets, i], days, later) => {
          const older = change(tickets, i, (t) => {
            const at = t.createdAt ? Date.parse(t.createdAt) : now;
            return { ...t, createdAt: new Date(at - days * DAY).toISOString() };
          });
          expect(score(older)).toBeGreaterThanOrEqual(score(tickets));
          expect(score(tickets, now + later * DAY)).toBeGreaterThanOrEqual(score(tickets));
        },
      ),
    );
  });

  test('input order does not matter', () => {
    fc.assert(
      fc.property(ticketsArb, (tickets) => {
        expect(customerImpact([...tickets].reverse(), now)).toEqual(customerImpact(tickets, now));
      }),
    );
  });
});
