import { beforeEach, describe, expect, test } from 'vitest';
import type { Item } from '../../../src/core/model';
import { markerLine, markerToken } from '../../../src/core/writes';
import { SourceFailure } from '../../../src/providers/errors';
import { resetHttpState } from '../../../src/providers/http';
import { richText } from '../../../src/systems/jira/adf';
import type { AdfNode } from '../../../src/systems/jira/schemas';
import { createJiraWriter } from '../../../src/systems/jira/writes';
import type { RemoteLinkDraft } from '../../../src/systems/writer';
import { connections, fakeFetch, json, type Sent } from '../../providers/fixtures';
import { onReplica } from '../../providers/on-replica';
import { credentials } from '../../replica/credentials';
import type { Replica } from '../../replica/server';

beforeEach(() => resetHttpState());

const bug: Item = {
  ref: 'jira:SHOP-101',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-101',
  title: 'Checkout fails on Safari',
  url: 'https://acme.atlassian.net/browse/SHOP-101',
  status: { name: 'In Progress', category: 'in_progress' },
};
const request: Item = { ...bug, ref: 'jira:SUP-7', kind: 'request', key: 'SUP-7', title: 'Cannot pay' };

const token = markerToken('tell', ['github:acme/shop-api#42', 'merged', 'jira:SUP-7']);

const link: RemoteLinkDraft = {
  globalId: 'liaison:v1:zendesk:acme/4711',
  url: 'https://acme.zendesk.com/agent/tickets/4711',
  title: 'Zendesk #4711: Checkout broken for ACME Corp',
  summary: 'Open, high priority',
  application: 'Customer ticket',
  relationship: 'reported in',
};

function writer(answer: (sent: Sent) => Response, extra: { retries?: number; dc?: boolean } = {}) {
  const fake = fakeFetch(answer);
  const w = createJiraWriter({
    connection: extra.dc ? connections.jiraDc : connections.jira,
    fetch: fake.fetch,
    retries: extra.retries ?? 0,
  });
  return { w, requests: fake.requests };
}

const call = (s: Sent) => `${s.method} ${s.url.pathname}${s.url.search}`;
const failureOf = async (promise: Promise<unknown>): Promise<SourceFailure> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceFailure);
  return error as SourceFailure;
};

