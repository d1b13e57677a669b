/**
 * GitHub REST v3 JSON, field for field as in reference/github/*.json (from @octokit/openapi 23.0.2 examples).
 * `api` is the REST root of the host: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise.
 */
import { createHash } from 'node:crypto';
import type { GhCommit, GhIssue, GhPull, GhRelease, GhRepo } from '../dataset/types.ts';

export interface Roots {
  api: string;
  web: string;
}

export function rootsFor(host: string): Roots {
  return host === 'github.com'
    ? { api: 'https://api.github.com', web: 'https://github.com' }
    : { api: `https://${host}/api/v3`, web: `https://${host}` };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');
export const userId = (login: string): number =>
  Number.parseInt(createHash('sha1').update(login).digest('hex').slice(0, 7), 16);
/** Global node ids, shared by REST `node_id` and GraphQL `id` (opaque strings, prefixed like GitHub's). */
export const nodeId = {
  user: (login: string): string => `U_kgDO${b64(`u:${login}`)}`,
  repo: (r: GhRepo): string => `R_kgDO${b64(`r:${r.host}:${r.id}`)}`,
  pull: (p: GhPull): string => `PR_kwDO${b64(`p:${p.host}:${p.repo}:${p.number}`)}`,
  issue: (i: GhIssue): string => `I_kwDO${b64(`i:${i.host}:${i.repo}:${i.number}`)}`,
  release: (r: GhRelease): string => `RE_kwDO${b64(`rel:${r.host}:${r.id}`)}`,
  commit: (c: { repo: string; sha: string }): string => `C_kwDO${b64(`c:${c.repo}:${c.sha}`)}`,
};

export function userJson(login: string, roots: Roots): Record<string, unknown> {
  const u = `${roots.api}/users/${login}`;
  return {
    login,
    id: userId(login),
    node_id: nodeId.user(login),
    avatar_url: `https://avatars.githubusercontent.com/u/${userId(login)}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${roots.web}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

export function repoJson(r: GhRepo, roots: Roots): Record<string, unknown> {
  const full = `${r.owner}/${r.name}`;
  const a = `${roots.api}/repos/${full}`;
  const urls = Object.fromEntries(
    (
      [
        ['archive_url', '/{archive_format}{/ref}'],
        ['assignees_url', '/assignees{/user}'],
        ['blobs_url', '/git/blobs{/sha}'],
        ['branches_url', '/branches{/branch}'],
        ['collaborators_url', '/collaborators{/collaborator}'],
        ['comments_url', '/comments{/number}'],
        ['commits_url', '/commits{/sha}'],
        ['compare_url', '/compare/{base}...{head}'],
        ['contents_url', '/contents/{+path}'],
        ['contributors_url', '/contributors'],
        ['deployments_url', '/deployments'],
        ['downloads_url', '/downloads'],
        ['events_url', '/events'],
        ['forks_url', '/forks'],
        ['git_commits_url', '/git/commits{/sha}'],
        ['git_refs_url', '/git/refs{/sha}'],
        ['git_tags_url', '/git/tags{/sha}'],
      ] as const
    ).map(([k, v]) => [k, `${a}${v}`]),
  );
  const host = new URL(roots.web).host;
  return {
    id: r.id,
    node_id: nodeId.repo(r),
    name: r.name,
    full_name: full,
    owner: userJson(r.owner, roots),
    private: r.private,
    html_url: `${roots.web}/${full}`,
    description: r.description,
    fork: false,
    url: a,
    ...urls,
    git_url: `git://${host}/${full}.git`,
    issue_comment_url: `${a}/issues/comments{/number}`,
    issue_events_url: `${a}/issues/events{/number}`,
    issues_url: `${a}/issues{/number}`,
    keys_url: `${a}/keys{/key_id}`,
    labels_url: `${a}/labels{/name}`,
    languages_url: `${a}/languages`,
    merges_url: `${a}/merges`,
    milestones_url: `${a}/milestones{/number}`,
    notifications_url: `${a}/notifications{?since,all,participating}`,
    pulls_url: `${a}/pulls{/number}`,
    releases_url: `${a}/releases{/id}`,
    ssh_url: `git@${host}:${full}.git`,
    stargazers_url: `${a}/stargazers`,
    statuses_url: `${a}/statuses/{sha}`,
    subscribers_url: `${a}/subscribers`,
    subscription_url: `${a}/subscription`,
    tags_url: `${a}/tags`,
    teams_url: `${a}/teams`,
    trees_url: `${a}/git/trees{/sha}`,
    clone_url: `${roots.web}/${full}.git`,
    mirror_url: null,
    hooks_url: `${a}/hooks`,
    svn_url: `${roots.web}/${full}`,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 12,
    watchers_count: 12,
    size: 2048,
    default_branch: r.defaultBranch,
    open_issues_count: 0,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    pushed_at: '2026-03-15T08:00:00Z',
    created_at: r.createdAt,
    updated_at: '2026-03-15T08:00:00Z',
    permissions: { admin: false, push: true, pull: true },
    allow_rebase_merge: true,
    temp_clone_token: '',
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_forking: true,
    forks: 0,
    open_issues: 0,
    license: null,
    watchers: 12,
  };
}

export function labelJson(name: string, full: string, roots: Roots): Record<string, unknown> {
  const id = userId(`label:${full}:${name}`);
  return {
    id,
    node_id: `LA_kwDO${b64(String(id))}`,
    url: `${roots.api}/repos/${full}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: name === 'bug' ? 'd73a4a' : 'ededed',
    default: name === 'bug',
  };
}

export function releaseJson(r: GhRelease, roots: Roots): Record<string, unknown> {
  const a = `${roots.api}/repos/${r.repo}`;
  return {
    url: `${a}/releases/${r.id}`,
    html_url: `${roots.web}/${r.repo}/releases/tag/${r.tag}`,
    assets_url: `${a}/releases/${r.id}/assets`,
    upload_url: `${roots.api.replace('://api.', '://uploads.')}/repos/${r.repo}/releases/${r.id}/assets{?name,label}`,
    tarball_url: `${a}/tarball/${r.tag}`,
    zipball_url: `${a}/zipball/${r.tag}`,
    id: r.id,
    node_id: nodeId.release(r),
    tag_name: r.tag,
    target_commitish: 'main',
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    immutable: false,
    created_at: r.createdAt,
    published_at: r.publishedAt,
    author: userJson('priya-n', roots),
    assets: [],
  };
}

export function commitJson(
  c: GhCommit,
  roots: Roots,
  email: (login: string) => string,
): Record<string, unknown> {
  const a = `${roots.api}/repos/${c.repo}`;
  const person = { name: c.author, email: email(c.author), date: c.date };
  return {
    url: `${a}/commits/${c.sha}`,
    sha: c.sha,
    node_id: nodeId.commit(c),
    html_url: `${roots.web}/${c.repo}/commit/${c.sha}`,
    comments_url: `${a}/commits/${c.sha}/comments`,
    commit: {
      url: `${a}/git/commits/${c.sha}`,
      author: person,
      committer: person,
      message: c.message,
      tree: { url: `${a}/tree/${c.sha}`, sha: c.sha },
      comment_count: 0,
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: userJson(c.author, roots),
    committer: userJson(c.author, roots),
    parents: c.parents.map((sha) => ({ url: `${a}/commits/${sha}`, sha })),
  };
}
