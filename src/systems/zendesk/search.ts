import { keyInFields, searchTerms, type Target } from '../../providers/mentions';

/**
 * Ticket searches for reverse lookups. Zendesk has no OR operator for free text (the words of a search are
 * AND-ed), but the "Zendesk Support search reference" (https://support.zendesk.com/hc/en-us/articles/4408886879258,
 * "Property keywords") documents OR for one property named several times: "You can search for multiple
 * values of a single property by including the property keyword multiple times in a query. Search uses OR
 * logic for matching in this case" (`tags:silver tags:bronze`). So all the terms of a lookup go into a few
 * queries, one per property, each naming the property once per term:
 *
 *   type:ticket subject:"SHOP-101" subject:"INC0010001" …        the ticket's subject
 *   type:ticket description:"SHOP-101" description:"INC0010001" … "the text in the ticket's description and comments"
 *   type:ticket custom_field_360001:SHOP-101 custom_field_360001:SHOP-102 …   a ticket field holding a Jira key
 *
 * — what a free-text search finds that verification can keep (subject and description, checked after the
 * search; custom fields). Double quotes make a phrase ("Searching with the Zendesk API",
 * https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/searching-with-the-zendesk-api/).
 * The same reference caps a query at 64 words, so long term lists are split; no term is ever left out.
 */

/** "There is a 64 word limit in a search query." */
export const maxQueryWords = 64;

/** Words as Zendesk counts them, counted generously: every run of letters or digits, keywords included. */
export const wordCount = (query: string) => (query.match(/[\p{L}\p{N}]+/gu) ?? []).length;

const phrase = (term: string) => `"${term.replace(/"/g, ' ').trim()}"`;

/** `type:ticket <property><value> <property><value> …`, split so that no query passes the word limit. */
function orQueries(property: string, values: readonly string[]): string[] {
  const queries: string[] = [];
  let current = 'type:ticket';
  for (const value of values) {
    const next = `${current} ${property}${value}`;
    if (current !== 'type:ticket' && wordCount(next) > maxQueryWords) {
      queries.push(current);
      current = `type:ticket ${property}${value}`;
    } else {
      current = next;
    }
  }
  if (current !== 'type:ticket') queries.push(current);
  return queries;
}

export function ticketQueries(targets: readonly Target[], fieldIds: readonly number[]): string[] {
  const phrases = new Set<string>();
  const keys = new Set<string>();
  for (const target of targets) {
    for (const term of searchTerms(target)) if (term.replace(/"/g, '').trim()) phrases.add(phrase(term));
    if (keyInFields(target)) keys.add(target.key);
  }
  return [
    ...orQueries('subject:', [...phrases]),
    ...orQueries('description:', [...phrases]),
    ...fieldIds.flatMap((id) => orQueries(`custom_field_${id}:`, [...keys])),
  ];
}
