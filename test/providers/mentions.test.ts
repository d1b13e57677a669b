import { describe, expect, test } from 'vitest';
import { type ExtractOptions, MAX_FIELD_TEXT, refsIn } from '../../src/core/extract';
import { verifiedMentions } from '../../src/providers/mentions';
import { mentionLinks, type Target } from '../../src/providers/provider';

/**
 * API fields are written by anyone (an emailed Zendesk ticket, a public GitHub issue) and have no length limit
 * everywhere, so every provider reads references in the first 64 KB of each field only (issue 10).
 */

const extract: ExtractOptions = { jiraProjectKeys: new Set(['SHOP']), zendeskSubdomains: ['acme'] };
const padding = 'lorem ipsum '.repeat(Math.ceil(MAX_FIELD_TEXT / 12));
const description = `Customer hit SHOP-101 again. ${padding} Also https://github.com/acme/shop-api/pull/42 and SHOP-202.`;

describe('references in a very long API field', () => {
  test('a field is read for references in its first 64 KB only', () => {
    const links = mentionLinks('zendesk:acme/4711', [{ text: description, where: 'description' }], (text) =>
      refsIn(text, extract),
    );
    expect(links.map((l) => l.to)).toEqual(['jira:SHOP-101']);
  });

  test('a reverse lookup checks its hits in the first 64 KB of each field only', () => {
    const targets: Target[] = [
      {
        ref: 'jira:SHOP-101',
        system: 'jira',
        key: 'SHOP-101',
        url: 'https://acme.atlassian.net/browse/SHOP-101',
      },
      {
        ref: 'jira:SHOP-202',
        system: 'jira',
        key: 'SHOP-202',
        url: 'https://acme.atlassian.net/browse/SHOP-202',
      },
      {
        ref: 'github:acme/shop-api#42',
        system: 'github',
        key: 'acme/shop-api#42',
        url: 'https://github.com/acme/shop-api/pull/42',
      },
    ];
    const links = verifiedMentions(
      'zendesk:acme/4711',
      [{ text: description, where: 'description' }],
      targets,
      extract,
    );
    expect(links.map((l) => l.to)).toEqual(['jira:SHOP-101']);
  });

  test('a field cut at its limit does not turn the URL it cuts into another reference', () => {
    const url = 'https://github.com/acme/shop-api/pull/123456';
    const text = `${'x'.repeat(MAX_FIELD_TEXT - url.length + 2)} ${url}`;
    const links = mentionLinks('jira:SHOP-1', [{ text, where: 'description' }], (t) => refsIn(t, extract));
    expect(links).toEqual([]);
  });
});
