import { type ExtractOptions, refsIn } from '../../core/extract';
import type { Item, Link, StatusCategory } from '../../core/model';
import { formatRef } from '../../core/refs';
import { mentionLinks } from '../../providers/provider';
import type { IssueNode, ItemNode, PullNode } from './schemas';

/** `owner/repo` → its parts; GitHub names are case-insensitive, the canonical ref lower-cases them. */
export function splitRepo(nameWithOwner: string): { owner: string; repo: string } {
  const [owner = '', repo = ''] = nameWithOwner.split('/');
  return { owner, repo };
}

export const githubRef = (refHost: string | undefined, owner: string, repo: string, number: number) =>
  formatRef({ system: 'github', ...(refHost ? { host: refHost } : {}), owner, repo, number });

function pullStatus(node: PullNode): Item['status'] {
  if (node.prState === 'MERGED' || node.merged) return { name: 'Merged', category: 'done' };
  if (node.prState === 'CLOSED') return { name: 'Closed', category: 'cancelled' };
  return node.isDraft
    ? { name: 'Draft', category: 'in_progress' }
    : { name: 'Open', category: 'in_progress' };
}

/** Issue close reasons: COMPLETED | NOT_PLANNED | DUPLICATE | REOPENED (graphql-notes.md field table). */
function issueStatus(node: IssueNode): Item['status'] {
  if (node.issueState === 'OPEN') return { name: 'Open', category: 'todo' };
  const reason = node.stateReason ?? 'COMPLETED';
  const category: StatusCategory = reason === 'NOT_PLANNED' || reason === 'DUPLICATE' ? 'cancelled' : 'done';
  const name =
    reason === 'NOT_PLANNED'
      ? 'Closed as not planned'
      : reason === 'DUPLICATE'
        ? 'Closed as duplicate'
        : 'Closed';
  return { name, category };
}

export function mapNode(node: ItemNode, refHost: string | undefined): Item {
  const { owner, repo } = splitRepo(node.repository.nameWithOwner);
  const item: Item = {
    ref: githubRef(refHost, owner, repo, node.number),
    system: 'github',
    kind: node.__typename === 'PullRequest' ? 'pull' : 'issue',
    key: `${node.repository.nameWithOwner}#${node.number}`,
    title: node.title,
    url: node.url,
    status: node.__typename === 'PullRequest' ? pullStatus(node) : issueStatus(node),
  };
  if (node.author?.login) item.requester = node.author.login;
  if (node.createdAt) item.createdAt = node.createdAt;
  if (node.updatedAt) item.updatedAt = node.updatedAt;
  if (node.__typename === 'PullRequest') item.pull = pullInfo(node);
  return item;
}

function pullInfo(node: PullNode): NonNullable<Item['pull']> {
  return {
    merged: node.merged,
    ...(node.mergedAt ? { mergedAt: node.mergedAt } : {}),
    ...(node.mergeCommit?.oid ? { mergeCommit: node.mergeCommit.oid } : {}),
    ...(node.headRefName ? { headRef: node.headRefName } : {}),
    ...(node.baseRefName ? { baseRef: node.baseRefName } : {}),
    ...(node.isDraft !== undefined ? { draft: node.isDraft } : {}),
    ...(node.reviewDecision ? { reviewDecision: node.reviewDecision } : {}),
  };
}

/** Links a PR or issue carries: mentions in title and body, its head branch, the issues it closes. */
export function nodeLinks(
  node: ItemNode,
  item: Item,
  extract: ExtractOptions,
  refHost: string | undefined,
): Link[] {
  // Titles and bodies are markdown: in code blocks and code spans only full URLs count.
  const find = (text: string) => refsIn(text, extract, { markdown: true });
  const links = mentionLinks(
    item.ref,
    [
      { text: node.title, where: 'title' },
      { text: node.body ?? undefined, where: 'description' },
    ],
    find,
  );
  if (node.__typename !== 'PullRequest') return links;
  const branch = node.headRefName;
  if (branch) {
    // Branch names are often lower-cased (fix/shop-101-timeout); Jira keys are upper-case everywhere else.
    const found = new Set([...find(branch), ...find(branch.toUpperCase())]);
    for (const to of found)
      if (to !== item.ref) links.push({ from: item.ref, to, via: 'branch', detail: branch });
  }
  for (const closing of node.closingIssuesReferences?.nodes ?? []) {
    if (!closing) continue;
    const { owner, repo } = splitRepo(closing.repository.nameWithOwner);
    links.push({
      from: item.ref,
      to: githubRef(refHost, owner, repo, closing.number),
      via: 'issue-link',
      detail: 'closes',
    });
  }
  return links;
}
