import { beforeEach, describe, expect, test } from 'vitest';
import type { Item } from '../../../src/core/model';
import type { Connection } from '../../../src/core/settings';
import { SourceFailure } from '../../../src/providers/errors';
import { resetHttpState } from '../../../src/providers/http';
import { zendesk } from '../../../src/systems/zendesk';
import { createZendeskWriter, zendeskLinkFieldOf } from '../../../src/systems/zendesk/writes';
import type { SystemWriter } from '../../../src/systems/writer';
import { connections, extract, fakeFetch, json, type Sent } from '../../providers/fixtures';

beforeEach(() => resetHttpState());

const FIELD = 360012345001;
const DROP_DOWN = 360012345002;
const withField: Connection = { ...connections.zendesk, write: true, linkField: FIELD };
const ticket: Item = {
  ref: 'zendesk:acme/4711',
  system: 'zendesk',
  kind: 'ticket',
  key: '#4711',
  title: 'Checkout fails',
  url: 'https://acme.zendesk.com/agent/tickets/4711',
  status: { name: 'Open', category: 'in_progress' },
};
const agent = { user: { id: 7, name: 'Jane', role: 'agent', role_type: 0 } };
const lightAgent = { user: { id: 9, name: 'Lea', role: 'agent', role_type: 1 } };
const path = (s: Sent) => s.url.pathname;

/**
 * An account whose ticket 4711 holds `stored` in the text field FIELD, and a drop-down DROP_DOWN taking only
 * `checkout` (any other value dropped with a 200); a field id it does not know is a 422.
 */
function account(
  options: { stored?: string | null; me?: unknown; status?: string; putStatus?: number } = {},
) {
  const fields = new Map<number, unknown>([
    [FIELD, options.stored ?? null],
    [DROP_DOWN, null],
  ]);
  const ticketJson = () => ({
    id: 4711,
    status: options.status ?? 'open',
    custom_fields: [...fields].map(([id, value]) => ({ id, value })),
  });
  return fakeFetch((sent) => {
    if (path(sent) === '/api/v2/users/me.json') return json(options.me ?? agent);
    if (path(sent) === `/api/v2/ticket_fields/${FIELD}.json`)
      return json({ ticket_field: { id: FIELD, type: 'text', title: 'Jira issue', active: true } });
    if (path(sent) === `/api/v2/ticket_fields/${DROP_DOWN}.json`)
      return json({ ticket_field: { id: DROP_DOWN, type: 'tagger', title: 'Product area', active: true } });
    if (sent.method === 'GET' && path(sent) === '/api/v2/tickets/4711.json')
      return json({ ticket: ticketJson() });
    if (sent.method === 'PUT' && path(sent) === '/api/v2/tickets/4711.json') {
      if (options.putStatus) return json({ error: 'Oops' }, options.putStatus);
      const body = sent.body as { ticket: { custom_fields: { id: number; value: unknown }[] } };
      for (const { id, value } of body.ticket.custom_fields) {
        if (!fields.has(id))
          return json(
            {
              error: 'RecordInvalid',
              description: 'Record validation errors',
              details: { base: [{ description: `Ticket field ${id} does not exist` }] },
            },
            422,
          );
        if (id === DROP_DOWN && value !== 'checkout' && value !== null) continue;
        fields.set(id, value);
      }
      return json({ ticket: ticketJson(), audit: { events: [] } });
    }
    return json({ error: 'RecordNotFound' }, 404);
  });
}

