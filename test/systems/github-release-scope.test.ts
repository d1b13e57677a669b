/**
 * What a GitHub release or compare view holds, read from the replica as from GitHub: the compare's commits, then
 * their pull requests in one GraphQL document (`Commit.associatedPullRequests`).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { settingsSchema } from '../../src/core/settings';
import { createGithubProvider, type GithubProvider } from '../../src/systems/github/provider';
import { githubReleasePage } from '../../src/systems/github/release-pages';
import { githubReleaseScope } from '../../src/systems/github/release-scope';
import { replicaSettings } from '../replica/credentials';
import type { Replica } from '../replica/server';
import { onReplica } from '../providers/on-replica';

z.config({ jitless: true });

let replica: Replica;
let github: GithubProvider;
onReplica({}, (r) => {
  replica = r;
});
beforeAll(() => {
  const connection = settingsSchema.parse(replicaSettings({ include: ['github'] })).connections[0];
  if (!connection) throw new Error('no github connection');
  github = createGithubProvider({ connection, fetch: replica.fetch, retries: 0 });
});

/** The merged pull requests of acme/shop-api whose merge commits lie between two releases, from the dataset. */
function mergedBetween(from: string | undefined, to: string | undefined): string[] {
  const ds = replica.dataset;
  const commits = ds.commits.filter((c) => c.host === 'github.com' && c.repo === 'acme/shop-api');
  const at = (tag: string | undefined) => {
    const sha = ds.releases.find((r) => r.repo === 'acme/shop-api' && r.tag === tag)?.targetSha;
    return tag === 'main' ? commits.length - 1 : commits.findIndex((c) => c.sha === sha);
  };
  const [lo, hi] = [at(from), at(to)];
  return ds.pulls
    .filter((p) => p.host === 'github.com' && p.repo === 'acme/shop-api' && p.merged)
    .filter((p) => {
      const i = commits.findIndex((c) => c.sha === p.mergeCommitSha);
      return i > lo && i <= hi;
    })
    .map((p) => `github:acme/shop-api#${p.number}`);
}

describe('GitHub release scope', () => {
  test('a compare of two tags: its merged pull requests, the head release named and dated', async () => {
    const scope = await github.releaseScope(
      new URL('https://github.com/acme/shop-api/compare/v2.4.0...v2.4.1'),
    );
    expect(scope?.release).toMatchObject({
      kind: 'compare',
      name: 'v2.4.1',
      scope: 'acme/shop-api',
      upcoming: false,
      date: '2026-03-12T10:00:00Z',
    });
    const expected = mergedBetween('v2.4.0', 'v2.4.1');
    expect(expected).toContain('github:acme/shop-api#42');
    expect([...(scope?.refs ?? [])].sort()).toEqual([...expected].sort());
    // one compare, one GraphQL document
    const paths = replica.requests.map((r) => r.path);
    expect(paths.filter((p) => p.includes('/compare/'))).toHaveLength(1);
    expect(paths.filter((p) => p === '/graphql')).toHaveLength(1);
  });

  test('a compare from the last tag to the default branch is upcoming', async () => {
    const scope = await github.releaseScope(
      new URL('https://github.com/acme/shop-api/compare/v2.4.1...main'),
    );
    expect(scope?.release).toMatchObject({ kind: 'compare', name: 'v2.4.1...main', upcoming: true });
    expect(scope?.release.date).toBeUndefined();
    expect(scope?.refs).toContain('github:acme/shop-api#105'); // merged after v2.4.1 was published
    expect([...(scope?.refs ?? [])].sort()).toEqual([...mergedBetween('v2.4.1', 'main')].sort());
  });

  test('a release page: the range from the release before it', async () => {
    const scope = await github.releaseScope(new URL('https://github.com/acme/shop-api/releases/tag/v2.4.1'));
    expect(scope?.release).toMatchObject({ kind: 'release', name: 'v2.4.1', upcoming: false });
    expect([...(scope?.refs ?? [])].sort()).toEqual([...mergedBetween('v2.4.0', 'v2.4.1')].sort());
  });

  test('an address that is no release page is none of its business', async () => {
    expect(await github.releaseScope(new URL('https://github.com/acme/shop-api/pull/42'))).toBeUndefined();
  });
});

