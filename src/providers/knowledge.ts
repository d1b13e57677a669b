import type { Item, Link } from '../core/model';

/**
 * Knowledge articles related to a page's item (issue 13, "Shared knowledge"): what a provider with a knowledge base
 * (ServiceNow `kb_knowledge`, Zendesk Help Center) is asked, and how its hits are checked. Searches over-match (a
 * LIKE finds `SHOP-1010` for `SHOP-101`, keyword search ranks loosely), so every hit is verified against the
 * article's own text before it is shown.
 */

/** A reference the articles may mention: its canonical ref (for the link) and the key people write. */
export interface KnowledgeKey {
  ref: string;
  key: string;
}

export interface KnowledgeQuery {
  /** References the articles may mention (the incident number, the bug key), most relevant first. */
  keys: KnowledgeKey[];
  /** Words of the bug's (or the item's) title, for articles about the same problem. */
  words: string[];
}

export interface KnowledgeFound {
  /** Articles (`kind: 'knowledge'`), published only, verified. */
  items: Item[];
  /** From an article to each key its text mentions (`via: 'mention'`). */
  links: Link[];
  /** What the source answered that could not be read (items.ts), for people. */
  notes?: string[];
}

/** Keys asked at most: a bounded query, whatever the page holds. */
export const MAX_KNOWLEDGE_KEYS = 4;
/** Title words asked at most. */
export const MAX_KNOWLEDGE_WORDS = 4;
/** Articles a source shows at most. */
export const MAX_ARTICLES = 8;
/** Characters of an article's text read for verification (bodies can be long; the check is linear). */
const maxTextChars = 100_000;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Does the text mention the key as a whole token (`SHOP-101`, not `SHOP-1010` nor `XSHOP-101`)? */
export function mentionsKey(text: string, key: string): boolean {
  if (!key) return false;
  return new RegExp(`(?<![\\w-])${escapeRegExp(key)}(?![\\w]|-\\w)`, 'i').test(text.slice(0, maxTextChars));
}

/** Lower-cased words of a text, as a set (letters and digits). */
function wordsOf(text: string): Set<string> {
  return new Set(
    text
      .slice(0, maxTextChars)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
}

/**
 * Is the article about the same problem? At least two of the title words (all of them when fewer were asked)
 * occur in its text: one common word ("error") is not enough.
 */
export function matchesWords(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const have = wordsOf(text);
  const hits = words.filter((w) => have.has(w.toLowerCase())).length;
  return hits >= Math.min(2, words.length);
}

/** The keys an article's text mentions, as links from the article. */
export function keyLinks(articleRef: string, text: string, keys: readonly KnowledgeKey[]): Link[] {
  return keys
    .filter((k) => mentionsKey(text, k.key))
    .map((k) => ({ from: articleRef, to: k.ref, via: 'mention' as const, detail: 'article text' }));
}

/**
 * Text of an article body in HTML, for verification only (never rendered): tags become spaces and the common
 * entities their characters. Linear: one pass per replacement.
 */
export function textOfHtml(html: string): string {
  return html
    .slice(0, maxTextChars)
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Words too common to tell one problem from another. */
const stopWords = new Set(
  (
    'the and for with from that this into when after before while does not are was were has have had will ' +
    'can cannot could should would about over under again some any all every more most less than then them ' +
    'they their there here what which who whom your our out off per via bug fix fixes fixed issue issues error ' +
    'errors fails failed failing problem customer customers ticket tickets incident please still since being'
  ).split(' '),
);

/**
 * The words of a title worth searching for: letters only (numbers and keys are references, searched apart), at
 * least four characters, no common words, in title order, at most `MAX_KNOWLEDGE_WORDS`.
 */
export function titleWords(title: string): string[] {
  const out: string[] = [];
  for (const word of title
    .slice(0, 500)
    .toLowerCase()
    .match(/\p{L}+/gu) ?? []) {
    if (word.length < 4 || stopWords.has(word) || out.includes(word)) continue;
    out.push(word);
    if (out.length === MAX_KNOWLEDGE_WORDS) break;
  }
  return out;
}

/** What one article is shown as when the search matched it: by a key it mentions, or by the title's words. */
export function verifiedArticle(
  articleRef: string,
  text: string,
  query: KnowledgeQuery,
): { links: Link[] } | undefined {
  const links = keyLinks(articleRef, text, query.keys);
  if (links.length > 0) return { links };
  return matchesWords(text, query.words) ? { links: [] } : undefined;
}