const fieldOf = (fetch: typeof globalThis.fetch, id = FIELD): NonNullable<SystemWriter['linkField']> => {
  const field = createZendeskWriter({
    connection: { ...withField, linkField: id },
    fetch,
    retries: 2,
  }).linkField;
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

describe('Zendesk link field', () => {
  test('only a positive whole field id makes one', () => {
    const plain = { ...connections.zendesk, write: true };
    const { fetch } = account();
    expect(createZendeskWriter({ connection: plain, fetch }).linkField).toBeUndefined();
    expect(zendeskLinkFieldOf({ ...plain, linkField: '360012345001' } as Connection)).toBeUndefined();
    expect(zendeskLinkFieldOf({ ...plain, linkField: -1 } as Connection)).toBeUndefined();
    expect(zendeskLinkFieldOf(withField)).toBe(FIELD);
  });

  test('reads the value from the ticket, sets it with one custom_fields PUT, and reads back the answer', async () => {
    const { fetch, requests } = account({ stored: 'SHOP-7' });
    const field = fieldOf(fetch);
    expect(field.where(ticket)).toBe(`Custom field ${FIELD} on Zendesk ticket #4711`);
    expect(await field.read(ticket)).toEqual({ value: 'SHOP-7' });
    expect(await field.write(ticket, 'SHOP-102')).toEqual({ created: true, url: ticket.url });
    const put = requests.find((r) => r.method === 'PUT') as Sent;
    expect(put.body).toEqual({ ticket: { custom_fields: [{ id: FIELD, value: 'SHOP-102' }] } });
    expect(await field.read(ticket)).toEqual({ value: 'SHOP-102' });
  });

  test('an empty field reads as empty', async () => {
    const { fetch } = account({ stored: null });
    expect(await fieldOf(fetch).read(ticket)).toEqual({ value: '' });
  });

  test('a drop-down dropping the value with a 200 is a failure naming the field and the likely cause', async () => {
    const { fetch } = account();
    const error = await failure(fieldOf(fetch, DROP_DOWN).write(ticket, 'SHOP-102'));
    expect(error.userMessage).toBe(
      `Zendesk (acme.zendesk.com) accepted the update of ticket #4711 but did not store SHOP-102 in custom field ${DROP_DOWN} (it holds nothing): the value may not be an allowed option of that field (a drop-down takes only its options), or your user may not edit it. Use a text field for links, or check the link field in Liaison options.`,
    );
  });

  test('a field the ticket does not list blocks the preview; the 422 of an unknown id names the field', async () => {
    const { fetch, requests } = account();
    const read = await fieldOf(fetch, 123).read(ticket);
    expect(read).toEqual({ problem: expect.stringContaining('no custom field 123 on ticket #4711') });
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
    const error = await failure(fieldOf(fetch, 123).write(ticket, 'SHOP-102'));
    expect(error.userMessage).toMatch(
      /refused custom field 123 on ticket #4711: Ticket field 123 does not exist\. Check the link field id/,
    );
  });

  test('a light agent, an end user and a closed ticket are blocked before anything is read or sent', async () => {
    const light = account({ me: lightAgent });
    expect(await fieldOf(light.fetch).read(ticket)).toEqual({
      problem: expect.stringContaining('light agents may add internal notes but not edit ticket fields'),
    });
    const endUser = account({ me: { user: { id: 8, name: 'Eve', role: 'end-user', role_type: null } } });
    expect(await fieldOf(endUser.fetch).read(ticket)).toEqual({
      problem: expect.stringContaining('end user'),
    });
    const closed = account();
    const read = await fieldOf(closed.fetch).read({
      ...ticket,
      status: { name: 'Closed', category: 'done' },
    });
    expect(read).toEqual({ problem: expect.stringContaining('is closed') });
    expect(closed.requests).toHaveLength(0);
  });

  test('Test connection checks the field: a text field is fine; a drop-down, an unknown id and a light agent are not', async () => {
    const test = async (id: number, me: unknown = agent) => {
      const { fetch } = account({ me });
      return createZendeskWriter({ connection: { ...withField, linkField: id }, fetch }).writeAccess();
    };
    expect(await test(FIELD)).toEqual({
      ok: true,
      message: expect.stringContaining(`set custom field ${FIELD} to a linked bug's key`),
    });
    expect(await test(DROP_DOWN)).toEqual({
      ok: false,
      message: expect.stringContaining(`ticket field ${DROP_DOWN} ("Product area") is a tagger field`),
    });
    expect(await test(123)).toEqual({
      ok: false,
      message: expect.stringContaining('has no ticket field 123'),
    });
    expect(await test(FIELD, lightAgent)).toEqual({
      ok: false,
      message: expect.stringContaining(
        'as a light agent you may add internal notes, but not set custom field',
      ),
    });
  });

  test('a 403 names who may update; the PUT of a value may be retried after a 503', async () => {
    const refused = account({ putStatus: 403 });
    const error = await failure(fieldOf(refused.fetch).write(ticket, 'SHOP-102'));
    expect(error.userMessage).toMatch(
      /refused custom field 360012345001 on ticket #4711: your user may not update/,
    );
    expect(refused.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    resetHttpState();
    const flaky = account({ putStatus: 503 });
    await failure(fieldOf(flaky.fetch).write(ticket, 'SHOP-102'));
    expect(flaky.requests.filter((r) => r.method === 'PUT').length).toBeGreaterThan(1);
  });
});

describe('Zendesk provider reads the link field', () => {
  test("the subject ticket's link field links it to the bug, read with the ticket itself", async () => {
    const { fetch, requests } = fakeFetch((sent) =>
      path(sent) === '/api/v2/tickets/show_many.json'
        ? json({
            tickets: [
              {
                id: 4711,
                subject: 'Checkout fails',
                status: 'open',
                custom_fields: [{ id: FIELD, value: 'SHOP-102' }],
              },
            ],
            users: [],
            organizations: [],
          })
        : json({ comments: [], meta: { has_more: false } }),
    );
    const provider = zendesk.backend.createProvider({ connection: withField, fetch }, undefined);
    const found = await provider.fetchItems([{ system: 'zendesk', subdomain: 'acme', id: 4711 }], {
      extract,
    });
    expect(found.links).toContainEqual(
      expect.objectContaining({ from: 'zendesk:acme/4711', to: 'jira:SHOP-102', via: 'field' }),
    );
    expect(requests.filter((r) => path(r) === '/api/v2/tickets/show_many.json')).toHaveLength(1);
  });
});
