import { formatRef } from '../core/refs';
import { githubItemRef, githubRef } from '../systems/github/refs';
import { comparePath } from '../systems/github/release-pages';
import {
  compareSubject,
  githubCompareUrl,
  githubIssueListUrl,
  githubIssueUrl,
  githubPullFilesUrl,
  githubPullListUrl,
  githubPullTabUrl,
  githubPullUrl,
  githubReleaseUrl,
  githubUrls,
  issuePath,
  pullPath,
  releasePath,
} from './github-urls';
import type { ListBadges, PageType, SiteAdapter, TextSource } from './types';

/**
 * GitHub (github.com and GitHub Enterprise Server). Two generations of markup are live: today's github.com renders
 * the PR header and files tab with React (Primer `prc-*` classes, hashed suffixes: match prefixes only) while the PR
 * conversation body and sidebar stay server-rendered; issues are React since 2024; Enterprise Server keeps the
 * classic markup. Every selector's sources: test/replica/pages/LANDMARKS.md.
 */

const itemHref = /^\/([\w.-]+)\/([\w.-]+)\/(?:pull|issues)\/([1-9]\d{0,9})\/?$/;

function subjectFrom(pattern: RegExp) {
  return (url: URL) => {
    const m = pattern.exec(url.pathname);
    if (!m) return undefined;
    const [, owner = '', repo = '', number = ''] = m;
    return githubItemRef(url.host, owner, repo, Number(number));
  };
}

/**
 * Whether the document is the URL's PR or issue yet: GitHub's page title names it as "… · Pull Request #148 ·
 * owner/repo" or "… · Issue #12 · owner/repo" (both generations, github.com and Enterprise Server), and Turbo
 * swaps the title with the page, after it has pushed the new URL.
 */
function showsItem(pattern: RegExp) {
  return (url: URL, doc: Document) => {
    const m = pattern.exec(url.pathname);
    if (!m) return false;
    const [, owner = '', repo = '', number = ''] = m;
    const title = doc.title.toLowerCase();
    return new RegExp(`#${number}(?!\\d)`).test(title) && title.includes(`${owner}/${repo}`.toLowerCase());
  };
}

const commitHref = /^\/([\w.-]+)\/([\w.-]+)\/commit\/([0-9a-f]{7,64})\/?$/i;

/**
 * A release is a tag on a commit: the page's subject is that commit (`github:owner/repo@sha`), read from the
 * release's commit link, and what the release shipped comes from the pull requests its notes link to.
 */
function releaseCommit(url: URL, doc: Document): string | undefined {
  const page = releasePath.exec(url.pathname);
  if (!page) return undefined;
  const link = doc.querySelector<HTMLAnchorElement>(
    [
      '.Link--muted[data-hovercard-type="commit"][href*="/commit/"]', // release page (October 2021–2026)
      'div.release-header ul a[href*="/commit/"].muted-link', // release page before October 2021 (GHE)
    ].join(', '),
  );
  const m = link ? commitHref.exec(new URL(link.href, url).pathname) : null;
  const [, owner = '', repo = '', sha = ''] = m ?? [];
  if (!m || `${owner}/${repo}`.toLowerCase() !== `${page[1]}/${page[2]}`.toLowerCase()) return undefined;
  return formatRef(githubRef(url.host, owner, repo, { sha }));
}

const texts: TextSource[] = [
  {
    selectors: [
      'h1[class^="prc-PageHeader-Title"] .markdown-title', // React PR header (2025–2026)
      '.js-issue-title', // server-rendered PR/issue header (GHE, github.com until 2025)
      'bdi[data-testid="issue-title"]', // React issue view (2024–2026)
    ],
    where: 'title',
    max: 1000,
  },
  {
    selectors: [
      // React PR header branch links (2025–2026): `data-component="BranchName"` with only a CSS-module class
      // (kallist/CueParcel github-pr-current-dom.test.ts @ dca0ef2a, live September 2026), or that class alone
      // (refined-github pr-branches.ts @ cc22fe34, August 2026). Primer's `prc-BranchName-BranchName` class is not
      // there on any openable page: nothing here needs it. One selector list, so a link matching both reads once.
      'a[data-component="BranchName"], [class*="PullRequestHeaderSummary"] a[class^="PullRequestBranchName"]',
      '.head-ref', // server-rendered PR header (GHE; github.com until 2025)
    ],
    where: 'branch',
    max: 500,
  },
  {
    selectors: [
      '.js-comment-body', // server-rendered PR conversation comments (2016–2026)
      // React issue body and comments (2024–2026): the outer of two nested `.markdown-body`, the one with the test id
      // (saved issue page, kepano/defuddle general--github.com-issue-56.html @ 6de16345, 2025); `.react-issue-body`
      // is on the body's `[data-testid="issue-body"]` ancestor, not on the viewer
      '[data-testid="issue-body-viewer"] [data-testid="markdown-body"]',
      '.react-issue-comment [data-testid="markdown-body"]',
    ],
    where: 'comments',
    max: 20_000,
  },
];

const pullPage = {
  subject: subjectFrom(pullPath),
  shows: showsItem(pullPath),
  texts,
} as const;

export const githubPull: PageType = {
  ...githubPullUrl,
  ...pullPage,
  anchor: [
    // PR conversation sidebar, server-rendered on github.com (2016–2026) and GHE
    { selector: '#partial-discussion-sidebar', position: 'prepend' },
    // GHE 2.x sidebar wrapper (recorded GHE 2.14.11 page)
    { selector: '.discussion-sidebar', position: 'prepend' },
  ],
};

