import type { Item } from '../../core/model';
import { searchTerms } from '../mentions';

/**
 * Ticket searches for reverse lookups: `type:ticket "SHOP-101"`, `type:ticket custom_field_360001:SHOP-101`.
 * Double quotes make a phrase match (developer.zendesk.com, "Searching with the Zendesk API": `"Greenbriar
 * Corporation"` matches the exact string); `custom_field_<id>:<value>` searches a ticket field. Zendesk
 * documents no OR for free text (terms are combined with AND; only a property repeated, `status:open
 * status:pending`, widens), so each term is its own query, at most `max` of them; every hit is verified
 * afterwards anyway.
 */

const phrase = (term: string) => `"${term.replace(/"/g, ' ').trim()}"`;

export function ticketQueries(targets: readonly Item[], fieldIds: readonly number[], max: number): string[] {
  const terms = new Set<string>();
  for (const target of targets) {
    for (const term of searchTerms(target)) terms.add(phrase(term));
    if (target.system === 'jira') for (const id of fieldIds) terms.add(`custom_field_${id}:${target.key}`);
  }
  return [...terms].slice(0, max).map((term) => `type:ticket ${term}`);
}