describe('Jira remote links', () => {
  test('the upsert sends every field every time, and says whether it created or updated', async () => {
    let status = 201;
    const { w, requests } = writer(() => json({ id: 10000, self: 'x' }, status));
    expect(await w.remoteLinks?.upsert(bug, link)).toEqual({ created: true, url: bug.url });
    status = 200;
    expect(await w.remoteLinks?.upsert(bug, link)).toEqual({ created: false, url: bug.url });
    expect(requests.map(call)).toEqual([
      'POST /rest/api/3/issue/SHOP-101/remotelink',
      'POST /rest/api/3/issue/SHOP-101/remotelink',
    ]);
    const body = {
      globalId: 'liaison:v1:zendesk:acme/4711',
      application: { type: 'io.liaison', name: 'Liaison' },
      relationship: 'reported in',
      object: {
        url: 'https://acme.zendesk.com/agent/tickets/4711',
        title: 'Zendesk #4711: Checkout broken for ACME Corp',
        summary: 'Open, high priority',
        icon: { title: 'Customer ticket' },
      },
    };
    expect(requests[0]?.body).toEqual(body);
    expect(requests[1]?.body).toEqual(body);
  });

  test('a 503 is retried with the same body: the server applies the upsert at most once', async () => {
    let calls = 0;
    const { w, requests } = writer(
      () => (++calls === 1 ? json({}, 503, { 'retry-after': '0' }) : json({ id: 1, self: 'x' }, 201)),
      { retries: 2 },
    );
    expect(await w.remoteLinks?.upsert(bug, link)).toMatchObject({ created: true });
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toEqual(requests[0]?.body);
  });

  test('a globalId past 255 characters is refused before anything is sent; titles are cut to 255', async () => {
    const { w, requests } = writer(() => json({ id: 1 }, 201));
    const long = { ...link, globalId: `liaison:v1:${'x'.repeat(250)}` };
    const failure = await failureOf(w.remoteLinks?.upsert(bug, long) ?? Promise.resolve());
    expect(failure.userMessage).toMatch(/1 to 255/);
    expect(requests).toHaveLength(0);
    await w.remoteLinks?.upsert(bug, { ...link, title: 't'.repeat(400), summary: 's'.repeat(300) });
    const sent = requests[0]?.body as { object: { title: string; summary: string } } | undefined;
    const object = sent?.object;
    expect(object?.title).toHaveLength(255);
    expect(object?.summary).toHaveLength(255);
  });

  test('a link that is not a web address is refused before anything is sent', async () => {
    const { w, requests } = writer(() => json({ id: 1 }, 201));
    await failureOf(w.remoteLinks?.upsert(bug, { ...link, url: 'javascript:alert(1)' }) ?? Promise.resolve());
    expect(requests).toHaveLength(0);
  });

  test('a 403 names the Link issues permission and never the credentials', async () => {
    const secret = 'jira-api-token-s3cret';
    const fake = fakeFetch(() => json({ errorMessages: [`No permission for ${secret}`], errors: {} }, 403));
    const w = createJiraWriter({
      connection: { ...connections.jira, auth: { type: 'basic', username: 'me@acme.com', password: secret } },
      fetch: fake.fetch,
      retries: 2,
    });
    const failure = await failureOf(w.remoteLinks?.upsert(bug, link) ?? Promise.resolve());
    expect(failure.kind).toBe('forbidden');
    expect(failure.userMessage).toMatch(
      /^Jira \(acme\.atlassian\.net\) refused the remote link on SHOP-101 \(403\)/,
    );
    expect(failure.userMessage).toContain('Link issues permission on SHOP');
    expect(failure.userMessage).not.toContain(secret);
    expect(fake.requests).toHaveLength(1); // a refusal is not retried
  });

  test('read gives the globalIds of the issue’s links; a hidden issue is "cannot tell", not "none"', async () => {
    const { w, requests } = writer((s) =>
      s.url.pathname.includes('SHOP-101')
        ? json([
            { id: 1, globalId: 'liaison:v1:zendesk:acme/4711', object: { url: 'https://a', title: 'a' } },
            { id: 2, object: { title: 'no url, no globalId' } },
            { id: 3, globalId: 'system=https://other&id=1', object: { url: 'https://b', title: 'b' } },
          ])
        : json({ errorMessages: ['Issue does not exist or you do not have permission to see it.'] }, 404),
    );
    const read = await w.remoteLinks?.read(bug);
    expect(read).toEqual({
      known: true,
      tokens: new Set(['liaison:v1:zendesk:acme/4711', 'system=https://other&id=1']),
    });
    expect(call(requests[0] as Sent)).toBe('GET /rest/api/3/issue/SHOP-101/remotelink');
    const hidden = await w.remoteLinks?.read({ ...bug, ref: 'jira:SHOP-9', key: 'SHOP-9' });
    expect(hidden).toEqual({ known: false, reason: expect.stringContaining('cannot see SHOP-9') });
  });
});

