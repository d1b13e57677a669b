import { describe, expect, test, vi } from 'vitest';
import { parseRef, type Ref } from '../../src/core/refs';
import { type Connection, settingsSchema } from '../../src/core/settings';
import { createProvider, providersFor, refHostFor } from '../../src/providers/index';
import { connections, context, fakeFetch, json } from './fixtures';

const settings = (list: Connection[], extra: Record<string, unknown> = {}) =>
  settingsSchema.parse({ version: 1, connections: list, ...extra });

describe('providersFor', () => {
  const secondJira: Connection = { ...connections.jiraDc, id: 'jira-2' };
  const secondSnow: Connection = {
    ...connections.servicenow,
    id: 'snow-2',
    baseUrl: 'https://other.service-now.com',
  };
  const all = settings([
    connections.github,
    connections.ghe,
    connections.jira,
    secondJira,
    connections.servicenow,
    secondSnow,
    connections.zendesk,
  ]);

  test('one provider per connection, each of its system', () => {
    expect(providersFor(all).map((p) => [p.connection.id, p.system])).toEqual([
      ['gh', 'github'],
      ['ghe', 'github'],
      ['jira', 'jira'],
      ['jira-2', 'jira'],
      ['snow', 'servicenow'],
      ['snow-2', 'servicenow'],
      ['zd', 'zendesk'],
    ]);
  });

  test('ref hosts: none for the first of a system, else the host; GitHub only off github.com', () => {
    expect(all.connections.map((c) => refHostFor(c, all.connections))).toEqual([
      undefined,
      'ghe.acme.test',
      undefined,
      'jira.acme.test',
      undefined,
      'other.service-now.com',
      undefined,
    ]);
    const owners = (ref: string) =>
      providersFor(all)
        .filter((p) => p.owns(parseRef(ref) as Ref))
        .map((p) => p.connection.id);
    expect(owners('jira:SHOP-101')).toEqual(['jira']);
    expect(owners('jira:jira.acme.test/PLAT-5')).toEqual(['jira-2']);
    expect(owners('github:acme/shop-api#42')).toEqual(['gh']);
    expect(owners('github:ghe.acme.test/platform/billing#5')).toEqual(['ghe']);
    expect(owners('servicenow:other.service-now.com/INC0000001')).toEqual(['snow-2']);
    expect(owners('zendesk:acme/4711')).toEqual(['zd']);
    expect(owners('zendesk:other/4711')).toEqual([]);
  });

  test('a malformed optional section is ignored with a warning; the other sections still apply', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // (`zendesk.referenceFieldIds` is declared in settings.ts now, so a malformed one fails the settings as a whole.)
    const mixed = settings([connections.github, connections.jira, connections.zendesk], {
      github: { searchQualifiers: 5 },
      jira: { remoteLinkLimit: 0 },
    });
    expect(providersFor(mixed).map((p) => p.connection.id)).toEqual(['gh', 'jira', 'zd']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/settings\.github ignored/));
    warn.mockRestore();
  });
});

describe('createProvider', () => {
  test('passes ServiceNow settings and the optional per-system sections through', async () => {
    const { fetch, requests } = fakeFetch(() => json({ result: [] }));
    const s = settings([connections.servicenow], {
      servicenow: { jiraKeyFields: ['u_bug'], searchFields: ['short_description'], tables: ['incident'] },
    });
    await createProvider(connections.servicenow, { settings: s, fetch }).fetchItems(
      [parseRef('servicenow:INC0010001') as Ref],
      context,
    );
    expect(requests[0]?.url.searchParams.get('sysparm_fields')).toContain('u_bug');

    const zd = fakeFetch(() =>
      json({ tickets: [{ id: 1, status: 'open', custom_fields: [{ id: 5, value: 'SHOP-1' }] }] }),
    );
    const zs = settings([connections.zendesk], { zendesk: { referenceFieldIds: [5] } });
    const found = await createProvider(connections.zendesk, { settings: zs, fetch: zd.fetch }).fetchItems(
      [parseRef('zendesk:acme/1') as Ref],
      context,
    );
    expect(found.links).toEqual([
      { from: 'zendesk:acme/1', to: 'jira:SHOP-1', via: 'field', detail: 'custom field 5' },
    ]);
  });
});

describe('an API URL on another site', () => {
  const crossSite: Connection = { ...connections.ghe, apiUrl: 'https://api.evil.test' };
  const whoAmI = (connection: Connection, fetch: typeof globalThis.fetch) =>
    providersFor(settings([connection, connections.jira]), { fetch })[0]?.whoAmI();

  test('gets no credentials until confirmed: its lookups fail with a config error, the others still work', async () => {
    const { fetch, requests } = fakeFetch(() => json({ login: 'mona', accountId: 'x', displayName: 'Mona' }));
    const [ghe, jira] = providersFor(settings([crossSite, connections.jira]), { fetch });
    const refused = await ghe?.whoAmI().catch((error: unknown) => error);
    expect(refused).toMatchObject({
      kind: 'config',
      userMessage: expect.stringMatching(
        /^GitHub \(ghe\.acme\.test\): its API URL https:\/\/api\.evil\.test is on another site, so Liaison sends it no credentials until you confirm it\./,
      ),
    });
    expect(requests).toEqual([]);
    await jira?.whoAmI();
    expect(requests.map((r) => r.url.host)).toEqual(['acme.atlassian.net']);
  });

  test('a confirmation of that origin lets it through; one of another origin does not', async () => {
    const { fetch, requests } = fakeFetch(() => json({ login: 'mona' }));
    await whoAmI({ ...crossSite, apiOriginConfirmed: 'https://api.evil.test' } as Connection, fetch);
    expect(requests.map((r) => r.url.host)).toEqual(['api.evil.test']);
    const other = { ...crossSite, apiOriginConfirmed: 'https://api.other.test' } as Connection;
    await expect(whoAmI(other, fetch)).rejects.toMatchObject({ kind: 'config' });
    expect(requests).toHaveLength(1);
  });

  test('a connection tested before it is saved is held to the same rule', async () => {
    const { fetch, requests } = fakeFetch(() => json({ login: 'mona' }));
    await expect(createProvider(crossSite, { fetch }).whoAmI()).rejects.toMatchObject({ kind: 'config' });
    expect(requests).toEqual([]);
  });

  test('the same site needs nothing: github.com with api.github.com, a host with its own subdomain', async () => {
    const { fetch, requests } = fakeFetch(() => json({ login: 'mona' }));
    await whoAmI({ ...connections.github, apiUrl: 'https://api.github.com' } as Connection, fetch);
    await whoAmI({ ...connections.ghe, apiUrl: 'https://api.ghe.acme.test/v3' } as Connection, fetch);
    expect(requests.map((r) => r.url.host)).toEqual(['api.github.com', 'api.ghe.acme.test']);
  });
});
