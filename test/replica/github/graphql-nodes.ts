/**
 * GraphQL object values for graphql-js's default resolvers: plain objects whose properties are values or
 * functions of the field arguments. `__typename` lets the default type resolver pick the concrete type
 * of interfaces and unions (Node, Actor, IssueOrPullRequest, SearchResultItem). Field names and enums
 * follow @octokit/graphql-schema 15.26.1 (reference/github/graphql-notes.md).
 */
import { indexOf, itemKey, repoKey } from '../dataset/lookup.ts';
import type { Dataset, GhIssue, GhPull, GhRelease, GhRepo } from '../dataset/types.ts';
import { connection, NotFoundError } from './graphql-connection.ts';
import { resolveRef } from './rest.ts';
import { nodeId, type Roots, userId } from './serialize.ts';

type Obj = Record<string, unknown>;
interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
}

export class GraphNodes {
  constructor(
    readonly ds: Dataset,
    readonly host: string,
    readonly roots: Roots,
  ) {}

  actor(login: string): Obj {
    return {
      __typename: 'User',
      id: nodeId.user(login),
      login,
      name: login,
      url: `${this.roots.web}/${login}`,
      avatarUrl: `https://avatars.githubusercontent.com/u/${userId(login)}?v=4`,
      resourcePath: `/${login}`,
      databaseId: userId(login),
    };
  }

  commit(c: { repo: string; sha: string; message?: string; date?: string }): Obj {
    return {
      __typename: 'Commit',
      id: nodeId.commit(c),
      oid: c.sha,
      abbreviatedOid: c.sha.slice(0, 7),
      url: `${this.roots.web}/${c.repo}/commit/${c.sha}`,
      message: c.message ?? '',
      messageHeadline: (c.message ?? '').split('\n')[0],
      committedDate: c.date ?? null,
      authoredDate: c.date ?? null,
      // `Commit.history(first, after, since, until)`: the commits reachable from this one, newest first; the
      // dataset's history is linear, so those are the repository's commits up to this one.
      history: (args: PageArgs & { since?: string | null; until?: string | null }) => {
        const all = indexOf(this.ds).commitsByRepo.get(repoKey(this.host, c.repo)) ?? [];
        const at = all.findIndex((x) => x.sha === c.sha);
        const since = args.since ? Date.parse(args.since) : Number.NEGATIVE_INFINITY;
        const until = args.until ? Date.parse(args.until) : Number.POSITIVE_INFINITY;
        const reachable = all
          .slice(0, at + 1)
          .reverse()
          .filter((x) => Date.parse(x.date) >= since && Date.parse(x.date) <= until);
        return connection('history', reachable, args, (x) => this.commit(x));
      },
      // `Commit.associatedPullRequests(first)`: on the default branch, the merged pull request that introduced the
      // commit (its merge commit, or its head commit); the dataset merges with merge commits.
      associatedPullRequests: (args: PageArgs) => {
        const pulls = this.ds.pulls.filter(
          (p) =>
            p.host === this.host &&
            p.repo === c.repo &&
            (p.mergeCommitSha === c.sha || (p.merged && p.headSha === c.sha)),
        );
        return connection('associatedPullRequests', pulls, args, (p) => this.pull(p));
      },
    };
  }

