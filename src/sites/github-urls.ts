import { GITHUB } from '../systems/github/refs';
import { githubReleasePage } from '../systems/github/release-pages';
import type { PageUrl, SiteUrls } from './types';

/**
 * GitHub's page types by their URL (issue 15): what every matched page runs to decide whether Liaison enhances it.
 * What each page reads and where its panels go is ./github.ts, loaded on a GitHub page Liaison enhances.
 */

/** Any tab of a pull request: owner, repo and number come first, whatever the tab. */
export const pullPath = /^\/([\w.-]+)\/([\w.-]+)\/pull\/(\d+)(?:\/.*)?$/;
/** The shapes below are github-url-detection's (`isPRConversation`, `isPRFiles`, `isPRCommit`, `isPRCommitList`;
 *  refined-github/github-url-detection `index.ts` @ 02daa6a0, August 2026), plus the checks tab. */
const pullTab = (tab: string) => new RegExp(`^/[\\w.-]+/[\\w.-]+/pull/\\d+${tab}/?$`);
const sha = '[\\da-f]{7,40}';
const pullConversationPath = pullTab('');
const pullDiffPaths = [
  // the files tab, every commit up to one, or between two (`/files/e1aba6f`, `/files/1e27d799..e1aba6f`)
  pullTab(`/files(?:/${sha}(?:\\.\\.${sha})?)?`),
  // the same since December 2025 (`/changes`, `/changes/1e27d799..e1aba6f`) and one commit (`/changes/1e27d79`)
  pullTab(`/changes(?:/${sha}(?:\\.\\.${sha})?)?`),
  // one commit of the pull request, shown as its diff (`isPRCommit`)
  pullTab(`/commits/${sha}`),
];
const pullListTabsPath = pullTab('/(?:commits|checks)');
export const issuePath = /^\/([\w.-]+)\/([\w.-]+)\/issues\/(\d+)\/?$/;
const pullListPath = /^\/[\w.-]+\/[\w.-]+\/pulls\/?$/;
const issueListPath = /^\/[\w.-]+\/[\w.-]+\/issues\/?$/;
export const releasePath = /^\/([\w.-]+)\/([\w.-]+)\/releases\/tag\/(.+)$/;

/**
 * A compare of two refs (`/OWNER/REPO/compare/v2.4.0...v2.4.1`, also `..`): the release brief of the pull requests
 * merged in the range; up to the default branch (`v2.4.1...main`) it is the upcoming release. The subject is the
 * range, which is no item: `github:OWNER/REPO/compare/BASE...HEAD` (with the host on Enterprise Server).
 */
export function compareSubject(url: URL): string | undefined {
  const page = githubReleasePage(url);
  if (page?.kind !== 'compare') return undefined;
  const host = url.host.toLowerCase() === 'github.com' ? '' : `${url.host.toLowerCase()}/`;
  return `github:${host}${page.owner.toLowerCase()}/${page.repo.toLowerCase()}/compare/${page.base}...${page.head}`;
}

const itemPanels = ['linked-incidents', 'customer-impact', 'knowledge'] as const;

export const githubPullUrl: PageUrl = {
  id: 'github-pull',
  test: (url) => pullConversationPath.test(url.pathname),
  panels: itemPanels,
};
/** The files tab and every diff of a pull request's commits: github-url-detection's `isPRFiles` and `isPRCommit`. */
export const githubPullFilesUrl: PageUrl = {
  id: 'github-pull-files',
  test: (url) => pullDiffPaths.some((p) => p.test(url.pathname)),
  panels: itemPanels,
};
export const githubPullTabUrl: PageUrl = {
  id: 'github-pull-tab',
  test: (url) => pullListTabsPath.test(url.pathname),
  panels: itemPanels,
};
export const githubIssueUrl: PageUrl = {
  id: 'github-issue',
  test: (url) => issuePath.test(url.pathname),
  panels: itemPanels,
};
export const githubReleaseUrl: PageUrl = {
  id: 'github-release',
  test: (url) => releasePath.test(url.pathname),
  // The brief first: it is what the page is for (the service desk's view of the release).
  panels: ['release-brief', 'linked-incidents', 'customer-impact'],
};
export const githubCompareUrl: PageUrl = {
  id: 'github-compare',
  test: (url) => compareSubject(url) !== undefined,
  panels: ['release-brief'],
};
export const githubPullListUrl: PageUrl = {
  id: 'github-pull-list',
  test: (url) => pullListPath.test(url.pathname),
  panels: [],
};
export const githubIssueListUrl: PageUrl = {
  id: 'github-issue-list',
  test: (url) => issueListPath.test(url.pathname),
  panels: [],
};

export const githubUrls: SiteUrls = {
  site: 'github',
  system: GITHUB,
  handlesHost: (host, known) => host === 'github.com' || known.has(host),
  pages: [
    githubPullUrl,
    githubPullFilesUrl,
    githubPullTabUrl,
    githubIssueUrl,
    githubReleaseUrl,
    githubCompareUrl,
    githubPullListUrl,
    githubIssueListUrl,
  ],
  // Turbo (server-rendered pages), the React router's soft navigation (refined-github's feature-manager.tsx waits for
  // `turbo:render` and `soft-nav:react-done`, @ cc22fe34, August 2026), and pjax on older GHE.
  navigationEvents: ['turbo:load', 'turbo:render', 'soft-nav:end', 'soft-nav:react-done', 'pjax:end'],
};
