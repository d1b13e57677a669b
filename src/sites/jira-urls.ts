import { JIRA } from '../systems/jira/refs';
import { jiraVersionPage } from '../systems/jira/release-pages';
import type { PageUrl, SiteUrls } from './types';

/**
 * Jira's page types by their URL (issue 15): what every matched page runs to decide whether Liaison enhances it.
 * What each page reads and where its panels go is ./jira.ts, loaded on a Jira page Liaison enhances.
 */

/** A Jira issue key: a project key (a letter, then letters, digits, _) and a number without a leading 0. */
export const jiraKeyPattern = /^([A-Za-z][A-Za-z0-9_]+-[1-9]\d*)$/;
export const key = '([A-Za-z][A-Za-z0-9_]+-[1-9]\\d*)';
const project = '[A-Za-z][A-Za-z0-9_]*';

/** Issue pages, key in the path: /browse/KEY (Data Center may add a context path: /jira/browse/KEY); a project's
 *  issue list or the new global navigator with one issue open: /jira/software/c/projects/P/issues/KEY, /issues/KEY. */
const issuePaths = [
  new RegExp(`^(?:/[\\w.-]+)?/browse/${key}/?$`),
  new RegExp(`^/jira/(?:software(?:/c)?|core)/projects/${project}/issues/${key}/?$`),
  new RegExp(`^/issues/${key}/?$`),
];
/** Pages that open an issue beside themselves with ?selectedIssue=KEY: boards, backlogs, timelines, JWM views, the
 *  issue navigator. */
const selectedIssueHosts = [
  new RegExp(`^/jira/software(?:/c)?/projects/${project}/boards/\\d+(?:/(?:backlog|timeline|roadmap))?/?$`),
  new RegExp(`^/jira/core/projects/${project}/(?:board|list|timeline|calendar|issues)/?$`),
  new RegExp(`^/jira/software(?:/c)?/projects/${project}/(?:list|issues)/?$`),
  /^(?:\/[\w.-]+)?\/issues\/?$/,
];
/** The issue navigator and project issue lists (global: /issues/?jql=…, /jira/issues/?filter=…; Data Center:
 *  /CONTEXT/issues/?filter=…): list pages, no subject. */
const navigatorPaths = [
  /^(?:\/[\w.-]+)?\/issues\/?$/,
  new RegExp(`^/jira/(?:software(?:/c)?|core)/projects/${project}/issues/?$`),
];

export const normalizeKey = (k: string | null | undefined): string | undefined =>
  k && jiraKeyPattern.test(k) ? k.toUpperCase() : undefined;
export const keyInPath = (url: URL): string | undefined => {
  for (const p of issuePaths) {
    const m = p.exec(url.pathname);
    if (m) return normalizeKey(m[1]);
  }
  return undefined;
};
export const selectedIssue = (url: URL): string | undefined =>
  normalizeKey(url.searchParams.get('selectedIssue'));
export const jiraIssueUrl: PageUrl = {
  id: 'jira-issue',
  test: (url) => keyInPath(url) !== undefined,
  panels: ['linked-incidents', 'customer-impact', 'knowledge'],
};
export const jiraSelectedIssueUrl: PageUrl = {
  id: 'jira-selected-issue',
  test: (url) => selectedIssue(url) !== undefined && selectedIssueHosts.some((p) => p.test(url.pathname)),
  panels: ['linked-incidents', 'customer-impact', 'knowledge'],
};
export const jiraIssueNavigatorUrl: PageUrl = {
  id: 'jira-issue-navigator',
  test: (url) => selectedIssue(url) === undefined && navigatorPaths.some((p) => p.test(url.pathname)),
  panels: [],
};
export const jiraVersionUrl: PageUrl = {
  id: 'jira-version',
  test: (url) => jiraVersionPage(url) !== undefined,
  panels: ['release-brief'],
};

export const jiraUrls: SiteUrls = {
  site: 'jira',
  system: JIRA,
  handlesHost: (host, known) => host.endsWith('.atlassian.net') || known.has(host),
  pages: [jiraIssueUrl, jiraSelectedIssueUrl, jiraIssueNavigatorUrl, jiraVersionUrl],
};