  repo(r: GhRepo): Obj {
    const full = `${r.owner}/${r.name}`;
    const idx = indexOf(this.ds);
    const pullsOf = () => this.ds.pulls.filter((p) => p.host === this.host && p.repo === full);
    const issuesOf = () => this.ds.ghIssues.filter((i) => i.host === this.host && i.repo === full);
    const releases = () =>
      [...(idx.releasesByRepo.get(repoKey(this.host, full)) ?? [])].sort((a, b) =>
        b.publishedAt.localeCompare(a.publishedAt),
      );
    const commits = idx.commitsByRepo.get(repoKey(this.host, full)) ?? [];
    const head = commits[commits.length - 1];
    return {
      __typename: 'Repository',
      id: nodeId.repo(r),
      databaseId: r.id,
      name: r.name,
      nameWithOwner: full,
      owner: {
        __typename: 'Organization',
        id: `O_${r.owner}`,
        login: r.owner,
        url: `${this.roots.web}/${r.owner}`,
      },
      url: `${this.roots.web}/${full}`,
      description: r.description,
      isPrivate: r.private,
      defaultBranchRef: {
        __typename: 'Ref',
        name: r.defaultBranch,
        prefix: 'refs/heads/',
        target: head ? this.commit(head) : null,
      },
      pullRequest: ({ number }: { number: number }) =>
        this.pullOrThrow(
          idx.pull.get(itemKey(this.host, full, number)),
          `Could not resolve to a PullRequest with the number of ${number}.`,
        ),
      issue: ({ number }: { number: number }) =>
        this.issueOrThrow(
          idx.ghIssue.get(itemKey(this.host, full, number)),
          `Could not resolve to an Issue with the number of ${number}.`,
        ),
      issueOrPullRequest: ({ number }: { number: number }) => {
        const p = idx.pull.get(itemKey(this.host, full, number));
        if (p) return this.pull(p);
        return this.issueOrThrow(
          idx.ghIssue.get(itemKey(this.host, full, number)),
          `Could not resolve to an issue or pull request with the number of ${number}.`,
        );
      },
      pullRequests: (args: PageArgs & { states?: string[] | null }) =>
        connection(
          'pullRequests',
          pullsOf().filter((p) => !args.states || args.states.includes(this.pullState(p))),
          args,
          (p) => this.pull(p),
        ),
      issues: (args: PageArgs & { states?: string[] | null }) =>
        connection(
          'issues',
          issuesOf().filter((i) => !args.states || args.states.includes(i.state.toUpperCase())),
          args,
          (i) => this.issue(i),
        ),
      releases: (args: PageArgs) => connection('releases', releases(), args, (x) => this.release(x)),
      release: ({ tagName }: { tagName: string }) => {
        const rel = releases().find((x) => x.tag === tagName);
        return rel ? this.release(rel) : null;
      },
      ref: ({ qualifiedName }: { qualifiedName: string }) => {
        const name = qualifiedName.replace(/^refs\/(heads|tags)\//, '');
        const hit = resolveRef(this.ds, r, name);
        if (!hit || hit.commit.sha.startsWith(name.toLowerCase())) return null;
        const isTag = releases().some((x) => x.tag === name);
        return {
          __typename: 'Ref',
          id: `REF_${full}:${name}`,
          name,
          prefix: isTag ? 'refs/tags/' : 'refs/heads/',
          target: this.commit(hit.commit),
        };
      },
      object: ({ oid, expression }: { oid?: string; expression?: string }) => {
        const hit = resolveRef(this.ds, r, oid ?? expression ?? '');
        return hit ? this.commit(hit.commit) : null;
      },
    };
  }

  pullState(p: GhPull): 'OPEN' | 'CLOSED' | 'MERGED' {
    return p.merged ? 'MERGED' : p.state === 'open' ? 'OPEN' : 'CLOSED';
  }

  private pullOrThrow(p: GhPull | undefined, message: string): Obj {
    if (!p) throw new NotFoundError(message);
    return this.pull(p);
  }

  private issueOrThrow(i: GhIssue | undefined, message: string): Obj {
    if (!i) throw new NotFoundError(message);
    return this.issue(i);
  }

  private repoOf(full: string): Obj {
    const r = this.ds.repos.find((x) => x.host === this.host && `${x.owner}/${x.name}` === full);
    if (!r) throw new Error(`dataset has no repo ${full}`);
    return this.repo(r);
  }

  private common(x: GhPull | GhIssue): Obj {
    return {
      databaseId: x.id,
      number: x.number,
      title: x.title,
      body: x.body,
      bodyText: x.body,
      closed: x.state === 'closed',
      closedAt: x.closedAt ?? null,
      createdAt: x.createdAt,
      updatedAt: x.updatedAt,
      author: this.actor(x.author),
      locked: x.locked === true,
      repository: () => this.repoOf(x.repo),
      labels: (args: PageArgs) =>
        connection('labels', x.labels, args, (name) => ({
          __typename: 'Label',
          name,
          color: name === 'bug' ? 'd73a4a' : 'ededed',
        })),
      comments: (args: PageArgs) =>
        connection('comments', x.comments, args, (c) => ({
          __typename: 'IssueComment',
          body: c.body,
          createdAt: c.at,
          author: this.actor(c.author),
        })),
    };
  }

  pull(p: GhPull): Obj {
    const path = `/${p.repo}/pull/${p.number}`;
    const decision = p.reviews.some((r) => r.state === 'CHANGES_REQUESTED')
      ? 'CHANGES_REQUESTED'
      : p.reviews.some((r) => r.state === 'APPROVED')
        ? 'APPROVED'
        : 'REVIEW_REQUIRED';
    const merge = p.mergeCommitSha ? this.ds.commits.find((c) => c.sha === p.mergeCommitSha) : undefined;
    const issues = p.closingIssues
      .map((n) => indexOf(this.ds).ghIssue.get(itemKey(this.host, p.repo, n)))
      .filter((i): i is GhIssue => i !== undefined);
    return {
      __typename: 'PullRequest',
      id: nodeId.pull(p),
      ...this.common(p),
      url: `${this.roots.web}${path}`,
      permalink: `${this.roots.web}${path}`,
      resourcePath: path,
      state: this.pullState(p),
      isDraft: p.draft,
      merged: p.merged,
      mergedAt: p.mergedAt ?? null,
      mergedBy: p.merged ? this.actor(p.reviews[0]?.author ?? p.author) : null,
      headRefName: p.headRef,
      baseRefName: p.baseRef,
      headRefOid: p.headSha,
      baseRefOid: p.baseSha,
      isCrossRepository: false,
      mergeable: p.state === 'open' ? 'MERGEABLE' : 'UNKNOWN',
      reviewDecision: decision,
      mergeCommit: p.mergeCommitSha
        ? this.commit({ repo: p.repo, sha: p.mergeCommitSha, message: merge?.message, date: merge?.date })
        : null,
      additions: p.additions,
      deletions: p.deletions,
      changedFiles: p.changedFiles,
      commits: (args: PageArgs) =>
        connection(
          'commits',
          Array.from({ length: p.commits }, (_, i) => i),
          args,
          (i) => ({
            __typename: 'PullRequestCommit',
            commit: this.commit({
              repo: p.repo,
              sha: `${p.headSha.slice(0, 38)}${String(i).padStart(2, '0')}`,
            }),
          }),
        ),
      reviews: (args: PageArgs) =>
        connection('reviews', p.reviews, args, (r) => ({
          __typename: 'PullRequestReview',
          state: r.state,
          submittedAt: r.at,
          author: this.actor(r.author),
        })),
      closingIssuesReferences: (args: PageArgs) =>
        connection('closingIssuesReferences', issues, args, (i) => this.issue(i)),
    };
  }

  issue(i: GhIssue): Obj {
    const path = `/${i.repo}/issues/${i.number}`;
    return {
      __typename: 'Issue',
      id: nodeId.issue(i),
      ...this.common(i),
      url: `${this.roots.web}${path}`,
      resourcePath: path,
      state: i.state.toUpperCase(),
      stateReason: i.stateReason ? i.stateReason.toUpperCase() : null,
    };
  }

  release(r: GhRelease): Obj {
    const c = this.ds.commits.find((x) => x.sha === r.targetSha);
    return {
      __typename: 'Release',
      id: nodeId.release(r),
      databaseId: r.id,
      name: r.name,
      tagName: r.tag,
      url: `${this.roots.web}/${r.repo}/releases/tag/${r.tag}`,
      description: r.body,
      createdAt: r.createdAt,
      publishedAt: r.publishedAt,
      isDraft: r.draft,
      isPrerelease: r.prerelease,
      tagCommit: c ? this.commit(c) : null,
      tag: { __typename: 'Ref', name: r.tag, prefix: 'refs/tags/', target: c ? this.commit(c) : null },
    };
  }

  byNodeId(id: string): Obj {
    const ds = this.ds;
    const pull = ds.pulls.find((p) => p.host === this.host && nodeId.pull(p) === id);
    if (pull) return this.pull(pull);
    const issue = ds.ghIssues.find((i) => i.host === this.host && nodeId.issue(i) === id);
    if (issue) return this.issue(issue);
    const repo = ds.repos.find((r) => r.host === this.host && nodeId.repo(r) === id);
    if (repo) return this.repo(repo);
    throw new NotFoundError(`Could not resolve to a node with the global id of '${id}'`);
  }
}
