/**
 * GitHub REST v3 routes (api.github.com, or /api/v3 on GitHub Enterprise). Shapes: github/serialize.ts
 * and items.ts. Cross-cutting behaviour lives in api.ts (auth, rate limits, ETag/304).
 */
import { indexOf, itemKey, repoKey } from '../dataset/lookup.ts';
import type { Dataset, GhCommit, GhRepo } from '../dataset/types.ts';
import { int, json, match, type ReplicaRequest, type ReplicaResponse } from '../http.ts';
import { issueJson, pullJson, pullSimpleJson, searchItemJson } from './items.ts';
import { searchItems, searchLimitError } from './search.ts';
import { commitJson, type Roots, releaseJson, repoJson, userJson } from './serialize.ts';

export const viewerLogin = (host: string): string => (host === 'github.com' ? 'mona-dev' : 'priya-n');
/** The organisations the viewer belongs to (never other-co, whose public PR names acme's keys). */
export const viewerOrgs = (host: string): string[] => (host === 'github.com' ? ['acme'] : ['platform']);

const notFound = (docs: string): ReplicaResponse =>
  json(404, {
    message: 'Not Found',
    documentation_url: `https://docs.github.com/rest/${docs}`,
    status: '404',
  });

/** Page a list like GitHub: per_page (default 30, max 100) and page, with a Link header. */
export function paged<T>(
  req: ReplicaRequest,
  items: T[],
  defaultPer = 30,
): { slice: T[]; headers: Record<string, string> } {
  const per = Math.min(100, Math.max(1, int(req.query.get('per_page'), defaultPer)));
  const page = Math.max(1, int(req.query.get('page'), 1));
  const last = Math.max(1, Math.ceil(items.length / per));
  const link = (p: number): string => {
    const u = new URL(req.url);
    u.searchParams.set('page', String(p));
    u.searchParams.set('per_page', String(per));
    return u.toString();
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`);
  if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
  return {
    slice: items.slice((page - 1) * per, page * per),
    headers: rels.length > 0 ? { link: rels.join(', ') } : {},
  };
}

function findRepo(ds: Dataset, host: string, owner: string, name: string): GhRepo | undefined {
  return ds.repos.find(
    (r) =>
      r.host === host &&
      r.owner.toLowerCase() === owner.toLowerCase() &&
      r.name.toLowerCase() === name.toLowerCase(),
  );
}

/** A sha (or ≥7-char prefix), tag, or branch name on the linear main history. */
export function resolveRef(
  ds: Dataset,
  repo: GhRepo,
  ref: string,
): { commit: GhCommit; index: number } | undefined {
  const full = `${repo.owner}/${repo.name}`;
  const commits = indexOf(ds).commitsByRepo.get(repoKey(repo.host, full)) ?? [];
  if (ref === repo.defaultBranch || ref === 'HEAD') {
    const c = commits[commits.length - 1];
    return c ? { commit: c, index: commits.length - 1 } : undefined;
  }
  const rel = (indexOf(ds).releasesByRepo.get(repoKey(repo.host, full)) ?? []).find((r) => r.tag === ref);
  const sha = rel?.targetSha ?? ref.toLowerCase();
  if (sha.length < 7) return undefined;
  const index = commits.findIndex((c) => c.sha.startsWith(sha));
  const commit = commits[index];
  return commit ? { commit, index } : undefined;
}

export function githubRest(
  req: ReplicaRequest,
  ds: Dataset,
  host: string,
  path: string,
  roots: Roots,
): ReplicaResponse | undefined {
  if (req.method !== 'GET') return undefined;
  const idx = indexOf(ds);
  const email = (login: string) =>
    ds.people.find((p) => p.login === login)?.email ?? `${login}@users.noreply.github.com`;
  if (path === '/user') {
    // https://docs.github.com/rest/users/users#get-the-authenticated-user (no reference file)
    const login = viewerLogin(host);
    const person = ds.people.find((p) => p.login === login);
    return json(200, {
      ...userJson(login, roots),
      name: person?.name ?? login,
      company: '@acme',
      blog: '',
      location: null,
      email: person?.email ?? null,
      hireable: null,
      bio: null,
      twitter_username: null,
      public_repos: 2,
      public_gists: 0,
      followers: 3,
      following: 1,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2026-03-01T00:00:00Z',
    });
  }
  if (path === '/search/issues') {
    const q = req.query.get('q') ?? '';
    if (q.trim() === '')
      return json(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Search', field: 'q', code: 'missing' }],
        documentation_url: 'https://docs.github.com/rest/search/search#search-issues-and-pull-requests',
        status: '422',
      });
    const tooLong = searchLimitError(q);
    if (tooLong)
      return json(422, {
        message: 'Validation Failed',
        errors: [{ message: tooLong, resource: 'Search', field: 'q', code: 'invalid' }],
        documentation_url: 'https://docs.github.com/rest/search/search#search-issues-and-pull-requests',
        status: '422',
      });
    const hits = searchItems(ds, host, q, req.query.get('sort'), req.query.get('order'));
    const { slice, headers } = paged(req, hits);
    return json(
      200,
      {
        total_count: hits.length,
        incomplete_results: false,
        items: slice.map((i) => searchItemJson(i, roots, 1)),
      },
      headers,
    );
  }
  const head = match('/repos/:owner/:repo', path.split('/').slice(0, 4).join('/'));
  if (!head) return undefined;
  const repo = findRepo(ds, host, head.owner ?? '', head.repo ?? '');
  if (!repo) return notFound('repos/repos#get-a-repository');
  const full = `${repo.owner}/${repo.name}`;
  const rest = path.split('/').slice(4).join('/');
  if (rest === '') return json(200, repoJson(repo, roots));
  if (rest === 'pulls') {
    const state = req.query.get('state') ?? 'open';
    const sort = req.query.get('sort') ?? 'created';
    const dir = (req.query.get('direction') ?? 'desc') === 'asc' ? 1 : -1;
    const list = ds.pulls
      .filter((p) => p.host === host && p.repo === full && (state === 'all' || p.state === state))
      .sort(
        (a, b) =>
          (sort === 'updated'
            ? a.updatedAt.localeCompare(b.updatedAt)
            : a.createdAt.localeCompare(b.createdAt)) * dir,
      );
    const { slice, headers } = paged(req, list);
    return json(
      200,
      slice.map((p) => pullSimpleJson(p, repo, roots)),
      headers,
    );
  }
  let m = match('pulls/:n', rest);
  if (m) {
    const p = idx.pull.get(itemKey(host, full, int(m.n, -1)));
    return p ? json(200, pullJson(p, repo, roots)) : notFound('pulls/pulls#get-a-pull-request');
  }
  m = match('issues/:n', rest);
  if (m) {
    const key = itemKey(host, full, int(m.n, -1));
    const pull = idx.pull.get(key);
    const issue = idx.ghIssue.get(key);
    if (pull) return json(200, issueJson({ kind: 'pull', pull }, roots));
    if (issue) return json(200, issueJson({ kind: 'issue', issue }, roots));
    return notFound('issues/issues#get-an-issue');
  }
  const releases = [...(idx.releasesByRepo.get(repoKey(host, full)) ?? [])].sort((a, b) =>
    b.publishedAt.localeCompare(a.publishedAt),
  );
  if (rest === 'releases') {
    const { slice, headers } = paged(req, releases);
    return json(
      200,
      slice.map((r) => releaseJson(r, roots)),
      headers,
    );
  }
  if (rest === 'releases/latest')
    return releases[0]
      ? json(200, releaseJson(releases[0], roots))
      : notFound('releases/releases#get-the-latest-release');
  m = match('releases/tags/:tag', rest);
  if (m) {
    const r = releases.find((x) => x.tag === m?.tag);
    return r ? json(200, releaseJson(r, roots)) : notFound('releases/releases#get-a-release-by-tag-name');
  }
  m = match('commits/:ref', rest);
  if (m) {
    const hit = resolveRef(ds, repo, m.ref ?? '');
    if (!hit)
      return json(422, {
        message: `No commit found for SHA: ${m.ref}`,
        documentation_url: 'https://docs.github.com/rest/commits/commits#get-a-commit',
        status: '422',
      });
    const add = 10 + (hit.index % 7) * 3;
    return json(200, {
      ...commitJson(hit.commit, roots, email),
      stats: { total: add + 2, additions: add, deletions: 2 },
      files: [],
    });
  }
  m = match('compare/:basehead', rest);
  if (m) return compare(req, ds, repo, m.basehead ?? '', roots, email);
  return undefined;
}

function compare(
  _req: ReplicaRequest,
  ds: Dataset,
  repo: GhRepo,
  basehead: string,
  roots: Roots,
  email: (l: string) => string,
): ReplicaResponse {
  const [baseRef, headRef] = basehead.split('...');
  const base = baseRef ? resolveRef(ds, repo, baseRef) : undefined;
  const head = headRef ? resolveRef(ds, repo, headRef) : undefined;
  if (!base || !head) return notFound('commits/commits#compare-two-commits');
  const full = `${repo.owner}/${repo.name}`;
  const commits = indexOf(ds).commitsByRepo.get(repoKey(repo.host, full)) ?? [];
  const ahead = Math.max(0, head.index - base.index);
  const behind = Math.max(0, base.index - head.index);
  const status = ahead > 0 ? 'ahead' : behind > 0 ? 'behind' : 'identical';
  const mergeBase = ahead > 0 || status === 'identical' ? base.commit : head.commit;
  const a = `${roots.api}/repos/${full}`;
  // GitHub lists at most 250 commits in a comparison
  const slice = commits.slice(base.index + 1, head.index + 1).slice(0, 250);
  return json(200, {
    url: `${a}/compare/${basehead}`,
    html_url: `${roots.web}/${full}/compare/${basehead}`,
    permalink_url: `${roots.web}/${full}/compare/${repo.owner}:${base.commit.sha}...${repo.owner}:${head.commit.sha}`,
    diff_url: `${roots.web}/${full}/compare/${basehead}.diff`,
    patch_url: `${roots.web}/${full}/compare/${basehead}.patch`,
    base_commit: commitJson(base.commit, roots, email),
    merge_base_commit: commitJson(mergeBase, roots, email),
    status,
    ahead_by: ahead,
    behind_by: behind,
    total_commits: ahead,
    commits: slice.map((c) => commitJson(c, roots, email)),
    files: [],
  });
}
