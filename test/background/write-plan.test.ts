import { describe, expect, test, vi } from 'vitest';
import { type Action, articleOf, newsOf, planWrite, type PlanInput } from '../../src/background/write-plan';
import type { Item, Link } from '../../src/core/model';
import { markerLine, markersIn } from '../../src/core/writes';
import type { ContextView } from '../../src/messaging/protocol';
import { failureFor } from '../../src/providers/errors';
import type { MarkerRead, SystemWriter } from '../../src/systems/writer';

const item = (over: Partial<Item> & Pick<Item, 'ref' | 'system' | 'kind' | 'key'>): Item => ({
  title: `${over.key} title`,
  url: `https://example.test/${over.key}`,
  status: { name: 'Open', category: 'todo' },
  ...over,
});

const ticket = (id: number, org = `Org ${id}`) =>
  item({ ref: `zendesk:acme/${id}`, system: 'zendesk', kind: 'ticket', key: `#${id}`, organization: org });
const bug = item({
  ref: 'jira:SHOP-101',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-101',
  title: 'Checkout fails with 3-D Secure cards',
  fixVersions: [{ name: '2.4.1', released: false }],
});
const pull = item({
  ref: 'github:acme/shop-api#42',
  system: 'github',
  kind: 'pull',
  key: 'acme/shop-api#42',
  status: { name: 'Merged', category: 'done' },
  pull: { merged: true, mergedAt: '2026-11-30T10:00:00Z' },
});

function view(
  subject: string,
  items: Item[],
  links: Link[],
  releases: ContextView['releases'] = [],
): ContextView {
  return { subject, items, links, releases, sources: [], configured: true, resolvedAt: 0, stale: false };
}

/** A writer over an in-memory list of notes per item, as a system keeps them. */
function fakeWriter(notes = new Map<string, string[]>(), links = new Set<string>()) {
  const writer: SystemWriter & { sent: string[] } = {
    sent: [],
    noteWhere: (i) => `Internal note on ${i.key}`,
    noteBody: (text, marker) => `${text}\n${markerLine(marker)}`,
    readMarkers: async (i): Promise<MarkerRead> => ({
      known: true,
      tokens: new Set((notes.get(i.ref) ?? []).flatMap((n) => markersIn(n))),
    }),
    addNote: async (i, body) => {
      writer.sent.push(`${i.ref}: ${body}`);
      notes.set(i.ref, [...(notes.get(i.ref) ?? []), body]);
      return { created: true };
    },
    writeAccess: async () => ({ ok: true, message: 'ok' }),
  };
  return writer;
}

function jiraWriter(links = new Set<string>()) {
  const writer = fakeWriter();
  return Object.assign(writer, {
    remoteLinks: {
      read: async (): Promise<MarkerRead> => ({ known: true, tokens: new Set(links) }),
      upsert: vi.fn(async (_i: Item, link: { globalId: string }) => {
        const created = !links.has(link.globalId);
        links.add(link.globalId);
        return { created };
      }),
    },
  });
}

const input = (over: Partial<PlanInput> & Pick<PlanInput, 'kind' | 'view'>): PlanInput => ({
  writerOf: () => ({ error: 'read-only' }),
  articleWriters: [],
  activity: [],
  ...over,
});

const run = async (actions: Action[]) => {
  for (const a of actions) if (a.step.chosen) await a.run();
};

