import { describe, expect, test } from 'vitest';
import { type Item, statusCategorySchema } from '../../src/core/model';
import { writeKindSchema, writeOutcomeSchema, writeStepStateSchema } from '../../src/core/writes';
import {
  isFindRefsReply,
  isPortReply,
  isPreviewReply,
  isSiteHostsReply,
  isWatchedRefsReply,
  isWatchReply,
  isWriteConfirmReply,
  isWritePreviewReply,
  isWriteSearchReply,
} from '../../src/messaging/page-replies';
import {
  type ContextView,
  findRefsReplySchema,
  pageReplySchemas,
  portReplySchema,
  previewReplySchema,
  requestRoles,
  siteHostsReplySchema,
  watchedRefsReplySchema,
  watchReplySchema,
  writeConfirmReplySchema,
  writePreviewReplySchema,
  writeSearchReplySchema,
} from '../../src/messaging/protocol';

/**
 * The page's check of the background's answers (issue 15): it must take every answer the background's full schemas
 * take (the background checks before sending), and drop any whose structure the UI would trip on.
 */

/** An item with every optional field set, so the page's check meets each of them. */
const fullItem: Item = {
  ref: 'zendesk:acme/4711',
  system: 'zendesk',
  kind: 'ticket',
  key: '#4711',
  title: 'Checkout spins',
  url: 'https://acme.zendesk.com/agent/tickets/4711',
  status: { name: 'Open', category: 'in_progress' },
  priority: { name: 'Urgent', rank: 1 },
  assignee: 'Ana',
  requester: 'Bo',
  organization: 'Globex',
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-02T10:00:00Z',
  sla: { breached: true, name: 'First reply' },
  satisfaction: 'bad',
  fixVersions: [{ name: '2.4.1', released: true, releaseDate: '2026-11-03' }],
  pull: {
    merged: true,
    mergedAt: '2026-11-02T12:00:00Z',
    mergeCommit: 'abc1234',
    headRef: 'fix/checkout',
    baseRef: 'main',
    draft: false,
    reviewDecision: 'APPROVED',
  },
};
const bareItem: Item = {
  ref: 'jira:SHOP-101',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-101',
  title: 'Checkout spins forever',
  url: 'https://acme.atlassian.net/browse/SHOP-101',
  status: { name: 'Done', category: 'done' },
};
const view: ContextView = {
  subject: 'jira:SHOP-101',
  items: [bareItem, fullItem],
  links: [{ from: 'zendesk:acme/4711', to: 'jira:SHOP-101', via: 'field', detail: 'Jira key field' }],
  releases: [
    {
      pull: 'github:acme/shop-api#42',
      release: { name: 'v2.4.1', tag: 'v2.4.1', url: 'https://github.com/acme/shop-api/releases/tag/v2.4.1' },
    },
  ],
  sources: [
    { system: 'jira', connectionId: 'jira', host: 'acme.atlassian.net', notes: ['SHOP-12 was skipped'] },
    {
      system: 'zendesk',
      connectionId: 'zd',
      host: 'acme.zendesk.com',
      error: { kind: 'rate-limited', message: 'Zendesk is rate limiting', retryAt: 1_800_000_000_000 },
    },
  ],
  configured: true,
  resolvedAt: 1_800_000_000_000,
  stale: false,
  skippedRefs: 3,
  release: { kind: 'release', name: 'v2.4.1', scope: 'acme/shop-api', upcoming: false, date: '2026-11-03' },
  knowledge: { items: [{ ...bareItem, kind: 'knowledge' }], links: [], sources: [] },
};
const plan = {
  planId: 'p1',
  kind: 'link-bug',
  subject: 'zendesk:acme/4711',
  summary: 'Link #4711 to SHOP-101',
  steps: [
    {
      id: 's1',
      ref: 'jira:SHOP-101',
      key: 'SHOP-101',
      title: 'Checkout spins forever',
      url: 'https://acme.atlassian.net/browse/SHOP-101',
      system: 'jira',
      connectionId: 'jira',
      where: 'Remote link on SHOP-101',
      text: 'Zendesk ticket #4711',
      marker: 'liaison:v1:link:0123456789abcdef',
      state: 'unknown',
      note: 'Could not read the remote links',
      chosen: false,
    },
  ],
  notes: ['One ticket was left out'],
  markdown: '# Draft',
};

