import { afterEach, describe, expect, test, vi } from 'vitest';

const stored = {
  version: 1,
  connections: [
    {
      id: 'gh',
      system: 'github',
      baseUrl: 'https://github.com',
      auth: { type: 'token', token: 'ghp_saved' },
    },
    {
      id: 'jira-dc',
      system: 'jira',
      baseUrl: 'https://Jira.acme.test',
      auth: { type: 'token', token: 'pat' },
    },
    {
      id: 'snow',
      system: 'servicenow',
      baseUrl: 'https://support.acme.com',
      auth: { type: 'basic', username: 'me', password: 'pw' },
    },
  ],
};

vi.mock('webextension-polyfill', () => ({
  default: {
    storage: { local: { get: async () => ({ settings: stored }) }, onChanged: { addListener: () => {} } },
  },
}));

const { siteHosts, testConnection } = await import('../../src/background/settings-requests');

afterEach(() => vi.unstubAllGlobals());

describe('test-connection', () => {
  test('a draft is checked with the connection schema; the reply names the field, never a value', async () => {
    const reply = await testConnection({
      connection: {
        id: 'x',
        system: 'jira',
        baseUrl: 'nope',
        auth: { type: 'token', token: 'SECRET-DRAFT' },
      },
    });
    expect(reply).toEqual({
      ok: false,
      error: expect.stringMatching(/^The connection is incomplete: baseUrl /),
    });
    expect(JSON.stringify(reply)).not.toContain('SECRET-DRAFT');
  });

  test('a draft is asked who it is, with its own credentials; a 401 comes back with its kind', async () => {
    const seen: string[] = [];
    vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(`${request.url} ${request.headers.get('authorization')}`);
      return new Response('{"message":"Bad credentials"}', {
        status: 401,
        headers: { 'content-type': 'application/json' },
      });
    });
    const reply = await testConnection({
      connection: {
        id: 'gh',
        system: 'github',
        baseUrl: 'https://github.com',
        auth: { type: 'token', token: 'ghp_draft' },
      },
    });
    expect(seen).toEqual(['https://api.github.com/user Bearer ghp_draft']);
    expect(reply).toMatchObject({ ok: false, kind: 'auth', error: expect.stringContaining('(401)') });
    expect(JSON.stringify(reply)).not.toContain('ghp_draft');
  });

  test('a saved connection is found by id', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response('{"login":"mona","name":"Mona Lisa"}', {
          headers: { 'content-type': 'application/json' },
        }),
    );
    expect(await testConnection({ connectionId: 'gh' })).toEqual({ ok: true, who: 'Mona Lisa (mona)' });
    expect(await testConnection({ connectionId: 'nope' })).toMatchObject({ ok: false });
  });
});

test('site-hosts: every connection host with its system, lower-cased, no credentials', async () => {
  const reply = await siteHosts();
  expect(reply).toEqual({
    ok: true,
    hosts: { 'github.com': 'github', 'jira.acme.test': 'jira', 'support.acme.com': 'servicenow' },
    // The first Jira and the first ServiceNow put no host in their refs.
    refHosts: [],
  });
  expect(JSON.stringify(reply)).not.toMatch(/pat|pw|ghp/);
});
