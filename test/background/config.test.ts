import { describe, expect, test, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({
  default: { storage: { local: { get: async () => ({}) }, onChanged: { addListener: () => {} } } },
}));

const { build, extractOptionsFor } = await import('../../src/background/config');
const { refsIn } = await import('../../src/core/extract');

const auth = { type: 'token', token: 't' };
const config = build({
  version: 1,
  connections: [
    { id: 'ghe', system: 'github', baseUrl: 'https://ghe.acme.com', auth },
    { id: 'jira', system: 'jira', baseUrl: 'https://acme.atlassian.net', auth },
    { id: 'jira-dc', system: 'jira', baseUrl: 'https://jira.acme.com/jira', auth },
    { id: 'snow', system: 'servicenow', baseUrl: 'https://acme.service-now.com', auth },
    { id: 'snow2', system: 'servicenow', baseUrl: 'https://other.service-now.com', auth },
    { id: 'zd', system: 'zendesk', baseUrl: 'https://acme.zendesk.com', auth },
  ],
});

describe('extraction options from settings and discovery', () => {
  test('every Jira connection with its own project keys, host tag and base URL; discovery that failed accepts any key', () => {
    const keys = new Map([['jira', new Set(['SHOP'])]]);
    const options = extractOptionsFor(config, keys);
    expect(options.jira).toEqual([
      { baseUrl: 'https://acme.atlassian.net', projectKeys: new Set(['SHOP']) },
      { host: 'jira.acme.com', baseUrl: 'https://jira.acme.com/jira', projectKeys: 'any' },
    ]);
    expect(options.servicenow).toEqual([
      { baseUrl: 'https://acme.service-now.com' },
      { host: 'other.service-now.com', baseUrl: 'https://other.service-now.com' },
    ]);
    expect(options.githubHosts).toEqual(['github.com', 'ghe.acme.com']);
    expect(options.githubShortHost).toBe('ghe.acme.com');
    expect(options.zendeskSubdomains).toEqual(['acme']);
  });

  test('refs of the second connection of a system carry its host', () => {
    const options = extractOptionsFor(
      config,
      new Map([
        ['jira', new Set(['SHOP'])],
        ['jira-dc', new Set(['PLAT'])],
      ]),
    );
    const text =
      'SHOP-1 PLAT-2 https://jira.acme.com/jira/browse/SHOP-3 INC0010001 ' +
      'https://other.service-now.com/incident.do?sysparm_query=number=INC0010002 acme/web#4';
    expect(refsIn(text, options)).toEqual([
      'jira:SHOP-1',
      'jira:jira.acme.com/PLAT-2',
      'jira:jira.acme.com/SHOP-3',
      'servicenow:INC0010001',
      'servicenow:other.service-now.com/INC0010002',
      'github:ghe.acme.com/acme/web#4',
    ]);
  });

  test('with no Jira connected, no key is a Jira key', () => {
    const none = build({ version: 1, connections: [] });
    expect(refsIn('SHOP-1', extractOptionsFor(none, new Map()))).toEqual([]);
  });
});

describe('a malformed connection', () => {
  test('is left out alone: the others are served and nothing is reported as a settings error', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const mixed = build({
      version: 1,
      connections: [
        { id: 'jira', system: 'jira', baseUrl: 'https://acme.atlassian.net', auth },
        { id: 'snow', system: 'servicenow', baseUrl: 'acme.service-now.com', auth },
        { id: 'zd', system: 'zendesk', baseUrl: 'https://acme.zendesk.com', auth },
      ],
    });
    expect(mixed.error).toBeUndefined();
    expect(mixed.providers.map((p) => p.connection.id)).toEqual(['jira', 'zd']);
    expect(mixed.skipped).toEqual([expect.stringMatching(/^settings\.connections\.1 \(snow\)\.baseUrl: /)]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('connection left out: settings.connections.1'));
    warn.mockRestore();
  });
});
