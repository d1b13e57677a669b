import { describe, expect, test } from 'vitest';
import { extractRefs, refsIn } from '../../src/core/extract';
import { canonicalRef, formatRef, parseRef } from '../../src/core/refs';

const known = new Set(['SHOP', 'OPS', 'SUP']);

describe('canonical references (DESIGN.md table)', () => {
  test.each([
    ['github:Octo/Repo#12', 'github:octo/repo#12'],
    ['github:ghe.acme.com/Octo/Repo#12', 'github:ghe.acme.com/octo/repo#12'],
    ['jira:abc-123', 'jira:ABC-123'],
    ['jira:jira.acme.com/ABC-123', 'jira:jira.acme.com/ABC-123'],
    ['servicenow:inc0012345', 'servicenow:INC0012345'],
    ['zendesk:Acme/4711', 'zendesk:acme/4711'],
    // Knowledge articles (DESIGN.md contract 6).
    ['servicenow:kb0012345', 'servicenow:KB0012345'],
    ['Zendesk-HC:Acme/360001234567', 'zendesk-hc:acme/360001234567'],
  ])('%s → %s, and back', (input, canonical) => {
    expect(canonicalRef(input)).toBe(canonical);
    const parsed = parseRef(canonical);
    expect(parsed && formatRef(parsed)).toBe(canonical);
  });

  test('non-references are not parsed', () => {
    expect(parseRef('gitlab:a/b#1')).toBeUndefined();
    expect(parseRef('jira:nokey')).toBeUndefined();
    expect(parseRef('zendesk-hc:acme/article')).toBeUndefined();
  });

  test('a Help Center article is not the ticket with the same number', () => {
    const article = parseRef('zendesk-hc:acme/4711');
    expect(article).toEqual({ system: 'zendesk', subdomain: 'acme', id: 4711, article: true });
    expect(canonicalRef('zendesk:acme/4711')).not.toBe(canonicalRef('zendesk-hc:acme/4711'));
  });
});

describe('references in text', () => {
  test('Jira keys count only for projects that exist', () => {
    expect(
      refsIn('SHOP-101: fix, see UTF-8 and SHA-256, ISO-8601, CVE-2024-12345, NOPE-1', {
        jiraProjectKeys: known,
      }),
    ).toEqual(['jira:SHOP-101']);
  });

  test('without discovery, look-alikes still never become keys', () => {
    expect(refsIn('UTF-8 SHA-256 ISO-8601 CVE-2024-12345 v2.4-1 SHOP-7', { jiraProjectKeys: 'any' })).toEqual(
      ['jira:SHOP-7'],
    );
  });

  test('branch names, ServiceNow numbers, GitHub and Zendesk URLs', () => {
    const text =
      'fix/SHOP-101-checkout-timeout INC0010001 and PRB0040001, https://github.com/Acme/Shop-API/pull/42 ' +
      'https://acme.zendesk.com/agent/tickets/4711 acme/web#7';
    expect(refsIn(text, { jiraProjectKeys: known })).toEqual([
      'jira:SHOP-101',
      'servicenow:INC0010001',
      'servicenow:PRB0040001',
      'github:acme/shop-api#42',
      'zendesk:acme/4711',
      'github:acme/web#7',
    ]);
  });

  test('#123 is a Zendesk ticket only on a Zendesk page; ZD-123 only with that prefix configured', () => {
    expect(refsIn('see #12 and ZD-34', { jiraProjectKeys: 'any' })).toEqual(['jira:ZD-34']);
    expect(
      refsIn('see #12 and ZD-34', {
        zendeskSubdomain: 'acme',
        zendeskPrefixes: ['ZD'],
        jiraProjectKeys: 'any',
      }),
    ).toEqual(['zendesk:acme/12', 'zendesk:acme/34']);
  });

  test('positions point at the reference text, for linkifying', () => {
    const text = 'Caused by SHOP-101 (INC0010001)';
    for (const found of extractRefs(text, { jiraProjectKeys: known })) {
      expect(text.slice(found.index, found.index + found.length)).toMatch(/^(SHOP-101|INC0010001)$/);
    }
  });

  test('GitHub Enterprise URLs only for configured hosts', () => {
    const text = 'https://ghe.acme.com/octo/app/pull/3 https://evil.example/octo/app/pull/4';
    expect(refsIn(text, { githubHosts: ['github.com', 'ghe.acme.com'] })).toEqual([
      'github:ghe.acme.com/octo/app#3',
    ]);
  });
});
