/**
 * Search queries for reverse lookups, within GitHub's limits: a query is at most 256 characters and holds at
 * most five AND/OR/NOT operators (https://docs.github.com/en/rest/search/search#limitations-on-query-length).
 * Terms are quoted phrases OR-ed together; the qualifiers (`is:pr`, `org:acme`) close every query. Usually
 * one query per hop, so the search budget (30 requests a minute) is spent once per hop; more terms are split
 * across queries.
 */

export const maxQueryLength = 256;
const maxOperators = 5;

/** A phrase GitHub can search: quotes inside a term cannot be escaped, so they become spaces. */
const phrase = (term: string) => `"${term.replace(/"/g, ' ').trim()}"`;

export function searchQueries(terms: readonly string[], qualifiers: string): string[] {
  const suffix = qualifiers ? ` ${qualifiers}` : '';
  const queries: string[] = [];
  let current: string[] = [];
  const build = (list: string[]) => `${list.join(' OR ')}${suffix}`;
  for (const term of terms.map(phrase)) {
    // a term that can never fit is skipped
    if (term === '""' || build([term]).length > maxQueryLength) continue;
    const next = [...current, term];
    if (current.length > 0 && (next.length - 1 > maxOperators || build(next).length > maxQueryLength)) {
      queries.push(build(current));
      current = [term];
    } else {
      current = next;
    }
  }
  if (current.length > 0) queries.push(build(current));
  return queries;
}
