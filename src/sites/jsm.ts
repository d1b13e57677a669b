import { jiraContextColumn, jiraIssueTexts, jiraSubject, showsKey } from './jira-issue-view';
import { jsmRequestUrl, jsmUrls, requestKey } from './jsm-urls';
import type { PageType, SiteAdapter } from './types';

/**
 * Jira Service Management agent view: a request opened from a queue. The request is a Jira issue shown with the
 * same Cloud issue view (so the same texts and right column), beside the queue. A service desk request opened at
 * /browse/KEY cannot be told from a Jira issue by its URL, so it stays a `jira-issue` page; JSM pages are exactly
 * the agent-view URLs below. Sources: test/replica/pages/LANDMARKS.md (jsm-request).
 */

export const jsmRequest: PageType = {
  ...jsmRequestUrl,
  subject: (url) => jiraSubject(requestKey(url)),
  shows: showsKey(requestKey),
  texts: jiraIssueTexts,
  anchor: jiraContextColumn,
};

export const jsm: SiteAdapter = { ...jsmUrls, pages: [jsmRequest] };
