import { describe, expect, test } from 'vitest';
import { secretNotKept } from '../../src/core/credential-origins';

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