describe('GitHub release page addresses', () => {
  test.each([
    ['https://github.com/acme/shop-api/compare/v2.4.0...v2.4.1', { base: 'v2.4.0', head: 'v2.4.1' }],
    ['https://github.com/acme/shop-api/compare/v2.4.0..v2.4.1', { base: 'v2.4.0', head: 'v2.4.1' }],
    [
      'https://github.com/acme/shop-api/compare/release%2F2026-03...main',
      { base: 'release/2026-03', head: 'main' },
    ],
  ])('%s is a compare', (url, refs) => {
    expect(githubReleasePage(new URL(url))).toMatchObject({ kind: 'compare', ...refs });
  });
  test.each([
    'https://github.com/acme/shop-api/compare',
    'https://github.com/acme/shop-api/compare/feature-branch',
    'https://github.com/refined-github/sandbox/compare/default-a...fregante-patch-2?expand=1',
    'https://github.com/sindresorhus/refined-github/compare/master...branch-name?quick_pull=1',
    'https://github.com/acme/shop-api/compare/v2.4.0....v2.4.1',
  ])('%s is not', (url) => {
    expect(githubReleasePage(new URL(url))).toBeUndefined();
  });
});

describe('a draft release', () => {
  test('runs from the last published release to its target branch, and is upcoming', async () => {
    const asked: string[] = [];
    const releases = [
      {
        tag_name: 'v2.5.0',
        name: 'Spring release',
        draft: true,
        html_url: 'https://github.com/acme/shop-api/releases/tag/untagged-5b1e0f0c7a1d2e3f4a5b',
        target_commitish: 'main',
        published_at: null,
        created_at: '2026-03-20T10:00:00Z',
      },
      {
        tag_name: 'v2.4.1',
        name: 'v2.4.1',
        draft: false,
        html_url: 'https://github.com/acme/shop-api/releases/tag/v2.4.1',
        published_at: '2026-03-12T10:00:00Z',
      },
      {
        tag_name: 'v2.4.0',
        name: 'v2.4.0',
        draft: false,
        html_url: 'https://github.com/acme/shop-api/releases/tag/v2.4.0',
        published_at: '2026-02-20T10:00:00Z',
      },
    ];
    const sha = (n: number) => n.toString(16).padStart(40, '0');
    const scope = await githubReleaseScope(
      {
        refHost: undefined,
        getJson: async (path, schema) => {
          asked.push(path);
          const body = path.endsWith('/releases')
            ? releases
            : { total_commits: 2, commits: [{ sha: sha(1) }, { sha: sha(2) }] };
          return schema.parse(body);
        },
        graphql: async (query, schema) => {
          asked.push('graphql');
          expect(query).toContain('release(tagName: "main")');
          return schema.parse({
            repository: {
              nameWithOwner: 'acme/shop-api',
              defaultBranchRef: { name: 'main' },
              release: null,
              c0: {
                associatedPullRequests: {
                  nodes: [{ number: 105, merged: true, repository: { nameWithOwner: 'acme/shop-api' } }],
                },
              },
              // a pull request of a fork that merged the same commit is not this repository's
              c1: {
                associatedPullRequests: {
                  nodes: [{ number: 9, merged: true, repository: { nameWithOwner: 'fork/shop-api' } }],
                },
              },
            },
          });
        },
      },
      new URL('https://github.com/acme/shop-api/releases/tag/untagged-5b1e0f0c7a1d2e3f4a5b'),
    );
    expect(asked).toEqual([
      '/repos/acme/shop-api/releases',
      '/repos/acme/shop-api/compare/v2.4.1...main',
      'graphql',
    ]);
    expect(scope).toEqual({
      release: { kind: 'release', name: 'Spring release', scope: 'acme/shop-api', upcoming: true },
      refs: ['github:acme/shop-api#105'],
    });
  });

  test('a range longer than GitHub lists says what is missing', async () => {
    const scope = await githubReleaseScope(
      {
        refHost: undefined,
        getJson: async (_path, schema) =>
          schema.parse({ total_commits: 412, commits: [{ sha: 'a'.repeat(40) }] }),
        graphql: async (_query, schema) =>
          schema.parse({
            repository: { nameWithOwner: 'acme/shop-api', defaultBranchRef: { name: 'main' }, c0: null },
          }),
      },
      new URL('https://github.com/acme/shop-api/compare/v1.0.0...v2.0.0'),
    );
    expect(scope?.release.capped).toBe(
      'The comparison holds 412 commits; GitHub lists the first 1, so pull requests merged later are missing.',
    );
  });
});
