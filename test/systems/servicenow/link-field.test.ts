import { beforeEach, describe, expect, test } from 'vitest';
import { planWrite } from '../../../src/background/write-plan';
import type { Item } from '../../../src/core/model';
import type { Connection } from '../../../src/core/settings';
import { SourceFailure } from '../../../src/providers/errors';
import { resetHttpState } from '../../../src/providers/http';
import { servicenow } from '../../../src/systems/servicenow';
import { createServiceNowWriter, serviceNowLinkFieldOf } from '../../../src/systems/servicenow/writes';
import type { SystemWriter } from '../../../src/systems/writer';
import { connections, extract, fakeFetch, json, type Sent } from '../../providers/fixtures';

beforeEach(() => resetHttpState());

const SYS_ID = '46d44a23a9fe19810012d100cca80666';
const withField: Connection = { ...connections.servicenow, write: true, linkField: 'u_jira_key' };
const incident: Item = {
  ref: 'servicenow:INC0010005',
  system: 'servicenow',
  kind: 'incident',
  key: 'INC0010005',
  title: 'Checkout fails',
  url: 'https://acme.service-now.com/nav_to.do?uri=incident.do',
  status: { name: 'New', category: 'todo' },
};
const path = (s: Sent) => s.url.pathname;
const param = (s: Sent, name: string) => s.url.searchParams.get(name);

/**
 * An instance holding `u_jira_key` = `stored` on INC0010005. `column: false`: the table has no such column (left out
 * of every answer); `acl: true`: a field ACL denies the write (200, not stored).
 */
function instance(options: { stored?: string; column?: boolean; acl?: boolean; status?: number } = {}) {
  let stored = options.stored ?? '';
  const column = options.column !== false;
  return fakeFetch((sent) => {
    if (sent.method === 'GET' && path(sent) === '/api/now/table/incident') {
      const row: Record<string, string> = { sys_id: SYS_ID, number: 'INC0010005', state: '1' };
      if (column) row.u_jira_key = stored;
      return json({ result: [row] });
    }
    if (sent.method === 'PATCH') {
      if (options.status) return json({ error: { message: 'Operation Failed' } }, options.status);
      const body = sent.body as Record<string, string>;
      if (column && !options.acl && typeof body.u_jira_key === 'string') stored = body.u_jira_key;
      return json({ result: column ? { u_jira_key: stored } : {} });
    }
    return json({ error: { message: 'No Record found' }, status: 'failure' }, 404);
  });
}

const linkFieldOf = (fetch: typeof globalThis.fetch): NonNullable<SystemWriter['linkField']> => {
  const field = createServiceNowWriter({ connection: withField, fetch, retries: 2 }).linkField;
  if (!field) throw new Error('no link field');
  return field;
};

async function failure(promise: Promise<unknown>): Promise<SourceFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceFailure);
  return error as SourceFailure;
}

