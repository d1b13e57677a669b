/**
 * Pull requests and issues in REST shape: the full pull (reference/github/pull-request.json), the list
 * item "pull-request-simple" (pull-request-list-item.json), the issue (issue.json; a PR fetched as an
 * issue carries `pull_request`), and the search item (search-issues.json + recorded search traffic).
 */
import type { GhIssue, GhPull, GhRepo } from '../dataset/types.ts';
import { labelJson, nodeId, type Roots, repoJson, userJson } from './serialize.ts';

function branchJson(
  label: string,
  ref: string,
  sha: string,
  repo: GhRepo,
  roots: Roots,
): Record<string, unknown> {
  return {
    label: `${repo.owner}:${label}`,
    ref,
    sha,
    user: userJson(repo.owner, roots),
    repo: repoJson(repo, roots),
  };
}

export function association(login: string): string {
  return ['mona-dev', 'hubert-r', 'priya-n'].includes(login) ? 'MEMBER' : 'CONTRIBUTOR';
}

export function pullSimpleJson(p: GhPull, repo: GhRepo, roots: Roots): Record<string, unknown> {
  const a = `${roots.api}/repos/${p.repo}`;
  const html = `${roots.web}/${p.repo}/pull/${p.number}`;
  return {
    url: `${a}/pulls/${p.number}`,
    id: p.id,
    node_id: nodeId.pull(p),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${a}/issues/${p.number}`,
    commits_url: `${a}/pulls/${p.number}/commits`,
    review_comments_url: `${a}/pulls/${p.number}/comments`,
    review_comment_url: `${a}/pulls/comments{/number}`,
    comments_url: `${a}/issues/${p.number}/comments`,
    statuses_url: `${a}/statuses/${p.headSha}`,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user: userJson(p.author, roots),
    body: p.body,
    labels: p.labels.map((l) => labelJson(l, p.repo, roots)),
    milestone: null,
    active_lock_reason: null,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    closed_at: p.closedAt ?? null,
    merged_at: p.mergedAt ?? null,
    merge_commit_sha: p.mergeCommitSha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branchJson(p.headRef, p.headRef, p.headSha, repo, roots),
    base: branchJson(p.baseRef, p.baseRef, p.baseSha, repo, roots),
    _links: {
      self: { href: `${a}/pulls/${p.number}` },
      html: { href: html },
      issue: { href: `${a}/issues/${p.number}` },
      comments: { href: `${a}/issues/${p.number}/comments` },
      review_comments: { href: `${a}/pulls/${p.number}/comments` },
      review_comment: { href: `${a}/pulls/comments{/number}` },
      commits: { href: `${a}/pulls/${p.number}/commits` },
      statuses: { href: `${a}/statuses/${p.headSha}` },
    },
    author_association: association(p.author),
    auto_merge: null,
    draft: p.draft,
  };
}

export function pullJson(p: GhPull, repo: GhRepo, roots: Roots): Record<string, unknown> {
  return {
    ...pullSimpleJson(p, repo, roots),
    merged: p.merged,
    mergeable: p.state === 'open' ? true : null,
    rebaseable: p.state === 'open' ? true : null,
    mergeable_state: p.state === 'open' ? 'clean' : 'unknown',
    merged_by: p.merged ? userJson(p.reviews[0]?.author ?? p.author, roots) : null,
    comments: p.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: p.commits,
    additions: p.additions,
    deletions: p.deletions,
    changed_files: p.changedFiles,
  };
}

type Item = { kind: 'pull'; pull: GhPull } | { kind: 'issue'; issue: GhIssue };

/** GET /repos/{o}/{r}/issues/{n}: issues and, for PR numbers, the PR's issue view. */
export function issueJson(item: Item, roots: Roots): Record<string, unknown> {
  const base = item.kind === 'pull' ? item.pull : item.issue;
  const a = `${roots.api}/repos/${base.repo}`;
  const isPull = item.kind === 'pull';
  const html = `${roots.web}/${base.repo}/${isPull ? 'pull' : 'issues'}/${base.number}`;
  const closed = base.state === 'closed';
  const stateReason = item.kind === 'issue' ? (item.issue.stateReason ?? null) : closed ? 'completed' : null;
  return {
    id: base.id,
    node_id: isPull ? nodeId.pull(item.pull) : nodeId.issue(item.issue),
    url: `${a}/issues/${base.number}`,
    repository_url: a,
    labels_url: `${a}/issues/${base.number}/labels{/name}`,
    comments_url: `${a}/issues/${base.number}/comments`,
    events_url: `${a}/issues/${base.number}/events`,
    html_url: html,
    number: base.number,
    state: base.state,
    title: base.title,
    body: base.body,
    user: userJson(base.author, roots),
    labels: base.labels.map((l) => labelJson(l, base.repo, roots)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: base.locked === true,
    active_lock_reason: base.locked ? 'resolved' : null,
    comments: base.comments.length,
    ...(isPull
      ? {
          pull_request: {
            url: `${a}/pulls/${base.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: item.pull.mergedAt ?? null,
          },
        }
      : {}),
    closed_at: base.closedAt ?? null,
    created_at: base.createdAt,
    updated_at: base.updatedAt,
    closed_by: closed ? userJson(base.author, roots) : null,
    author_association: association(base.author),
    state_reason: stateReason,
  };
}

/** One `items[]` entry of GET /search/issues. */
export function searchItemJson(item: Item, roots: Roots, score: number): Record<string, unknown> {
  const full = issueJson(item, roots);
  const { closed_by: _closedBy, ...rest } = full;
  const base = item.kind === 'pull' ? item.pull : item.issue;
  return {
    ...rest,
    labels: base.labels.map((l) => {
      const { description: _d, default: _def, ...label } = labelJson(l, base.repo, roots);
      return label;
    }),
    type: null, // issue type: null unless the organisation uses issue types
    reactions: {
      url: `${roots.api}/repos/${base.repo}/issues/${base.number}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    timeline_url: `${roots.api}/repos/${base.repo}/issues/${base.number}/timeline`,
    performed_via_github_app: null,
    ...(item.kind === 'pull' ? { draft: item.pull.draft } : {}),
    score,
  };
}

export type { Item as GithubItem };
