/**
 * Evaluates GitHub issue/PR search syntax (https://docs.github.com/search-github/searching-on-github/
 * searching-issues-and-pull-requests) over the dataset, for REST /search/issues and GraphQL search().
 * Supported: repo:, org:/user:, is:/type: pr|issue|open|closed|merged|unmerged|draft, state:, author:,
 * label:, head:, base:, in:title|body|comments (comma lists: in:title,body), free words and "quoted
 * phrases" (case-insensitive, whole tokens), and the operators AND, OR, NOT (upper case, as GitHub writes
 * them; lower-case "and"/"or" are words). Qualifiers filter the whole query; the free text is a disjunction
 * of conjunctions: `"A" OR "B" is:pr` finds PRs naming A or B, `a b OR c` is (a AND b) OR c, `NOT a`
 * excludes a. Unknown qualifiers match nothing, as GitHub does for e.g. repo:nope/nope.
 *
 * Limits (https://docs.github.com/en/rest/search/search#limitations-on-query-length and
 * https://docs.github.com/en/search-github/getting-started-with-searching-on-github/troubleshooting-search-queries):
 * a query may hold at most five AND/OR/NOT operators, and at most 256 characters not counting operators or
 * qualifiers; otherwise GitHub answers 422 "Validation Failed" (see searchLimitError).
 */
import type { Dataset } from '../dataset/types.ts';
import type { GithubItem } from './items.ts';

interface Word {
  text: string;
  negated: boolean;
}

interface ParsedQuery {
  qualifiers: [string, string, boolean][]; // name, value, negated
  /** Free text: OR of groups, each group an AND of words. */
  groups: Word[][];
  operators: number;
  /** The query without its qualifiers and operators, as GitHub measures length. */
  text: string;
}

const operatorWords = new Set(['AND', 'OR', 'NOT']);

export function parseSearch(q: string): ParsedQuery {
  const out: ParsedQuery = { qualifiers: [], groups: [[]], operators: 0, text: '' };
  const text: string[] = [];
  let negateNext = false;
  const re = /(-?)([a-z-]+):("([^"]*)"|\S+)|"([^"]*)"|(\S+)/gi;
  for (const m of q.matchAll(re)) {
    if (m[2] !== undefined) {
      out.qualifiers.push([m[2].toLowerCase(), (m[4] ?? m[3] ?? '').toLowerCase(), m[1] === '-']);
      continue;
    }
    const bare = m[6];
    if (bare !== undefined && operatorWords.has(bare)) {
      out.operators++;
      if (bare === 'OR') out.groups.push([]);
      if (bare === 'NOT') negateNext = true;
      continue;
    }
    const word = m[5] ?? bare ?? '';
    text.push(m[0]);
    out.groups[out.groups.length - 1]?.push({ text: word, negated: negateNext });
    negateNext = false;
  }
  out.groups = out.groups.filter((g) => g.length > 0);
  out.text = text.join(' ');
  return out;
}

export const maxSearchOperators = 5;
export const maxSearchLength = 256;

/** GitHub's 422 for a query over the limits, or undefined when the query is acceptable. */
export function searchLimitError(q: string): string | undefined {
  const parsed = parseSearch(q);
  // Wording as GitHub answers (e.g. github.com/madneal/gshark/issues/116: "The search is longer than …
  // characters.", resource Search, field q, code invalid).
  if (parsed.text.length > maxSearchLength) return `The search is longer than ${maxSearchLength} characters.`;
  if (parsed.operators > maxSearchOperators) return 'More than five AND / OR / NOT operators were used.';
  return undefined;
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
    case 'in':
      return true; // scope for free words, handled in matches()
    default:
      return false;
  }
}

export function searchItems(
  ds: Dataset,
  host: string,
  q: string,
  sort?: string | null,
  order?: string | null,
): GithubItem[] {
  const parsed = parseSearch(q);
  const scopes = parsed.qualifiers.filter(([n]) => n === 'in').flatMap(([, v]) => v.split(','));
  const repos = parsed.qualifiers.filter(([n, , neg]) => n === 'repo' && !neg).map(([, v]) => v);
  const others = parsed.qualifiers.filter(([n, , neg]) => !(n === 'repo' && !neg));
  const items: GithubItem[] = [
    ...ds.pulls.filter((p) => p.host === host).map((pull) => ({ kind: 'pull' as const, pull })),
    ...ds.ghIssues.filter((i) => i.host === host).map((issue) => ({ kind: 'issue' as const, issue })),
  ];
  const hits = items.filter((item) => {
    const f = itemFields(item);
    if (repos.length > 0 && !repos.includes(f.repo.toLowerCase())) return false;
    for (const [name, value, neg] of others) if (matchQualifier(f, name, value) === neg) return false;
    const text = [
      scopes.length === 0 || scopes.includes('title') ? f.title : '',
      scopes.length === 0 || scopes.includes('body') ? f.body : '',
      scopes.length === 0 || scopes.includes('comments') ? f.comments : '',
    ].join('\n');
    if (parsed.groups.length === 0) return true;
    return parsed.groups.some((group) => group.every((w) => containsWords(text, w.text) !== w.negated));
  });
  const key = sort === 'created' ? 'created' : sort === 'comments' ? 'ncomments' : 'updated';
  const dir = order === 'asc' ? 1 : -1;
  return hits.sort((a, b) => {
    const fa = itemFields(a)[key];
    const fb = itemFields(b)[key];
    return (fa < fb ? -1 : fa > fb ? 1 : 0) * dir;
  });
}
