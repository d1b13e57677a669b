import { keyInFields, searchTerms, type Target } from '../../providers/mentions';

/**
 * Ticket searches for reverse lookups. Zendesk has no OR operator for free text (the words of a search are
 * AND-ed), but the "Zendesk Support search reference" (https://support.zendesk.com/hc/en-us/articles/4408886879258,
 * "Property keywords") documents OR for one property named several times: "You can search for multiple
 * values of a single property by including the property keyword multiple times in a query. Search uses OR
 * logic for matching in this case" (`tags:silver tags:bronze`). So all the terms of a lookup go into a few
 * queries, one per property, each naming the property once per term:
 *
 *   type:ticket subject:"SHOP-101" subject:"INC0010001" …        "The text in the ticket's subject"
 *   type:ticket description:"SHOP-101" description:"INC0010001" … "The text in the ticket's description and comments"
 *   type:ticket custom_field_360001:SHOP-101 custom_field_360001:SHOP-102 …   a ticket field holding a Jira key
 *
 * Subject and description are two properties (the reference's ticket property table: neither covers the other),
 * and different properties are AND-ed, so both are searched; free text covers both but has no OR. Double quotes
 * make a phrase ("Searching with the Zendesk API",
 * https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/searching-with-the-zendesk-api/).
 *
 * The reference caps a query: "There is a 64 word limit in a search query." It does not say what a word is (a
 * quoted phrase? a property keyword? the parts of a URL?), so words are counted generously — every run of
 * letters or digits, keywords and `type:ticket` included (the replica refuses a query past 64 words so counted)
 * — and the terms are packed into as few queries as fit, biggest first (first-fit decreasing), rather than in
 * page order: a hop's terms mix 9-word URLs with 3-word keys, and filling each query's last words with small
 * terms saves a query a property. No term is ever left out; one that cannot fit a query on its own (over 62
 * words) is named in `unsearchable` instead.
 *
 * URLs are searched whole: the reference says punctuation is "generally not included in searches" but not how
 * a URL is tokenized, so a shorter phrase (the key, `owner/repo#12`) is not relied on to find a pasted URL.
 */

/** "There is a 64 word limit in a search query." */
export const maxQueryWords = 64;

/** Words as Zendesk counts them, counted generously: every run of letters or digits, keywords included. */
export const wordCount = (query: string) => (query.match(/[\p{L}\p{N}]+/gu) ?? []).length;

const prefix = 'type:ticket';
const phrase = (term: string) => `"${term.replace(/"/g, ' ').trim()}"`;

/** One search: its query, the property it ORs, and the targets whose terms it names. */
export interface TicketSearch {
  query: string;
  property: string;
  targets: string[];
}

interface Plan {
  queries: string[];
  searches: TicketSearch[];
  /** `<property><value>` terms too long for any query of 64 words: not searched. */
  unsearchable: string[];
}

/** `type:ticket <property><value> <property><value> …`: every value once, in as few queries as fit. */
function orQueries(property: string, values: ReadonlyMap<string, ReadonlySet<string>>): Plan {
  const room = maxQueryWords - wordCount(prefix);
  const terms = [...values].map(([value, targets], order) => {
    const term = `${property}${value}`;
    return { term, order, targets, words: wordCount(term) };
  });
  const unsearchable = terms.filter((t) => t.words > room).map((t) => t.term);
  // First-fit decreasing; equal sizes keep their order (Array.prototype.sort is stable).
  const bins: { words: number; terms: typeof terms }[] = [];
  for (const t of terms.filter((t) => t.words <= room).sort((a, b) => b.words - a.words)) {
    const bin = bins.find((b) => b.words + t.words <= room);
    if (bin) {
      bin.words += t.words;
      bin.terms.push(t);
    } else bins.push({ words: t.words, terms: [t] });
  }
  // Within a query the terms stand in the order they were asked for (easier to read in a log).
  const searches = bins.map((b) => {
    const inOrder = [...b.terms].sort((x, y) => x.order - y.order);
    return {
      query: [prefix, ...inOrder.map((t) => t.term)].join(' '),
      property,
      targets: [...new Set(inOrder.flatMap((t) => [...t.targets]))],
    };
  });
  return { queries: searches.map((s) => s.query), searches, unsearchable };
}

export function ticketSearchPlan(targets: readonly Target[], fieldIds: readonly number[]): Plan {
  const phrases = new Map<string, Set<string>>();
  const keys = new Map<string, Set<string>>();
  const add = (to: Map<string, Set<string>>, value: string, ref: string) =>
    to.set(value, (to.get(value) ?? new Set()).add(ref));
  for (const target of targets) {
    for (const term of searchTerms(target))
      if (term.replace(/"/g, '').trim()) add(phrases, phrase(term), target.ref);
    if (keyInFields(target)) add(keys, target.key, target.ref);
  }
  const plans = [
    orQueries('subject:', phrases),
    orQueries('description:', phrases),
    ...fieldIds.map((id) => orQueries(`custom_field_${id}:`, keys)),
  ];
  return {
    queries: plans.flatMap((p) => p.queries),
    searches: plans.flatMap((p) => p.searches),
    unsearchable: plans.flatMap((p) => p.unsearchable),
  };
}

export const ticketQueries = (targets: readonly Target[], fieldIds: readonly number[]): string[] =>
  ticketSearchPlan(targets, fieldIds).queries;
