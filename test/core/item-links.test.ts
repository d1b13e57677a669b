import { describe, expect, test } from 'vitest';
import { connectionHosts, onConnection, withSafeUrl } from '../../src/core/item-links';
import type { Item } from '../../src/core/model';
import type { Connection } from '../../src/core/settings';

const connection = (system: Connection['system'], baseUrl: string, apiUrl?: string): Connection =>
  ({
    id: system,
    system,
    baseUrl,
    ...(apiUrl ? { apiUrl } : {}),
    auth: { type: 'token', token: 't' },
  }) as Connection;
const github = connection('github', 'https://github.com');
const item = (url: string): Item => ({
  ref: 'github:acme/shop-api#42',
  system: 'github',
  kind: 'pull',
  key: 'acme/shop-api#42',
  title: 'Fix',
  url,
  status: { name: 'Open', category: 'in_progress' },
});

describe('links from server data stay on their connection', () => {
  test.each([
    'javascript:alert(1)',
    ' JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'https://evil.example/acme/shop-api/pull/42',
    'https://github.com.evil.example/acme/shop-api/pull/42',
    '//evil.example/x',
    'not a url',
    '',
  ])('%j becomes the address its reference gives on the connection', (url) => {
    expect(withSafeUrl(item(url), github).url).toBe('https://github.com/acme/shop-api/issues/42');
  });

  test('an http(s) url on the site or its API host is kept as sent', () => {
    const url = 'https://github.com/acme/shop-api/pull/42';
    expect(withSafeUrl(item(url), github).url).toBe(url);
    expect(onConnection('https://api.github.com/repos/acme/shop-api', github)).toBe(true);
    const ghe = connection('github', 'https://ghe.acme.test', 'https://api.ghe.acme.test');
    expect(onConnection('https://ghe.acme.test/platform/billing/pull/5', ghe)).toBe(true);
    expect(onConnection('https://api.ghe.acme.test/x', ghe)).toBe(true);
    expect(onConnection('https://github.com/platform/billing/pull/5', ghe)).toBe(false);
  });

  test('a Zendesk connection links only to its own subdomain', () => {
    const zendesk = connection('zendesk', 'https://acme.zendesk.com');
    expect([...connectionHosts(zendesk)]).toEqual(['acme.zendesk.com']);
    expect(onConnection('https://acme.zendesk.com/agent/tickets/4711', zendesk)).toBe(true);
    expect(onConnection('https://other.zendesk.com/agent/tickets/4711', zendesk)).toBe(false);
  });
});
