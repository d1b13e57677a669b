import { describe, expect, test } from 'vitest';
import { crossSiteApiOrigin, secretNotKept, unconfirmedApiOrigin } from '../../src/core/credential-origins';

const gh = { system: 'github' as const, baseUrl: 'https://github.com' };
const ghe = { system: 'github' as const, baseUrl: 'https://ghe.acme.com' };

describe('a secret belongs to the origins it was entered for', () => {
  test('kept while the site and the API keep their origins', () => {
    expect(secretNotKept(gh, { ...gh, apiUrl: 'https://api.github.com' })).toBeUndefined();
    expect(secretNotKept(ghe, { ...ghe, baseUrl: 'https://ghe.acme.com/' })).toBeUndefined();
    expect(secretNotKept(ghe, { ...ghe, apiUrl: 'https://ghe.acme.com/api/v3' })).toBeUndefined();
  });

  test('not kept when either moves, with the sentence naming both origins', () => {
    expect(secretNotKept(ghe, { ...ghe, baseUrl: 'https://ghe.evil.com' })).toBe(
      'The URL changed from https://ghe.acme.com to https://ghe.evil.com, so the saved token was not kept: enter it again.',
    );
    expect(secretNotKept(gh, { ...gh, apiUrl: 'https://api.evil.com' }, 'personal access token')).toBe(
      'The URL changed from https://api.github.com to https://api.evil.com, so the saved personal access token was not kept: enter it again.',
    );
    expect(secretNotKept(ghe, { ...ghe, baseUrl: 'https://ghe.acme.com:8443' })).toMatch(
      /to https:\/\/ghe\.acme\.com:8443,/,
    );
    expect(secretNotKept(ghe, { ...ghe, baseUrl: 'not a url' })).toMatch(/to not a url, so/);
  });
});

describe('an API on another site needs a confirmation', () => {
  const token = { type: 'token' as const, token: 't' };
  test('same site: github.com with api.github.com, a host with its subdomains, every default API root', () => {
    expect(crossSiteApiOrigin({ ...gh, apiUrl: 'https://api.github.com' })).toBeUndefined();
    expect(crossSiteApiOrigin(gh)).toBeUndefined();
    expect(crossSiteApiOrigin(ghe)).toBeUndefined();
    expect(crossSiteApiOrigin({ ...ghe, apiUrl: 'https://api.ghe.acme.com/v3' })).toBeUndefined();
  });

  test('another site: another domain, or a sibling host (no public suffix list: asked rather than trusted)', () => {
    expect(crossSiteApiOrigin({ ...ghe, apiUrl: 'https://api.evil.com/v3' })).toBe('https://api.evil.com');
    expect(crossSiteApiOrigin({ ...ghe, apiUrl: 'https://api.acme.com' })).toBe('https://api.acme.com');
    expect(crossSiteApiOrigin({ ...gh, apiUrl: 'https://github.com.evil.com' })).toBe(
      'https://github.com.evil.com',
    );
  });

  test('only a confirmation of that very origin counts', () => {
    const c = { ...ghe, id: 'ghe', apiUrl: 'https://api.evil.com/v3', auth: token };
    expect(unconfirmedApiOrigin(c)).toBe('https://api.evil.com');
    expect(unconfirmedApiOrigin({ ...c, apiOriginConfirmed: 'https://api.evil.com' })).toBeUndefined();
    expect(unconfirmedApiOrigin({ ...c, apiOriginConfirmed: 'https://api.other.com' })).toBe(
      'https://api.evil.com',
    );
  });
});
