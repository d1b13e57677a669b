import type { Item } from '../../core/model';
import { searchWords } from '../../providers/text-search';
import { githubRef, splitRepo } from './mapping';
import type { SearchItem } from './schemas';
import { maxQueryLength } from './search';

/**
 * Quick search on GitHub: `GET /search/issues`, once for issues and once for pull requests (GitHub asks every
 * issue search to say which it wants: `is:issue` or `is:pr`) in each scope entry (one `org:`/`user:`/`repo:`
 * per query: search.ts), newest first. Every word is a quoted phrase, so what people type is never read as a
 * qualifier (`repo:`, `is:`) or an operator (`OR`, `NOT`, a leading `-`, parentheses): quotes inside a word
 * cannot be escaped in GitHub search, so they become word breaks. The words are AND-ed (spaces), which reads
 * the same in advanced and legacy search. The whole query stays within GitHub's 256 characters (search.ts):
 * words that do not fit are left out, from the end.
 */

const kinds = ['is:issue', 'is:pr'] as const;

export function textSearchQueries(text: string, filters: string, scope: readonly string[]): string[] {
  const phrases = searchWords(text, /"/g).map((w) => `"${w}"`);
  const longest = Math.max(...kinds.map((k) => k.length));
  const widest = Math.max(0, ...scope.map((s) => s.length));
  const suffixLength = longest + (filters ? filters.length + 1 : 0) + widest + 2;
  while (phrases.length > 0 && phrases.join(' ').length + suffixLength > maxQueryLength) phrases.pop();
  if (phrases.length === 0) return [];
  return scope.flatMap((entry) =>
    kinds.map((kind) => [phrases.join(' '), kind, filters, entry].filter(Boolean).join(' ')),
  );
}

function status(hit: SearchItem): Item['status'] {
  if (hit.pull_request) {
    if (hit.pull_request.merged_at) return { name: 'Merged', category: 'done' };
    if (hit.state === 'closed') return { name: 'Closed', category: 'cancelled' };
    return hit.draft ? { name: 'Draft', category: 'in_progress' } : { name: 'Open', category: 'in_progress' };
  }
  if (hit.state !== 'closed') return { name: 'Open', category: 'todo' };
  if (hit.state_reason === 'not_planned') return { name: 'Closed as not planned', category: 'cancelled' };
  if (hit.state_reason === 'duplicate') return { name: 'Closed as duplicate', category: 'cancelled' };
  return { name: 'Closed', category: 'done' };
}

/** A search hit as an item, without a second request (the resolver reads full items through GraphQL). */
export function mapSearchItem(hit: SearchItem, refHost: string | undefined): Item | undefined {
  const { owner, repo } = splitRepo(hit.repository_url.split('/repos/')[1] ?? '');
  if (!owner || !repo) return undefined;
  const isPull = hit.pull_request !== undefined;
  const merged = hit.pull_request?.merged_at ?? undefined;
  const item: Item = {
    ref: githubRef(refHost, owner, repo, hit.number),
    system: 'github',
    kind: isPull ? 'pull' : 'issue',
    key: `${owner}/${repo}#${hit.number}`,
    title: hit.title,
    url: hit.html_url,
    status: status(hit),
  };
  if (hit.user?.login) item.requester = hit.user.login;
  if (hit.created_at) item.createdAt = hit.created_at;
  if (hit.updated_at) item.updatedAt = hit.updated_at;
  if (isPull) {
    item.pull = {
      merged: Boolean(merged),
      ...(merged ? { mergedAt: merged } : {}),
      ...(hit.draft !== undefined ? { draft: hit.draft } : {}),
    };
  }
  return item;
}