/** Each answer kind: the page's check, the background's schema, answers the background sends, broken ones. */
const cases = [
  {
    name: 'port replies',
    page: isPortReply,
    schema: portReplySchema,
    valid: [
      { type: 'context', requestId: 1, view },
      {
        type: 'context',
        requestId: 2,
        view: { ...view, items: [], release: undefined, knowledge: undefined },
      },
      { type: 'failed', requestId: 1, message: 'Jira did not answer' },
      {
        type: 'badges',
        requestId: 3,
        badges: [{ ref: 'jira:SHOP-1', count: 2, worst: { name: 'P1', rank: 1 } }],
        failed: ['zendesk'],
      },
    ],
    broken: [
      { type: 'context', requestId: 1, view: { ...view, items: 'none' } },
      { type: 'context', requestId: 1, view: { ...view, items: [{ ...bareItem, status: undefined }] } },
      {
        type: 'context',
        requestId: 1,
        view: { ...view, items: [{ ...bareItem, title: { html: '<b>x</b>' } }] },
      },
      { type: 'context', requestId: 1, view: { ...view, items: [{ ...fullItem, fixVersions: 'x' }] } },
      { type: 'context', requestId: 1, view: { ...view, sources: [{ system: 'jira' }] } },
      {
        type: 'context',
        requestId: 1,
        view: { ...view, knowledge: { items: null, links: [], sources: [] } },
      },
      { type: 'context', requestId: '1', view },
      { type: 'failed', requestId: 1, message: 42 },
      { type: 'badges', requestId: 3, badges: [{ ref: 'x', count: '2' }], failed: [] },
      { type: 'unknown', requestId: 1 },
      null,
      'context',
    ],
  },
  {
    name: 'site-hosts',
    page: isSiteHostsReply,
    schema: siteHostsReplySchema,
    valid: [
      { ok: true, hosts: { 'ghe.acme.com': 'github' }, refHosts: ['jira2.acme.com'] },
      { ok: false, error: 'no settings' },
    ],
    broken: [
      { ok: true, hosts: [], refHosts: [] },
      { ok: true, hosts: { a: 1 }, refHosts: [] },
      { ok: false },
    ],
  },
  {
    name: 'find-refs',
    page: isFindRefsReply,
    schema: findRefsReplySchema,
    valid: [
      {
        ok: true,
        found: [
          [],
          [{ index: 0, length: 8, ref: 'jira:SHOP-1', url: 'https://acme.atlassian.net/browse/SHOP-1' }],
        ],
      },
    ],
    broken: [
      { ok: true, found: [{ index: 0 }] },
      { ok: true, found: [[{ index: 0, length: 8, ref: 'x' }]] },
    ],
  },
  {
    name: 'preview',
    page: isPreviewReply,
    schema: previewReplySchema,
    valid: [
      { ok: true, preview: { item: fullItem, chain: 'The fix was released in 2.4.1' } },
      { ok: false, error: 'Jira did not answer' },
    ],
    broken: [{ ok: true, preview: { item: { ...fullItem, key: 7 } } }, { ok: true }],
  },
  {
    name: 'watch',
    page: isWatchReply,
    schema: watchReplySchema,
    valid: [{ ok: true }, { ok: false, error: 'at most 200' }],
    broken: [{ ok: 'yes' }, {}],
  },
  {
    name: 'watched-refs',
    page: isWatchedRefsReply,
    schema: watchedRefsReplySchema,
    valid: [{ ok: true, watched: ['jira:SHOP-1'] }],
    broken: [
      { ok: true, watched: 'jira:SHOP-1' },
      { ok: true, watched: [1] },
    ],
  },
  {
    name: 'write-preview',
    page: isWritePreviewReply,
    schema: writePreviewReplySchema,
    valid: [
      { ok: true, plan },
      { ok: true, plan: { ...plan, markdown: undefined } },
    ],
    broken: [
      { ok: true, plan: { ...plan, steps: [{ ...plan.steps[0], state: 'maybe' }] } },
      { ok: true, plan: { ...plan, kind: 'delete-everything' } },
      { ok: true, plan: { ...plan, notes: undefined } },
    ],
  },
  {
    name: 'write-confirm',
    page: isWriteConfirmReply,
    schema: writeConfirmReplySchema,
    valid: [
      {
        ok: true,
        outcomes: [
          {
            id: 's1',
            result: 'written',
            message: 'Linked',
            url: 'https://acme.atlassian.net/browse/SHOP-101',
          },
        ],
      },
    ],
    broken: [{ ok: true, outcomes: [{ id: 's1', result: 'exploded', message: 'x' }] }],
  },
  {
    name: 'write-search',
    page: isWriteSearchReply,
    schema: writeSearchReplySchema,
    valid: [{ ok: true, items: [bareItem], errors: ['GitHub did not answer'] }],
    broken: [
      { ok: true, items: [{ ref: 'x' }], errors: [] },
      { ok: true, items: [] },
    ],
  },
];

