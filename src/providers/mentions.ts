import { type ExtractOptions, extractRefs, fieldTextForRefs, strictOptions } from '../core/extract';
import type { Item, Link } from '../core/model';
import { formatRef, type Ref } from '../core/refs';
import type { Connection } from '../core/settings';
import { systemOf } from '../systems/index';

/**
 * Reverse lookups ask search engines that match loosely (tokenised URLs, stemming, OR-ed terms, fields we
 * cannot see), so every hit is checked here before it becomes a link: the text has to name the target itself.
 */

const escapeForRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A Jira key or ServiceNow number as a whole token: SHOP-101 but not SHOP-1010 or XSHOP-101. */
const tokenPattern = (key: string) => new RegExp(`(?<![\\w.-])${escapeForRegex(key)}(?![\\w]|[-.]\\d)`, 'i');

/**
 * What a reverse lookup looks for: an item, or a reference whose item is being fetched in the same request round
 * (see `targetOf`). Items are targets as they are.
 */
export type Target = Pick<Item, 'ref' | 'system' | 'key' | 'url'>;

/** How mentions of a target's system are searched for and recognised (its backend's `mentions`). */
const rulesOf = (target: Pick<Target, 'system'>) => systemOf(target.system)?.backend.mentions;

/**
 * The target a reference will be once fetched, built from the reference and its connection alone, so a hop can
 * search for it while it is being fetched. Keys and URLs are the ones the providers' mappings give their items
 * (each system's `mentions.target`); a GitHub number's kind is not known yet, so its URL is the pull request's
 * (`sameSearch` tells whether the item turned out to be searched for as it is).
 */
export function targetOf(ref: Ref, connection: Connection): Target | undefined {
  const base = connection.baseUrl.replace(/\/+$/, '');
  const found = rulesOf(ref)?.target(ref, base);
  return found && { ref: formatRef(ref), system: ref.system, key: found.key, url: found.url };
}

/** Whether a text names the target by its key as a whole token (a Jira key, a ServiceNow number). */
export const matchedByKey = (target: Pick<Target, 'system'>): boolean => rulesOf(target)?.matchBy === 'key';

/** Whether fields made to hold a key outright (ServiceNow's `u_jira_key`, a Zendesk custom field) hold its key. */
export const keyInFields = (target: Pick<Target, 'system'>): boolean => rulesOf(target)?.keyInFields === true;

/** What another system's reference field holds for the target (a ticket id, a number, a URL), if it can. */
export const referenceFieldValue = (target: Target): string | undefined =>
  rulesOf(target)?.fieldValue?.(target);

/** Whether searching for `guess` found everything searching for `item` would (same search terms). */
export function sameSearch(guess: Target, item: Target): boolean {
  const terms = (t: Target) => searchTerms(t).map((s) => s.toLowerCase());
  const found = new Set(terms(guess));
  return terms(item).every((t) => found.has(t));
}

export function mentions(text: string | undefined, target: Target, extract: ExtractOptions): boolean {
  if (!text) return false;
  const read = fieldTextForRefs(text);
  return mentionsIn(read, target, () => refsNamedIn(read, extract));
}

/** `mentions`, with the text's references read once however many targets are checked against it. */
function mentionsIn(text: string, target: Target, refs: () => ReadonlySet<string>): boolean {
  if (target.url && text.includes(target.url)) return true;
  const matchBy = rulesOf(target)?.matchBy;
  if (matchBy === 'key') return tokenPattern(target.key).test(text);
  return matchBy === 'ref' && refs().has(target.ref);
}

const refsNamedIn = (text: string, extract: ExtractOptions): ReadonlySet<string> =>
  new Set(extractRefs(text, strictOptions(extract)).map((found) => found.canonical));

/** What to type into another system's search box to find things that mention the target. */
export function searchTerms(target: Target): string[] {
  return (rulesOf(target)?.searchBy ?? []).map((term) => target[term]);
}

/** Links from `from` to every target its texts name, checked with `mentions`. */
export function verifiedMentions(
  from: string,
  texts: { text: string | undefined; where: string }[],
  targets: readonly Target[],
  extract: ExtractOptions,
): Link[] {
  // Each text is read for references once, not once per target: a round checks up to a hop's targets.
  const read = texts.flatMap(({ text, where }) => {
    if (!text) return [];
    const bounded = fieldTextForRefs(text);
    let refs: ReadonlySet<string> | undefined;
    return [{ text: bounded, where, refs: () => (refs ??= refsNamedIn(bounded, extract)) }];
  });
  const links: Link[] = [];
  for (const target of targets) {
    if (target.ref === from) continue;
    const where = read.find(({ text, refs }) => mentionsIn(text, target, refs))?.where;
    if (where) links.push({ from, to: target.ref, via: 'mention', detail: where });
  }
  return links;
}

/** Items that link to at least one target, and every link that made them count. */
export function pointingAt(
  items: Item[],
  links: Link[],
  targets: readonly Target[],
): { items: Item[]; links: Link[] } {
  const targetRefs = new Set(targets.map((t) => t.ref));
  const pointing = new Set(links.filter((l) => targetRefs.has(l.to)).map((l) => l.from));
  const kept = items.filter((i) => pointing.has(i.ref));
  const keptRefs = new Set(kept.map((i) => i.ref));
  return { items: kept, links: dedupeLinks(links.filter((l) => keptRefs.has(l.from))) };
}

export function dedupeLinks(links: Link[]): Link[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.from}>${l.to}>${l.via}`;
    if (l.from === l.to || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
