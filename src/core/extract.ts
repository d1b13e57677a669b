import { markdownSegments } from './code-spans';
import type { ExtractOptions } from './extract-options';
import { findInUrl, type RecordLocator, urlSpans } from './ref-urls';
import { formatRef, type Ref } from './refs';
import { type PassFind, systemGrammars, textPasses } from './systems';

export { codeFence, markdownSegments, type TextSegment } from './code-spans';
export type { ExtractOptions } from './extract-options';
export type { RecordLocator } from './ref-urls';

/**
 * Finds references in free text (titles, bodies, branch names, comments, work notes). Pure: what counts depends
 * only on the options, which the background fills from settings and discovery (`extractOptionsFor`). The patterns
 * are the systems' (their grammars' `urls` and `textPasses`, src/systems/<id>/grammar.ts); this is the machinery.
 *
 * - URLs are recognised first and whole (see ref-urls.ts): an item URL of github.com or a configured Enterprise
 *   host, of a connected Jira or ServiceNow instance (with that connection's host tag), of Zendesk. A URL that
 *   names no item is ordinary text.
 * - `owner/repo#12` (GitHub); ServiceNow numbers (`INC0012345`: a known prefix and 7–10 digits); Jira keys of
 *   projects a Jira connection has, never look-alikes (`UTF-8`, `SHA-256`, `ISO-8601`, `CVE-2024-12345`,
 *   versions, hashes); configured Zendesk prefixes (`ZD-123`, never a Jira key); `#123` only on a Zendesk page.
 * - Code counts only as full URLs. Say so with `{code: true}` (the whole text is code) or `{markdown: true}`
 *   (fenced blocks and inline code spans are). Page text is read with `{markdown: true}` (resolver.ts): the
 *   content script is to pass the text of `<pre>` and `<code>` elements through `codeFence()` when it reads a
 *   page (the rest as it is), so a key in a code sample on the page stays out.
 */

/**
 * The most of one text field that is read for references: 64 KB, a GitHub issue body's own limit. API fields
 * (descriptions, comments, custom fields) are written by anyone and have no such limit everywhere.
 */
export const MAX_FIELD_TEXT = 65_536;

/**
 * A field's text as far as references are read in it: the first MAX_FIELD_TEXT characters, cut at the last
 * whitespace before the limit when there is one near it, so a URL or key is not cut into another reference.
 */
export function fieldTextForRefs(text: string): string {
  if (text.length <= MAX_FIELD_TEXT) return text;
  for (let at = MAX_FIELD_TEXT; at > MAX_FIELD_TEXT - 1024; at--)
    if (/\s/.test(text.charAt(at))) return text.slice(0, at);
  return text.slice(0, MAX_FIELD_TEXT);
}

/** What kind of text is read. */
export interface TextKind {
  /** The whole text is code: only full URLs count. */
  code?: boolean;
  /** Markdown: fenced code blocks and inline code spans count only as full URLs. */
  markdown?: boolean;
}

export interface FoundRef {
  kind: 'ref';
  ref: Ref;
  canonical: string;
  /** Where its text is: `text.slice(index, index + length)` (the whole URL for a URL). */
  index: number;
  length: number;
}

/** A ServiceNow URL that names a record by sys_id only: a provider can resolve it to a number. */
export interface FoundRecord {
  kind: 'record';
  record: RecordLocator;
  index: number;
  length: number;
}

export type TextFind = FoundRef | FoundRecord;

/**
 * `ABC-123`: the shape Jira keys and prefixed ids of other systems (`ZD-123`) share. Each system's pass decides
 * which matches are its own (a global pattern: use it with `matchAll`, which copies it).
 */
export const keyShapedPattern = /(?<![\w.-])([A-Z][A-Z0-9_]{1,19})-([1-9]\d{0,6})(?![\w]|[-.]\d)/g;

/** The options for checking a search hit names its target: each system's ambiguous forms count only as URLs. */
export const strictOptions = (options: ExtractOptions): ExtractOptions =>
  systemGrammars().reduce((o, g) => g.strictOptions?.(o) ?? o, options);

