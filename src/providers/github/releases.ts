import type { Item } from '../../core/model';
import { parseRef } from '../../core/refs';
import { SourceFailure } from '../errors';
import type { HttpClient } from '../http';
import { compareSchema, type Release, releasesSchema } from './schemas';

/**
 * Which GitHub release first shipped a merged PR. A release contains the merge commit when comparing
 * `{tag}...{mergeCommit}` says the merge commit is `behind` the tag or `identical` to it: the compare
 * endpoint reports how HEAD relates to BASE, and "behind" means BASE has commits HEAD lacks while HEAD has
 * none BASE lacks, i.e. HEAD is an ancestor of BASE. (REST "Compare two commits",
 * https://docs.github.com/en/rest/commits/commits#compare-two-commits; `status` enum diverged | ahead |
 * behind | identical in the OpenAPI schema `commit-comparison`.) `ahead` or `diverged` means the tag lacks
 * the commit.
 *
 * Requests stay bounded: one release list per repository, and per PR only releases published after its merge,
 * probed oldest first, then newest, then by bisection (on a linear main branch containment only grows with
 * time).
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
  /** Releases listed per repository (newest first). */
  perRepo: number;
  /** Compare requests per PR at most. */
  maxCompares: number;
  signal?: AbortSignal;
}

interface MergedPull {
  ref: string;
  owner: string;
  repo: string;
  mergedAt: string;
  sha: string;
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');
const encodeTag = (tag: string) => tag.split('/').map(encodeURIComponent).join('/');
const publishedOf = (r: Release) => r.published_at ?? r.created_at ?? undefined;

function mergedPulls(pulls: readonly Item[]): MergedPull[] {
  return pulls.flatMap((item) => {
    const ref = parseRef(item.ref);
    const { merged, mergedAt, mergeCommit } = item.pull ?? {};
    if (ref?.system !== 'github' || !merged || !mergedAt || !mergeCommit) return [];
    return [{ ref: item.ref, owner: ref.owner, repo: ref.repo, mergedAt, sha: mergeCommit }];
  });
}

export async function releasesContaining(
  http: HttpClient,
  pulls: readonly Item[],
  options: ReleaseLookupOptions,
): Promise<PullRelease[]> {
  const byRepo = new Map<string, MergedPull[]>();
  for (const pull of mergedPulls(pulls)) {
    const key = `${pull.owner}/${pull.repo}`.toLowerCase();
    byRepo.set(key, [...(byRepo.get(key) ?? []), pull]);
  }
  const found: PullRelease[] = [];
  for (const list of byRepo.values()) {
    const first = list[0];
    if (!first) continue;
    const releases = await listReleases(http, first.owner, first.repo, options);
    const contains = containmentProbe(http, first.owner, first.repo, options.signal);
    for (const pull of list) {
      const release = await firstContaining(pull, releases, contains, options.maxCompares);
      if (release) found.push({ pull: pull.ref, release: releaseInfo(release) });
    }
  }
  return found;
}

async function listReleases(http: HttpClient, owner: string, repo: string, options: ReleaseLookupOptions) {
  try {
    return await http.get(`/repos/${path(owner, repo)}/releases`, releasesSchema, {
      searchParams: { per_page: options.perRepo },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    // repo gone or invisible to the token
    if (error instanceof SourceFailure && error.kind === 'not-found') return [];
    throw error;
  }
}

/** Does the release's tag contain the commit? Answers are cached per tag and commit. */
function containmentProbe(http: HttpClient, owner: string, repo: string, signal?: AbortSignal) {
  const cache = new Map<string, Promise<boolean>>();
  return (tag: string, sha: string): Promise<boolean> => {
    const key = `${tag}\n${sha}`;
    let answer = cache.get(key);
    if (!answer) {
      answer = http
        .get(
          `/repos/${path(owner, repo)}/compare/${encodeTag(tag)}...${encodeURIComponent(sha)}`,
          compareSchema,
          {
            searchParams: { per_page: 1 },
            ...(signal ? { signal } : {}),
          },
        )
        .then((c) => c.status === 'behind' || c.status === 'identical')
        .catch((error: unknown) => {
          // 404: the commit is not in this repository (a fork's merge) or the tag vanished: not contained.
          if (error instanceof SourceFailure && error.kind === 'not-found') return false;
          throw error;
        });
      cache.set(key, answer);
    }
    return answer;
  };
}

async function firstContaining(
  pull: MergedPull,
  releases: readonly Release[],
  contains: (tag: string, sha: string) => Promise<boolean>,
  maxCompares: number,
): Promise<Release | undefined> {
  const merged = Date.parse(pull.mergedAt);
  const candidates = releases
    .filter((r) => !r.draft && Date.parse(publishedOf(r) ?? '') >= merged)
    .sort((a, b) => Date.parse(publishedOf(a) ?? '') - Date.parse(publishedOf(b) ?? ''));
  let budget = maxCompares;
  const probe = async (r: Release) => {
    budget--;
    return contains(r.tag_name, pull.sha);
  };
  const oldest = candidates[0];
  if (!oldest || budget < 1) return undefined;
  if (await probe(oldest)) return oldest;
  let hi = candidates.length - 1;
  const newest = candidates[hi];
  if (hi === 0 || !newest || budget < 1 || !(await probe(newest))) return undefined;
  // Invariant: candidates[lo] lacks the commit, candidates[hi] has it.
  let lo = 0;
  while (hi - lo > 1 && budget > 0) {
    const mid = (lo + hi) >> 1;
    const release = candidates[mid];
    if (release && (await probe(release))) hi = mid;
    else lo = mid;
  }
  return hi - lo === 1 ? candidates[hi] : undefined;
}

function releaseInfo(r: Release): ReleaseInfo {
  const publishedAt = publishedOf(r);
  return {
    name: r.name || r.tag_name,
    tag: r.tag_name,
    url: r.html_url,
    ...(publishedAt ? { publishedAt } : {}),
  };
}
