import { z } from 'zod';
import { MAX_RELEASE_REFS, type ReleaseScope, type ReleaseSummary } from '../../core/release';
import { listOf } from '../../providers/items';
import { githubItemRef } from './refs';
import { githubReleasePage } from './release-pages';
import type { RunGraphql } from './releases';

/**
 * What a GitHub release or compare view holds (issue 13, the service desk brief): the pull requests merged in the
 * range, found through the commits.
 *
 * 1. The range's commits: `GET /repos/{o}/{r}/compare/{base}...{head}`, which lists at most 250 commits
 *    (https://docs.github.com/en/rest/commits/commits#compare-two-commits: "The response includes a comparison of up
 *    to 250 commits"; reference `github/compare-commits.json`). A longer range is read as far as that and the brief
 *    says so (`capped`), rather than paging through thousands of commits for one panel.
 * 2. Their pull requests in one GraphQL document: `Commit.associatedPullRequests` per commit, one alias each, with
 *    the repository's default branch and the head's release beside them (fields checked against
 *    @octokit/graphql-schema, `github/graphql-notes.md`). Only merged pull requests of the repository count.
 *
 * A release page is the range from the release before it (published before it, not a draft) to its tag; a draft,
 * whose tag may not exist yet, runs to its target branch, so it reads as upcoming. The releases come from
 * `GET /repos/{o}/{r}/releases` (drafts included for people who can push:
 * https://docs.github.com/en/rest/releases/releases#list-releases), matched by tag or by the page's address
 * (a draft's page is `/releases/tag/untagged-…`).
 */

export interface ReleaseScopeDeps {
  /** The connection's host for references (undefined on github.com). */
  refHost: string | undefined;
  getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    signal?: AbortSignal,
    searchParams?: Record<string, number>,
  ): Promise<z.output<S>>;
  graphql: RunGraphql;
}

/** Commits read from one comparison (GitHub's own cap). */
export const MAX_COMPARE_COMMITS = 250;

const compareSchema = z.looseObject({
  total_commits: z.number().int().min(0),
  commits: z.array(z.looseObject({ sha: z.string().regex(/^[0-9a-f]{40}$/i) })).max(1000),
});

const releaseSchema = z.looseObject({
  tag_name: z.string().max(256),
  name: z.string().max(256).nullable().optional(),
  draft: z.boolean(),
  prerelease: z.boolean().optional(),
  html_url: z.string(),
  target_commitish: z.string().max(256).nullable().optional(),
  published_at: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
});
type Release = z.infer<typeof releaseSchema>;
const releasesSchema = listOf(releaseSchema, (raw) => (raw as { tag_name?: string })?.tag_name);

const pullNodeSchema = z.looseObject({
  number: z.number().int().positive(),
  merged: z.boolean(),
  repository: z.looseObject({ nameWithOwner: z.string() }),
});
const commitSchema = z
  .looseObject({
    associatedPullRequests: z
      .looseObject({ nodes: listOf(pullNodeSchema.nullable(), () => undefined).nullable() })
      .nullable()
      .optional(),
  })
  .nullable();
const compareDataSchema = z.object({
  repository: z
    .looseObject({
      nameWithOwner: z.string(),
      defaultBranchRef: z.looseObject({ name: z.string() }).nullable().optional(),
      release: z
        .looseObject({
          name: z.string().nullable().optional(),
          tagName: z.string(),
          isDraft: z.boolean(),
          publishedAt: z.string().nullable().optional(),
        })
        .nullable()
        .optional(),
    })
    .catchall(commitSchema)
    .nullable(),
});

const literal = (s: string) => JSON.stringify(s);
const path = encodeURIComponent;