/** The options for a field made to hold a reference outright (see `SystemGrammar.referenceFieldOptions`). */
export const referenceFieldOptions = (options: ExtractOptions): ExtractOptions =>
  systemGrammars().reduce((o, g) => g.referenceFieldOptions?.(o) ?? o, options);

/** Every reference and record locator in the text, in order, none overlapping another. */
export function extractAll(text: string, options: ExtractOptions, kind: TextKind = {}): TextFind[] {
  if (kind.markdown && !kind.code) {
    return markdownSegments(text).flatMap((segment) =>
      findIn(text.slice(segment.start, segment.end), options, segment.code).map((f) => ({
        ...f,
        index: f.index + segment.start,
      })),
    );
  }
  return findIn(text, options, kind.code === true);
}

/** References in the text, in order, none overlapping another, each with the position of its text. */
export function extractRefs(text: string, options: ExtractOptions, kind: TextKind = {}): FoundRef[] {
  return extractAll(text, options, kind).filter((f): f is FoundRef => f.kind === 'ref');
}

/** Distinct canonical references in text, in order of first appearance. */
export const refsIn = (text: string, options: ExtractOptions, kind: TextKind = {}): string[] => [
  ...new Set(extractRefs(text, options, kind).map((f) => f.canonical)),
];

function findIn(text: string, options: ExtractOptions, code: boolean): TextFind[] {
  // In code only full URLs count: without a scheme separator there is nothing to read.
  if (code && !text.includes('://')) return [];
  const found = new Finds();
  found.takeAll(
    urlSpans(text).flatMap(({ index, url }): TextFind[] => {
      const find = findInUrl(url, options);
      if (!find) return [];
      return [
        'ref' in find
          ? refFound(find.ref, index, url.length)
          : { kind: 'record', ...find, index, length: url.length },
      ];
    }),
  );
  if (!code)
    for (const pass of textPasses())
      found.takeAll(
        pass.find(text, options).map((f) => (f.kind === 'ref' ? refFound(f.ref, f.index, f.length) : f)),
      );
  return found.inOrder();
}

const refFound = (ref: Ref, index: number, length: number): FoundRef => ({
  kind: 'ref',
  ref,
  canonical: formatRef(ref),
  index,
  length,
});

/** A pass's find for a regular expression match. */
export const matchFind = (ref: Ref, m: RegExpMatchArray): PassFind => ({
  kind: 'ref',
  ref,
  index: m.index ?? 0,
  length: m[0].length,
});

/** A match no later pass may read, and that is no reference itself. */
export const matchClaim = (m: RegExpMatchArray): PassFind => ({
  kind: 'claim',
  index: m.index ?? 0,
  length: m[0].length,
});

type Claim = Extract<PassFind, { kind: 'claim' }>;

/**
 * Finds that never overlap: the first to claim a stretch of text keeps it (URLs first, then by kind). Each kind
 * comes as one pass in text order, merged into what is claimed in one sweep: checking every find against every
 * other made a comment of 20,000 `#1` take seconds.
 */
class Finds {
  private claimed: (TextFind | Claim)[] = [];
  takeAll(pass: readonly (TextFind | Claim)[]): void {
    const kept: (TextFind | Claim)[] = [];
    let at = 0; // the first claimed find that ends after the candidate starts
    let end = 0; // where the last kept candidate ends
    for (const find of pass) {
      while (at < this.claimed.length && endOf(this.claimed[at]) <= find.index) at++;
      const next = this.claimed[at];
      const overlaps = find.index < end || (next !== undefined && next.index < endOf(find));
      if (overlaps) continue;
      kept.push(find);
      end = endOf(find);
    }
    this.claimed = merged(this.claimed, kept);
  }
  inOrder(): TextFind[] {
    return this.claimed.filter((f): f is TextFind => f.kind !== 'claim');
  }
}

const endOf = (find: TextFind | Claim | undefined) => (find ? find.index + find.length : 0);

/** Two lists of finds in text order, as one. */
function merged<T extends { index: number }>(a: readonly T[], b: readonly T[]): T[] {
  if (b.length === 0) return [...a];
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x.index <= y.index)) {
      out.push(x);
      i++;
    } else if (y) {
      out.push(y);
      j++;
    }
  }
  return out;
}
