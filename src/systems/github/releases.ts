import { z } from 'zod';
import type { Item } from '../../core/model';
import { parseRef } from '../../core/refs';
import { listOf } from '../../providers/items';

/**
 * Which GitHub release first shipped a merged PR, for all the PRs of a context in one GraphQL request: every
 * repository's recent releases (an alias per repository), each with the history of its tag commit since the
 * oldest merge (`Release.tagCommit.history(since:)`, newest first, 100 a page). A release contains a merge commit
 * when the commit is in its tag's history; the answer for a PR is the oldest release, published at or after the
 * merge, that contains it. A history longer than one page is read further (one request a round for all of them,
 * only for releases that could still be a PR's answer), at most `historyPages` pages per release.
 *
 * Fields checked against @octokit/graphql-schema (Repository.releases(orderBy), Release.tagCommit,
 * Commit.history(since), Repository.release(tagName)); the test validates both documents.
 */

export interface ReleaseInfo {
  name: string;
  tag: string;
  url: string;
  publishedAt?: string;
}

export interface PullRelease {
  pull: string;
  release: ReleaseInfo;
}

export interface ReleaseLookupOptions {
  /** Releases read per repository (newest first). */
  perRepo: number;
  /** Pages of 100 commits read per release tag at most. */
  historyPages: number;
  signal?: AbortSignal;
}

/** Runs one GraphQL document and returns its `data`, validated by `schema` (the provider's transport). */
export type RunGraphql = <S extends z.ZodType>(
  query: string,
  schema: S,
  signal?: AbortSignal,
) => Promise<z.output<S>>;

interface MergedPull {
  ref: string;
  owner: string;
  repo: string;
  mergedAt: number;
  sha: string;
}

const historySchema = z.looseObject({
  pageInfo: z.looseObject({ hasNextPage: z.boolean(), endCursor: z.string().nullable().optional() }),
  nodes: z.array(z.looseObject({ oid: z.string() }).nullable()).nullable(),
});
const tagCommitSchema = z.looseObject({ oid: z.string(), history: historySchema }).nullable().optional();
const releaseNodeSchema = z.looseObject({
  tagName: z.string(),
  name: z.string().nullable().optional(),
  url: z.string(),
  publishedAt: z.string().nullable().optional(),
  createdAt: z.string().nullable().optional(),
  isDraft: z.boolean().optional(),
  tagCommit: tagCommitSchema,
});
type ReleaseNode = z.infer<typeof releaseNodeSchema>;

/** `data.rN` of the first document: a repository (null when gone or invisible to the token). */
export const releasesDataSchema = z.record(
  z.string(),
  z
    .looseObject({
      // A release that does not validate is left out: the PR's answer is then a later release, or none.
      releases: z.looseObject({ nodes: listOf(releaseNodeSchema.nullable(), () => undefined).nullable() }),
    })
    .nullable(),
);
/** `data.hN` of a follow-up: one more page of one release's tag history. */
export const historyDataSchema = z.record(
  z.string(),
  z.looseObject({ release: z.looseObject({ tagCommit: tagCommitSchema }).nullable() }).nullable(),
);

const literal = (s: string) => JSON.stringify(s);
const HISTORY_FIELDS = 'pageInfo { hasNextPage endCursor } nodes { oid }';
/** Commit dates can precede the merge a little (clocks, rebases): the histories start a day before it. */
const SINCE_MARGIN_MS = 24 * 60 * 60 * 1000;

export function releasesQuery(
  repos: readonly { owner: string; repo: string; since: string }[],
  perRepo: number,
): string {
  const blocks = repos.map(
    ({ owner, repo, since }, i) =>
      `  r${i}: repository(owner: ${literal(owner)}, name: ${literal(repo)}) {\n` +
      `    releases(first: ${perRepo}, orderBy: { field: CREATED_AT, direction: DESC }) {\n` +
      '      nodes { tagName name url publishedAt createdAt isDraft\n' +
      `        tagCommit { oid history(first: 100, since: ${literal(since)}) { ${HISTORY_FIELDS} } } }\n` +
      '    }\n  }',
  );
  return `query LiaisonReleases {\n${blocks.join('\n')}\n}`;
}

export function historyQuery(
  pages: readonly { owner: string; repo: string; tag: string; since: string; after: string }[],
): string {
  const blocks = pages.map(
    ({ owner, repo, tag, since, after }, i) =>
      `  h${i}: repository(owner: ${literal(owner)}, name: ${literal(repo)}) {\n` +
      `    release(tagName: ${literal(tag)}) { tagCommit { oid history(first: 100, since: ${literal(since)}, after: ${literal(after)}) { ${HISTORY_FIELDS} } } }\n` +
      '  }',
  );
  return `query LiaisonReleaseHistory {\n${blocks.join('\n')}\n}`;
}