describe('Jira notes', () => {
  test('on Cloud a comment is ADF: one paragraph per line, the marker its own paragraph', async () => {
    const { w, requests } = writer(() => json({ id: '10042' }, 201));
    const body = w.noteBody('Fix merged in acme/shop-api#42.\nExpected in 2.4.1.', token);
    expect(body).toBe(`Fix merged in acme/shop-api#42.\nExpected in 2.4.1.\n\n${markerLine(token)}`);
    const result = await w.addNote(bug, body);
    expect(result).toEqual({
      created: true,
      url: 'https://acme.atlassian.net/browse/SHOP-101?focusedCommentId=10042',
    });
    expect(call(requests[0] as Sent)).toBe('POST /rest/api/3/issue/SHOP-101/comment');
    const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    expect(requests[0]?.body).toEqual({
      body: {
        type: 'doc',
        version: 1,
        content: [
          paragraph('Fix merged in acme/shop-api#42.'),
          paragraph('Expected in 2.4.1.'),
          paragraph(markerLine(token)),
        ],
      },
    });
    expect(w.noteWhere(bug)).toBe('Comment on Jira issue SHOP-101');
  });

  test('in ADF an address is a link to itself, trailing punctuation left out', async () => {
    const { w, requests } = writer(() => json({ id: '1' }, 201));
    await w.addNote(
      bug,
      'Ticket (see https://acme.zendesk.com/agent/tickets/4711).\nhttps://a.example/x?y=1',
    );
    const link = (href: string) => ({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] });
    expect((requests[0]?.body as { body: { content: unknown[] } } | undefined)?.body.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Ticket (see ' },
          link('https://acme.zendesk.com/agent/tickets/4711'),
          { type: 'text', text: ').' },
        ],
      },
      { type: 'paragraph', content: [link('https://a.example/x?y=1')] },
    ]);
  });

  test('on Data Center a comment is a string on REST v2', async () => {
    const { w, requests } = writer(() => json({ id: 7 }, 201), { dc: true });
    const dcBug = { ...bug, ref: 'jira:SHOP-101' };
    const body = w.noteBody('Released in 2.4.1', token);
    await w.addNote(dcBug, body);
    expect(call(requests[0] as Sent)).toBe('POST /rest/api/2/issue/SHOP-101/comment');
    expect(requests[0]?.body).toEqual({ body: `Released in 2.4.1\n\n${markerLine(token)}` });
  });

  test('wiki-markup bodies (v2, JSM) escape links, mentions, images and macros; ADF text stays literal', async () => {
    const text =
      'Customer says: [click|https://evil.example] [~admin] !https://t.example/p.png! {html}x{html} \\[';
    const dc = writer(() => json({ id: 7 }, 201), { dc: true });
    await dc.w.addNote(bug, text);
    expect(dc.requests[0]?.body).toEqual({
      body: 'Customer says: \\[click|https://evil.example] \\[~admin] \\!https://t.example/p.png\\! \\{html}x\\{html} \\[',
    });
    const cloud = writer((s) => (s.method === 'GET' ? json({ issueKey: 'SUP-7' }) : json({ id: 7 }, 201)));
    await cloud.w.addNote(request, text);
    await cloud.w.addNote(bug, text);
    const [, jsm, adf] = cloud.requests;
    expect(jsm?.body).toEqual({ ...(dc.requests[0]?.body as object), public: false });
    // ADF text nodes are literal: the text reads back as it was, not a character escaped.
    expect(richText((adf?.body as { body: AdfNode } | undefined)?.body)).toBe(text);
  });

  test('a JSM request gets an internal comment through the servicedeskapi, once it answered as a request', async () => {
    const { w, requests } = writer((s) =>
      s.method === 'GET' ? json({ issueKey: 'SUP-7' }) : json({ id: '5' }, 201),
    );
    await w.addNote(request, w.noteBody('Linked to SHOP-101', token));
    expect(requests.map(call)).toEqual([
      'GET /rest/servicedeskapi/request/SUP-7',
      'POST /rest/servicedeskapi/request/SUP-7/comment',
    ]);
    expect(requests[1]?.body).toEqual({ body: `Linked to SHOP-101\n\n${markerLine(token)}`, public: false });
    expect(w.noteWhere(request)).toBe('Internal comment on JSM request SUP-7');
    // Known now: the next note goes straight to the comment.
    await w.addNote(request, 'again');
    expect(requests.slice(2).map(call)).toEqual(['POST /rest/servicedeskapi/request/SUP-7/comment']);
  });

  test('an issue mapped as a request that JSM does not know goes to the platform only outside service projects', async () => {
    let projectTypeKey = 'software';
    const { w, requests } = writer((s) => {
      if (s.url.pathname.startsWith('/rest/servicedeskapi/'))
        return json({ errorMessage: 'No request' }, 404);
      if (s.method === 'GET')
        return json({ key: 'SUP-7', fields: { project: { key: 'SUP', projectTypeKey } } });
      return json({ id: '6' }, 201);
    });
    await w.addNote(request, 'Linked');
    expect(requests.map(call)).toEqual([
      'GET /rest/servicedeskapi/request/SUP-7',
      'GET /rest/api/3/issue/SUP-7?fields=project',
      'POST /rest/api/3/issue/SUP-7/comment',
    ]);
    expect(w.noteWhere(request)).toBe('Comment on Jira issue SUP-7');
    // A service project's request never gets a platform comment (public to its customer by default).
    projectTypeKey = 'service_desk';
    const other = { ...request, ref: 'jira:SUP-8', key: 'SUP-8' };
    const failure = await failureOf(w.addNote(other, 'Linked'));
    expect(failure.userMessage).toMatch(/refused the internal comment on SUP-8 \(404\)/);
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  test('a comment is sent once: a 503 is reported as maybe written, never retried', async () => {
    const { w, requests } = writer(() => json({}, 503, { 'retry-after': '0' }), { retries: 2 });
    const failure = await failureOf(w.addNote(bug, w.noteBody('x', token)));
    expect(requests).toHaveLength(1);
    expect(failure.userMessage).toContain('may or may not have been added');
  });

  test('a refused comment names the Add comments permission', async () => {
    const { w } = writer(() => json({ errorMessages: ['You do not have permission'], errors: {} }, 403));
    const failure = await failureOf(w.addNote(bug, 'x'));
    expect(failure.userMessage).toContain('Add comments permission on SHOP');
    const jsm = await failureOf(w.addNote(request, 'x'));
    expect(jsm.userMessage).toMatch(
      /refused the internal comment on SUP-7 \(403\).*agents of its service desk/,
    );
  });

  test('a note longer than Jira takes is refused before sending', async () => {
    const { w, requests } = writer(() => json({ id: 1 }, 201));
    await failureOf(w.addNote(bug, 'x'.repeat(40_000)));
    expect(requests).toHaveLength(0);
  });

  test('an item of another Jira connection is refused before anything is sent', async () => {
    const { w, requests } = writer(() => json({ id: 1 }, 201));
    const other = { ...bug, ref: 'jira:jira.acme.test/SHOP-101' };
    const failure = await failureOf(w.addNote(other, 'x'));
    expect(failure.kind).toBe('config');
    expect(requests).toHaveLength(0);
  });
});

