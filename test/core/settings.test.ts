import { describe, expect, test } from 'vitest';
import {
  apiRoot,
  type InvalidConnection,
  invalidConnectionText,
  parseSettings,
} from '../../src/core/settings';
import { githubGraphqlUrl } from '../../src/systems/github/endpoints';
import { jiraFlavor } from '../../src/systems/jira/grammar';

const minimal = {
  version: 1,
  connections: [
    { id: 'gh', system: 'github', baseUrl: 'https://github.com', auth: { type: 'token', token: 't' } },
    {
      id: 'jira',
      system: 'jira',
      baseUrl: 'https://acme.atlassian.net/',
      auth: { type: 'basic', username: 'me@acme.com', password: 'p' },
    },
  ],
};

describe('settings (DESIGN.md contract 2)', () => {
  test('version and connections alone are complete: every other field takes its default', () => {
    const result = parseSettings(minimal);
    if (!result.ok) throw new Error(result.error);
    expect(result.settings.cache).toEqual({ ttlMinutes: 5, maxEntries: 5000 });
    expect(result.settings.maxHops).toBe(2);
    expect(result.settings.connections[1]?.baseUrl).toBe('https://acme.atlassian.net');
  });

  test('the options page fields have defaults and are checked', () => {
    const result = parseSettings(minimal);
    if (!result.ok) throw new Error(result.error);
    expect(result.settings.jira).toEqual({ projectKeys: {} });
    expect(result.settings.zendesk).toEqual({ referenceFieldIds: [] });
    expect(result.settings.prefixes).toEqual({ servicenow: [], zendesk: [] });
    expect(result.settings.pendingConnections).toEqual([]);
    const set = parseSettings({
      ...minimal,
      jira: { projectKeys: { jira: ['SHOP', 'OPS2'] }, remoteLinkLimit: 5 },
      prefixes: { zendesk: ['ZD'] },
    });
    expect(set.ok && set.settings.jira).toEqual({
      projectKeys: { jira: ['SHOP', 'OPS2'] },
      remoteLinkLimit: 5,
    });
    expect(set.ok && set.settings.prefixes).toEqual({ servicenow: [], zendesk: ['ZD'] });
    const bad = parseSettings({ ...minimal, jira: { projectKeys: { jira: ['shop'] } } });
    expect(!bad.ok && bad.error).toMatch(
      /^settings\.jira\.projectKeys\.jira\.0: a project key is capital letters/,
    );
    expect(parseSettings({ ...minimal, prefixes: { servicenow: ['in'] } }).ok).toBe(false);
  });

  test('unknown fields are kept, not rejected', () => {
    const result = parseSettings({
      ...minimal,
      futureThing: { a: 1 },
      connections: [{ ...minimal.connections[0], extra: 'x' }],
    });
    if (!result.ok) throw new Error(result.error);
    expect((result.settings as Record<string, unknown>).futureThing).toEqual({ a: 1 });
    expect((result.settings.connections[0] as Record<string, unknown>).extra).toBe('x');
  });

  test('a malformed value is an error that names the field', () => {
    const result = parseSettings({ ...minimal, maxHops: 9 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^settings\.maxHops: /);
    expect(parseSettings({ version: 2, connections: [] }).ok).toBe(false);
  });

  test('a malformed connection disables only itself, and is named with its field and problem', () => {
    const result = parseSettings({
      ...minimal,
      connections: [
        { id: 'x', system: 'gitlab', baseUrl: 'https://x', auth: { type: 'token', token: 't' } },
        ...minimal.connections,
        {
          id: 'snow',
          system: 'servicenow',
          baseUrl: 'https://acme.service-now.com',
          auth: { type: 'basic' },
        },
      ],
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.settings.connections.map((c) => c.id)).toEqual(['gh', 'jira']);
    expect(result.invalid).toEqual([
      { index: 0, id: 'x', field: 'system', problem: expect.any(String) },
      { index: 3, id: 'snow', field: 'auth.username', problem: expect.any(String) },
    ]);
    expect(invalidConnectionText(result.invalid[0] as InvalidConnection)).toMatch(
      /^settings\.connections\.0 \(x\)\.system: /,
    );
  });

  test('counts are bounded, so a crafted value cannot make every page do unbounded work', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ ...minimal.connections[0], id: `gh-${i}` }));
    const result = parseSettings({ version: 1, connections: many });
    expect(!result.ok && result.error).toBe('settings.connections: at most 50 connections');
    const long = parseSettings({ ...minimal, servicenow: { tables: Array(51).fill('incident') } });
    expect(!long.ok && long.error).toBe('settings.servicenow.tables: at most 50 entries');
    const token = { ...minimal.connections[0], auth: { type: 'token', token: 'x'.repeat(5000) } };
    const huge = parseSettings({ version: 1, connections: [token] });
    expect(huge.ok && huge.invalid[0]?.field).toBe('auth.token');
  });

  test('nothing stored is a valid, empty configuration', () => {
    const result = parseSettings(undefined);
    expect(result.ok && result.settings.connections).toEqual([]);
  });

  test('API roots: github.com → api.github.com; Enterprise → /api/v3 and /api/graphql', () => {
    const gh = {
      id: 'gh',
      system: 'github' as const,
      baseUrl: 'https://github.com',
      auth: { type: 'token' as const, token: 't' },
    };
    expect(apiRoot(gh)).toBe('https://api.github.com');
    expect(githubGraphqlUrl(gh)).toBe('https://api.github.com/graphql');
    const ghe = { ...gh, baseUrl: 'https://ghe.acme.com' };
    expect(apiRoot(ghe)).toBe('https://ghe.acme.com/api/v3');
    expect(githubGraphqlUrl(ghe)).toBe('https://ghe.acme.com/api/graphql');
  });

  test('Jira flavour follows the host unless set', () => {
    const base = { id: 'j', system: 'jira' as const, auth: { type: 'token' as const, token: 't' } };
    expect(jiraFlavor({ ...base, baseUrl: 'https://acme.atlassian.net' })).toBe('cloud');
    expect(jiraFlavor({ ...base, baseUrl: 'https://jira.acme.com' })).toBe('datacenter');
  });
});

describe('where credentials may go', () => {
  const withUrl = (baseUrl: string, apiUrl?: string) => ({
    version: 1,
    connections: [
      {
        id: 'ghe',
        system: 'github',
        baseUrl,
        ...(apiUrl ? { apiUrl } : {}),
        auth: { type: 'token', token: 't' },
      },
    ],
  });
  const accepted = (baseUrl: string, apiUrl?: string) => {
    const result = parseSettings(withUrl(baseUrl, apiUrl));
    return result.ok && result.settings.connections.length === 1;
  };

  test('https only: an http:// URL is refused, with the reason', () => {
    expect(accepted('https://ghe.acme.com')).toBe(true);
    expect(accepted('http://ghe.acme.com')).toBe(false);
    expect(accepted('https://ghe.acme.com', 'http://ghe.acme.com/api/v3')).toBe(false);
    expect(accepted('ftp://ghe.acme.com')).toBe(false);
  });

  test('loopback http is allowed, for a local development server', () => {
    expect(accepted('http://localhost:8080')).toBe(true);
    expect(accepted('http://127.0.0.1:3000')).toBe(true);
    expect(accepted('http://[::1]:3000')).toBe(true);
    expect(accepted('http://localhost.evil.com')).toBe(false);
    expect(accepted('http://127.0.0.1.evil.com')).toBe(false);
  });
});
