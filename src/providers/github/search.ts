/**
 * Search queries for reverse lookups, within GitHub's limits. GitHub's REST search reference
 * (https://docs.github.com/en/rest/search/search#limitations-on-query-length) and "Troubleshooting search
 * queries" (https://docs.github.com/en/search-github/getting-started-with-searching-on-github/troubleshooting-search-queries)
 * say a query may combine terms with AND, OR and NOT, but holds at most five such operators and at most 256
 * characters (not counting operators and qualifiers); beyond that GitHub answers 422 "Validation Failed".
 *
 * Terms are quoted phrases OR-ed together, so one query finds what mentions any of them; the qualifiers
 * (`is:pr`, `in:title,body`, `org:acme`) close every query and filter all of it. A query takes at most
 * five operators (six terms, fewer when the configured qualifiers hold operators themselves) and at most
 * 256 characters counted in full (qualifiers and operators included — stricter than GitHub, never over);
 * more terms are split across queries, so the search budget (30 requests a minute) is spent once per six
 * terms rather than once per term. No term is left out, except one that cannot fit a query on its own.
 */

export const maxQueryLength = 256;
export const maxOperators = 5;

/** A phrase GitHub can search: quotes inside a term cannot be escaped, so they become spaces. */
const phrase = (term: string) => `"${term.replace(/"/g, ' ').trim()}"`;

/** AND / OR / NOT in upper case, outside quotes: what GitHub counts as operators. */
export function countOperators(query: string): number {
  return (query.replace(/"[^"]*"/g, ' ').match(/(?<!\S)(AND|OR|NOT)(?!\S)/g) ?? []).length;
}

export function searchQueries(terms: readonly string[], qualifiers: string): string[] {
  const suffix = qualifiers ? ` ${qualifiers}` : '';
  const orsPerQuery = Math.max(0, maxOperators - countOperators(qualifiers));
  const queries: string[] = [];
  let current: string[] = [];
  const build = (list: string[]) => `${list.join(' OR ')}${suffix}`;
  for (const term of [...new Set(terms.map(phrase))]) {
    // a term that can never fit is skipped
    if (term === '""' || build([term]).length > maxQueryLength) continue;
    const next = [...current, term];
    if (current.length > 0 && (next.length - 1 > orsPerQuery || build(next).length > maxQueryLength)) {
      queries.push(build(current));
      current = [term];
    } else {
      current = next;
    }
  }
  if (current.length > 0) queries.push(build(current));
  return queries;
}
