import { hostTag, refHostPattern } from '../../core/refs';
import type { RefGrammar } from '../../core/systems';
import { jiraRef } from './refs';

/**
 * Jira's references as a page needs them (issue 15): read, written, named, linked. The text and URL passes that
 * find them are in ./grammar.ts, which the background loads.
 */

const bodyPattern = new RegExp(`^(?:(${refHostPattern})\\/)?([A-Z][A-Z0-9_]+-\\d+)$`, 'i');

export const jiraRefGrammar: RefGrammar<'jira'> = {
  id: 'jira',
  name: 'Jira',
  hostTags: 'connection',
  parse(body) {
    const m = bodyPattern.exec(body);
    return m ? jiraRef(m[1], m[2] ?? '') : undefined;
  },
  format: (ref) => `${hostTag(ref.host)}${ref.key.toUpperCase()}`,
  displayKey: (ref) => ref.key,
  itemUrl: (ref, baseUrl) => `${baseUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(ref.key)}`,
  groupOrder: 30,
  tenantDomain: '.atlassian.net',
};