describe('what the page checks of the background’s answers', () => {
  for (const c of cases) {
    test(`${c.name}: every answer the background may send passes; a broken structure is dropped`, () => {
      for (const reply of c.valid) {
        // The background would send it (its full schema takes it)…
        expect(c.schema.safeParse(reply).success, JSON.stringify(reply)).toBe(true);
        // …and the page reads it.
        expect(c.page(reply), JSON.stringify(reply)).toBe(true);
      }
      for (const reply of c.broken) {
        expect(c.schema.safeParse(reply).success, JSON.stringify(reply)).toBe(false);
        expect(c.page(reply), JSON.stringify(reply)).toBe(false);
      }
    });
  }

  test('every value of the enums the background may send passes the page’s check (a step that replaces a field)', () => {
    for (const state of writeStepStateSchema.options) {
      const reply = { ok: true, plan: { ...plan, steps: plan.steps.map((s) => ({ ...s, state })) } };
      expect(writePreviewReplySchema.safeParse(reply).success, state).toBe(true);
      expect(isWritePreviewReply(reply), state).toBe(true);
    }
    for (const kind of writeKindSchema.options)
      expect(isWritePreviewReply({ ok: true, plan: { ...plan, kind } }), kind).toBe(true);
    for (const result of writeOutcomeSchema.shape.result.options)
      expect(isWriteConfirmReply({ ok: true, outcomes: [{ id: 's1', result, message: 'ok' }] }), result).toBe(
        true,
      );
    for (const category of statusCategorySchema.options)
      expect(
        isPortReply({
          type: 'context',
          requestId: 1,
          view: { ...view, items: view.items.map((i) => ({ ...i, status: { name: 'x', category } })) },
        }),
        category,
      ).toBe(true);
  });

  test('the background has a schema for the answer to every request a page may send that the page reads', () => {
    const pageTypes = Object.entries(requestRoles)
      .filter(([, roles]) => roles.includes('page'))
      .map(([type]) => type);
    // Answers the page reads as data; the rest it only awaits (open-options, set-collapsed) or reads one
    // list of strings from, filtering what is not a string (ui-collapsed).
    const read = pageTypes.filter((t) => !['open-options', 'set-collapsed', 'ui-collapsed'].includes(t));
    expect(read.filter((t) => !(t in pageReplySchemas))).toEqual([]);
  });
});