describe('Jira marker read-back', () => {
  const comment = (text: string) => ({ id: '1', body: text });
  const adfComment = (text: string) => ({
    id: '2',
    body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  });

  test('an issue’s comments are read newest first, and markers found in ADF and strings', async () => {
    const other = markerToken('link', ['a', 'b']);
    const { w, requests } = writer(() =>
      json({
        startAt: 0,
        maxResults: 100,
        total: 2,
        comments: [adfComment(markerLine(token)), comment(`x\n${markerLine(other)}`)],
      }),
    );
    expect(await w.readMarkers(bug)).toEqual({ known: true, tokens: new Set([token, other]) });
    expect(requests.map(call)).toEqual([
      'GET /rest/api/3/issue/SHOP-101/comment?orderBy=-created&maxResults=100',
    ]);
  });

  test('pages are followed to the total, and past five pages of 100 it cannot tell', async () => {
    const page = (total: number) => (s: Sent) => {
      const start = Number(s.url.searchParams.get('startAt') ?? 0);
      const count = Math.max(0, Math.min(100, total - start));
      return json({ startAt: start, total, comments: Array.from({ length: count }, () => comment('hello')) });
    };
    const three = writer(page(250));
    expect(await three.w.readMarkers(bug)).toEqual({ known: true, tokens: new Set() });
    expect(three.requests.map((s) => s.url.searchParams.get('startAt'))).toEqual([null, '100', '200']);
    const many = writer(page(501));
    const read = await many.w.readMarkers(bug);
    expect(read).toEqual({ known: false, reason: expect.stringContaining('more than 500 comments') });
    expect(many.requests).toHaveLength(5);
  });

  test('a comment that cannot be read makes it "cannot tell"', async () => {
    const { w } = writer(() => json({ total: 2, comments: [comment('a'), { id: '9', body: 42 }] }));
    expect(await w.readMarkers(bug)).toMatchObject({ known: false });
  });

  test('a JSM request is read first, then its comments by start and limit', async () => {
    const { w, requests } = writer((s) =>
      s.url.pathname.endsWith('/comment')
        ? json({
            size: 1,
            start: 0,
            limit: 100,
            isLastPage: true,
            values: [{ id: '1', body: markerLine(token), public: false }],
          })
        : json({ issueKey: 'SUP-7' }),
    );
    expect(await w.readMarkers(request)).toEqual({ known: true, tokens: new Set([token]) });
    expect(requests.map(call)).toEqual([
      'GET /rest/servicedeskapi/request/SUP-7',
      'GET /rest/servicedeskapi/request/SUP-7/comment?start=0&limit=100',
    ]);
  });

  test('a JSM request the account cannot see is "cannot tell", and its (empty) comments are not read', async () => {
    const { w, requests } = writer((s) =>
      s.url.pathname.startsWith('/rest/servicedeskapi/')
        ? json({ errorMessage: 'Request does not exist' }, 404)
        : json({ key: 'SUP-7', fields: { project: { projectTypeKey: 'service_desk' } } }),
    );
    expect(await w.readMarkers(request)).toEqual({
      known: false,
      reason: expect.stringContaining('cannot see SUP-7'),
    });
    expect(requests.some((r) => r.url.pathname.includes('/comment'))).toBe(false);
  });

  test('JSM pages are followed until isLastPage, at most five', async () => {
    const { w, requests } = writer((s) =>
      s.url.pathname.endsWith('/comment')
        ? json({ size: 100, isLastPage: false, values: Array.from({ length: 100 }, () => ({ body: 'hi' })) })
        : json({ issueKey: 'SUP-7' }),
    );
    expect(await w.readMarkers(request)).toMatchObject({ known: false });
    expect(requests.slice(1).map((s) => s.url.searchParams.get('start'))).toEqual([
      '0',
      '100',
      '200',
      '300',
      '400',
    ]);
  });
});

