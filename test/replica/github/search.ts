/**
 * Evaluates GitHub issue/PR search syntax over the dataset, for REST /search/issues and GraphQL search(), with
 * the precedence of *advanced* issue search, the only syntax github.com runs since 4 September 2025
 * (https://github.blog/changelog/2025-03-06-github-issues-projects-api-support-for-issues-advanced-search-and-more/):
 * a space is AND, `AND` binds tighter than `OR`, parentheses group, and a qualifier is one term of the
 * expression like any word — it does not distribute over OR. So `"A" OR "B" is:pr org:acme` means
 * `"A" OR ("B" AND is:pr AND org:acme)`: the first term searches every repository
 * (https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/filtering-and-searching-issues-and-pull-requests#building-advanced-filters-for-issues).
 *
 * Supported: repo:, org:/user:, is:/type:/state: pr|issue|open|closed|merged|unmerged|draft, author:, label:,
 * head:, base:, in:title|body|comments (comma lists; where the words are looked for, for the whole query), free
 * words and "quoted phrases" (case-insensitive, whole tokens), `-qualifier:` and `NOT` (negation), `AND`, `OR`
 * (upper case, as GitHub writes them; lower-case "and"/"or" are words), parentheses. Unknown qualifiers match
 * nothing, as GitHub does for e.g. repo:nope/nope.
 *
 * Refused with 422 "Validation Failed" (GraphQL: an error on the search's alias), stricter than GitHub where
 * GitHub's behaviour is not documented or documented two ways:
 * - more than five AND/OR/NOT operators, or more than 256 characters not counting operators or qualifiers
 *   (https://docs.github.com/en/rest/search/search#limitations-on-query-length; parentheses count here);
 * - parentheses deeper than five levels, unbalanced, or empty (the filtering page above: "up to five levels");
 * - `repo:`, `org:` or `user:` inside parentheses (same page: "It's not currently possible");
 * - more than one positive `repo:`/`org:`/`user:` qualifier: GitHub's docs say spaces between them mean OR, while
 *   integrations report AND in the API, so a query relying on either reading is refused here.
 */
import type { Dataset } from '../dataset/types.ts';
import type { GithubItem } from './items.ts';

export type SearchNode =
  | { kind: 'word'; text: string }
  | { kind: 'qualifier'; name: string; value: string }
  | { kind: 'not'; node: SearchNode }
  | { kind: 'and' | 'or'; nodes: SearchNode[] };

export interface ParsedQuery {
  /** The expression; undefined when the query holds only `in:` scopes (or nothing). */
  tree: SearchNode | undefined;
  /** `in:` values: where free words are looked for. */
  scopes: string[];
  operators: number;
  /** The query without its qualifiers and operators, as GitHub measures length. */
  text: string;
  /** Why GitHub (or this stricter replica) refuses the query. */
  error?: string;
}

export class SearchSyntaxError extends Error {}

type Token =
  | { t: '(' | ')' | 'AND' | 'OR' | 'NOT' }
  | { t: 'word'; text: string; raw: string }
  | { t: 'qualifier'; name: string; value: string; negated: boolean };

const ownership = new Set(['repo', 'org', 'user']);
const maxDepth = 5;

