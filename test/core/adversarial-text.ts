import type { ExtractOptions } from '../../src/core/extract';

/**
 * Text written to make reference extraction slow: anyone can write a public GitHub issue (65,536 characters) or
 * email a Zendesk ticket, and the background worker reads it. Each family repeats one unit up to a size; the
 * property test (extract.bounds.test.ts) and `bench/extract.ts` run extraction over them.
 */

export interface AdversarialFamily {
  name: string;
  /** One repeated unit, or a prefix and the unit repeated after it. */
  prefix?: string;
  unit: string;
}

export const adversarialFamilies: readonly AdversarialFamily[] = [
  // Trailing-parenthesis stripping re-counted the brackets per `)`: 20k characters took 6 s.
  { name: 'URL then )))', prefix: 'https://github.com/a/b/pull/1', unit: ')' },
  { name: 'URL then (((', prefix: 'https://github.com/a/b/pull/1', unit: '(' },
  { name: 'URL fragments', unit: 'https://github.com/a/b/pull/1(((' },
  { name: 'URL then ...', prefix: 'https://github.com/a/b/pull/1', unit: '.' },
  { name: 'URL then )._', prefix: 'https://acme.atlassian.net/browse/SHOP-1', unit: ')._' },
  { name: 'brackets', unit: '[(' },
  { name: 'parentheses', unit: '()' },
  { name: 'dashes', unit: '-' },
  { name: 'key-like dashes', unit: 'SHOP-1-' },
  { name: 'slashes', unit: '/' },
  { name: 'owner/ runs', unit: 'a/' },
  { name: 'hashes', unit: '#' },
  { name: 'digits', unit: '1' },
  { name: '#N refs', unit: '#1 ' },
  { name: 'owner/repo#N refs', unit: 'x1/y#1 ' },
  { name: 'Jira keys', unit: 'SHOP-12 ' },
  { name: 'ServiceNow numbers', unit: 'INC0012345 ' },
  { name: 'backtick runs', unit: '` `` ' },
  { name: 'fence-like lines', unit: '```x`\n' },
  { name: 'ServiceNow /now/ path', prefix: 'https://acme.service-now.com', unit: '/now/a' },
  { name: 'ServiceNow ^ query', prefix: 'https://acme.service-now.com/x.do', unit: '?sysparm_query=^' },
  { name: 'ServiceNow .do? path', prefix: 'https://acme.service-now.com', unit: '/a.do?&' },
  { name: 'Jira project path', prefix: 'https://acme.atlassian.net/projects/SHOP', unit: '/a' },
  { name: 'Jira selectedIssue', prefix: 'https://acme.atlassian.net/x', unit: '?selectedIssue=AB' },
  { name: 'Zendesk host', prefix: 'https://', unit: 'a-' },
];

export function adversarialText(family: AdversarialFamily, size: number): string {
  const prefix = family.prefix ?? '';
  const units = Math.max(0, Math.ceil((size - prefix.length) / family.unit.length));
  return `${prefix}${family.unit.repeat(units)}`.slice(0, size);
}

/** Every part of the grammar switched on: what a worker with all four systems connected reads a Zendesk page with. */
export const everyGrammar: ExtractOptions = {
  githubHosts: ['github.com', 'ghe.acme.com'],
  jira: [{ projectKeys: 'any', baseUrl: 'https://acme.atlassian.net' }],
  zendeskSubdomain: 'acme',
  zendeskPrefixes: ['ZD'],
};