/** The files tab and every diff of a pull request's commits: github-url-detection's `isPRFiles` and `isPRCommit`. */
export const githubPullFiles: PageType = {
  ...githubPullFilesUrl,
  ...pullPage,
  anchor: [
    // React files tab (2025–2026): above the diff list, rendered progressively…
    { selector: '[data-testid="progressive-diffs-list"]', position: 'before' },
    // …or virtualized (2025–2026; eveoh354/github-pr-auto-mark-test-files-viewed user.js @ 2a388f8d)
    { selector: '[data-testid="virtualized-diffs-list"]', position: 'before' },
    // classic files tab (GHE; github.com until 2025)
    { selector: '#files_bucket', position: 'prepend' },
  ],
};

/**
 * The commits list and the checks tab. No public source records a container on them that would hold a panel (only
 * commit links, `a[id^="commit-details-"]` in refined-github's selectors.ts), so the panels dock at the page edge on
 * purpose rather than guess a landmark and warn on every visit.
 */
export const githubPullTab: PageType = {
  ...githubPullTabUrl,
  ...pullPage,
  dock: true,
  anchor: [],
};

export const githubIssue: PageType = {
  ...githubIssueUrl,
  subject: subjectFrom(issuePath),
  shows: showsItem(issuePath),
  texts,
  anchor: [
    // React issue view sidebar (2024–2026): the pane inside `[data-testid="issue-viewer-metadata-container"]`, as on a
    // saved github.com issue page (kepano/defuddle tests/fixtures/general--github.com-issue-56.html @ 6de16345, 2025);
    // no `.Layout-sidebar` there
    { selector: '[data-testid="issue-viewer-metadata-pane"]', position: 'prepend' },
    // server-rendered issue sidebar (github.com until 2024, GHE)
    { selector: '#partial-discussion-sidebar', position: 'prepend' },
    { selector: '.discussion-sidebar', position: 'prepend' },
  ],
};

/** PR and issue lists: both generations of rows can show up on either list, so both pages share the cascade. */
const listBadges: ListBadges = {
  rows: [
    '.js-issue-row', // server-rendered rows: github.com PR list (recorded 2024), issue lists until 2024, GHE
    'li[role="listitem"]', // React list view: github.com issue list (2025–2026)
  ],
  title: [
    'a.js-navigation-open', // server-rendered row title link (2016–2026)
    'a[data-testid="issue-pr-title-link"]', // React list view title link (2025–2026)
  ],
  ref(row, url) {
    const link = row.querySelector('a.js-navigation-open, a[data-testid="issue-pr-title-link"]');
    const href = link?.getAttribute('href');
    if (!href) return undefined;
    const target = new URL(href, url);
    const m = target.host === url.host ? itemHref.exec(target.pathname) : null;
    if (!m) return undefined;
    const [, owner = '', repo = '', number = ''] = m;
    return githubItemRef(url.host, owner, repo, Number(number));
  },
};

const listPage = {
  subjectFrom: 'none',
  subject: () => undefined,
  texts: [],
  anchor: [],
} as const;

export const githubRelease: PageType = {
  ...githubReleaseUrl,
  subjectFrom: 'page',
  subject: releaseCommit,
  // "Release NAME · owner/repo" (the release's name, not its tag): the title says the page is a release of the repo.
  shows: (url, doc) => {
    const m = releasePath.exec(url.pathname);
    const title = doc.title.toLowerCase();
    return !!m && title.startsWith('release ') && title.includes(`${m[1]}/${m[2]}`.toLowerCase());
  },
  texts: [
    {
      selectors: [
        '[data-test-selector="body-content"]', // release notes (October 2021–2026)
        'div.release-main-section div.markdown-body', // release notes before October 2021 (GHE)
      ],
      where: 'release notes',
      max: 20_000,
      links: true,
    },
  ],
  anchor: [
    // below the release notes, above the assets (October 2021–2026)
    { selector: '[data-test-selector="body-content"]', position: 'after' },
    // below the release notes (before October 2021; GHE)
    { selector: 'div.release-main-section div.markdown-body', position: 'after' },
  ],
};

export const githubCompare: PageType = {
  ...githubCompareUrl,
  subject: compareSubject,
  // "Comparing v2.4.0...v2.4.1 · acme/shop-api" (github.com and Enterprise Server): Turbo swaps it with the page.
  shows: (url, doc) => {
    const m = comparePath.exec(url.pathname);
    const title = doc.title.toLowerCase();
    return !!m && title.startsWith('comparing ') && title.includes(`${m[1]}/${m[2]}`.toLowerCase());
  },
  // The commit list's messages (`.js-commits-list-item`, "// Compare" in refined-github
  // easy-toggle-commit-messages.tsx @ cc22fe34): references in them are linkified; the brief's pull requests come
  // from the API (a bug a squashed title names sits under its pull request there, not beside it).
  texts: [{ selectors: ['.js-commits-list-item'], where: 'commits', max: 20_000, links: true }],
  anchor: [
    // above the commit list (refined-github pr-first-commit-title.tsx `#commits_bucket`, @ cc22fe34, August 2026)
    { selector: '#commits_bucket', position: 'before' },
    // below the range editor (refined-github swap-branches-on-compare.tsx `.range-editor`, @ cc22fe34)
    { selector: '.range-editor', position: 'after' },
  ],
};

export const githubPullList: PageType = {
  ...githubPullListUrl,
  ...listPage,
  badges: listBadges,
};

export const githubIssueList: PageType = {
  ...githubIssueListUrl,
  ...listPage,
  badges: listBadges,
};

export const github: SiteAdapter = {
  ...githubUrls,
  pages: [
    githubPull,
    githubPullFiles,
    githubPullTab,
    githubIssue,
    githubRelease,
    githubCompare,
    githubPullList,
    githubIssueList,
  ],
};
