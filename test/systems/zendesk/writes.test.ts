import { beforeEach, describe, expect, test } from 'vitest';
import type { Item } from '../../../src/core/model';
import type { Connection } from '../../../src/core/settings';
import { markerLine, markerToken } from '../../../src/core/writes';
import { SourceFailure } from '../../../src/providers/errors';
import { resetHttpState } from '../../../src/providers/http';
import { zendesk } from '../../../src/systems/zendesk';
import { createZendeskProvider } from '../../../src/systems/zendesk/provider';
import { createZendeskWriter } from '../../../src/systems/zendesk/writes';
import { connections, fakeFetch, json, type Sent } from '../../providers/fixtures';

beforeEach(() => resetHttpState());

const writable: Connection = { ...connections.zendesk, write: true };
const helpCenter = { sectionId: 360001, permissionGroupId: 42, userSegmentId: null, locale: 'en-us' };
const ticket: Item = {
  ref: 'zendesk:acme/4711',
  system: 'zendesk',
  kind: 'ticket',
  key: '#4711',
  title: 'Checkout fails',
  url: 'https://acme.zendesk.com/agent/tickets/4711',
  status: { name: 'Open', category: 'in_progress' },
};
const marker = markerToken('link', ['zendesk:acme/4711', 'jira:SHOP-101']);
const other = markerToken('tell', ['github:acme/shop-api#42', 'zendesk:acme/4711']);

const path = (s: Sent) => s.url.pathname;
const param = (s: Sent, name: string) => s.url.searchParams.get(name);
const agent = { user: { id: 7, name: 'Jane', email: 'jane@acme.com', role: 'agent', role_type: 0 } };
const endUser = { user: { id: 8, name: 'Eve', email: 'eve@acme.com', role: 'end-user', role_type: null } };

const writer = (fetch: typeof globalThis.fetch, connection: Connection = writable) =>
  createZendeskWriter({ connection, fetch, retries: 2 });

async function failure(promise: Promise<unknown> | undefined): Promise<SourceFailure> {
  const error = await (promise as Promise<unknown>).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceFailure);
  return error as SourceFailure;
}

/** Comments pages of the given bodies, `size` a page, newest first, by cursor. */
function commentPages(bodies: string[], size = 100) {
  return (sent: Sent) => {
    const after = Number(param(sent, 'page[after]') ?? '0');
    const page = bodies.slice(after, after + size);
    const more = after + size < bodies.length;
    return json({
      comments: page.map((body, n) => ({ id: after + n + 1, body, plain_body: body, public: false })),
      meta: { has_more: more, after_cursor: more ? String(after + size) : null, before_cursor: null },
      links: { next: null, prev: null },
    });
  };
}