describe('ServiceNow link field', () => {
  test('only a connection with a valid column name has one; the note stays otherwise', () => {
    const { fetch } = instance();
    const plain = { ...connections.servicenow, write: true };
    expect(createServiceNowWriter({ connection: plain, fetch }).linkField).toBeUndefined();
    expect(serviceNowLinkFieldOf({ ...plain, linkField: 'U_JIRA_KEY' } as Connection)).toBeUndefined();
    expect(
      serviceNowLinkFieldOf({ ...plain, linkField: 'u_jira_key^ORnumber' } as Connection),
    ).toBeUndefined();
    expect(serviceNowLinkFieldOf(withField)).toBe('u_jira_key');
  });

  test('reads the value with the record by number, sets it with a PATCH of that field alone, read back', async () => {
    const { fetch, requests } = instance({ stored: 'SHOP-7' });
    const field = linkFieldOf(fetch);
    expect(field.where(incident)).toBe('Field u_jira_key on ServiceNow incident INC0010005');
    expect(await field.read(incident)).toEqual({ value: 'SHOP-7' });
    const lookup = requests[0] as Sent;
    expect(param(lookup, 'sysparm_query')).toBe('number=INC0010005');
    expect(param(lookup, 'sysparm_fields')).toBe('sys_id,number,state,u_jira_key');
    expect(await field.write(incident, 'SHOP-102')).toEqual({ created: true, url: incident.url });
    const patch = requests.find((r) => r.method === 'PATCH') as Sent;
    expect(path(patch)).toBe(`/api/now/table/incident/${SYS_ID}`);
    expect(param(patch, 'sysparm_fields')).toBe('u_jira_key');
    expect(patch.body).toEqual({ u_jira_key: 'SHOP-102' });
    expect(await field.read(incident)).toEqual({ value: 'SHOP-102' });
  });

  test('a column the table lacks (or hides) blocks the preview with a sentence naming the field', async () => {
    const { fetch, requests } = instance({ column: false });
    const read = await linkFieldOf(fetch).read(incident);
    expect(read).toEqual({ problem: expect.stringContaining('no field u_jira_key on incident INC0010005') });
    expect(JSON.stringify(read)).toMatch(/Liaison options/);
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  test('a field ACL answering 200 without storing is a failure naming the field and the cause, never done', async () => {
    const { fetch } = instance({ acl: true });
    const field = linkFieldOf(fetch);
    await field.read(incident);
    const error = await failure(field.write(incident, 'SHOP-102'));
    expect(error.userMessage).toMatch(
      /accepted the update of INC0010005 but did not store SHOP-102 in u_jira_key \(it holds nothing\): your user may not write u_jira_key on incident \(a field ACL\)/,
    );
  });

  test('an unknown column answers 200 with nothing: a failure too', async () => {
    const { fetch } = instance({ column: false });
    const error = await failure(linkFieldOf(fetch).write(incident, 'SHOP-102'));
    expect(error.userMessage).toMatch(/did not store SHOP-102 in u_jira_key/);
  });

  test('a 403 names the role; the setting of a value may be retried, a refusal is not', async () => {
    const { fetch, requests } = instance({ status: 403 });
    const error = await failure(linkFieldOf(fetch).write(incident, 'SHOP-102'));
    expect(error.userMessage).toMatch(
      /refused to set u_jira_key on INC0010005: your role lacks write access/,
    );
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    resetHttpState();
    const flaky = instance({ status: 503 });
    await failure(linkFieldOf(flaky.fetch).write(incident, 'SHOP-102'));
    expect(flaky.requests.filter((r) => r.method === 'PATCH').length).toBeGreaterThan(1);
  });

  test('Test connection says when the link field is no column of incident', async () => {
    const missing = instance({ column: false });
    const access = await createServiceNowWriter({
      connection: withField,
      fetch: missing.fetch,
    }).writeAccess();
    expect(access.ok).toBe(false);
    expect(access.message).toMatch(/shows no field u_jira_key on incident/);
    expect(param(missing.requests[0] as Sent, 'sysparm_fields')).toBe('sys_id,u_jira_key');
    const present = instance();
    const fine = await createServiceNowWriter({ connection: withField, fetch: present.fetch }).writeAccess();
    expect(fine).toEqual({ ok: true, message: expect.stringMatching(/work notes or the field u_jira_key/) });
  });

  test('planned from the writer: the preview shows the old value and sets the key', async () => {
    const { fetch } = instance({ stored: '' });
    const writer = createServiceNowWriter({ connection: withField, fetch });
    const jira: SystemWriter = {
      noteWhere: () => '',
      noteBody: (t) => t,
      readMarkers: async () => ({ known: true, tokens: new Set() }),
      addNote: async () => ({ created: true }),
      writeAccess: async () => ({ ok: true, message: '' }),
    };
    const bug: Item = { ...incident, ref: 'jira:SHOP-102', system: 'jira', kind: 'bug', key: 'SHOP-102' };
    const { plan } = await planWrite({
      kind: 'link-bug',
      view: {
        subject: incident.ref,
        items: [incident],
        links: [],
        releases: [],
        sources: [],
        configured: true,
        resolvedAt: 0,
        stale: false,
      },
      bug,
      writerOf: (i) =>
        i.system === 'jira'
          ? { writer: jira, host: 'acme.atlassian.net', connectionId: 'jira' }
          : { writer, host: 'acme.service-now.com', connectionId: 'snow' },
      articleWriters: [],
      activity: [],
    });
    expect(plan.steps[1]?.text).toBe('Set field u_jira_key on INC0010005 to SHOP-102 (now: empty)');
  });
});

describe('ServiceNow provider reads the link field', () => {
  test('a record holding a bug key in the configured link field links to it, with no request more', async () => {
    const connection = { ...connections.servicenow, linkField: 'u_bug_ref' } as Connection;
    const { fetch, requests } = fakeFetch(() =>
      json({
        result: [
          {
            sys_id: { value: SYS_ID, display_value: SYS_ID },
            number: { value: 'INC0010005', display_value: 'INC0010005' },
            short_description: { value: 'Checkout fails', display_value: 'Checkout fails' },
            state: { value: '1', display_value: 'New' },
            u_bug_ref: { value: 'SHOP-102', display_value: 'SHOP-102' },
          },
        ],
      }),
    );
    const provider = servicenow.backend.createProvider({ connection, fetch }, undefined);
    const found = await provider.fetchItems([{ system: 'servicenow', number: 'INC0010005' }], {
      extract,
    });
    expect(found.links).toContainEqual(
      expect.objectContaining({ from: 'servicenow:INC0010005', to: 'jira:SHOP-102', via: 'field' }),
    );
    expect(requests).toHaveLength(1);
    expect(param(requests[0] as Sent, 'sysparm_fields')).toContain('u_bug_ref');
  });
});
