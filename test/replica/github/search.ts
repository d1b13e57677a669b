/**
 * Evaluates GitHub issue/PR search syntax (https://docs.github.com/search-github/searching-on-github/
 * searching-issues-and-pull-requests) over the dataset, for REST /search/issues and GraphQL search().
 * Supported: repo:, org:/user:, is:/type: pr|issue|open|closed|merged|unmerged|draft, state:, author:,
 * label:, head:, base:, in:title|body|comments, free words and "quoted phrases" (case-insensitive, whole
 * tokens, all must match). Unknown qualifiers match nothing, as GitHub does for e.g. repo:nope/nope.
 */
import type { Dataset } from '../dataset/types.ts';
import type { GithubItem } from './items.ts';

interface ParsedQuery {
  qualifiers: [string, string, boolean][]; // name, value, negated
  words: string[];
}

export function parseSearch(q: string): ParsedQuery {
  const out: ParsedQuery = { qualifiers: [], words: [] };
  const re = /(-?)([a-z-]+):("([^"]*)"|\S+)|"([^"]*)"|(\S+)/gi;
  for (const m of q.matchAll(re)) {
    if (m[2] !== undefined)
      out.qualifiers.push([m[2].toLowerCase(), (m[4] ?? m[3] ?? '').toLowerCase(), m[1] === '-']);
    else {
      const word = m[5] ?? m[6] ?? '';
      if (word.toUpperCase() !== 'AND') out.words.push(word);
    }
  }
  return out;
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
  const scopes = parsed.qualifiers.filter(([n]) => n === 'in').map(([, v]) => v);
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
    return parsed.words.every((w) => containsWords(text, w));
  });
  const key = sort === 'created' ? 'created' : sort === 'comments' ? 'ncomments' : 'updated';
  const dir = order === 'asc' ? 1 : -1;
  return hits.sort((a, b) => {
    const fa = itemFields(a)[key];
    const fb = itemFields(b)[key];
    return (fa < fb ? -1 : fa > fb ? 1 : 0) * dir;
  });
}