describe('link-bug preview', () => {
  test('lists both sides with exactly what each sends; planning it again after confirming sends nothing', async () => {
    const zd = fakeWriter();
    const jira = jiraWriter();
    const writerOf: PlanInput['writerOf'] = (i) =>
      i.system === 'jira'
        ? { writer: jira, host: 'acme.atlassian.net', connectionId: 'jira' }
        : { writer: zd, host: 'acme.zendesk.com', connectionId: 'zd' };
    const v = view('zendesk:acme/4711', [ticket(4711)], []);
    const first = await planWrite(input({ kind: 'link-bug', view: v, bug, writerOf }));
    expect(first.plan.summary).toBe('Link #4711 to SHOP-101');
    const [bugSide, ticketSide] = first.plan.steps;
    expect(bugSide).toMatchObject({
      ref: 'jira:SHOP-101',
      where: 'Remote link on SHOP-101',
      marker: 'liaison:v1:zendesk:acme/4711',
      state: 'new',
      chosen: true,
    });
    expect(ticketSide).toMatchObject({
      ref: 'zendesk:acme/4711',
      where: 'Internal note on #4711',
      state: 'new',
    });
    expect(ticketSide?.text).toContain('SHOP-101');
    expect(ticketSide?.text).toContain(bug.url);
    expect(ticketSide?.text.split('\n').at(-1)).toBe(markerLine(ticketSide?.marker ?? ''));
    await run(first.actions);
    const again = await planWrite(input({ kind: 'link-bug', view: v, bug, writerOf }));
    expect(again.plan.steps.map((s) => [s.state, s.chosen])).toEqual([
      ['already', false],
      ['already', false],
    ]);
  });

  test('a read-only connection blocks its side with the sentence; the other side stays writable', async () => {
    const jira = jiraWriter();
    const writerOf: PlanInput['writerOf'] = (i) =>
      i.system === 'jira'
        ? { writer: jira, host: 'acme.atlassian.net', connectionId: 'jira' }
        : { error: 'Zendesk (acme.zendesk.com) is read-only in Liaison: turn on writing.' };
    const { plan } = await planWrite(
      input({ kind: 'link-bug', view: view('zendesk:acme/4711', [ticket(4711)], []), bug, writerOf }),
    );
    expect(plan.steps[1]).toMatchObject({ state: 'blocked', chosen: false });
    expect(plan.steps[1]?.note).toContain('read-only');
    expect(plan.steps[0]?.state).toBe('new');
  });

  test('a missing permission blocks; an unreadable note list is "cannot tell", not chosen', async () => {
    const zd = fakeWriter();
    zd.readMarkers = async () => {
      throw failureFor('zendesk', 'acme.zendesk.com', 403);
    };
    const jira = jiraWriter();
    jira.precheck = async () =>
      'Jira (acme.atlassian.net): your account lacks the Link issues permission on SHOP.';
    const writerOf: PlanInput['writerOf'] = (i) =>
      i.system === 'jira'
        ? { writer: jira, host: 'acme.atlassian.net', connectionId: 'jira' }
        : { writer: zd, host: 'acme.zendesk.com', connectionId: 'zd' };
    const { plan } = await planWrite(
      input({ kind: 'link-bug', view: view('zendesk:acme/4711', [ticket(4711)], []), bug, writerOf }),
    );
    expect(plan.steps[0]).toMatchObject({ state: 'blocked', chosen: false });
    expect(plan.steps[0]?.note).toContain('Link issues');
    expect(plan.steps[1]).toMatchObject({ state: 'unknown', chosen: false });
    expect(plan.steps[1]?.note).toContain('403');
  });

  test('only on a customer ticket, and only to a bug, issue or pull request', async () => {
    await expect(
      planWrite(input({ kind: 'link-bug', view: view('jira:SHOP-101', [bug], []), bug })),
    ).rejects.toThrow(/customer ticket/);
    await expect(
      planWrite(input({ kind: 'link-bug', view: view('zendesk:acme/1', [ticket(1)], []), bug: ticket(2) })),
    ).rejects.toThrow(/not a bug/);
  });
});

