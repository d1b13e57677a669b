/**
 * The write endpoints of issue 14 (ROUTES.md "Writes"): each vendor's validation, permission refusals and
 * (non-)idempotency as docs/write-back-research.md establishes, and every write seen by the replica's own reads.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, credentials, type ReplicaSystem, replicaSettings } from './credentials.ts';
import { type Replica, startReplica } from './server.ts';

// biome-ignore lint/suspicious/noExplicitAny: API answers are asserted field by field
type Json = any;

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.close());
afterEach(() => replica.clearFaults());

interface Call {
  status: number;
  headers: Headers;
  json: Json;
}

async function call(
  method: string,
  url: string,
  system: ReplicaSystem,
  body?: unknown,
  opts: { readOnly?: boolean; raw?: string } = {},
): Promise<Call> {
  const res = await replica.fetch(url, {
    method,
    headers: {
      authorization: authHeader(system, { readOnly: opts.readOnly }),
      ...(body !== undefined || opts.raw !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: opts.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === '' ? undefined : JSON.parse(text) };
}
const get = (url: string, system: ReplicaSystem, readOnly = false) =>
  call('GET', url, system, undefined, { readOnly });

const jira = 'https://acme.atlassian.net/rest/api/3';
const jiraDc = 'https://jira.acme.test/rest/api/2';
const gh = 'https://api.github.com/repos/acme/shop-api';
const snow = 'https://acme.service-now.com/api/now/table';
const zd = 'https://acme.zendesk.com/api/v2';

const link = (ticket: string, title = ticket) => ({
  globalId: `liaison:v1:${ticket}`,
  application: { type: 'io.liaison', name: 'Liaison' },
  relationship: 'mentioned in',
  object: {
    url: `https://acme.zendesk.com/agent/tickets/${ticket}`,
    title,
    summary: 'Checkout',
    icon: { title: 'Zendesk' },
  },
});

describe('credentials', () => {
  it('the read-only credentials read exactly what the normal ones read, on every system', async () => {
    const urls: [ReplicaSystem, string][] = [
      ['github', `${gh}/pulls/42`],
      ['ghe', 'https://ghe.acme.test/api/v3/user'],
      ['jira', `${jira}/issue/SHOP-101`],
      ['jira-dc', `${jiraDc}/issue/PLAT-5`],
      ['servicenow', `${snow}/incident?sysparm_query=number=INC0010001`],
      ['zendesk', `${zd}/tickets/4711.json`],
    ];
    for (const [system, url] of urls) {
      const normal = await get(url, system);
      const viewer = await get(url, system, true);
      expect([system, viewer.status]).toEqual([system, 200]);
      if (system !== 'ghe') expect(viewer.json).toEqual(normal.json);
    }
    expect(
      replicaSettings({ readOnly: true, write: true }).connections.find((c) => c.id === 'gh'),
    ).toMatchObject({
      auth: { type: 'token', token: credentials.readOnly.github.token },
      write: true,
    });
  });
});

describe('Jira remote links', () => {
  it('upserts on globalId: 201 then 200, one link, unsent fields null; per issue', async () => {
    const first = await call('POST', `${jira}/issue/SHOP-102/remotelink`, 'jira', link('zendesk:acme/4712'));
    expect(first.status).toBe(201);
    expect(first.json).toEqual({
      id: expect.any(Number),
      self: expect.stringContaining('/issue/SHOP-102/remotelink/'),
    });
    const { summary: _s, ...partialObject } = link('zendesk:acme/4712', 'renamed').object;
    const second = await call('POST', `${jira}/issue/SHOP-102/remotelink`, 'jira', {
      ...link('zendesk:acme/4712'),
      relationship: undefined,
      object: partialObject,
    });
    expect(second.status).toBe(200);
    expect(second.json.id).toBe(first.json.id);
    const links = (await get(`${jira}/issue/SHOP-102/remotelink`, 'jira')).json.filter(
      (l: Json) => l.globalId === 'liaison:v1:zendesk:acme/4712',
    );
    expect(links).toHaveLength(1);
    expect(links[0].object.title).toBe('renamed');
    expect(links[0].relationship).toBeUndefined();
    expect(links[0].object.summary).toBeUndefined();
    // the same globalId on another issue is another link
    expect(
      (await call('POST', `${jira}/issue/OPS-12/remotelink`, 'jira', link('zendesk:acme/4712'))).status,
    ).toBe(201);
  });

  it('refuses a missing title or url, a globalId over 255, and the read-only user, storing nothing', async () => {
    const before = (await get(`${jira}/issue/SHOP-101/remotelink`, 'jira')).json.length;
    const noTitle = await call('POST', `${jira}/issue/SHOP-101/remotelink`, 'jira', {
      ...link('x'),
      object: { url: 'https://acme.zendesk.com/agent/tickets/1' },
    });
    expect([noTitle.status, noTitle.json]).toEqual([
      400,
      { errorMessages: [], errors: { title: "'title' is required." } },
    ]);
    expect((await call('POST', `${jira}/issue/SHOP-101/remotelink`, 'jira', { globalId: 'g' })).status).toBe(
      400,
    );
    const long = await call('POST', `${jira}/issue/SHOP-101/remotelink`, 'jira', {
      ...link('x'),
      globalId: `liaison:v1:${'x'.repeat(245)}`,
    });
    expect(long.status).toBe(400);
    expect(Object.keys(long.json.errors)).toEqual(['globalId']);
    expect(
      (
        await call('POST', `${jira}/issue/SHOP-101/remotelink`, 'jira', {
          ...link('x'),
          globalId: `liaison:v1:${'x'.repeat(244)}`,
        })
      ).status,
    ).toBe(201);
    const viewer = await call('POST', `${jira}/issue/SHOP-101/remotelink`, 'jira', link('viewer'), {
      readOnly: true,
    });
    expect(viewer.status).toBe(403);
    const after = (await get(`${jira}/issue/SHOP-101/remotelink`, 'jira')).json;
    expect(after).toHaveLength(before + 1);
    expect(after.some((l: Json) => l.globalId === 'liaison:v1:viewer')).toBe(false);
    expect((await call('POST', `${jira}/issue/NOPE-1/remotelink`, 'jira', link('x'))).status).toBe(404);
  });

  it('Data Center takes the same upsert on /rest/api/2 with its token', async () => {
    expect(
      (await call('POST', `${jiraDc}/issue/PLAT-5/remotelink`, 'jira-dc', link('servicenow:INC0010007')))
        .status,
    ).toBe(201);
    expect(
      (await call('POST', `${jiraDc}/issue/PLAT-5/remotelink`, 'jira-dc', link('servicenow:INC0010007')))
        .status,
    ).toBe(200);
    expect(
      (
        await call('POST', `${jiraDc}/issue/PLAT-5/remotelink`, 'jira-dc', link('servicenow:X'), {
          readOnly: true,
        })
      ).status,
    ).toBe(403);
  });
});

describe('Jira mypermissions', () => {
  const perms = 'permissions=BROWSE_PROJECTS,ADD_COMMENTS,LINK_ISSUES';
  const have = (j: Json) =>
    Object.fromEntries(Object.entries(j.permissions).map(([k, v]) => [k, (v as Json).havePermission]));

  it('answers per issue: the writer may comment and link, the viewer only browse', async () => {
    const writer = await get(`${jira}/mypermissions?issueKey=SHOP-101&${perms}`, 'jira');
    expect(have(writer.json)).toEqual({ BROWSE_PROJECTS: true, ADD_COMMENTS: true, LINK_ISSUES: true });
    expect(writer.json.permissions.LINK_ISSUES).toMatchObject({
      key: 'LINK_ISSUES',
      name: 'Link Issues',
      type: 'PROJECT',
    });
    const viewer = await get(`${jira}/mypermissions?issueKey=SHOP-101&${perms}`, 'jira', true);
    expect(have(viewer.json)).toEqual({ BROWSE_PROJECTS: true, ADD_COMMENTS: false, LINK_ISSUES: false });
    expect(have((await get(`${jira}/mypermissions?${perms}`, 'jira', true)).json).ADD_COMMENTS).toBe(false);
  });

  it('Cloud requires `permissions`; an unknown issue is a 404; Data Center answers all without it', async () => {
    expect((await get(`${jira}/mypermissions?issueKey=SHOP-101`, 'jira')).status).toBe(400);
    expect((await get(`${jira}/mypermissions?permissions=NOT_A_PERMISSION`, 'jira')).status).toBe(400);
    expect((await get(`${jira}/mypermissions?issueKey=SHOP-99999&${perms}`, 'jira')).status).toBe(404);
    const dc = await get(`${jiraDc}/mypermissions?issueKey=PLAT-5`, 'jira-dc', true);
    expect(dc.status).toBe(200);
    expect(dc.json.permissions.LINK_ISSUES.havePermission).toBe(false);
  });
});

describe('Jira comments', () => {
  const adfDoc = (...paras: string[]) => ({
    type: 'doc',
    version: 1,
    content: paras.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });

  it('v3 takes an ADF document and shows it first with orderBy=-created', async () => {
    const posted = await call('POST', `${jira}/issue/OPS-12/comment`, 'jira', {
      body: adfDoc('Fix merged in acme/shop-api#42', 'Liaison ref liaison:v1:tell:0123456789abcdef'),
    });
    expect(posted.status).toBe(201);
    expect(posted.json.body).toEqual(
      adfDoc('Fix merged in acme/shop-api#42', 'Liaison ref liaison:v1:tell:0123456789abcdef'),
    );
    const list = await get(`${jira}/issue/OPS-12/comment?orderBy=-created&maxResults=100`, 'jira');
    expect(list.json.comments[0].id).toBe(posted.json.id);
    expect(list.json.total).toBe(list.json.comments.length);
  });

  it('v3 refuses a string or a malformed document; v2 refuses a document and takes a string', async () => {
    for (const body of [
      'plain text',
      { type: 'doc', content: [] },
      { type: 'doc', version: 1, content: [{ text: 'x' }] },
    ]) {
      const r = await call('POST', `${jira}/issue/OPS-12/comment`, 'jira', { body });
      expect(r.status).toBe(400);
      expect(r.json.errors.comment).toMatch(/Atlassian Document/);
    }
    expect(
      (await call('POST', `${jiraDc}/issue/PLAT-5/comment`, 'jira-dc', { body: adfDoc('x') })).status,
    ).toBe(400);
    const v2 = await call('POST', `${jiraDc}/issue/PLAT-5/comment`, 'jira-dc', { body: 'Released in 2.4.1' });
    expect([v2.status, v2.json.body]).toEqual([201, 'Released in 2.4.1']);
    expect((await call('POST', `${jiraDc}/issue/PLAT-5/comment`, 'jira-dc', { body: '' })).status).toBe(400);
  });

  it('the viewer may not comment (403) and a visibility role the user is not in is a 400', async () => {
    const before = (await get(`${jira}/issue/OPS-12/comment`, 'jira')).json.total;
    expect(
      (await call('POST', `${jira}/issue/OPS-12/comment`, 'jira', { body: adfDoc('x') }, { readOnly: true }))
        .status,
    ).toBe(403);
    const role = await call('POST', `${jira}/issue/OPS-12/comment`, 'jira', {
      body: adfDoc('x'),
      visibility: { type: 'role', value: 'Administrators' },
    });
    expect([role.status, role.json.errors]).toEqual([
      400,
      { commentLevel: 'You are currently not a member of the project role: Administrators.' },
    ]);
    expect((await get(`${jira}/issue/OPS-12/comment`, 'jira')).json.total).toBe(before);
  });
});

describe('JSM request comments', () => {
  const url = 'https://acme.atlassian.net/rest/servicedeskapi/request/SUP-7/comment';

  it('an internal note is stored private and read back; without `public` a comment is public', async () => {
    const posted = await call('POST', url, 'jira', {
      body: 'Linked to SHOP-101\nLiaison ref liaison:v1:link:aa',
      public: false,
    });
    expect(posted.status).toBe(201);
    expect(posted.json).toMatchObject({
      body: 'Linked to SHOP-101\nLiaison ref liaison:v1:link:aa',
      public: false,
    });
    const open = await call('POST', url, 'jira', { body: 'no public flag' });
    expect(open.json.public).toBe(true);
    const list = await get(`${url}?start=0&limit=100`, 'jira');
    expect(list.json).toMatchObject({ start: 0, limit: 100, isLastPage: true });
    expect(list.json.values.map((v: Json) => [v.body, v.public]).slice(-2)).toEqual([
      ['Linked to SHOP-101\nLiaison ref liaison:v1:link:aa', false],
      ['no public flag', true],
    ]);
    expect(list.json.size).toBe(list.json.values.length);
    const internalOnly = await get(`${url}?public=false`, 'jira');
    expect(internalOnly.json.values.every((v: Json) => v.public === false)).toBe(true);
    // the platform API shows the same comments, jsdPublic as stored
    const platform = await get(`${jira}/issue/SUP-7/comment?orderBy=-created`, 'jira');
    expect(platform.json.comments[1].jsdPublic).toBe(false);
  });

  it('a request the user cannot see lists empty, not an error; the viewer may not post', async () => {
    const unseen = await get(
      'https://acme.atlassian.net/rest/servicedeskapi/request/SHOP-101/comment',
      'jira',
    );
    expect([unseen.status, unseen.json.values, unseen.json.isLastPage]).toEqual([200, [], true]);
    expect(
      (await get('https://acme.atlassian.net/rest/servicedeskapi/request/SUP-9999/comment', 'jira')).json
        .size,
    ).toBe(0);
    expect((await call('POST', url, 'jira', { body: 'x', public: false }, { readOnly: true })).status).toBe(
      403,
    );
    expect((await call('POST', url, 'jira', { public: false })).status).toBe(400);
    expect(
      (
        await call(
          'POST',
          'https://acme.atlassian.net/rest/servicedeskapi/request/SHOP-101/comment',
          'jira',
          { body: 'x' },
        )
      ).status,
    ).toBe(404);
  });
});

describe('GitHub issue comments', () => {
  it('posts on a pull request and an issue, twice = two comments, read back in pages with a Link header', async () => {
    const before = (await get(`${gh}/issues/42/comments?per_page=100`, 'github')).json.length;
    const body = 'Linked from Zendesk 4711\n<!-- liaison:v1:link:0123456789abcdef -->';
    const one = await call('POST', `${gh}/issues/42/comments`, 'github', { body });
    const two = await call('POST', `${gh}/issues/42/comments`, 'github', { body });
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(one.json).toMatchObject({
      body,
      user: { login: 'mona-dev' },
      html_url: expect.stringMatching(/^https:\/\/github\.com\/acme\/shop-api\/pull\/42#issuecomment-\d+$/),
    });
    expect(two.json.id).not.toBe(one.json.id);
    const all = (await get(`${gh}/issues/42/comments?per_page=100`, 'github')).json;
    expect(all).toHaveLength(before + 2);
    expect(all.at(-1).id).toBe(two.json.id);
    const page1 = await get(`${gh}/issues/42/comments?per_page=1&page=1`, 'github');
    expect(page1.json).toHaveLength(1);
    expect(page1.headers.get('link')).toContain('rel="next"');
    expect((await get(`${gh}/issues/42`, 'github')).json.comments).toBe(before + 2);
    const issue = await call('POST', `${gh}/issues/110/comments`, 'github', { body: 'on an issue' });
    expect(issue.json.html_url).toContain('/issues/110#issuecomment-');
    expect((await get(`${gh}/issues/9999/comments`, 'github')).status).toBe(404);
  });

  it('refuses a missing body, a body over 65,536 characters and bad JSON with 422/400', async () => {
    const missing = await call('POST', `${gh}/issues/110/comments`, 'github', {});
    expect([missing.status, missing.json.errors[0].code]).toEqual([422, 'missing_field']);
    expect(
      (await call('POST', `${gh}/issues/110/comments`, 'github', { body: 'x'.repeat(65536) })).status,
    ).toBe(201);
    const long = await call('POST', `${gh}/issues/110/comments`, 'github', { body: 'x'.repeat(65537) });
    expect([long.status, long.json.errors[0].message]).toEqual([
      422,
      'Body is too long (maximum is 65536 characters)',
    ]);
    expect(
      (await call('POST', `${gh}/issues/110/comments`, 'github', undefined, { raw: '{nope' })).status,
    ).toBe(400);
  });

  it('a locked conversation is a 403; the read-only token is a 403 naming the permissions it lacks', async () => {
    replica.mutate({ lockIssue: { repo: 'acme/shop-api', number: 111 } });
    expect((await get(`${gh}/issues/111`, 'github')).json.locked).toBe(true);
    const locked = await call('POST', `${gh}/issues/111/comments`, 'github', { body: 'x' });
    expect([locked.status, locked.json.message]).toEqual([
      403,
      'Unable to create comment because issue is locked.',
    ]);
    const viewer = await call(
      'POST',
      `${gh}/issues/112/comments`,
      'github',
      { body: 'x' },
      { readOnly: true },
    );
    expect(viewer.status).toBe(403);
    expect(viewer.json.message).toBe('Resource not accessible by personal access token');
    expect(viewer.headers.get('x-accepted-github-permissions')).toBe('issues=write; pull_requests=write');
    expect(
      (await get(`${gh}/issues/112/comments`, 'github', true)).json.some((c: Json) => c.body === 'x'),
    ).toBe(false);
  });

  it('GET /user: X-OAuth-Scopes for the classic token, none for the fine-grained read-only one', async () => {
    expect((await get('https://api.github.com/user', 'github')).headers.get('x-oauth-scopes')).toBe(
      'repo, read:org',
    );
    const viewer = await get('https://api.github.com/user', 'github', true);
    expect(viewer.status).toBe(200);
    expect(viewer.headers.get('x-oauth-scopes')).toBeNull();
  });
});

describe('ServiceNow work notes and journal', () => {
  const sysIdOf = async (number: string) =>
    (
      await get(
        `${snow}/incident?sysparm_query=number=${number}&sysparm_fields=sys_id,number,state`,
        'servicenow',
      )
    ).json.result[0].sys_id as string;
  const journal = (sysId: string, readOnly = false) =>
    get(
      `${snow}/sys_journal_field?sysparm_query=${encodeURIComponent(`element_id=${sysId}^elementINwork_notes,comments^ORDERBYDESCsys_created_on`)}&sysparm_fields=value,element,sys_created_on&sysparm_limit=100`,
      'servicenow',
      readOnly,
    );

  it('PATCH appends a work note (twice = two entries) that the journal and the display value show', async () => {
    const sysId = await sysIdOf('INC0010004');
    const before = (await journal(sysId)).json.result.length;
    const note = 'Linked to SHOP-102\nLiaison ref liaison:v1:link:1111222233334444';
    const r = await call('PATCH', `${snow}/incident/${sysId}?sysparm_fields=sys_id,number`, 'servicenow', {
      work_notes: note,
      u_not_a_field: 'ignored',
    });
    expect([r.status, r.json.result]).toEqual([200, { sys_id: sysId, number: 'INC0010004' }]);
    await call('PATCH', `${snow}/incident/${sysId}`, 'servicenow', { work_notes: note });
    const rows = (await journal(sysId)).json.result;
    expect(rows).toHaveLength(before + 2);
    expect(rows[0]).toEqual({
      value: note,
      element: 'work_notes',
      sys_created_on: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });
    const shown = await get(
      `${snow}/incident/${sysId}?sysparm_display_value=true&sysparm_fields=work_notes`,
      'servicenow',
    );
    expect(shown.json.result.work_notes).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - Sam .*\(Work notes\)\nLinked to SHOP-102/,
    );
    const raw = await get(`${snow}/incident/${sysId}?sysparm_fields=work_notes,u_not_a_field`, 'servicenow');
    expect(raw.json.result).toEqual({ work_notes: '' });
  });

  it('the read-only user gets 403 ACL Exception and sees no journal rows; unknown sys_id is a 404', async () => {
    const sysId = await sysIdOf('INC0010005');
    const before = (await journal(sysId)).json.result.length;
    const r = await call(
      'PATCH',
      `${snow}/incident/${sysId}`,
      'servicenow',
      { work_notes: 'x' },
      { readOnly: true },
    );
    expect([r.status, r.json]).toEqual([
      403,
      {
        error: {
          message: 'Operation Failed',
          detail: 'ACL Exception Update Failed due to security constraints',
        },
        status: 'failure',
      },
    ]);
    expect((await journal(sysId)).json.result).toHaveLength(before);
    expect((await journal(sysId, true)).json.result).toEqual([]);
    expect(
      (await call('PATCH', `${snow}/incident/${'0'.repeat(32)}`, 'servicenow', { work_notes: 'x' })).status,
    ).toBe(404);
  });

  it('problem and sc_request records take notes too', async () => {
    for (const [table, number] of [
      ['problem', 'PRB0040001'],
      ['sc_request', 'REQ0010001'],
    ]) {
      const sysId = (
        await get(`${snow}/${table}?sysparm_query=number=${number}&sysparm_fields=sys_id`, 'servicenow')
      ).json.result[0].sys_id;
      expect(
        (await call('PATCH', `${snow}/${table}/${sysId}`, 'servicenow', { comments: `note on ${number}` }))
          .status,
      ).toBe(200);
      expect((await journal(sysId)).json.result[0]).toMatchObject({
        value: `note on ${number}`,
        element: 'comments',
      });
    }
  });
});

describe('ServiceNow knowledge drafts', () => {
  it('POST kb_knowledge creates a draft KB number the published search does not find', async () => {
    const base = (
      await get(
        `${snow}/kb_knowledge_base?sysparm_query=active=true&sysparm_fields=sys_id,title&sysparm_limit=1`,
        'servicenow',
      )
    ).json.result;
    expect(base).toEqual([{ sys_id: 'dfc19531bf2021003f07e2c1ac0739ab', title: 'IT' }]);
    const r = await call('POST', `${snow}/kb_knowledge`, 'servicenow', {
      short_description: 'Large carts time out at checkout (SHOP-101)',
      text: '<p>Symptoms: SHOP-101 draftmarker</p>',
      kb_knowledge_base: base[0].sys_id,
      workflow_state: 'draft',
    });
    expect(r.status).toBe(201);
    expect(r.json.result).toMatchObject({
      number: expect.stringMatching(/^KB00\d{5}$/),
      workflow_state: 'draft',
      sys_id: expect.any(String),
    });
    const q = (query: string) =>
      get(
        `${snow}/kb_knowledge?sysparm_fields=number&sysparm_query=${encodeURIComponent(query)}`,
        'servicenow',
      );
    expect((await q('textLIKEdraftmarker')).json.result).toEqual([{ number: r.json.result.number }]);
    expect((await q('workflow_state=published^textLIKEdraftmarker')).json.result).toEqual([]);
  });

  it('refuses a title over 100 characters, an inactive knowledge base, and the read-only user', async () => {
    const post = (body: unknown, readOnly = false) =>
      call('POST', `${snow}/kb_knowledge`, 'servicenow', body, { readOnly });
    expect((await post({ short_description: 'x'.repeat(101) })).status).toBe(400);
    expect(
      (await post({ short_description: 'x', kb_knowledge_base: 'a7e8a78bff0221009b20ffffffffff17' })).status,
    ).toBe(400);
    const viewer = await post({ short_description: 'x' }, true);
    expect([viewer.status, viewer.json.error.detail]).toEqual([
      403,
      'ACL Exception Insert Failed due to security constraints',
    ]);
  });
});

describe('Zendesk ticket updates', () => {
  it('an internal note is stored private and listed (cursor pages, newest first); no `public` means public', async () => {
    const put = await call('PUT', `${zd}/tickets/4711.json`, 'zendesk', {
      ticket: { comment: { body: 'Linked to SHOP-101\nLiaison ref liaison:v1:link:ab', public: false } },
    });
    expect(put.status).toBe(200);
    expect(put.json.ticket.id).toBe(4711);
    expect(put.json.audit.events[0]).toMatchObject({ type: 'Comment', public: false });
    const open = await call('PUT', `${zd}/tickets/4711.json`, 'zendesk', {
      ticket: { comment: { body: 'forgot the flag' } },
    });
    expect(open.json.audit.events[0].public).toBe(true);
    const list = await get(`${zd}/tickets/4711/comments.json?sort_order=desc&page[size]=100`, 'zendesk');
    expect(list.json.comments.slice(0, 2).map((c: Json) => [c.body, c.public])).toEqual([
      ['forgot the flag', true],
      ['Linked to SHOP-101\nLiaison ref liaison:v1:link:ab', false],
    ]);
    expect(list.json.meta.has_more).toBe(false);
    const small = await get(`${zd}/tickets/4711/comments.json?page[size]=1`, 'zendesk');
    expect(small.json.meta.has_more).toBe(true);
    const next = await replica.fetch(small.json.links.next, {
      headers: { authorization: authHeader('zendesk') },
    });
    expect((await next.json()).comments[0].id).not.toBe(small.json.comments[0].id);
  });

  it('a closed ticket is a 422; the end user is a 403; an unknown custom field is a 422; nothing stored', async () => {
    const closed = await call('PUT', `${zd}/tickets/5009.json`, 'zendesk', {
      ticket: { comment: { body: 'x', public: false } },
    });
    expect([closed.status, closed.json]).toEqual([
      422,
      {
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: { status: [{ description: 'Status: closed prevents ticket update' }] },
      },
    ]);
    const count = async () => (await get(`${zd}/tickets/4712/comments.json`, 'zendesk')).json.count;
    const before = await count();
    const viewer = await call(
      'PUT',
      `${zd}/tickets/4712.json`,
      'zendesk',
      { ticket: { comment: { body: 'x', public: false } } },
      { readOnly: true },
    );
    expect([viewer.status, viewer.json]).toEqual([
      403,
      {
        error: 'Forbidden',
        description:
          'You do not have access to this page. Please contact the account owner of this help desk for further help.',
      },
    ]);
    const field = await call('PUT', `${zd}/tickets/4712.json`, 'zendesk', {
      ticket: { comment: { body: 'x', public: false }, custom_fields: [{ id: 1, value: 'y' }] },
    });
    expect(field.status).toBe(422);
    expect(await count()).toBe(before);
  });

  it('users/me: the agent and the end user', async () => {
    expect((await get(`${zd}/users/me.json`, 'zendesk')).json.user).toMatchObject({
      role: 'agent',
      role_type: 0,
    });
    expect((await get(`${zd}/users/me.json`, 'zendesk', true)).json.user).toMatchObject({
      role: 'end-user',
      role_type: null,
      email: 'viewer@acme.com',
    });
  });

  it('30 updates of one ticket in 10 minutes, then 429 with Retry-After (other tickets unaffected)', async () => {
    const put = (id: number) =>
      call('PUT', `${zd}/tickets/${id}.json`, 'zendesk', {
        ticket: { comment: { body: 'n', public: false } },
      });
    for (let i = 0; i < 30; i++) expect((await put(5000)).status).toBe(200);
    const limited = await put(5000);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(500);
    expect((await put(5003)).status).toBe(200);
  });

  it('a fault rule can fail PUT to one ticket only (e2e "writes to one ticket answer 500")', async () => {
    const add = await replica.fetch('https://acme.zendesk.com/__replica/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        host: 'acme.zendesk.com',
        method: 'PUT',
        path: '/api/v2/tickets/4712.json',
        kind: '500',
      }),
    });
    expect(add.status).toBe(201);
    const body = { ticket: { comment: { body: 'fault test', public: false } } };
    const failed = await call('PUT', `${zd}/tickets/4712.json`, 'zendesk', body);
    expect([failed.status, failed.json.error]).toEqual([500, 'InternalServerError']);
    expect((await get(`${zd}/tickets/4712.json`, 'zendesk')).status).toBe(200);
    expect((await call('PUT', `${zd}/tickets/5003.json`, 'zendesk', body)).status).toBe(200);
    const comments = (await get(`${zd}/tickets/4712/comments.json`, 'zendesk')).json.comments;
    expect(comments.some((c: Json) => c.body === 'fault test')).toBe(false);
  });
});

describe('Zendesk Help Center drafts', () => {
  const url = `${zd}/help_center/en-us/sections/360000111111/articles.json`;
  const article = {
    title: 'Big baskets time out',
    body: '<p>hcdraftmarker SHOP-101</p>',
    locale: 'en-us',
    permission_group_id: 1,
    user_segment_id: null,
    draft: true,
  };

  it('creates a draft (201) that search answers flagged draft, as to an agent', async () => {
    const r = await call('POST', url, 'zendesk', { article });
    expect(r.status).toBe(201);
    expect(r.json.article).toMatchObject({
      id: expect.any(Number),
      draft: true,
      html_url: expect.stringMatching(
        /^https:\/\/acme\.zendesk\.com\/hc\/en-us\/articles\/\d+-big-baskets-time-out$/,
      ),
    });
    const search = await get(`${zd}/help_center/articles/search?query=hcdraftmarker`, 'zendesk');
    expect(search.json.results.map((a: Json) => [a.id, a.draft])).toEqual([[r.json.article.id, true]]);
  });

  it('refuses a missing permission_group_id or user segment, an unknown section, and the end user', async () => {
    const { permission_group_id: _p, ...noGroup } = article;
    expect((await call('POST', url, 'zendesk', { article: noGroup })).status).toBe(400);
    const { user_segment_id: _u, ...noSegment } = article;
    expect((await call('POST', url, 'zendesk', { article: noSegment })).status).toBe(400);
    expect(
      (await call('POST', url, 'zendesk', { article: { ...noSegment, user_segment_ids: [360000222222] } }))
        .status,
    ).toBe(201);
    expect(
      (await call('POST', `${zd}/help_center/en-us/sections/1/articles.json`, 'zendesk', { article })).status,
    ).toBe(404);
    expect((await call('POST', url, 'zendesk', { article }, { readOnly: true })).status).toBe(403);
  });
});

describe('pages show what was written', () => {
  const page = async (url: string) => (await replica.fetch(url)).text();

  it('a GitHub comment, a ServiceNow work note and a Zendesk note appear on their pages', async () => {
    await call('POST', `${gh}/issues/42/comments`, 'github', { body: 'pagecheck github comment' });
    expect(await page('https://github.com/acme/shop-api/pull/42')).toContain('pagecheck github comment');
    const sysId = replica.dataset.snow.find((r) => r.number === 'INC0010002')?.sysId ?? '';
    await call('PATCH', `${snow}/incident/${sysId}`, 'servicenow', { work_notes: 'pagecheck work note' });
    expect(await page(`https://acme.service-now.com/incident.do?sys_id=${sysId}`)).toContain(
      'pagecheck work note',
    );
    await call('PUT', `${zd}/tickets/5003.json`, 'zendesk', {
      ticket: { comment: { body: 'pagecheck zendesk note', public: false } },
    });
    expect(await page('https://acme.zendesk.com/agent/tickets/5003')).toContain('pagecheck zendesk note');
  });
});

describe('lookups and limits around the writes', () => {
  it('Jira ?globalId= answers the one link, or a 404 when there is none', async () => {
    await call('POST', `${jira}/issue/SHOP-101/remotelink`, 'jira', link('servicenow:INC0010002'));
    const one = await get(
      `${jira}/issue/SHOP-101/remotelink?globalId=${encodeURIComponent('liaison:v1:servicenow:INC0010002')}`,
      'jira',
    );
    expect([one.status, one.json.globalId]).toEqual([200, 'liaison:v1:servicenow:INC0010002']);
    expect((await get(`${jira}/issue/SHOP-101/remotelink?globalId=liaison%3Av1%3Anone`, 'jira')).status).toBe(
      404,
    );
  });

  it('GitHub: the 81st comment within a minute is a secondary-rate-limit 403 with Retry-After', async () => {
    const own = await startReplica();
    try {
      const post = () =>
        own.fetch(`${gh}/issues/111/comments`, {
          method: 'POST',
          headers: { authorization: authHeader('github'), 'content-type': 'application/json' },
          body: JSON.stringify({ body: 'burst' }),
        });
      for (let i = 0; i < 80; i++) expect((await post()).status).toBe(201);
      const limited = await post();
      expect(limited.status).toBe(403);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await limited.json()).message).toMatch(/secondary rate limit/);
    } finally {
      await own.close();
    }
  });

  it('Zendesk lists the permission groups (agents only), user segments and sections a connection names', async () => {
    expect(
      (await get(`${zd}/guide/permission_groups.json`, 'zendesk')).json.permission_groups.map(
        (g: Json) => g.id,
      ),
    ).toEqual([1, 2]);
    expect((await get(`${zd}/guide/permission_groups.json`, 'zendesk', true)).status).toBe(403);
    expect(
      (await get(`${zd}/help_center/user_segments.json`, 'zendesk')).json.user_segments.map(
        (g: Json) => g.id,
      ),
    ).toEqual([360000222222, 360000333333]);
    expect((await get(`${zd}/help_center/en-us/sections.json`, 'zendesk')).json.sections[0]).toMatchObject({
      id: 360000111111,
      locale: 'en-us',
    });
  });
});

describe('settings for writing', () => {
  it('?write=1 marks every connection writable and gives Zendesk a Help Center the replica accepts', async () => {
    const res = await replica.fetch('https://api.github.com/__replica/settings?write=1&readOnly=1');
    const settings = await res.json();
    expect(settings.connections.every((c: Json) => c.write === true)).toBe(true);
    const zendesk = settings.connections.find((c: Json) => c.system === 'zendesk');
    expect(zendesk.auth.username).toBe(credentials.readOnly.zendesk.username);
    const hc = zendesk.helpCenter;
    const created = await call(
      'POST',
      `${zd}/help_center/${hc.locale}/sections/${hc.sectionId}/articles.json`,
      'zendesk',
      {
        article: {
          title: 'From settings',
          body: '<p>x</p>',
          locale: hc.locale,
          permission_group_id: hc.permissionGroupId,
          user_segment_id: hc.userSegmentId,
          draft: true,
        },
      },
    );
    expect(created.status).toBe(201);
    expect(
      (await (await replica.fetch('https://api.github.com/__replica/settings')).json()).connections[0].write,
    ).toBeUndefined();
  });
});

describe('who the read-only credentials are', () => {
  it('Jira /myself names the viewer on Cloud (accountId) and Data Center (name)', async () => {
    expect((await get(`${jira}/myself`, 'jira', true)).json).toMatchObject({
      displayName: 'Vera Viewer',
      accountId: expect.any(String),
    });
    expect((await get(`${jiraDc}/myself`, 'jira-dc', true)).json).toMatchObject({
      displayName: 'Vera Viewer',
      name: 'vera.viewer',
    });
    expect((await get(`${jira}/myself`, 'jira')).json.displayName).not.toBe('Vera Viewer');
  });
});

describe('mutations e2e uses around writes', () => {
  it('setTicketStatus closes a ticket, after which a note is refused with 422', async () => {
    const res = await replica.fetch('https://acme.zendesk.com/__replica/mutate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        setTicketStatus: { ticket: 5001, status: 'closed', at: '2026-03-16T08:00:00Z' },
      }),
    });
    expect(res.status).toBe(200);
    expect((await get(`${zd}/tickets/5001.json`, 'zendesk')).json.ticket.status).toBe('closed');
    const put = await call('PUT', `${zd}/tickets/5001.json`, 'zendesk', {
      ticket: { comment: { body: 'x', public: false } },
    });
    expect(put.status).toBe(422);
    expect(() =>
      replica.mutate({
        setTicketStatus: { ticket: 5001, status: 'gone' as never, at: '2026-03-16T08:00:00Z' },
      }),
    ).toThrow();
  });
});
