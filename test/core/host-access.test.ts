import { describe, expect, test } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import {
  manifestAccess,
  needsRegisteredScript,
  originPattern,
  originsToRequest,
  patternCovers,
} from '../../src/core/host-access';
import type { Connection } from '../../src/core/settings';

const access = manifestAccess(manifest);
const token = { type: 'token' as const, token: 't' };
const conn = (system: Connection['system'], baseUrl: string, apiUrl?: string): Connection => ({
  id: system,
  system,
  baseUrl,
  ...(apiUrl ? { apiUrl } : {}),
  auth: token,
});

describe('match patterns', () => {
  test.each([
    ['https://*.atlassian.net/*', 'https://acme.atlassian.net/browse/A-1', true],
    ['https://*.atlassian.net/*', 'https://atlassian.net/', true],
    ['https://*.atlassian.net/*', 'https://evilatlassian.net/', false],
    ['https://api.github.com/*', 'https://api.github.com/user', true],
    ['https://api.github.com/*', 'http://api.github.com/user', false],
    ['https://*/*', 'https://jira.acme.test/', true],
    ['<all_urls>', 'https://x.test/', true],
    ['https://github.com/foo*', 'https://github.com/', false],
  ])('%s covers %s: %s', (pattern, url, expected) => {
    expect(patternCovers(pattern, new URL(url))).toBe(expected);
  });

  test('an origin pattern leaves out the port and the path', () => {
    expect(originPattern('https://jira.acme.test:8443/jira')).toBe('https://jira.acme.test/*');
  });
});

describe('what a connection needs beyond the manifest', () => {
  test('SaaS connections need nothing', () => {
    expect(originsToRequest(conn('github', 'https://github.com'), access)).toEqual([]);
    expect(originsToRequest(conn('jira', 'https://acme.atlassian.net'), access)).toEqual([]);
    expect(originsToRequest(conn('servicenow', 'https://acme.service-now.com'), access)).toEqual([]);
    expect(originsToRequest(conn('zendesk', 'https://acme.zendesk.com'), access)).toEqual([]);
    expect(needsRegisteredScript(conn('github', 'https://github.com'), access)).toBe(false);
  });

  test('self-hosted hosts need their origin, once, and a registered content script', () => {
    const dc = conn('jira', 'https://jira.acme.test/jira');
    expect(originsToRequest(dc, access)).toEqual(['https://jira.acme.test/*']);
    expect(needsRegisteredScript(dc, access)).toBe(true);
    const ghe = conn('github', 'https://ghe.acme.test', 'https://ghe-api.acme.test/api/v3');
    expect(originsToRequest(ghe, access)).toEqual(['https://ghe-api.acme.test/*', 'https://ghe.acme.test/*']);
    expect(originsToRequest(conn('servicenow', 'https://support.acme.com'), access)).toEqual([
      'https://support.acme.com/*',
    ]);
  });

  test('a test build that lists the host grants it: no request, still a registered script', () => {
    const build = manifestAccess({
      ...manifest,
      host_permissions: [...manifest.host_permissions, 'https://jira.acme.test/*'],
    });
    const dc = conn('jira', 'https://jira.acme.test');
    expect(originsToRequest(dc, build)).toEqual([]);
    expect(needsRegisteredScript(dc, build)).toBe(true);
  });
});