describe('tell-tickets preview', () => {
  const links: Link[] = [
    { from: 'zendesk:acme/1', to: 'jira:SHOP-101', via: 'field' },
    { from: 'zendesk:acme/2', to: 'jira:SHOP-101', via: 'field' },
    { from: 'zendesk:acme/3', to: 'jira:SHOP-101', via: 'mention' },
    { from: 'jira:SHOP-101', to: 'github:acme/shop-api#42', via: 'remote-link' },
  ];
  const items = [bug, pull, ticket(1), ticket(2), ticket(3)];

  test('every linked ticket, all chosen; the same news is not told twice, new news is', async () => {
    const zd = fakeWriter();
    const writerOf: PlanInput['writerOf'] = () => ({
      writer: zd,
      host: 'acme.zendesk.com',
      connectionId: 'zd',
    });
    const merged = view('github:acme/shop-api#42', items, links);
    const first = await planWrite(input({ kind: 'tell-tickets', view: merged, writerOf }));
    expect(first.plan.steps.map((s) => s.ref).sort()).toEqual([
      'zendesk:acme/1',
      'zendesk:acme/2',
      'zendesk:acme/3',
    ]);
    expect(first.plan.steps.every((s) => s.chosen && s.state === 'new')).toBe(true);
    expect(first.plan.steps[0]?.text).toMatch(/^Fix merged in acme\/shop-api#42, expected in 2\.4\.1\./);
    expect(new Set(first.plan.steps.map((s) => s.marker)).size).toBe(3);
    await run(first.actions);
    expect(zd.sent).toHaveLength(3);
    // From the bug's own page, the same news is the same marker.
    const fromBug = await planWrite(
      input({ kind: 'tell-tickets', view: { ...merged, subject: 'jira:SHOP-101' }, writerOf }),
    );
    expect(fromBug.plan.steps.every((s) => s.state === 'already')).toBe(true);
    // Released: new news, new markers.
    const released = view('github:acme/shop-api#42', items, links, [
      {
        pull: 'github:acme/shop-api#42',
        release: {
          tag: 'v2.4.1',
          name: '2.4.1',
          publishedAt: '2026-12-01T09:00:00Z',
          url: 'https://github.com/acme/shop-api/releases/tag/v2.4.1',
        },
      },
    ] as ContextView['releases']);
    const news = newsOf(released);
    expect(news?.text).toMatch(/^Released in 2\.4\.1 on 1 December 2026/);
    const later = await planWrite(input({ kind: 'tell-tickets', view: released, writerOf }));
    expect(later.plan.steps.every((s) => s.state === 'new')).toBe(true);
  });

  test('no linked ticket: a sentence, no plan', async () => {
    await expect(
      planWrite(input({ kind: 'tell-tickets', view: view('jira:SHOP-101', [bug], []) })),
    ).rejects.toThrow(/No customer ticket/);
  });
});

describe('draft-kb', () => {
  const done = { ...bug, status: { name: 'Done', category: 'done' as const } };
  const links: Link[] = [
    { from: 'zendesk:acme/1', to: 'jira:SHOP-101', via: 'field' },
    { from: 'zendesk:acme/2', to: 'jira:SHOP-101', via: 'field' },
    { from: 'jira:SHOP-101', to: 'github:acme/shop-api#42', via: 'remote-link' },
  ];
  const v = view('jira:SHOP-101', [done, pull, ticket(1, 'Globex'), ticket(2, 'Globex')], links);

  test('the article: title, symptoms from the tickets, customers counted once, the fix, escaped HTML', () => {
    const hostile = { ...done, title: 'Checkout <script>alert(1)</script>' };
    const a = articleOf({ ...v, items: [hostile, pull, ticket(1, 'Globex'), ticket(2, 'Globex')] }, hostile);
    expect(a.markdown).toContain('# Checkout <script>');
    expect(a.markdown).toContain('- #1: #1 title');
    expect(a.markdown).toContain('1 customer affected (2 linked tickets)');
    expect(a.markdown).toContain('Fixed in acme/shop-api#42');
    expect(a.html).not.toContain('<script>');
    expect(a.markdown.split('\n').at(-1)).toBe(markerLine(a.marker));
  });

  test('without a connection that drafts, the plan is the Markdown and says so; drafted once, then "already"', async () => {
    const copyOnly = await planWrite(input({ kind: 'draft-kb', view: v }));
    expect(copyOnly.plan.steps).toEqual([]);
    expect(copyOnly.plan.notes[0]).toMatch(/Copy the Markdown/);
    const kb = fakeWriter();
    kb.articleWhere = () => 'Draft in ServiceNow knowledge base IT';
    kb.draftArticle = vi.fn(async () => ({
      created: true,
      ref: 'servicenow:KB0010001',
      url: 'https://acme.service-now.com/kb',
    }));
    const writers = [
      { writer: kb, host: 'acme.service-now.com', connectionId: 'snow', system: 'servicenow' as const },
    ];
    const planned = await planWrite(input({ kind: 'draft-kb', view: v, articleWriters: writers }));
    expect(planned.plan.steps[0]).toMatchObject({
      where: 'Draft in ServiceNow knowledge base IT',
      state: 'new',
    });
    const marker = planned.plan.steps[0]?.marker ?? '';
    const activity = [
      {
        at: Date.parse('2026-12-01T00:00:00Z'),
        kind: 'draft-kb' as const,
        connectionId: 'snow',
        system: 'servicenow' as const,
        target: 'jira:SHOP-101',
        where: 'x',
        marker,
        result: 'written' as const,
        message: 'ok',
      },
    ];
    const again = await planWrite(input({ kind: 'draft-kb', view: v, articleWriters: writers, activity }));
    expect(again.plan.steps[0]).toMatchObject({ state: 'already', chosen: false });
  });

  test('an unresolved bug cannot be drafted from', async () => {
    await expect(
      planWrite(input({ kind: 'draft-kb', view: view('jira:SHOP-101', [bug], []) })),
    ).rejects.toThrow(/No resolved bug/);
  });
});