export async function githubReleaseScope(
  deps: ReleaseScopeDeps,
  page: URL,
  signal?: AbortSignal,
): Promise<ReleaseScope | undefined> {
  const at = githubReleasePage(page);
  if (!at) return undefined;
  const { owner, repo } = at;
  if (at.kind === 'compare') {
    const range = await pullsInRange(deps, owner, repo, at.base, at.head, signal);
    const release = range.release;
    const summary: ReleaseSummary = {
      kind: 'compare',
      name: release ? release.name || release.tagName : `${at.base}...${at.head}`,
      scope: range.nameWithOwner,
      upcoming: at.head === range.defaultBranch || release?.isDraft === true,
      ...(release?.publishedAt && !release.isDraft ? { date: release.publishedAt } : {}),
      ...(range.capped ? { capped: range.capped } : {}),
    };
    return { release: summary, refs: range.refs };
  }
  const releases = await deps.getJson(
    `/repos/${path(owner)}/${path(repo)}/releases`,
    releasesSchema,
    signal,
    { per_page: 100 },
  );
  const shown = releases.find(
    (r) => r.tag_name === at.tag || webPath(r.html_url) === page.pathname.replace(/\/$/, ''),
  );
  if (!shown) return undefined;
  const previous = previousRelease(releases, shown);
  const head = shown.draft ? shown.target_commitish || undefined : shown.tag_name;
  const range =
    previous && head ? await pullsInRange(deps, owner, repo, previous.tag_name, head, signal) : undefined;
  const summary: ReleaseSummary = {
    kind: 'release',
    name: shown.name || shown.tag_name,
    scope: range?.nameWithOwner ?? `${owner}/${repo}`,
    upcoming: shown.draft,
    ...(shown.published_at && !shown.draft ? { date: shown.published_at } : {}),
    ...(range?.capped ? { capped: range.capped } : {}),
  };
  return { release: summary, refs: range?.refs ?? [] };
}

function webPath(url: string): string | undefined {
  try {
    return new URL(url).pathname.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

/** The published release before this one (by publication; a draft's is the latest published one). */
function previousRelease(releases: readonly Release[], shown: Release): Release | undefined {
  const when = (r: Release) => r.published_at ?? r.created_at ?? '';
  return releases
    .filter((r) => r !== shown && !r.draft && (shown.draft || when(r) < when(shown)))
    .sort((a, b) => (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : 0))[0];
}

async function pullsInRange(
  deps: ReleaseScopeDeps,
  owner: string,
  repo: string,
  base: string,
  head: string,
  signal?: AbortSignal,
) {
  const compare = await deps.getJson(
    `/repos/${path(owner)}/${path(repo)}/compare/${path(base)}...${path(head)}`,
    compareSchema,
    signal,
  );
  const commits = compare.commits.slice(0, MAX_COMPARE_COMMITS);
  const aliases = commits.map(
    (c, i) =>
      `c${i}: object(oid: ${literal(c.sha)}) { ... on Commit { associatedPullRequests(first: 5) { nodes { number merged repository { nameWithOwner } } } } }`,
  );
  const query = `query { repository(owner: ${literal(owner)}, name: ${literal(repo)}) { nameWithOwner defaultBranchRef { name } release(tagName: ${literal(head)}) { name tagName isDraft publishedAt } ${aliases.join(' ')} } }`;
  const data = await deps.graphql(query, compareDataSchema, signal);
  const repository = data.repository;
  const nameWithOwner = repository?.nameWithOwner ?? `${owner}/${repo}`;
  const numbers: number[] = [];
  for (let i = 0; i < commits.length; i++) {
    const commit = repository?.[`c${i}`] as z.infer<typeof commitSchema> | undefined;
    for (const pull of commit?.associatedPullRequests?.nodes ?? []) {
      if (!pull?.merged || pull.repository.nameWithOwner.toLowerCase() !== nameWithOwner.toLowerCase())
        continue;
      if (!numbers.includes(pull.number)) numbers.push(pull.number);
    }
  }
  const [realOwner = owner, realRepo = repo] = nameWithOwner.split('/');
  const refs = numbers
    .slice(0, MAX_RELEASE_REFS)
    .map((n) => githubItemRef(deps.refHost, realOwner, realRepo, n));
  const cappedParts = [
    compare.total_commits > commits.length
      ? `The comparison holds ${compare.total_commits} commits; GitHub lists the first ${commits.length}, so pull requests merged later are missing.`
      : '',
    numbers.length > MAX_RELEASE_REFS
      ? `${numbers.length} pull requests were merged; the brief follows the first ${MAX_RELEASE_REFS}.`
      : '',
  ].filter(Boolean);
  return {
    refs,
    nameWithOwner,
    defaultBranch: repository?.defaultBranchRef?.name,
    release: repository?.release ?? undefined,
    ...(cappedParts.length > 0 ? { capped: cappedParts.join(' ') } : {}),
  };
}
