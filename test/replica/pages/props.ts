/**
 * What each replica page needs to render. The server maps the seeded dataset to these props;
 * the page modules in this folder turn them into HTML that reproduces the real sites' landmarks.
 * Every string here may be hostile (ticket titles are user input): pages must escape it.
 */

export type GithubMarkup = 'react' | 'classic';

export interface GithubComment {
  author: string;
  body: string;
  createdAt: string; // ISO 8601
}

export interface GithubPullPageProps {
  host: string; // github.com, or a GitHub Enterprise host
  owner: string;
  repo: string;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed' | 'merged';
  draft: boolean;
  author: string;
  headRef: string;
  baseRef: string;
  labels: string[];
  comments: GithubComment[];
  createdAt: string;
  mergedAt?: string;
  commits: number;
  changedFiles: number;
}

export interface GithubIssuePageProps {
  host: string;
  owner: string;
  repo: string;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  author: string;
  labels: string[];
  comments: GithubComment[];
  createdAt: string;
}

export interface GithubListItem {
  number: number;
  title: string;
  state: 'open' | 'closed' | 'merged';
  author: string;
  draft?: boolean;
  labels?: string[];
}

/** A pull request as generated release notes list it ("* TITLE by @AUTHOR in #N"). */
export interface GithubReleaseNote {
  number: number;
  title: string;
  author: string;
}

/** One release (`/OWNER/REPO/releases/tag/TAG`). */
export interface GithubReleasePageProps {
  host: string;
  owner: string;
  repo: string;
  tag: string;
  name: string;
  /** The notes written above the generated list. */
  body: string;
  author: string;
  publishedAt: string;
  targetSha: string;
  latest: boolean;
  /** The release before, for the "Full Changelog" compare link. */
  previousTag?: string;
  /** "What's Changed": the pull requests merged since the previous release. */
  pulls: GithubReleaseNote[];
}

/** A compare of two refs (`/OWNER/REPO/compare/BASE...HEAD`): the range editor and the commit list. */
export interface GithubComparePageProps {
  host: string;
  owner: string;
  repo: string;
  base: string;
  head: string;
  /** Two dots (`BASE..HEAD`) or three, as the URL wrote it. */
  dots: '..' | '...';
  /** Oldest first, as GitHub lists them. */
  commits: { sha: string; message: string; author: string; date: string }[];
}

/** PR list (`/OWNER/REPO/pulls`) and issue list (`/OWNER/REPO/issues`). */
export interface GithubListPageProps {
  host: string;
  owner: string;
  repo: string;
  items: GithubListItem[];
}

/** One row of the Jira issue navigator's list view. */
export interface JiraNavigatorRow {
  key: string;
  summary: string;
  issueType: string;
  status: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
  priority: string;
  assignee?: string;
}

/** The Jira Cloud issue navigator (`/issues/?jql=…`) or a project's issue list, in its list view. */
export interface JiraNavigatorPageProps {
  host: string;
  /** The query the list shows (from `jql`, or `project = P` for a project's list). */
  jql: string;
  rows: JiraNavigatorRow[];
}

export interface JiraIssuePageProps {
  host: string; // acme.atlassian.net
  key: string;
  summary: string;
  description: string;
  status: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
  issueType: string;
  priority: string;
  projectKey: string;
  projectName: string;
  assignee?: string;
  reporter: string;
  fixVersions: string[];
  labels: string[];
}

export interface JsmSlaProps {
  name: string;
  remaining: string; // friendly, e.g. "-2h 10m" or "3h 20m"
  breached: boolean;
}

export interface JsmRequestPageProps {
  host: string;
  key: string;
  summary: string;
  description: string;
  status: string;
  requestType: string;
  requester: string;
  organizations: string[];
  projectKey: string;
  queueId: number;
  sla: JsmSlaProps[];
}

export type ServiceNowTable = 'incident' | 'problem' | 'change_request' | 'sc_request';

export interface ServiceNowRecordPageProps {
  host: string; // acme.service-now.com
  table: ServiceNowTable;
  sysId: string;
  number: string;
  shortDescription: string;
  description: string;
  state: string; // display value, e.g. "In Progress"
  priority: string; // display value, e.g. "1 - Critical"
  caller: string;
  company: string;
  assignedTo?: string;
  assignmentGroup?: string;
  workNotes: string[];
}

export interface ZendeskTicketPageProps {
  host: string; // acme.zendesk.com
  subdomain: string;
  id: number;
  subject: string;
  description: string;
  status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
  priority?: 'urgent' | 'high' | 'normal' | 'low';
  requester: string;
  organization?: string;
  assignee?: string;
  tags: string[];
  comments: { author: string; body: string; public: boolean }[];
}
