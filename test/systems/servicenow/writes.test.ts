import { beforeEach, describe, expect, test } from 'vitest';
import type { Item } from '../../../src/core/model';
import type { Connection } from '../../../src/core/settings';
import { markerLine, markerToken } from '../../../src/core/writes';
import { SourceFailure } from '../../../src/providers/errors';
import { resetHttpState } from '../../../src/providers/http';
import { servicenow } from '../../../src/systems/servicenow';
import { createServiceNowProvider } from '../../../src/systems/servicenow/provider';
import { createServiceNowWriter } from '../../../src/systems/servicenow/writes';
import { connections, fakeFetch, json, type Sent } from '../../providers/fixtures';

beforeEach(() => resetHttpState());

const writable: Connection = { ...connections.servicenow, write: true };
const SYS_ID = '46d44a23a9fe19810012d100cca80666';
const incident: Item = {
  ref: 'servicenow:INC0010001',
  system: 'servicenow',
  kind: 'incident',
  key: 'INC0010001',
  title: 'Checkout fails',
  url: `https://acme.service-now.com/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${SYS_ID}`)}`,
  status: { name: 'New', category: 'todo' },
};
const marker = markerToken('link', ['servicenow:INC0010001', 'jira:SHOP-101']);
const other = markerToken('tell', ['github:acme/shop-api#42', 'servicenow:INC0010001']);
const aclRefusal = {
  error: { message: 'Operation Failed', detail: 'ACL Exception Update Failed due to security constraints' },
  status: 'failure',
};

const path = (s: Sent) => s.url.pathname;
const param = (s: Sent, name: string) => s.url.searchParams.get(name);

/** An instance: the record lookup, the journal (rows given), the record's display values, and the writes. */
function instance(options: {
  journal?: string[] | 'forbidden';
  display?: string;
  patch?: () => Response;
  post?: (body: unknown) => Response;
  stores?: boolean;
}) {
  const journal = options.journal === 'forbidden' ? 'forbidden' : [...(options.journal ?? [])];
  return fakeFetch((sent) => {
    if (
      sent.method === 'GET' &&
      path(sent) === '/api/now/table/incident' &&
      param(sent, 'sysparm_query')?.startsWith('number=')
    )
      return json({ result: [{ sys_id: SYS_ID, number: 'INC0010001', state: '1' }] });
    if (sent.method === 'GET' && path(sent) === '/api/now/table/sys_journal_field') {
      if (journal === 'forbidden') return json(aclRefusal, 403);
      return json({
        result: journal.map((value) => ({
          value,
          element: 'work_notes',
          sys_created_on: '2026-12-04 10:00:00',
        })),
      });
    }
    if (sent.method === 'GET' && path(sent) === '/api/now/table/incident')
      return json({ result: [{ sys_id: SYS_ID, work_notes: options.display ?? '', comments: '' }] });
    if (sent.method === 'PATCH') {
      const reply = options.patch?.() ?? json({ result: { sys_id: SYS_ID, number: 'INC0010001' } });
      if (reply.ok && options.stores !== false && journal !== 'forbidden')
        journal.unshift((sent.body as { work_notes: string }).work_notes);
      return reply;
    }
    if (sent.method === 'GET' && path(sent) === '/api/now/table/kb_knowledge_base')
      return json({ result: [{ sys_id: 'a7e8a78bff0221009b20ffffffffff17', title: 'IT' }] });
    if (sent.method === 'POST' && path(sent) === '/api/now/table/kb_knowledge')
      return options.post?.(sent.body) ?? json({ result: { sys_id: 'kb1', number: 'KB0010042' } }, 201);
    return json({ error: { message: 'No Record found' }, status: 'failure' }, 404);
  });
}

const writer = (fetch: typeof globalThis.fetch, connection: Connection = writable) =>
  createServiceNowWriter({ connection, fetch, retries: 2 });

async function failure(promise: Promise<unknown>): Promise<SourceFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceFailure);
  return error as SourceFailure;
}

describe('ServiceNow work notes', () => {
  test('the backend makes the writer, and only for a connection that allows writing', () => {
    const { fetch } = instance({});
    expect(servicenow.backend.createWriter?.({ connection: writable, fetch }, undefined)).toBeDefined();
    expect(() => createServiceNowWriter({ connection: connections.servicenow, fetch })).toThrow(
      /does not allow writing/,
    );
  });

  test('a note is a PATCH of work_notes on the record found by number, the marker as its last line', async () => {
    const { fetch, requests } = instance({});
    const w = writer(fetch);
    expect(w.noteWhere(incident)).toBe('Work note on ServiceNow incident INC0010001');
    const body = w.noteBody(
      'Linked to Jira bug SHOP-101: https://acme.atlassian.net/browse/SHOP-101',
      marker,
    );
    expect(body.split('\n').at(-1)).toBe(markerLine(marker));
    const result = await w.addNote(incident, body);
    expect(result).toEqual({ created: true, url: incident.url });

    const lookup = requests[0] as Sent;
    expect(lookup.method).toBe('GET');
    expect(path(lookup)).toBe('/api/now/table/incident');
    expect(param(lookup, 'sysparm_query')).toBe('number=INC0010001');
    expect(param(lookup, 'sysparm_fields')).toBe('sys_id,number,state');
    const patch = requests.find((r) => r.method === 'PATCH') as Sent;
    expect(path(patch)).toBe(`/api/now/table/incident/${SYS_ID}`);
    expect(param(patch, 'sysparm_fields')).toBe('sys_id,number');
    expect(patch.body).toEqual({ work_notes: body });
    // read back after the write
    const after = requests.slice(requests.indexOf(patch) + 1);
    expect(after.map(path)).toContain('/api/now/table/sys_journal_field');
  });

  test('the table comes from the number prefix: PRB problem, RITM sc_req_item, REQ sc_request, CHG change_request', async () => {
    const tables: string[] = [];
    const { fetch } = fakeFetch((sent) => {
      tables.push(path(sent));
      return json({ result: [] });
    });
    const w = writer(fetch);
    for (const number of ['PRB0040001', 'RITM0010001', 'REQ0010001', 'CHG0030001']) {
      const item = { ...incident, ref: `servicenow:${number}`, key: number };
      expect(await w.precheck?.(item, 'note')).toMatch(
        new RegExp(`has no .* ${number} that your user can read`),
      );
    }
    expect(tables).toEqual([
      '/api/now/table/problem',
      '/api/now/table/sc_req_item',
      '/api/now/table/sc_request',
      '/api/now/table/change_request',
    ]);
  });

  test('markers are read from sys_journal_field, newest first, work notes and comments', async () => {
    const { fetch, requests } = instance({ journal: [`Fixed\n\n${markerLine(other)}`, 'A plain note'] });
    const read = await writer(fetch).readMarkers(incident);
    expect(read).toEqual({ known: true, tokens: new Set([other]) });
    const journal = requests.find((r) => path(r) === '/api/now/table/sys_journal_field') as Sent;
    expect(param(journal, 'sysparm_query')).toBe(
      `element_id=${SYS_ID}^elementINwork_notes,comments^ORDERBYDESCsys_created_on`,
    );
    expect(param(journal, 'sysparm_fields')).toBe('value,element,sys_created_on');
    expect(param(journal, 'sysparm_limit')).toBe('100');
  });

  test('a journal the user may not read (403) falls back to the record display value, else cannot tell', async () => {
    const shown = instance({
      journal: 'forbidden',
      display: `2026-12-04 10:00:00 - Jane (Work notes)\nx\n${markerLine(marker)}\n\n`,
    });
    expect(await writer(shown.fetch).readMarkers(incident)).toEqual({
      known: true,
      tokens: new Set([marker]),
    });
    resetHttpState();
    const hidden = instance({ journal: 'forbidden', display: '' });
    const read = await writer(hidden.fetch).readMarkers(incident);
    expect(read.known).toBe(false);
    expect(read.known === false && read.reason).toMatch(
      /does not let your user read the work notes of INC0010001/,
    );
  });

  test('no journal rows (ACL-hidden rows) reads the display values, where the marker is found', async () => {
    const { fetch, requests } = instance({ journal: [], display: `y\n${markerLine(marker)}` });
    expect(await writer(fetch).readMarkers(incident)).toEqual({ known: true, tokens: new Set([marker]) });
    const display = requests.at(-1) as Sent;
    expect(param(display, 'sysparm_query')).toBe(`sys_id=${SYS_ID}`);
    expect(param(display, 'sysparm_display_value')).toBe('true');
    expect(param(display, 'sysparm_fields')).toBe('sys_id,work_notes,comments');
  });

  test('a 200 that did not store the note (field ACL) is a failure naming the role', async () => {
    const { fetch } = instance({ stores: false });
    const w = writer(fetch);
    const error = await failure(w.addNote(incident, w.noteBody('Linked', marker)));
    expect(error.userMessage).toBe(
      'ServiceNow (acme.service-now.com) accepted the update of INC0010001 but did not store the work note: your role may not write work notes on incident. Ask your ServiceNow admin for the itil role.',
    );
  });

  test('a 403 ACL refusal names the record, the table and the itil role', async () => {
    const { fetch, requests } = instance({ patch: () => json(aclRefusal, 403) });
    const w = writer(fetch);
    const error = await failure(w.addNote(incident, w.noteBody('Linked', marker)));
    expect(error.kind).toBe('forbidden');
    expect(error.userMessage).toBe(
      'ServiceNow (acme.service-now.com) refused the work note on INC0010001: your role lacks write access (ACL) to incident work notes. Ask your ServiceNow admin for the itil role.',
    );
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(error.userMessage).not.toMatch(/pw|Basic/);
  });

  test('a 5xx on the PATCH is sent once, never retried, and says the note may or may not be there', async () => {
    const { fetch, requests } = instance({ patch: () => json({}, 503) });
    const w = writer(fetch);
    const error = await failure(w.addNote(incident, w.noteBody('Linked', marker)));
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(error.kind).toBe('unavailable');
    expect(error.userMessage).toMatch(
      /did not confirm the work note on INC0010001 \(503\): it may or may not have been stored/,
    );
  });

  test('a record the user cannot find is a precheck sentence, and a 429 keeps its retry time', async () => {
    const { fetch } = fakeFetch(() => json({ result: [] }));
    expect(await writer(fetch).precheck?.(incident, 'note')).toBe(
      'ServiceNow (acme.service-now.com) has no incident INC0010001 that your user can read. Check the number, or your read access to incident.',
    );
    resetHttpState();
    const limited = instance({ patch: () => json({}, 429, { 'Retry-After': '120' }) });
    const w = writer(limited.fetch);
    const error = await failure(w.addNote(incident, w.noteBody('x', marker)));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAt).toBeGreaterThan(Date.now());
  });

  test('work note text cannot switch on HTML through [code] tags', () => {
    const body = writer(instance({}).fetch).noteBody(
      'Bug "[code]<img src=x onerror=alert(1)>[/code]"',
      marker,
    );
    expect(body).not.toMatch(/\[code\]|\[\/code\]/i);
  });

  test('writeAccess says the first write will tell', async () => {
    expect(await writer(instance({}).fetch).writeAccess()).toEqual({
      ok: true,
      message: expect.stringMatching(
        /^ServiceNow does not say before a write whether your role may write work notes; the first write will\./,
      ) as unknown as string,
    });
  });
});

describe('ServiceNow draft knowledge articles', () => {
  const draft = {
    title: `Checkout fails with a timeout when the cart holds more than fifty items and the coupon service is down again`,
    html: '<p>Symptoms</p><p>Liaison ref liaison:v1:kb:0123456789abcdef</p>',
    text: 'Symptoms\nLiaison ref liaison:v1:kb:0123456789abcdef',
    marker: 'liaison:v1:kb:0123456789abcdef',
  };

  test('a draft goes to the connection knowledge base, short_description cut to 100 with an ellipsis', async () => {
    const { fetch, requests } = instance({});
    const w = writer(fetch, { ...writable, knowledgeBase: 'dfc19531bf2021003f07e2c1ac0739ab' } as Connection);
    expect(w.articleWhere?.()).toBe(
      'Draft article in ServiceNow knowledge base dfc19531bf2021003f07e2c1ac0739ab (acme.service-now.com)',
    );
    const result = await w.draftArticle?.(draft);
    expect(requests).toHaveLength(1);
    const post = requests[0] as Sent;
    expect(post.method).toBe('POST');
    expect(path(post)).toBe('/api/now/table/kb_knowledge');
    const sent = post.body as Record<string, string>;
    expect(sent).toEqual({
      short_description: `${draft.title.slice(0, 99)}…`,
      text: draft.html,
      kb_knowledge_base: 'dfc19531bf2021003f07e2c1ac0739ab',
      workflow_state: 'draft',
    });
    expect(sent.short_description).toHaveLength(100);
    expect(result).toEqual({
      created: true,
      ref: 'servicenow:KB0010042',
      url: 'https://acme.service-now.com/kb_view.do?sysparm_article=KB0010042',
    });
  });

  test('without a knowledge base set, the first active one is used', async () => {
    const { fetch, requests } = instance({});
    await writer(fetch).draftArticle?.({ ...draft, title: 'Short' });
    const list = requests[0] as Sent;
    expect(path(list)).toBe('/api/now/table/kb_knowledge_base');
    expect(param(list, 'sysparm_query')).toBe('active=true');
    expect(param(list, 'sysparm_fields')).toBe('sys_id,title');
    expect(param(list, 'sysparm_limit')).toBe('1');
    expect(((requests[1] as Sent).body as Record<string, string>).kb_knowledge_base).toBe(
      'a7e8a78bff0221009b20ffffffffff17',
    );
    expect(((requests[1] as Sent).body as Record<string, string>).short_description).toBe('Short');
  });

  test('no knowledge base to draft in, or an Insert ACL refusal, is a sentence with the fix; a 5xx is not retried', async () => {
    const none = fakeFetch(() => json({ result: [] }));
    expect((await failure(writer(none.fetch).draftArticle?.(draft) as Promise<unknown>)).userMessage).toMatch(
      /shows your user no active knowledge base\. Set the connection's knowledge base/,
    );
    resetHttpState();
    const refused = instance({
      post: () =>
        json(
          {
            error: {
              message: 'Operation Failed',
              detail: 'ACL Exception Insert Failed due to security constraints',
            },
            status: 'failure',
          },
          403,
        ),
    });
    const error = await failure(writer(refused.fetch).draftArticle?.(draft) as Promise<unknown>);
    expect(error.userMessage).toMatch(
      /refused the draft article: your user may not contribute to knowledge base a7e8a78bff0221009b20ffffffffff17/,
    );
    resetHttpState();
    const down = instance({ post: () => json({}, 502) });
    await failure(writer(down.fetch).draftArticle?.(draft) as Promise<unknown>);
    expect(down.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

describe('a work note Liaison wrote links the bug on the next resolution', () => {
  const both = (v: string) => ({ display_value: v, value: v });
  const record = {
    sys_id: both(SYS_ID),
    number: both('INC0010001'),
    short_description: both('Checkout fails'),
    state: both('1'),
  };
  const note = `2026-12-04 10:00:00 - Jane Agent (Work notes)\nLinked to Jira bug SHOP-101: https://acme.atlassian.net/browse/SHOP-101\n\n${markerLine(marker)}\n\n`;
  const server = () =>
    fakeFetch((sent) =>
      param(sent, 'sysparm_query') === `sys_id=${SYS_ID}`
        ? json({ result: [{ sys_id: SYS_ID, work_notes: note, comments: '' }] })
        : json({ result: [record] }),
    );
  const extract = { jiraProjectKeys: new Set(['SHOP']) };

  test("the page's subject has its work notes read (one request more) and links what they mention", async () => {
    const { fetch, requests } = server();
    const provider = createServiceNowProvider({ connection: connections.servicenow, fetch, retries: 0 });
    const found = await provider.fetchItems([{ system: 'servicenow', number: 'INC0010001' }], {
      extract,
      followsLinksOf: (item) => item.ref === 'servicenow:INC0010001',
    });
    expect(found.links).toContainEqual({
      from: 'servicenow:INC0010001',
      to: 'jira:SHOP-101',
      via: 'mention',
      detail: 'work notes',
    });
    expect(requests).toHaveLength(2);
    const notes = requests[1] as Sent;
    expect(param(notes, 'sysparm_fields')).toBe('sys_id,number,work_notes,comments');
    expect(param(notes, 'sysparm_display_value')).toBe('true');
    expect(found.partial).toBeUndefined();
  });

  test('a ticket whose links are not followed costs no read and stays partial; a badge lookup reads none', async () => {
    const linked = server();
    const provider = createServiceNowProvider({
      connection: connections.servicenow,
      fetch: linked.fetch,
      retries: 0,
    });
    const found = await provider.fetchItems([{ system: 'servicenow', number: 'INC0010001' }], {
      extract,
      followsLinksOf: () => false,
    });
    expect(linked.requests).toHaveLength(1);
    expect(found.links.map((l) => l.to)).not.toContain('jira:SHOP-101');
    expect(found.partial).toEqual(['servicenow:INC0010001']);
    const badge = server();
    const plain = createServiceNowProvider({
      connection: connections.servicenow,
      fetch: badge.fetch,
      retries: 0,
    });
    expect(
      (await plain.fetchItems([{ system: 'servicenow', number: 'INC0010001' }], { extract })).partial,
    ).toBeUndefined();
    expect(badge.requests).toHaveLength(1);
  });

  test('work notes hidden from the user cost only their links', async () => {
    const { fetch } = fakeFetch((sent) =>
      param(sent, 'sysparm_query') === `sys_id=${SYS_ID}`
        ? json(aclRefusal, 403)
        : json({ result: [record] }),
    );
    const provider = createServiceNowProvider({ connection: connections.servicenow, fetch, retries: 0 });
    const found = await provider.fetchItems([{ system: 'servicenow', number: 'INC0010001' }], {
      extract,
      followsLinksOf: () => true,
    });
    expect(found.items.map((i) => i.ref)).toEqual(['servicenow:INC0010001']);
  });
});
