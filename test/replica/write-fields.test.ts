/**
 * Link fields (issue 14: link-bug writes the bug's key into a configured field): ServiceNow answers 200 and stores
 * nothing for a column it lacks or a field ACL denies; Zendesk refuses an unknown custom field id (422) and drops a
 * drop-down value that is none of its options with a 200 (ROUTES.md "Writes"; docs/write-back-research.md §3.1,
 * §4.1). Liaison's read-back is tested against exactly these silent cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, credentials } from './credentials.ts';
import { type Replica, startReplica } from './server.ts';
import { jiraFieldId, productAreaFieldId } from './zendesk/serialize.ts';

// biome-ignore lint/suspicious/noExplicitAny: API answers are asserted field by field
type Json = any;

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.close());

const snow = 'https://acme.service-now.com/api/now/table';
const zd = 'https://acme.zendesk.com/api/v2';
const restricted = credentials.fieldRestricted.servicenow;
const restrictedAuth = `Basic ${Buffer.from(`${restricted.username}:${restricted.password}`).toString('base64')}`;

async function call(
  method: string,
  url: string,
  authorization: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await replica.fetch(url, {
    method,
    headers: {
      authorization,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}
const asWriter = (system: 'servicenow' | 'zendesk') => authHeader(system);

describe('ServiceNow link field', () => {
  const recordOf = async (number: string, fields = 'sys_id,number,u_jira_key') =>
    (
      await call(
        'GET',
        `${snow}/incident?sysparm_query=number=${number}&sysparm_fields=${fields}`,
        asWriter('servicenow'),
      )
    ).json.result[0];

  it('PATCH sets u_jira_key and answers the stored value; the same value twice changes nothing', async () => {
    const { sys_id: sysId } = await recordOf('INC0010006');
    for (let i = 0; i < 2; i++) {
      const r = await call(
        'PATCH',
        `${snow}/incident/${sysId}?sysparm_fields=u_jira_key`,
        asWriter('servicenow'),
        { u_jira_key: 'SHOP-777' },
      );
      expect([r.status, r.json]).toEqual([200, { result: { u_jira_key: 'SHOP-777' } }]);
    }
    expect((await recordOf('INC0010006')).u_jira_key).toBe('SHOP-777');
  });

  it('a column the table lacks is ignored with a 200 and left out of the answer and of reads', async () => {
    const { sys_id: sysId } = await recordOf('INC0010006');
    const r = await call(
      'PATCH',
      `${snow}/incident/${sysId}?sysparm_fields=u_bogus`,
      asWriter('servicenow'),
      { u_bogus: 'SHOP-1' },
    );
    expect([r.status, r.json]).toEqual([200, { result: {} }]);
    expect(await recordOf('INC0010006', 'sys_id,number,u_bogus')).toEqual({
      sys_id: sysId,
      number: 'INC0010006',
    });
  });

  it('the field-restricted user reads as the writer, sets u_jira_key with a 200 that stores nothing, and still adds work notes', async () => {
    const before = await recordOf('INC0010007');
    const read = await call(
      'GET',
      `${snow}/incident?sysparm_query=number=INC0010007&sysparm_fields=sys_id,number,u_jira_key`,
      restrictedAuth,
    );
    expect(read.json.result[0]).toEqual(before);
    const r = await call(
      'PATCH',
      `${snow}/incident/${before.sys_id}?sysparm_fields=u_jira_key,work_notes`,
      restrictedAuth,
      { u_jira_key: 'SHOP-888', work_notes: 'Linked to SHOP-888' },
    );
    expect(r.status).toBe(200);
    expect(r.json.result.u_jira_key).toBe(before.u_jira_key);
    expect((await recordOf('INC0010007')).u_jira_key).toBe(before.u_jira_key);
    const notes = await call(
      'GET',
      `${snow}/incident/${before.sys_id}?sysparm_display_value=true&sysparm_fields=work_notes`,
      asWriter('servicenow'),
    );
    expect(notes.json.result.work_notes).toContain('Linked to SHOP-888');
  });
});

describe('Zendesk link field', () => {
  // A noise ticket that can be updated (not closed), away from the story's tickets.
  const open = () => {
    const t = replica.dataset.tickets.find((x) => x.id > 5000 && x.status !== 'closed');
    if (!t) throw new Error('no open noise ticket');
    return t.id;
  };
  const fieldsOf = async (id: number) =>
    (await call('GET', `${zd}/tickets/${id}.json`, asWriter('zendesk'))).json.ticket.custom_fields as {
      id: number;
      value: unknown;
    }[];
  const fieldValue = async (id: number, field: number) =>
    (await fieldsOf(id)).find((f) => f.id === field)?.value;

  it('a text field takes the key; the answer and later reads show it', async () => {
    const r = await call('PUT', `${zd}/tickets/${open()}.json`, asWriter('zendesk'), {
      ticket: { custom_fields: [{ id: jiraFieldId, value: 'SHOP-777' }] },
    });
    expect(r.status).toBe(200);
    expect(r.json.ticket.custom_fields).toContainEqual({ id: jiraFieldId, value: 'SHOP-777' });
    expect(await fieldValue(open(), jiraFieldId)).toBe('SHOP-777');
  });

  it('an unknown field id is a 422 and nothing is stored', async () => {
    const before = await fieldsOf(open());
    const r = await call('PUT', `${zd}/tickets/${open()}.json`, asWriter('zendesk'), {
      ticket: {
        custom_fields: [
          { id: jiraFieldId, value: 'SHOP-999' },
          { id: 999, value: 'x' },
        ],
      },
    });
    expect([r.status, r.json.error]).toEqual([422, 'RecordInvalid']);
    expect(await fieldsOf(open())).toEqual(before);
  });

  it('a drop-down takes one of its options; any other value is dropped with a 200, the field unchanged', async () => {
    const set = (value: unknown) =>
      call('PUT', `${zd}/tickets/${open()}.json`, asWriter('zendesk'), {
        ticket: { custom_fields: [{ id: productAreaFieldId, value }] },
      });
    expect((await set('checkout')).status).toBe(200);
    expect(await fieldValue(open(), productAreaFieldId)).toBe('checkout');
    const dropped = await set('SHOP-102');
    expect(dropped.status).toBe(200);
    expect(dropped.json.ticket.custom_fields).toContainEqual({ id: productAreaFieldId, value: 'checkout' });
    expect(await fieldValue(open(), productAreaFieldId)).toBe('checkout');
    expect((await set(null)).status).toBe(200);
    expect(await fieldValue(open(), productAreaFieldId)).toBeNull();
    const one = await call('GET', `${zd}/ticket_fields/${productAreaFieldId}.json`, asWriter('zendesk'));
    expect([one.status, one.json.ticket_field.type]).toEqual([200, 'tagger']);
    expect((await call('GET', `${zd}/ticket_fields/999.json`, asWriter('zendesk'))).status).toBe(404);
    const fields = await call('GET', `${zd}/ticket_fields.json`, asWriter('zendesk'));
    const dropDown = fields.json.ticket_fields.find((f: Json) => f.id === productAreaFieldId);
    expect(dropDown.custom_field_options.map((o: Json) => o.value)).toEqual(['checkout']);
  });
});
