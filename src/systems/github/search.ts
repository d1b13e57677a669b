/**
 * Search queries for reverse lookups, within GitHub's limits and meaning the same on every GitHub.
 *
 * github.com runs every issue search as *advanced* search since 4 September 2025 (REST `/search/issues`,
 * GraphQL `search(type: ISSUE)`: https://github.blog/changelog/2025-03-06-github-issues-projects-api-support-for-issues-advanced-search-and-more/):
 * a space is AND, AND binds tighter than OR, and a qualifier is one term like any word, so `"A" OR "B" is:pr
 * org:acme` is `"A" OR ("B" AND is:pr AND org:acme)` and its first term searches all of GitHub. Hence the
 * OR-group in parentheses, followed by the filters and one scope qualifier:
 * `("A" OR "B") is:pr in:title,body org:acme`
 * (https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/filtering-and-searching-issues-and-pull-requests#using-parentheses-for-more-complicated-filters).
 * The scope qualifier stays outside the parentheses (the same page: `repo`, `org` and `user` cannot be inside),
 * and a query holds only one: the docs say several are OR-ed, integrations report them AND-ed, so each scope
 * entry gets its own queries — one more alias in the same GraphQL request.
 *
 * Limits (https://docs.github.com/en/rest/search/search#limitations-on-query-length): at most five AND/OR/NOT
 * operators and 256 characters (not counting operators and qualifiers; counted in full here, stricter than
 * GitHub, never over). So at most six terms to a query; more terms are split across queries.
 *
 * GitHub Enterprise Server before 3.18 has no advanced search (data/features/issues-advanced-search.yml in
 * github/docs: `ghes: '>=3.18'`), and its legacy parser reads parentheses and OR differently. Where the syntax
 * is unknown (`grouped: false`: any host but github.com), every query holds one term and no operator, which
 * means the same in both syntaxes: `"A" is:pr in:title,body org:acme`.
 */

export const maxQueryLength = 256;
export const maxOperators = 5;

/** A phrase GitHub can search: quotes inside a term cannot be escaped, so they become spaces. */
const phrase = (term: string) => `"${term.replace(/"/g, ' ').trim()}"`;

/** AND / OR / NOT in upper case, outside quotes: what GitHub counts as operators. */
export function countOperators(query: string): number {
  return (query.replace(/"[^"]*"/g, ' ').match(/(?<!\S)(AND|OR|NOT)(?!\S)/g) ?? []).length;
}

export interface SearchSyntax {
  /** Filters every query carries, without operators: `is:pr in:title,body`. */
  filters: string;
  /** One query set per entry (`org:acme`, `repo:acme/web`, `user:mona`); never empty. */
  scope: readonly string[];
  /** Advanced search (github.com): OR-groups in parentheses. Otherwise one term per query. */
  grouped: boolean;
}

/** The OR-group of some phrases: parentheses only where there is an OR to hold together. */
const group = (phrases: readonly string[]) =>
  phrases.length === 1 ? (phrases[0] ?? '') : `(${phrases.join(' OR ')})`;

function queriesIn(phrases: readonly string[], suffix: string, grouped: boolean): string[] {
  const orsPerQuery = grouped ? Math.max(0, maxOperators - countOperators(suffix)) : 0;
  const build = (list: string[]) => `${group(list)}${suffix}`;
  const queries: string[] = [];
  let current: string[] = [];
  for (const term of phrases) {
    // a term that can never fit is skipped
    if (build([term]).length > maxQueryLength) continue;
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

/** Every term in exactly one query per scope entry; none without a scope. */
export function searchQueries(terms: readonly string[], syntax: SearchSyntax): string[] {
  const phrases = [...new Set(terms.map(phrase))].filter((p) => p !== '""');
  if (phrases.length === 0) return [];
  return syntax.scope.flatMap((scope) => {
    const suffix = ` ${[syntax.filters, scope].filter(Boolean).join(' ')}`;
    return queriesIn(phrases, suffix, syntax.grouped);
  });
}
