/**
 * The fixed story, GitHub side: acme/shop-api #42 (merged, in release v2.4.1), #43 (open), #44 (no key),
 * acme/web#7 (issue naming OPS-12), and on GitHub Enterprise (ghe.acme.test) platform/billing#5 for PLAT-5.
 * other-co/app#7 is another company's public pull request whose text names the same keys (SHOP-101, SHOP-102,
 * INC0010001 are common shapes): a search that is not scoped to acme finds it, and it must never be linked.
 * Commit history and release targets are derived in history.ts from merge dates.
 */
import { stableHex } from './prng.ts';
import type { GhIssue, GhPull, GhRelease, GhRepo } from './types.ts';

export const storyRepos: GhRepo[] = [
  repo('github.com', 500001, 'acme', 'shop-api', 'Checkout, cart and pricing API'),
  repo('github.com', 500002, 'acme', 'web', 'Storefront web app'),
  repo('ghe.acme.test', 700001, 'platform', 'billing', 'Billing exports and invoicing'),
  repo('github.com', 500901, 'other-co', 'app', "Another company's public app"),
];

function repo(host: GhRepo['host'], id: number, owner: string, name: string, description: string): GhRepo {
  return {
    host,
    id,
    owner,
    name,
    description,
    defaultBranch: 'main',
    private: host !== 'github.com',
    createdAt: '2024-05-01T10:00:00Z',
  };
}

export const mergeSha = (repoName: string, n: number): string => stableHex(`gh:${repoName}:pull:${n}:merge`);

function pull(
  p: Partial<GhPull> & Pick<GhPull, 'repo' | 'number' | 'title' | 'headRef' | 'createdAt' | 'author'>,
): GhPull {
  const merged = p.merged ?? false;
  return {
    host: 'github.com',
    id: 900000 + p.number,
    body: '',
    state: merged ? 'closed' : 'open',
    merged,
    draft: false,
    updatedAt: p.mergedAt ?? p.createdAt,
    baseRef: 'main',
    headSha: stableHex(`gh:${p.repo}:pull:${p.number}:head`),
    baseSha: stableHex(`gh:${p.repo}:pull:${p.number}:base`),
    mergeCommitSha: merged ? mergeSha(p.repo, p.number) : undefined,
    closedAt: p.mergedAt,
    labels: [],
    reviews: [],
    comments: [],
    commits: 1,
    additions: 10,
    deletions: 2,
    changedFiles: 1,
    closingIssues: [],
    ...p,
  };
}

export function storyPulls(): GhPull[] {
  return [
    pull({
      repo: 'acme/shop-api',
      number: 42,
      title: 'SHOP-101: stream cart totals instead of loading every item',
      body: 'Computes cart totals with a streaming aggregate so large carts no longer time out.\n\nFixes SHOP-101.',
      headRef: 'fix/SHOP-101-checkout-timeout',
      author: 'mona-dev',
      createdAt: '2026-03-05T09:30:00Z',
      merged: true,
      mergedAt: '2026-03-10T15:20:00Z',
      labels: ['bug', 'checkout'],
      reviews: [{ author: 'hubert-r', state: 'APPROVED', at: '2026-03-10T14:00:00Z' }],
      comments: [{ author: 'hubert-r', body: 'Verified with a 500-item cart.', at: '2026-03-10T13:55:00Z' }],
      commits: 4,
      additions: 182,
      deletions: 61,
      changedFiles: 6,
    }),
    pull({
      repo: 'acme/shop-api',
      number: 43,
      title: 'SHOP-102: keep coupon code in mobile checkout',
      body: 'The mobile form reset dropped the coupon field.',
      headRef: 'fix/SHOP-102-mobile-coupons',
      author: 'hubert-r',
      createdAt: '2026-03-13T10:00:00Z',
      updatedAt: '2026-03-14T16:40:00Z',
      labels: ['bug', 'mobile'],
      reviews: [{ author: 'mona-dev', state: 'CHANGES_REQUESTED', at: '2026-03-14T09:00:00Z' }],
      commits: 2,
      additions: 24,
      deletions: 3,
      changedFiles: 2,
    }),
    pull({
      repo: 'acme/shop-api',
      number: 44,
      title: 'Bump dependencies',
      body: 'Routine dependency updates.',
      headRef: 'chore/bump-deps',
      author: 'priya-n',
      createdAt: '2026-03-15T08:00:00Z',
      labels: ['dependencies'],
      commits: 1,
      additions: 40,
      deletions: 40,
      changedFiles: 2,
    }),
    pull({
      repo: 'other-co/app',
      number: 7,
      title: 'SHOP-101 and SHOP-102: retry the payment webhook',
      body: 'Our tracker calls these SHOP-101 and SHOP-102; support ticket INC0010001.',
      headRef: 'fix/SHOP-101-webhook',
      author: 'stranger',
      createdAt: '2026-03-12T08:00:00Z',
    }),
    pull({
      host: 'ghe.acme.test',
      repo: 'platform/billing',
      number: 5,
      title: 'PLAT-5: stream billing export rows',
      body: 'Removes the 10,000 row cap.',
      headRef: 'fix/PLAT-5-export-cap',
      author: 'priya-n',
      createdAt: '2026-02-20T10:00:00Z',
      merged: true,
      mergedAt: '2026-02-26T10:00:00Z',
      reviews: [{ author: 'mona-dev', state: 'APPROVED', at: '2026-02-25T10:00:00Z' }],
    }),
  ];
}

export function storyGhIssues(): GhIssue[] {
  return [
    {
      host: 'github.com',
      repo: 'acme/web',
      id: 800007,
      number: 7,
      title: 'Login page 500s for SSO users (OPS-12)',
      body: 'After the IdP redirect the callback throws. See OPS-12 for the ops investigation.',
      state: 'open',
      author: 'priya-n',
      createdAt: '2026-03-11T09:00:00Z',
      updatedAt: '2026-03-11T09:00:00Z',
      labels: ['bug', 'sso'],
      comments: [],
    },
  ];
}

/** Releases; targetSha is filled in by history.ts (last main commit before publication). */
export function storyReleases(): GhRelease[] {
  const rel = (
    host: GhRelease['host'],
    repoName: string,
    id: number,
    tag: string,
    at: string,
    body: string,
  ): GhRelease => ({
    host,
    repo: repoName,
    id,
    tag,
    name: tag,
    body,
    createdAt: at,
    publishedAt: at,
    targetSha: '',
    draft: false,
    prerelease: false,
  });
  return [
    rel(
      'github.com',
      'acme/shop-api',
      61001,
      'v2.4.0',
      '2026-02-20T10:00:00Z',
      'Checkout performance, search facets.',
    ),
    rel(
      'github.com',
      'acme/shop-api',
      61002,
      'v2.4.1',
      '2026-03-12T10:00:00Z',
      'Hotfix: checkout timeout for large carts (#42).',
    ),
    rel('github.com', 'acme/web', 62001, 'v1.8.0', '2026-03-01T10:00:00Z', 'Storefront refresh.'),
    rel('ghe.acme.test', 'platform/billing', 71001, 'v7.2.0', '2026-03-01T10:00:00Z', 'Streaming export.'),
  ];
}
