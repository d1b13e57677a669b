import { beforeEach, describe, expect, test, vi } from 'vitest';

const store = new Map<string, unknown>();
vi.mock('webextension-polyfill', () => {
  const event = () => ({ addListener: () => {}, removeListener: () => {} });
  return {
    default: {
      storage: {
        local: {
          get: async (key: string) => (store.has(key) ? { [key]: store.get(key) } : {}),
          set: async (values: Record<string, unknown>) => {
            for (const [k, v] of Object.entries(values)) store.set(k, v);
          },
          remove: async (key: string) => void store.delete(key),
        },
        onChanged: event(),
      },
    },
  };
});

import type { Action, Planned } from '../../src/background/write-plan';
import { confirm, readActivity, rememberPlan, resetWrites } from '../../src/background/writes';
import { writtenLinksOf } from '../../src/background/written-links';
import type { WriteStep } from '../../src/core/writes';
import { failureFor } from '../../src/providers/errors';

const page = (tabId: number) => ({
  role: 'page' as const,
  url: new URL('https://acme.zendesk.com/agent/tickets/1'),
  tabId,
  frameId: 0,
});

function step(id: string, ref: string, over: Partial<WriteStep> = {}): WriteStep {
  return {
    id,
    ref,
    key: ref,
    title: 't',
    url: 'https://acme.zendesk.com/agent/tickets/1',
    system: 'zendesk',
    connectionId: 'zd',
    where: `Internal note on ${ref}`,
    text: 'Fix merged',
    marker: `liaison:v1:tell:${id.padStart(16, '0')}`,
    state: 'new',
    chosen: true,
    ...over,
  };
}

/** An action over a fake target: `there` says whether its marker is on it. */
function action(s: WriteStep, behaviour: { fail?: () => Error; there?: boolean } = {}) {
  const target = { there: behaviour.there ?? false, writes: 0 };
  const a: Action = {
    step: s,
    host: 'acme.zendesk.com',
    run: async () => {
      target.writes++;
      const error = behaviour.fail?.();
      if (error) throw error;
      target.there = true;
      return { created: true, url: 'https://acme.zendesk.com/agent/tickets/1' };
    },
    present: async () => target.there,
  };
  return { a, target };
}

const planned = (kind: Planned['plan']['kind'], actions: Action[]): Planned => ({
  plan: {
    kind,
    subject: 'github:acme/shop-api#42',
    summary: 's',
    steps: actions.map((x) => x.step),
    notes: [],
  },
  actions,
});

beforeEach(() => {
  store.clear();
  resetWrites();
});