/** One repository's releases oldest first, each with the commits read so far and where its history goes on. */
interface Candidate {
  node: ReleaseNode;
  published: number;
  commits: Set<string>;
  next: string | undefined;
  pages: number;
}

function mergedPulls(pulls: readonly Item[]): MergedPull[] {
  return pulls.flatMap((item) => {
    const ref = parseRef(item.ref);
    const { merged, mergedAt, mergeCommit } = item.pull ?? {};
    const at = Date.parse(mergedAt ?? '');
    if (ref?.system !== 'github' || !merged || Number.isNaN(at) || !mergeCommit) return [];
    return [
      { ref: item.ref, owner: ref.owner, repo: ref.repo, mergedAt: at, sha: mergeCommit.toLowerCase() },
    ];
  });
}

export async function releasesContaining(
  run: RunGraphql,
  pulls: readonly Item[],
  options: ReleaseLookupOptions,
): Promise<PullRelease[]> {
  const byRepo = new Map<string, MergedPull[]>();
  for (const pull of mergedPulls(pulls)) {
    const key = `${pull.owner}/${pull.repo}`.toLowerCase();
    byRepo.set(key, [...(byRepo.get(key) ?? []), pull]);
  }
  const repos = [...byRepo.values()].flatMap((list) => {
    const first = list[0];
    if (!first) return [];
    const oldest = Math.min(...list.map((p) => p.mergedAt));
    return [
      {
        owner: first.owner,
        repo: first.repo,
        since: new Date(oldest - SINCE_MARGIN_MS).toISOString(),
        pulls: list,
      },
    ];
  });
  if (repos.length === 0) return [];

  const data = await run(releasesQuery(repos, options.perRepo), releasesDataSchema, options.signal);
  const candidates = repos.map((_, i) =>
    (data[`r${i}`]?.releases.nodes ?? [])
      .flatMap((node): Candidate[] => {
        const published = Date.parse(node?.publishedAt ?? node?.createdAt ?? '');
        if (!node || node.isDraft || Number.isNaN(published)) return [];
        const history = node.tagCommit?.history;
        return [
          {
            node,
            published,
            commits: new Set((history?.nodes ?? []).flatMap((c) => (c ? [c.oid.toLowerCase()] : []))),
            next: history?.pageInfo.hasNextPage ? (history.pageInfo.endCursor ?? undefined) : undefined,
            pages: 1,
          },
        ];
      })
      .sort((a, b) => a.published - b.published),
  );

  const answers = new Map<string, Candidate>();
  for (let round = 1; ; round++) {
    // For each PR not answered yet: the oldest release after its merge that holds the commit, unless an older one
    // has more history to read first.
    const wanted = new Map<Candidate, number>(); // release → its repository's index
    repos.forEach(({ pulls: list }, i) => {
      for (const pull of list) {
        if (answers.has(pull.ref)) continue;
        for (const c of candidates[i] ?? []) {
          if (c.published < pull.mergedAt) continue;
          if (c.commits.has(pull.sha)) {
            answers.set(pull.ref, c);
            break;
          }
          if (c.next && c.pages < options.historyPages) {
            wanted.set(c, i);
            break;
          }
        }
      }
    });
    if (wanted.size === 0 || round >= options.historyPages) break;
    const pages = [...wanted].map(([c, i]) => {
      const { owner, repo, since } = repos[i] as (typeof repos)[number];
      return { c, owner, repo, since, tag: c.node.tagName, after: c.next ?? '' };
    });
    const more = await run(historyQuery(pages), historyDataSchema, options.signal);
    pages.forEach(({ c }, n) => {
      const history = more[`h${n}`]?.release?.tagCommit?.history;
      c.pages += 1;
      for (const commit of history?.nodes ?? []) if (commit) c.commits.add(commit.oid.toLowerCase());
      c.next = history?.pageInfo.hasNextPage ? (history.pageInfo.endCursor ?? undefined) : undefined;
    });
  }

  return repos.flatMap(({ pulls: list }) =>
    list.flatMap((pull) => {
      const c = answers.get(pull.ref);
      return c ? [{ pull: pull.ref, release: releaseInfo(c.node) }] : [];
    }),
  );
}

function releaseInfo(r: ReleaseNode): ReleaseInfo {
  const publishedAt = r.publishedAt ?? r.createdAt ?? undefined;
  return {
    name: r.name || r.tagName,
    tag: r.tagName,
    url: r.url,
    ...(publishedAt ? { publishedAt } : {}),
  };
}
