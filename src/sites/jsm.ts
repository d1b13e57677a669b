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
  examples: [
    // queue links in code and docs: 49203760072, 43578105854 (search index only)
    'https://inovexirad.atlassian.net/jira/servicedesk/projects/MCS/queues/custom/1/MCS-167',
    'https://carvalhohugo425.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-250',
    // …/queues/issue/KEY: 17392476756 (Atlassian's own code comment), 6746560031 (search index only)
    'https://product-fabric.atlassian.net/jira/servicedesk/projects/DTR/queues/issue/DTR-1948',
    'https://priceline.atlassian.net/jira/servicedesk/projects/PIPESUP/queues/issue/PIPESUP-8522',
    // older Cloud: 30434098116 (an Atlaskit code comment; search index only)
    'https://ecosystem.atlassian.net/projects/AK/queues/issue/AK-6548',
    // Data Center under a context path: 67134244698, 46097816557 (search index only)
    'https://rtahotline.etas.com/jira/projects/RH/queues/issue/RH-13943',
    'https://apps.nrs.gov.bc.ca/int/jira/projects/SD/queues/issue/SD-74878',
  ],
  subject: (url) => jiraSubject(requestKey(url)),
  shows: showsKey(requestKey),
  texts: jiraIssueTexts,
  anchor: jiraContextColumn,
};

export const jsm: SiteAdapter = { ...jsmUrls, pages: [jsmRequest] };