describe('Jira permissions', () => {
  const perms = (have: Record<string, boolean>) =>
    json({
      permissions: Object.fromEntries(
        Object.entries(have).map(([key, havePermission]) => [key, { id: '1', key, havePermission }]),
      ),
    });

  test('precheck asks mypermissions for the issue and names what is missing', async () => {
    let have = { BROWSE_PROJECTS: true, ADD_COMMENTS: true, LINK_ISSUES: false };
    const { w, requests } = writer(() => perms(have));
    expect(await w.precheck?.(bug, 'link')).toBe(
      'Jira (acme.atlassian.net): your account lacks the Link issues permission on SHOP. Ask a Jira admin, or link from Jira.',
    );
    expect(await w.precheck?.(bug, 'note')).toBeUndefined();
    expect(call(requests[0] as Sent)).toBe(
      'GET /rest/api/3/mypermissions?issueKey=SHOP-101&permissions=BROWSE_PROJECTS%2CADD_COMMENTS%2CLINK_ISSUES',
    );
    have = { BROWSE_PROJECTS: true, ADD_COMMENTS: false, LINK_ISSUES: true };
    expect(await w.precheck?.(request, 'note')).toBe(
      'Jira (acme.atlassian.net): your account lacks the Add comments permission on SUP. Ask a Jira admin, or comment from Jira.',
    );
  });

  test('precheck of an issue the account cannot see says so', async () => {
    const { w } = writer(() => json({ errorMessages: ['Issue does not exist'] }, 404));
    expect(await w.precheck?.(bug, 'note')).toMatch(/cannot see SHOP-101/);
  });

  test('Test connection asks without an issue and says what may be written', async () => {
    let have = { BROWSE_PROJECTS: true, ADD_COMMENTS: true, LINK_ISSUES: true };
    const { w, requests } = writer(() => perms(have));
    expect(await w.writeAccess()).toMatchObject({
      ok: true,
      message: expect.stringContaining('add comments and link issues'),
    });
    expect(requests[0]?.url.searchParams.has('issueKey')).toBe(false);
    expect(requests[0]?.url.searchParams.get('permissions')).toBe('BROWSE_PROJECTS,ADD_COMMENTS,LINK_ISSUES');
    have = { BROWSE_PROJECTS: true, ADD_COMMENTS: false, LINK_ISSUES: false };
    expect(await w.writeAccess()).toEqual({
      ok: false,
      message:
        'Jira (acme.atlassian.net): your account lacks the Add comments and Link issues permissions in every project, so Liaison cannot write there. Ask a Jira admin.',
    });
    have = { BROWSE_PROJECTS: false, ADD_COMMENTS: true, LINK_ISSUES: true };
    expect(await w.writeAccess()).toMatchObject({
      ok: false,
      message: expect.stringContaining('lacks the Browse projects permission in every project'),
    });
    have = { BROWSE_PROJECTS: true, ADD_COMMENTS: true, LINK_ISSUES: false };
    expect(await w.writeAccess()).toMatchObject({
      ok: false,
      message: expect.stringContaining('lacks the Link issues permission'),
    });
  });
});

describe('against the replica', () => {
  let replica: Replica;
  onReplica({}, (started) => {
    replica = started;
  });
  const replicaWriter = () =>
    createJiraWriter({
      connection: { ...connections.jira, auth: { type: 'basic', ...credentials.jira } },
      fetch: replica.fetch,
      retries: 0,
    });

  test('a remote link upserted twice is one link, found again by its globalId', async () => {
    const w = replicaWriter();
    const target = { ...bug, ref: 'jira:SHOP-102', key: 'SHOP-102' };
    expect(await w.remoteLinks?.read(target)).toMatchObject({ known: true });
    expect(await w.remoteLinks?.upsert(target, link)).toMatchObject({ created: true });
    expect(await w.remoteLinks?.upsert(target, { ...link, summary: 'Solved' })).toMatchObject({
      created: false,
    });
    const read = await w.remoteLinks?.read(target);
    expect(read?.known && read.tokens.has(link.globalId)).toBe(true);
    const ours = replica.dataset.jiraIssues
      .find((i) => i.key === 'SHOP-102')
      ?.remoteLinks.filter((l) => l.globalId === link.globalId);
    expect(ours).toHaveLength(1);
    expect(ours?.[0]).toMatchObject({ summary: 'Solved', title: link.title, url: link.url });
  });

  test('an issue’s comments read back as known, newest first', async () => {
    const read = await replicaWriter().readMarkers(bug);
    expect(read).toEqual({ known: true, tokens: new Set() });
    const [asked] = replica.requests.filter((r) => r.path.includes('/comment'));
    expect(asked?.path).toBe('/rest/api/3/issue/SHOP-101/comment?orderBy=-created&maxResults=100');
  });
});