describe('confirming a preview', () => {
  test('sends only the chosen steps, once; a plan is spent by its confirm', async () => {
    const one = action(step('1', 'zendesk:acme/1'));
    const two = action(step('2', 'zendesk:acme/2'));
    const plan = rememberPlan(planned('tell-tickets', [one.a, two.a]), 7);
    const reply = await confirm(plan.planId, ['1'], page(7));
    expect(reply.ok && reply.outcomes.map((o) => o.result)).toEqual(['written', 'skipped']);
    expect([one.target.writes, two.target.writes]).toEqual([1, 0]);
    const again = await confirm(plan.planId, ['1', '2'], page(7));
    expect(again).toMatchObject({ ok: false });
    expect(one.target.writes + two.target.writes).toBe(1);
  }, 10_000);

  test('another tab (or an extension page) cannot confirm a tab’s plan', async () => {
    const one = action(step('1', 'zendesk:acme/1'));
    const plan = rememberPlan(planned('tell-tickets', [one.a]), 7);
    expect(await confirm(plan.planId, ['1'], page(8))).toMatchObject({ ok: false });
    expect(await confirm(plan.planId, ['1'], { role: 'extension' })).toMatchObject({ ok: false });
    expect(one.target.writes).toBe(0);
  });

  test('a note written since the preview is not written again', async () => {
    const one = action(step('1', 'zendesk:acme/1'), { there: true });
    const plan = rememberPlan(planned('tell-tickets', [one.a]), 7);
    const reply = await confirm(plan.planId, ['1'], page(7));
    expect(reply.ok && reply.outcomes[0]?.result).toBe('already');
    expect(one.target.writes).toBe(0);
  });

  test('one ticket failing reports that ticket and leaves the others written once', async () => {
    const ok1 = action(step('1', 'zendesk:acme/1'));
    const bad = action(step('2', 'zendesk:acme/2'), {
      fail: () => failureFor('zendesk', 'acme.zendesk.com', 500),
    });
    const ok3 = action(step('3', 'zendesk:acme/3'));
    const plan = rememberPlan(planned('tell-tickets', [ok1.a, bad.a, ok3.a]), 7);
    const reply = await confirm(plan.planId, ['1', '2', '3'], page(7));
    if (!reply.ok) throw new Error(reply.error);
    expect(reply.outcomes.map((o) => o.result)).toEqual(['written', 'failed', 'written']);
    expect(reply.outcomes[1]?.message).toContain('Zendesk (acme.zendesk.com)');
    expect([ok1.target.writes, bad.target.writes, ok3.target.writes]).toEqual([1, 1, 1]);
    // The activity list has each, newest first, and nothing secret.
    const activity = await readActivity();
    expect(activity.map((e) => [e.target, e.result])).toEqual([
      ['zendesk:acme/3', 'written'],
      ['zendesk:acme/2', 'failed'],
      ['zendesk:acme/1', 'written'],
    ]);
  }, 10_000);

  test('a 5xx whose note landed anyway counts as written, never resent', async () => {
    const lost = action(step('1', 'zendesk:acme/1'), {
      fail: () => failureFor('zendesk', 'acme.zendesk.com', 502),
    });
    // The server stored it, then the answer was lost.
    lost.a.run = async () => {
      lost.target.writes++;
      lost.target.there = true;
      throw failureFor('zendesk', 'acme.zendesk.com', 502);
    };
    const plan = rememberPlan(planned('tell-tickets', [lost.a]), 7);
    const reply = await confirm(plan.planId, ['1'], page(7));
    expect(reply.ok && reply.outcomes[0]?.result).toBe('written');
    expect(lost.target.writes).toBe(1);
  });

  test('rate limited: that host stops, the rest is reported not sent', async () => {
    const limited = action(step('1', 'zendesk:acme/1'), {
      fail: () => failureFor('zendesk', 'acme.zendesk.com', 429, Date.parse('2026-12-04T12:00:00Z')),
    });
    const next = action(step('2', 'zendesk:acme/2'));
    const plan = rememberPlan(planned('tell-tickets', [limited.a, next.a]), 7);
    const reply = await confirm(plan.planId, ['1', '2'], page(7));
    if (!reply.ok) throw new Error(reply.error);
    expect(reply.outcomes.map((o) => o.result)).toEqual(['failed', 'skipped']);
    expect(reply.outcomes[1]?.message).toMatch(/rate limiting Liaison; try again after 12:00 UTC/);
    expect(next.target.writes).toBe(0);
  });

  test('a blocked step is never sent, even if a forged confirm chooses it', async () => {
    const blocked = action(
      step('1', 'zendesk:acme/1', { state: 'blocked', chosen: false, note: 'read-only' }),
    );
    const plan = rememberPlan(planned('tell-tickets', [blocked.a]), 7);
    const reply = await confirm(plan.planId, ['1'], page(7));
    expect(reply.ok && reply.outcomes[0]?.result).toBe('skipped');
    expect(blocked.target.writes).toBe(0);
  });

  test('a link written is remembered both ways, so both pages show it at once', async () => {
    const bugSide = action(step('bug', 'jira:SHOP-101', { system: 'jira' }));
    const ticketSide = action(step('ticket', 'zendesk:acme/4711'));
    const plan = rememberPlan(planned('link-bug', [bugSide.a, ticketSide.a]), 7);
    await confirm(plan.planId, ['bug', 'ticket'], page(7));
    expect(await writtenLinksOf('zendesk:acme/4711')).toEqual(['jira:SHOP-101']);
    expect(await writtenLinksOf('jira:SHOP-101')).toEqual(['zendesk:acme/4711']);
  }, 10_000);
});
