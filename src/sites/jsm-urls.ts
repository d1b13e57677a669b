import { JIRA } from '../systems/jira/refs';
import { jiraKeyPattern } from './jira-urls';
import type { PageUrl, SiteUrls } from './types';

/**
 * Jira Service Management's page types by their URL (issue 15); what its pages read is ./jsm.ts, loaded on a JSM
 * page Liaison enhances.
 */

const key = '([A-Za-z][A-Za-z0-9_]+-[1-9]\\d*)';
const project = '[A-Za-z][A-Za-z0-9_]*';
const agentViewPaths = [
  // Cloud (2020–2026): /jira/servicedesk/projects/P/queues/custom/N/KEY, …/queues/issue/KEY, …/issues/KEY
  new RegExp(`^/jira/servicedesk/projects/${project}/(?:queues/(?:custom/\\d+|issue)|issues)/${key}/?$`),
  // older Cloud and Data Center, Data Center under any context path: /CONTEXT/projects/P/queues/custom/N/KEY
  new RegExp(`^(?:/[\\w.-]+)*/projects/${project}/queues/(?:custom/\\d+|issue)/${key}/?$`),
];

export const requestKey = (url: URL): string | undefined => {
  for (const p of agentViewPaths) {
    const found = p.exec(url.pathname)?.[1];
    if (found && jiraKeyPattern.test(found)) return found.toUpperCase();
  }
  return undefined;
};

export const jsmRequestUrl: PageUrl = {
  id: 'jsm-request',
  test: (url) => requestKey(url) !== undefined,
  panels: ['bug-status', 'knowledge'],
};

export const jsmUrls: SiteUrls = {
  site: 'jsm',
  // Jira Service Management runs on Jira: Jira's connections serve it.
  system: JIRA,
  handlesHost: (host, known) => host.endsWith('.atlassian.net') || known.has(host),
  pages: [jsmRequestUrl],
};
