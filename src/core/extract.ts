import { markdownSegments } from './code-spans';
import { type ExtractOptions, jiraSources, urlSites } from './extract-options';
import { findInUrl, type RecordLocator, type UrlSites, urlSpans } from './ref-urls';
import { formatRef, type Ref } from './refs';

export { codeFence, markdownSegments, type TextSegment } from './code-spans';
export {
  acceptAnyJiraKey,
  type ExtractOptions,
  type JiraRefSource,
  jiraFromUrlsOnly,
  jiraSources,
  preferJiraConnection,
  type ServiceNowRefSource,
} from './extract-options';
export type { RecordLocator } from './ref-urls';

/**
 * Finds references in free text (titles, bodies, branch names, comments, work notes). Pure: what counts depends
 * only on the options, which the background fills from settings and discovery (`extractOptionsFor`).
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

/** Standards, encodings and time zones shaped like keys: never issues, even if a project of that name exists. */
const neverKeys = new Set(['UTF', 'UCS', 'SHA', 'ISO', 'IEC', 'CVE', 'CWE', 'RFC', 'ECMA', 'UTC', 'GMT']);
/** Common in technical text: issues only where discovery says the project exists. */
const unlessKnown = new Set([
  ...['TLS', 'SSL', 'HTTP', 'HTTPS', 'IPV', 'TCP', 'UDP', 'USB', 'AES', 'RSA', 'DES', 'MD', 'ARM', 'SQL'],
  ...['GPT', 'ES', 'PEP', 'PHP', 'JDK', 'JSR', 'JEP', 'RC', 'LTS', 'WCAG', 'PCI', 'SOC', 'COVID', 'IE', 'MP'],
]);

const defaultServicenowPrefixes = [
  'INC',
  'PRB',
  'CHG',
  'RITM',
  'KB',
  'TASK',
  'REQ',
  'SCTASK',
  'PTASK',
  'CTASK',
];

const githubShort = /(?<![\w/.@-])([A-Za-z0-9][A-Za-z0-9_-]{0,38})\/([\w.-]{1,100})#([1-9]\d{0,9})(?![\w#])/g;
const keyShaped = /(?<![\w.-])([A-Z][A-Z0-9_]{1,19})-([1-9]\d{0,6})(?![\w]|[-.]\d)/g;
const zendeskHash = /(?<![\w&#/])#([1-9]\d{0,8})(?![\w])/g;

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

/**
 * What the options make of the grammar, built once per options object: markdown text is read segment by segment,
 * and a text of many tiny code spans would otherwise rebuild it for each (a quarter of the time on 64 KB of them).
 */
const grammars = new WeakMap<ExtractOptions, { sites: UrlSites; servicenowNumber: RegExp }>();
function grammarOf(options: ExtractOptions) {
  let grammar = grammars.get(options);
  if (!grammar) {
    grammar = { sites: urlSites(options), servicenowNumber: servicenowPattern(options) };
    grammars.set(options, grammar);
  }
  return grammar;
}

function findIn(text: string, options: ExtractOptions, code: boolean): TextFind[] {
  // In code only full URLs count: without a scheme separator there is nothing to read.
  if (code && !text.includes('://')) return [];
  const found = new Finds();
  const { sites } = grammarOf(options);
  found.takeAll(
    urlSpans(text).flatMap(({ index, url }): TextFind[] => {
      const find = findInUrl(url, sites);
      if (!find) return [];
      return [
        'ref' in find
          ? refFound(find.ref, index, url.length)
          : { kind: 'record', ...find, index, length: url.length },
      ];
    }),
  );
  if (!code) {
    found.takeAll(githubShortRefs(text, options));
    found.takeAll(servicenowNumbers(text, options));
    found.takeAll(keyShapedRefs(text, options));
    found.takeAll(zendeskHashes(text, options));
  }
  return found.inOrder();
}

const refFound = (ref: Ref, index: number, length: number): FoundRef => ({
  kind: 'ref',
  ref,
  canonical: formatRef(ref),
  index,
  length,
});

const matchFound = (ref: Ref, m: RegExpMatchArray): FoundRef => refFound(ref, m.index ?? 0, m[0].length);

/**
 * Finds that never overlap: the first to claim a stretch of text keeps it (URLs first, then by kind). Each kind
 * comes as one pass in text order, merged into what is claimed in one sweep: checking every find against every
 * other made a comment of 20,000 `#1` take seconds.
 */
class Finds {
  private claimed: TextFind[] = [];
  takeAll(pass: readonly TextFind[]): void {
    const kept: TextFind[] = [];
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
    return this.claimed;
  }
}

const endOf = (find: TextFind | undefined) => (find ? find.index + find.length : 0);

/** Two lists of finds in text order, as one. */
function merged(a: readonly TextFind[], b: readonly TextFind[]): TextFind[] {
  if (b.length === 0) return [...a];
  const out: TextFind[] = [];
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

function githubShortRefs(text: string, options: ExtractOptions): FoundRef[] {
  const host = options.githubShortHost?.toLowerCase();
  const where = host && host !== 'github.com' ? { host } : {};
  return [...text.matchAll(githubShort)].map((m) =>
    matchFound({ system: 'github', ...where, owner: m[1] ?? '', repo: m[2] ?? '', number: Number(m[3]) }, m),
  );
}

function servicenowPattern(options: ExtractOptions): RegExp {
  const prefixes = [...defaultServicenowPrefixes, ...(options.servicenowPrefixes ?? [])]
    .map((p) => p.toUpperCase())
    .filter((p) => /^[A-Z]{2,10}$/.test(p))
    .sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\w-])(${prefixes.join('|')})(\\d{7,10})(?!\\w)`, 'g');
}

function servicenowNumbers(text: string, options: ExtractOptions): FoundRef[] {
  // A number names no instance: it is the first connection's.
  const host = options.servicenow?.[0]?.host;
  return [...text.matchAll(grammarOf(options).servicenowNumber)].map((m) =>
    matchFound({ system: 'servicenow', ...(host ? { host } : {}), number: `${m[1]}${m[2]}` }, m),
  );
}

/** `ABC-123`: a configured Zendesk prefix, else a Jira key of the first connection that has the project. */
function keyShapedRefs(text: string, options: ExtractOptions): FoundRef[] {
  const zendeskPrefixes = new Set((options.zendeskPrefixes ?? []).map((p) => p.toUpperCase()));
  const subdomain = (options.zendeskSubdomain ?? options.zendeskSubdomains?.[0])?.toLowerCase();
  const jira = jiraSources(options);
  return [...text.matchAll(keyShaped)].flatMap((m) => {
    const project = m[1] ?? '';
    if (zendeskPrefixes.has(project))
      return subdomain ? [matchFound({ system: 'zendesk', subdomain, id: Number(m[2]) }, m)] : [];
    if (neverKeys.has(project)) return [];
    const owner = jira.find((s) =>
      s.projectKeys === 'any'
        ? project.length <= 10 && !unlessKnown.has(project)
        : s.projectKeys.has(project),
    );
    const host = owner?.host?.toLowerCase();
    return owner
      ? [matchFound({ system: 'jira', ...(host ? { host } : {}), key: `${project}-${m[2]}` }, m)]
      : [];
  });
}

function zendeskHashes(text: string, options: ExtractOptions): FoundRef[] {
  const subdomain = options.zendeskSubdomain?.toLowerCase();
  if (!subdomain) return [];
  return [...text.matchAll(zendeskHash)].map((m) =>
    matchFound({ system: 'zendesk', subdomain, id: Number(m[1]) }, m),
  );
}
