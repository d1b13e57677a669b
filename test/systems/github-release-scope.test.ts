/**
 * What a GitHub release or compare view holds, read from the replica as from GitHub: the compare's commits, then
 * their pull requests in one GraphQL document (`Commit.associatedPullRequests`).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { settingsSchema } from '../../src/core/settings';
import { createGithubProvider, type GithubProvider } from '../../src/systems/github/provider';
import { githubReleasePage } from '../../src/systems/github/release-pages';
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
