import { type ExtractOptions, extractRefs, jiraFromUrlsOnly } from '../core/extract';
import type { Item, Link } from '../core/model';

/**
 * Reverse lookups ask search engines that match loosely (tokenised URLs, stemming, OR-ed terms, fields we
 * cannot see), so every hit is checked here before it becomes a link: the text has to name the target itself.
 */

const escapeForRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A Jira key or ServiceNow number as a whole token: SHOP-101 but not SHOP-1010 or XSHOP-101. */
const tokenPattern = (key: string) => new RegExp(`(?<![\\w.-])${escapeForRegex(key)}(?![\\w]|[-.]\\d)`, 'i');

export function mentions(text: string | undefined, target: Item, extract: ExtractOptions): boolean {
  if (!text) return false;
  if (target.url && text.includes(target.url)) return true;
  switch (target.system) {
    case 'jira':
    case 'servicenow':
      return tokenPattern(target.key).test(text);
    case 'github':
    case 'zendesk': {
      return extractRefs(text, jiraFromUrlsOnly(extract)).some((found) => found.canonical === target.ref);
    }
  }
}

/** What to type into another system's search box to find things that mention the target. */
export function searchTerms(target: Item): string[] {
  switch (target.system) {
    case 'jira':
    case 'servicenow':
      return [target.key];
    case 'github':
      return [target.key, target.url];
    case 'zendesk':
      return [target.url];
  }
}

/** Links from `from` to every target its texts name, checked with `mentions`. */
export function verifiedMentions(
  from: string,
  texts: { text: string | undefined; where: string }[],
  targets: readonly Item[],
  extract: ExtractOptions,
): Link[] {
  const links: Link[] = [];
  for (const target of targets) {
    if (target.ref === from) continue;
    const where = texts.find(({ text }) => mentions(text, target, extract))?.where;
    if (where) links.push({ from, to: target.ref, via: 'mention', detail: where });
  }
  return links;
}

/** Items that link to at least one target, and every link that made them count. */
export function pointingAt(
  items: Item[],
  links: Link[],
  targets: readonly Item[],
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
