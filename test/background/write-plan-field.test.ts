import { describe, expect, test } from 'vitest';
import { type Action, planWrite, type PlanInput } from '../../src/background/write-plan';
import type { Item } from '../../src/core/model';
import { markerLine } from '../../src/core/writes';
import type { ContextView } from '../../src/messaging/protocol';
import { failureFor } from '../../src/providers/errors';
import type { LinkFieldWriter, MarkerRead, SystemWriter } from '../../src/systems/writer';
import { choosable, initialChoice, stateText } from '../../src/ui/write/model';

/** link-bug with a configured link field (issue 14): the field is set instead of a note. */

const incident: Item = {
  ref: 'servicenow:INC0010005',
  system: 'servicenow',
  kind: 'incident',
  key: 'INC0010005',
  title: 'Checkout fails',
  url: 'https://acme.service-now.com/nav_to.do?uri=incident.do',
  status: { name: 'New', category: 'todo' },
};
const bug: Item = {
  ref: 'jira:SHOP-102',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-102',
  title: 'Cart loses items',
  url: 'https://acme.atlassian.net/browse/SHOP-102',
  status: { name: 'Open', category: 'todo' },
};
const view: ContextView = {
  subject: incident.ref,
  items: [incident],
  links: [],
  releases: [],
  sources: [],
  configured: true,
  resolvedAt: 0,
  stale: false,
};

/** A ticket system whose link field holds `value` (or cannot be read), and notes it never writes. */
function ticketWriter(field: { value: string } | { problem: string } | 'unreadable', stores = true) {
  const sent: string[] = [];
  let current = field;
  const linkField: LinkFieldWriter = {
    name: 'field u_jira_key',
    where: (i) => `Field u_jira_key on ServiceNow incident ${i.key}`,
    read: async () => {
      if (current === 'unreadable') throw failureFor('servicenow', 'acme.service-now.com', 503);
      return current;
    },
    write: async (_i, value) => {
      sent.push(value);
      if (stores) current = { value };
      return { created: true };
    },
  };
  const writer: SystemWriter = {
    linkField,
    noteWhere: () => 'Work note',
    noteBody: (text, marker) => `${text}\n${markerLine(marker)}`,
    readMarkers: async (): Promise<MarkerRead> => ({ known: true, tokens: new Set() }),
    addNote: async () => {
      throw new Error('a note must not be written when a link field is set');
    },
    writeAccess: async () => ({ ok: true, message: 'ok' }),
  };
  return { writer, sent };
}

const jira: SystemWriter = {
  noteWhere: () => 'Comment',
  noteBody: (text) => text,
  readMarkers: async () => ({ known: true, tokens: new Set() }),
  addNote: async () => ({ created: true }),
  remoteLinks: {
    read: async () => ({ known: true, tokens: new Set() }),
    upsert: async () => ({ created: true }),
  },
  writeAccess: async () => ({ ok: true, message: 'ok' }),
};

function plan(ticketSide: SystemWriter) {
  const writerOf: PlanInput['writerOf'] = (i) =>
    i.system === 'jira'
      ? { writer: jira, host: 'acme.atlassian.net', connectionId: 'jira' }
      : { writer: ticketSide, host: 'acme.service-now.com', connectionId: 'snow' };
  return planWrite({ kind: 'link-bug', view, bug, writerOf, articleWriters: [], activity: [] });
}

const ticketAction = (actions: Action[]) => actions[1] as Action;

describe('link-bug through a link field', () => {
  test('an empty field: the row sets it to the bug key and says it is empty now; chosen, no note', async () => {
    const { writer, sent } = ticketWriter({ value: '' });
    const { plan: p, actions } = await plan(writer);
    expect(p.steps[1]).toMatchObject({
      ref: 'servicenow:INC0010005',
      where: 'Field u_jira_key on ServiceNow incident INC0010005',
      text: 'Set field u_jira_key on INC0010005 to SHOP-102 (now: empty)',
      marker: 'SHOP-102',
      state: 'new',
      chosen: true,
    });
    await ticketAction(actions).run();
    expect(sent).toEqual(['SHOP-102']);
    // Read again just before sending, it is there: the confirm says "already" (nothing sent twice).
    expect(await ticketAction(actions).present?.()).toBe(true);
  });

  test('already holding the key: "already", nothing chosen; planned again after writing, the same', async () => {
    const { writer } = ticketWriter({ value: 'SHOP-102' });
    const { plan: p } = await plan(writer);
    expect(p.steps[1]).toMatchObject({
      state: 'already',
      chosen: false,
      text: 'Set field u_jira_key on INC0010005 to SHOP-102 (now: SHOP-102)',
    });
    expect(choosable(p.steps[1] as never)).toBe(false);
  });

  test('holding another key: the row warns it replaces it, unchosen until the user ticks it', async () => {
    const { writer } = ticketWriter({ value: 'SHOP-7' });
    const { plan: p } = await plan(writer);
    const step = p.steps[1];
    expect(step).toMatchObject({
      state: 'replace',
      chosen: false,
      text: 'Set field u_jira_key on INC0010005 to SHOP-102 (now: SHOP-7)',
    });
    expect(step?.note).toMatch(/holds SHOP-7 now: confirming replaces that with SHOP-102/);
    expect(initialChoice({ planId: 'p', ...p }).has('ticket')).toBe(false);
    expect(choosable(step as never)).toBe(true);
    expect(stateText(step as never)).toBe('Replaces the current value');
  });

  test('a field Liaison cannot set is blocked with the system sentence; an unreadable one is "cannot tell"', async () => {
    const blocked = await plan(
      ticketWriter({ problem: 'ServiceNow shows no field u_jira_key on incident INC0010005' }).writer,
    );
    expect(blocked.plan.steps[1]).toMatchObject({ state: 'blocked', chosen: false });
    expect(blocked.plan.steps[1]?.note).toContain('no field u_jira_key');
    const unknown = await plan(ticketWriter('unreadable').writer);
    expect(unknown.plan.steps[1]).toMatchObject({ state: 'unknown', chosen: false });
    expect(unknown.plan.steps[1]?.text).toContain('(now: unknown)');
    expect(unknown.plan.steps[1]?.note).toMatch(/Cannot read what the field holds now/);
  });

  test('a field that was not stored is not present after the write (the confirm reads again)', async () => {
    const { writer } = ticketWriter({ value: '' }, false);
    const { actions } = await plan(writer);
    await ticketAction(actions).run();
    expect(await ticketAction(actions).present?.()).toBe(false);
  });
});