describe('Zendesk internal notes', () => {
  test('the backend makes the writer, and only for a connection that allows writing', () => {
    const { fetch } = fakeFetch(() => json(agent));
    expect(zendesk.backend.createWriter?.({ connection: writable, fetch }, undefined)).toBeDefined();
    expect(() => createZendeskWriter({ connection: connections.zendesk, fetch })).toThrow(
      /does not allow writing/,
    );
  });

  test('a note is a PUT of one comment with public:false, the marker as its last line', async () => {
    const { fetch, requests } = fakeFetch(() =>
      json({ ticket: { id: 4711 }, audit: { events: [{ type: 'Comment', public: false, body: 'x' }] } }),
    );
    const w = writer(fetch);
    expect(w.noteWhere(ticket)).toBe('Internal note on Zendesk ticket #4711');
    const body = w.noteBody(
      'Linked to Jira bug SHOP-101: https://acme.atlassian.net/browse/SHOP-101',
      marker,
    );
    expect(body.split('\n').at(-1)).toBe(markerLine(marker));
    expect(await w.addNote(ticket, body)).toEqual({ created: true, url: ticket.url });
    expect(requests).toHaveLength(1);
    const put = requests[0] as Sent;
    expect(put.method).toBe('PUT');
    expect(put.url.href).toBe('https://acme.zendesk.com/api/v2/tickets/4711.json');
    expect(put.body).toEqual({ ticket: { comment: { body, public: false } } });
  });

  test('a note stored as a public reply is said, not passed as an internal note', async () => {
    const { fetch } = fakeFetch(() =>
      json({ ticket: { id: 4711 }, audit: { events: [{ type: 'Comment', public: true }] } }),
    );
    const error = await failure(writer(fetch).addNote(ticket, 'x'));
    expect(error.userMessage).toMatch(/added the note to ticket #4711 as a public reply/);
  });

  test('markers are read newest first, 100 a page, following the cursor', async () => {
    const bodies = [...Array.from({ length: 150 }, (_, n) => `note ${n}`), `old\n\n${markerLine(other)}`];
    const { fetch, requests } = fakeFetch(commentPages(bodies));
    expect(await writer(fetch).readMarkers(ticket)).toEqual({ known: true, tokens: new Set([other]) });
    expect(requests).toHaveLength(2);
    const first = requests[0] as Sent;
    expect(path(first)).toBe('/api/v2/tickets/4711/comments.json');
    expect(param(first, 'sort_order')).toBe('desc');
    expect(param(first, 'page[size]')).toBe('100');
    expect(param(first, 'page[after]')).toBeNull();
    expect(param(requests[1] as Sent, 'page[after]')).toBe('100');
  });

  test('at most 5 pages: beyond them, without the marker, Liaison cannot tell', async () => {
    const { fetch, requests } = fakeFetch(commentPages(Array.from({ length: 600 }, (_, n) => `note ${n}`)));
    const read = await writer(fetch).readMarkers(ticket);
    expect(requests).toHaveLength(5);
    expect(read.known).toBe(false);
    expect(read.known === false && read.reason).toMatch(/more than 500 comments/);
  });

  test('comments the user may not read (403) leave it unknown', async () => {
    const { fetch } = fakeFetch(() =>
      json({ error: 'Forbidden', description: 'You do not have access' }, 403),
    );
    const read = await writer(fetch).readMarkers(ticket);
    expect(read.known).toBe(false);
  });

  test('a closed ticket is refused before writing (its status) and on writing (422)', async () => {
    const { fetch, requests } = fakeFetch(() =>
      json(
        {
          error: 'RecordInvalid',
          description: 'Record validation errors',
          details: { status: [{ description: 'Status: closed prevents ticket update' }] },
        },
        422,
      ),
    );
    const w = writer(fetch);
    const closed = { ...ticket, status: { name: 'Closed', category: 'done' as const } };
    expect(await w.precheck?.(closed, 'note')).toBe(
      'Zendesk ticket #4711 is closed: closed tickets cannot be updated; add a follow-up ticket instead.',
    );
    expect(requests).toHaveLength(0);
    const error = await failure(w.addNote(ticket, 'x'));
    expect(error.userMessage).toBe(
      'Zendesk ticket #4711 is closed: closed tickets cannot be updated; add a follow-up ticket instead.',
    );
  });

  test('an end user is refused before writing; an agent may write', async () => {
    const asEndUser = fakeFetch(() => json(endUser));
    expect(await writer(asEndUser.fetch).precheck?.(ticket, 'note')).toBe(
      'Zendesk (acme.zendesk.com): your user is an end user; only agents can add internal notes.',
    );
    expect(path(asEndUser.requests[0] as Sent)).toBe('/api/v2/users/me.json');
    expect(await writer(asEndUser.fetch).writeAccess()).toEqual({
      ok: false,
      message: 'Zendesk (acme.zendesk.com): your user is an end user; only agents can add internal notes.',
    });
    resetHttpState();
    const asAgent = fakeFetch(() => json(agent));
    expect(await writer(asAgent.fetch).precheck?.(ticket, 'note')).toBeUndefined();
    const access = await writer(asAgent.fetch).writeAccess();
    expect(access.ok).toBe(true);
    expect(access.message).toMatch(/may add internal notes; set a Help Center section in Liaison options/);
  });

  test('a chat-only agent cannot write; a light agent may add internal notes', async () => {
    const chat = fakeFetch(() => json({ user: { ...agent.user, role: 'agent', role_type: 2 } }));
    expect(await writer(chat.fetch).writeAccess()).toEqual({
      ok: false,
      message:
        'Zendesk (acme.zendesk.com): your user is a chat agent without Support access; only Support agents can add internal notes.',
    });
    resetHttpState();
    const light = fakeFetch(() => json({ user: { ...agent.user, role: 'agent', role_type: 1 } }));
    const access = await writer(light.fetch, { ...writable, helpCenter } as Connection).writeAccess();
    expect(access).toEqual({
      ok: true,
      message:
        'Zendesk (acme.zendesk.com): as a light agent, you may add internal notes and draft Help Center articles in section 360001 (if your Guide permissions allow).',
    });
  });

  test('a 403 on the PUT names the ticket and the fix; a 429 keeps its retry time', async () => {
    const refused = fakeFetch(() =>
      json(
        {
          error: 'Forbidden',
          description:
            'You do not have access to this page. Please contact the account owner of this help desk for further help.',
        },
        403,
      ),
    );
    const error = await failure(writer(refused.fetch).addNote(ticket, 'x'));
    expect(error.kind).toBe('forbidden');
    expect(error.userMessage).toMatch(
      /^Zendesk \(acme\.zendesk\.com\) refused the internal note on ticket #4711: .*Ask a Zendesk admin/,
    );
    expect(error.userMessage).not.toMatch(/tok\b|Basic/);
    resetHttpState();
    const limited = fakeFetch(() => json({ error: 'TooManyRequests' }, 429, { 'Retry-After': '300' }));
    const slow = await failure(writer(limited.fetch).addNote(ticket, 'x'));
    expect(slow.kind).toBe('rate-limited');
    expect(slow.retryAt).toBeGreaterThan(Date.now() + 200_000);
    expect(slow.userMessage).toMatch(
      /the internal note on ticket #4711 was not added\. Try again after \d\d:\d\d UTC/,
    );
    expect(limited.requests).toHaveLength(1);
  });

  test('a ticket gone (404) is said as such, not as a wrong instance URL', async () => {
    const { fetch } = fakeFetch(() => json({ error: 'RecordNotFound', description: 'Not found' }, 404));
    expect((await failure(writer(fetch).addNote(ticket, 'x'))).userMessage).toMatch(
      /has no ticket #4711 your user can see \(404\): it may have been deleted or merged/,
    );
  });

  test('a 5xx on the PUT is sent once, never retried', async () => {
    const { fetch, requests } = fakeFetch(() => json({}, 503));
    const error = await failure(writer(fetch).addNote(ticket, 'x'));
    expect(requests).toHaveLength(1);
    expect(error.userMessage).toMatch(/did not confirm the internal note on ticket #4711 \(503\)/);
  });
});

describe('Zendesk Help Center drafts', () => {
  const draft = {
    title: 'Checkout fails with a timeout',
    html: '<p>Symptoms</p><p>Liaison ref liaison:v1:kb:0123456789abcdef</p>',
    text: 'Symptoms\nLiaison ref liaison:v1:kb:0123456789abcdef',
    marker: 'liaison:v1:kb:0123456789abcdef',
  };

  test('without Help Center settings the connection cannot draft', async () => {
    const { fetch, requests } = fakeFetch(() => json({}));
    const w = writer(fetch);
    expect(w.articleWhere?.()).toBeUndefined();
    expect((await failure(w.draftArticle?.(draft))).userMessage).toMatch(/has no Help Center section set/);
    expect(requests).toHaveLength(0);
    // malformed settings are no settings: a locale is never a path
    for (const wrong of [
      { ...helpCenter, sectionId: 'x' },
      { ...helpCenter, locale: '../../tickets' },
      { sectionId: 1 },
    ]) {
      const bad = writer(fetch, { ...writable, helpCenter: wrong } as Connection);
      expect(bad.articleWhere?.()).toBeUndefined();
    }
  });

  test('a draft is POSTed to the section with every mandatory field and draft:true', async () => {
    const { fetch, requests } = fakeFetch(() =>
      json(
        {
          article: {
            id: 360099,
            title: draft.title,
            html_url: 'https://acme.zendesk.com/hc/en-us/articles/360099-Checkout-fails',
            draft: true,
          },
        },
        201,
      ),
    );
    const w = writer(fetch, { ...writable, helpCenter } as Connection);
    expect(w.articleWhere?.()).toBe(
      'Draft article in Zendesk Help Center section 360001 (en-us, acme.zendesk.com)',
    );
    const result = await w.draftArticle?.(draft);
    expect(requests).toHaveLength(1);
    const post = requests[0] as Sent;
    expect(post.method).toBe('POST');
    expect(path(post)).toBe('/api/v2/help_center/en-us/sections/360001/articles.json');
    expect(post.body).toEqual({
      article: {
        title: draft.title,
        body: draft.html,
        locale: 'en-us',
        permission_group_id: 42,
        user_segment_id: null,
        draft: true,
      },
    });
    expect(result).toEqual({
      created: true,
      ref: 'zendesk-hc:acme/360099',
      url: 'https://acme.zendesk.com/hc/en-us/articles/360099-Checkout-fails',
    });
  });

  test('a refused or unanswered draft says so and is not sent again', async () => {
    const refused = fakeFetch(() => json({ error: 'Forbidden' }, 403));
    const w = writer(refused.fetch, { ...writable, helpCenter } as Connection);
    expect((await failure(w.draftArticle?.(draft))).userMessage).toMatch(
      /refused the draft article: your user may not create articles in section 360001/,
    );
    resetHttpState();
    const down = fakeFetch(() => json({}, 500));
    await failure(writer(down.fetch, { ...writable, helpCenter } as Connection).draftArticle?.(draft));
    expect(down.requests).toHaveLength(1);
  });
});

describe('an internal note Liaison wrote links the bug on the next resolution', () => {
  const showMany = {
    tickets: [{ id: 4711, subject: 'Checkout fails', description: 'It fails', status: 'open' }],
    users: [],
    organizations: [],
  };
  const server = () =>
    fakeFetch((sent) =>
      path(sent) === '/api/v2/tickets/4711/comments.json'
        ? json({
            comments: [
              {
                id: 2,
                body: `Linked to Jira bug SHOP-101: https://acme.atlassian.net/browse/SHOP-101\n\n${markerLine(marker)}`,
                public: false,
              },
              { id: 1, body: 'It fails', public: true },
            ],
            meta: { has_more: false, after_cursor: null },
          })
        : json(showMany),
    );
  const extract = { jiraProjectKeys: new Set(['SHOP']), zendeskSubdomains: ['acme'] };
  const ref = { system: 'zendesk' as const, subdomain: 'acme', id: 4711 };

  test("the page's subject has its newest comments read (one request more) and links what they mention", async () => {
    const { fetch, requests } = server();
    const provider = createZendeskProvider({ connection: connections.zendesk, fetch, retries: 0 });
    const found = await provider.fetchItems([ref], {
      extract,
      followsLinksOf: (i) => i.ref === 'zendesk:acme/4711',
    });
    expect(found.links).toContainEqual({
      from: 'zendesk:acme/4711',
      to: 'jira:SHOP-101',
      via: 'mention',
      detail: 'comment',
    });
    expect(requests).toHaveLength(2);
    const comments = requests[1] as Sent;
    expect(param(comments, 'sort_order')).toBe('desc');
    expect(param(comments, 'page[size]')).toBe('100');
    expect(found.partial).toBeUndefined();
  });

  test('a ticket whose links are not followed costs no read and stays partial; a badge lookup reads none', async () => {
    const linked = server();
    const provider = createZendeskProvider({
      connection: connections.zendesk,
      fetch: linked.fetch,
      retries: 0,
    });
    const found = await provider.fetchItems([ref], { extract, followsLinksOf: () => false });
    expect(linked.requests).toHaveLength(1);
    expect(found.links.map((l) => l.to)).not.toContain('jira:SHOP-101');
    expect(found.partial).toEqual(['zendesk:acme/4711']);
    const badge = server();
    const plain = createZendeskProvider({ connection: connections.zendesk, fetch: badge.fetch, retries: 0 });
    expect((await plain.fetchItems([ref], { extract })).partial).toBeUndefined();
    expect(badge.requests).toHaveLength(1);
  });
});