function tokenize(q: string): Token[] {
  const re = /(\()|(\))|(-?)([a-z-]+):("([^"]*)"|[^\s()]+)|"([^"]*)"|([^\s()"]+)/gi;
  const out: Token[] = [];
  for (const m of q.matchAll(re)) {
    if (m[1]) out.push({ t: '(' });
    else if (m[2]) out.push({ t: ')' });
    else if (m[4] !== undefined)
      out.push({
        t: 'qualifier',
        name: m[4].toLowerCase(),
        value: (m[6] ?? m[5] ?? '').toLowerCase(),
        negated: m[3] === '-',
      });
    else if (m[8] === 'AND' || m[8] === 'OR' || m[8] === 'NOT') out.push({ t: m[8] });
    else out.push({ t: 'word', text: m[7] ?? m[8] ?? '', raw: m[0] });
  }
  return out;
}

/** Recursive descent: or := and (OR and)*; and := unary ((AND)? unary)*; unary := NOT unary | ( or ) | leaf. */
function parseTokens(tokens: Token[], scopes: string[]): SearchNode | undefined {
  let i = 0;
  let depth = 0;
  let owners = 0;
  const peek = () => tokens[i];
  const unary = (): SearchNode | undefined => {
    const tok = tokens[i++];
    if (!tok) throw new SearchSyntaxError('The search ends with an operator.');
    if (tok.t === 'NOT') {
      const node = unary();
      if (!node) throw new SearchSyntaxError('NOT must be followed by a term.');
      return { kind: 'not', node };
    }
    if (tok.t === '(') {
      if (++depth > maxDepth)
        throw new SearchSyntaxError('Parentheses may be nested at most five levels deep.');
      const node = or();
      if (tokens[i++]?.t !== ')') throw new SearchSyntaxError('Unbalanced parentheses.');
      depth--;
      if (!node) throw new SearchSyntaxError('Empty parentheses.');
      return node;
    }
    if (tok.t === 'word') return { kind: 'word', text: tok.text };
    if (tok.t === 'qualifier') {
      if (tok.name === 'in') {
        scopes.push(...tok.value.split(','));
        return undefined;
      }
      if (ownership.has(tok.name)) {
        if (depth > 0)
          throw new SearchSyntaxError(`The ${tok.name}: qualifier cannot be used within parentheses.`);
        if (!tok.negated && ++owners > 1)
          throw new SearchSyntaxError(
            'More than one repo:, org: or user: qualifier (documented as OR, reported as AND): refused by the replica.',
          );
      }
      const leaf: SearchNode = { kind: 'qualifier', name: tok.name, value: tok.value };
      return tok.negated ? { kind: 'not', node: leaf } : leaf;
    }
    throw new SearchSyntaxError(`Unexpected ${tok.t}.`);
  };
  const and = (): SearchNode | undefined => {
    const nodes: SearchNode[] = [];
    for (;;) {
      const next = peek();
      if (!next || next.t === 'OR' || next.t === ')') break;
      if (next.t === 'AND') {
        if (nodes.length === 0) throw new SearchSyntaxError('AND must follow a term.');
        i++;
        if (!peek() || peek()?.t === 'OR' || peek()?.t === ')')
          throw new SearchSyntaxError('AND must be followed by a term.');
        continue;
      }
      const node = unary();
      if (node) nodes.push(node);
    }
    return nodes.length === 0 ? undefined : nodes.length === 1 ? nodes[0] : { kind: 'and', nodes };
  };
  const or = (): SearchNode | undefined => {
    const first = and();
    const nodes = first ? [first] : [];
    while (peek()?.t === 'OR') {
      i++;
      const node = and();
      if (!node || nodes.length === 0) throw new SearchSyntaxError('OR must stand between two terms.');
      nodes.push(node);
    }
    return nodes.length <= 1 ? nodes[0] : { kind: 'or', nodes };
  };
  const tree = or();
  if (i < tokens.length) throw new SearchSyntaxError('Unbalanced parentheses.');
  return tree;
}

export function parseSearch(q: string): ParsedQuery {
  const tokens = tokenize(q);
  const operators = tokens.filter((t) => t.t === 'AND' || t.t === 'OR' || t.t === 'NOT').length;
  const text = tokens
    .map((t) => (t.t === 'word' ? t.raw : t.t === '(' || t.t === ')' ? t.t : ''))
    .filter(Boolean)
    .join(' ');
  const scopes: string[] = [];
  try {
    return { tree: parseTokens(tokens, scopes), scopes, operators, text };
  } catch (e) {
    if (!(e instanceof SearchSyntaxError)) throw e;
    return { tree: undefined, scopes, operators, text, error: e.message };
  }
}

export const maxSearchOperators = 5;
export const maxSearchLength = 256;

/** GitHub's 422 for a query over the limits or that it cannot parse, or undefined when the query is acceptable. */
export function searchLimitError(q: string): string | undefined {
  const parsed = parseSearch(q);
  // Wording as GitHub answers (e.g. github.com/madneal/gshark/issues/116: "The search is longer than …
  // characters.", resource Search, field q, code invalid).
  if (parsed.text.length > maxSearchLength) return `The search is longer than ${maxSearchLength} characters.`;
  if (parsed.operators > maxSearchOperators) return 'More than five AND / OR / NOT operators were used.';
  return parsed.error;
}
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A word matches as whole tokens: "SHOP-101" matches "SHOP-101:" but not "SHOP-1010". */
export function containsWords(text: string, word: string): boolean {
  return new RegExp(`(^|[^a-z0-9])${escapeRegExp(word.toLowerCase())}($|[^a-z0-9])`).test(text.toLowerCase());
}

function itemFields(item: GithubItem) {
  if (item.kind === 'pull') {
    const p = item.pull;
    return {
      host: p.host,
      repo: p.repo,
      title: p.title,
      body: p.body,
      comments: p.comments.map((c) => c.body).join('\n'),
      state: p.state,
      author: p.author,
      labels: p.labels,
      isPr: true,
      merged: p.merged,
      draft: p.draft,
      head: p.headRef,
      base: p.baseRef,
      updated: p.updatedAt,
      created: p.createdAt,
      ncomments: p.comments.length,
    };
  }
  const i = item.issue;
  return {
    host: i.host,
    repo: i.repo,
    title: i.title,
    body: i.body,
    comments: i.comments.map((c) => c.body).join('\n'),
    state: i.state,
    author: i.author,
    labels: i.labels,
    isPr: false,
    merged: false,
    draft: false,
    head: '',
    base: '',
    updated: i.updatedAt,
    created: i.createdAt,
    ncomments: i.comments.length,
  };
}

function matchQualifier(f: ReturnType<typeof itemFields>, name: string, value: string): boolean {
  switch (name) {
    case 'repo':
      return f.repo.toLowerCase() === value;
    case 'org':
    case 'user':
      return f.repo.toLowerCase().startsWith(`${value}/`);
    case 'is':
    case 'type':
    case 'state':
      if (value === 'pr' || value === 'pull-request') return f.isPr;
      if (value === 'issue') return !f.isPr;
      if (value === 'open' || value === 'closed') return f.state === value;
      if (value === 'merged') return f.merged;
      if (value === 'unmerged') return f.isPr && !f.merged;
      if (value === 'draft') return f.draft;
      return false;
    case 'author':
      return f.author.toLowerCase() === value;
    case 'label':
      return f.labels.some((l) => l.toLowerCase() === value);
    case 'head':
      return f.head.toLowerCase() === value;
    case 'base':
      return f.base.toLowerCase() === value;
    default:
      return false;
  }
}

/** Whether an item satisfies the expression; words are looked for in the `in:` fields. */
function evaluate(node: SearchNode, f: ReturnType<typeof itemFields>, text: string): boolean {
  switch (node.kind) {
    case 'word':
      return containsWords(text, node.text);
    case 'qualifier':
      return matchQualifier(f, node.name, node.value);
    case 'not':
      return !evaluate(node.node, f, text);
    case 'and':
      return node.nodes.every((n) => evaluate(n, f, text));
    case 'or':
      return node.nodes.some((n) => evaluate(n, f, text));
  }
}

/** The items a query finds; a query GitHub refuses (searchLimitError) finds nothing. */
export function searchItems(
  ds: Dataset,
  host: string,
  q: string,
  sort?: string | null,
  order?: string | null,
): GithubItem[] {
  const { tree, scopes, error } = parseSearch(q);
  if (error) return [];
  const items: GithubItem[] = [
    ...ds.pulls.filter((p) => p.host === host).map((pull) => ({ kind: 'pull' as const, pull })),
    ...ds.ghIssues.filter((i) => i.host === host).map((issue) => ({ kind: 'issue' as const, issue })),
  ];
  const hits = items.filter((item) => {
    const f = itemFields(item);
    const text = [
      scopes.length === 0 || scopes.includes('title') ? f.title : '',
      scopes.length === 0 || scopes.includes('body') ? f.body : '',
      scopes.length === 0 || scopes.includes('comments') ? f.comments : '',
    ].join('\n');
    return tree === undefined || evaluate(tree, f, text);
  });
  const key = sort === 'created' ? 'created' : sort === 'comments' ? 'ncomments' : 'updated';
  const dir = order === 'asc' ? 1 : -1;
  return hits.sort((a, b) => {
    const fa = itemFields(a)[key];
    const fb = itemFields(b)[key];
    return (fa < fb ? -1 : fa > fb ? 1 : 0) * dir;
  });
}
