/**
 * The replica's neutral domain model. Nothing here is shaped like a vendor's JSON: each system's
 * serializer (test/replica/<system>/serialize.ts) turns these records into that system's wire format,
 * so one story can be served by four APIs and their pages consistently.
 * All timestamps are ISO 8601 UTC strings ('2026-03-10T15:20:00Z'); dates are 'YYYY-MM-DD'.
 */

export interface Organization {
  key: string; // stable slug, e.g. 'globex'
  name: string; // 'Globex Retail'
  domain: string;
  tier: 'enterprise' | 'business' | 'starter';
  zendeskId: number;
  snowSysId: string;
  jsmId: number;
}

export interface Person {
  key: string;
  name: string;
  email: string;
  kind: 'customer' | 'agent' | 'engineer';
  orgKey?: string;
  login: string; // GitHub login for engineers, ServiceNow user_name for everyone
  snowSysId: string;
  zendeskId: number;
  jiraAccountId: string;
}

export interface Note {
  authorKey: string;
  at: string;
  text: string;
  public?: boolean;
}

export type SnowTable = 'incident' | 'problem' | 'change_request' | 'sc_request';

export interface SnowRecord {
  table: SnowTable;
  sysId: string;
  number: string;
  shortDescription: string;
  description: string;
  /** incident: 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled (reference/servicenow/incident-columns.md) */
  state: number;
  priority: 1 | 2 | 3 | 4 | 5;
  impact: 1 | 2 | 3;
  urgency: 1 | 2 | 3;
  callerKey?: string;
  companyKey?: string;
  assignedToKey?: string;
  assignmentGroup: string;
  category: string;
  openedAt: string;
  updatedAt: string;
  resolvedAt?: string;
  closedAt?: string;
  madeSla: boolean;
  /** custom column u_jira_key (an instance-specific field the extension can be configured to read) */
  jiraKey?: string;
  workNotes: Note[];
  comments: Note[];
}

export interface SnowSla {
  sysId: string;
  taskSysId: string;
  name: string; // e.g. 'Priority 1 resolution (4 hour)'
  stage: 'in_progress' | 'completed' | 'paused' | 'cancelled';
  hasBreached: boolean;
  percentage: number;
  startTime: string;
  plannedEndTime: string;
  endTime?: string;
}

export type ZendeskStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type ZendeskPriority = 'urgent' | 'high' | 'normal' | 'low';

export interface ZendeskTicket {
  id: number;
  subject: string;
  description: string;
  status: ZendeskStatus;
  priority?: ZendeskPriority;
  type?: 'incident' | 'problem' | 'question' | 'task';
  requesterKey: string;
  orgKey?: string;
  assigneeKey?: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  /** value of the custom ticket field "Jira issue" */
  jiraKey?: string;
  satisfaction?: {
    id: number;
    score: 'good' | 'bad' | 'offered' | 'unoffered';
    comment?: string;
    at: string;
  };
  comments: Note[];
}

export type JiraSite = 'cloud' | 'dc';

export interface JiraProject {
  site: JiraSite;
  id: string;
  key: string;
  name: string;
  type: 'software' | 'service_desk' | 'business';
  leadKey: string;
  serviceDeskId?: number;
}

export interface JiraVersion {
  site: JiraSite;
  id: string;
  projectKey: string;
  name: string;
  description: string;
  released: boolean;
  archived: boolean;
  releaseDate?: string;
}

export interface JiraLink {
  id: string;
  type: 'Blocks' | 'Relates' | 'Problem/Incident' | 'Duplicate';
  /** 'outward': this issue <outward verb> key (e.g. "causes"); 'inward': this issue <inward verb> key ("is caused by") */
  direction: 'inward' | 'outward';
  key: string;
}

export interface JiraRemoteLink {
  id: number;
  globalId?: string;
  application?: { name?: string; type?: string };
  relationship?: string;
  title: string;
  summary?: string;
  url: string;
  iconUrl?: string;
  resolved?: boolean;
}

export interface JsmSla {
  name: string;
  goalMs: number;
  startedAt: string;
  /** completed cycles end; an ongoing cycle has no stop */
  stoppedAt?: string;
  elapsedMs: number;
  breached: boolean;
  paused: boolean;
}

export interface JsmRequestInfo {
  serviceDeskId: number;
  requestTypeId: number;
  requestTypeName: string;
  reporterKey: string; // a customer
  orgKeys: string[];
  slas: JsmSla[];
}

export type JiraStatusCategory = 'new' | 'indeterminate' | 'done';

export interface JiraIssue {
  site: JiraSite;
  id: string;
  key: string;
  projectKey: string;
  type: 'Bug' | 'Task' | 'Story' | 'Service request' | 'Incident';
  summary: string;
  description: string;
  status: string;
  statusCategory: JiraStatusCategory;
  priority: 'Highest' | 'High' | 'Medium' | 'Low' | 'Lowest';
  assigneeKey?: string;
  reporterKey: string;
  created: string;
  updated: string;
  resolved?: string;
  fixVersions: string[]; // version names in the same project
  labels: string[];
  links: JiraLink[];
  remoteLinks: JiraRemoteLink[];
  /** "Zendesk Ticket IDs" custom field, written by the Zendesk Support for Jira integration */
  zendeskTicketIds: number[];
  comments: Note[];
  request?: JsmRequestInfo;
}

export type GithubHost = 'github.com' | 'ghe.acme.test';

export interface GhRepo {
  host: GithubHost;
  id: number;
  owner: string;
  name: string;
  description: string;
  defaultBranch: string;
  private: boolean;
  createdAt: string;
}

export interface GhComment {
  author: string;
  body: string;
  at: string;
}

export interface GhPull {
  host: GithubHost;
  repo: string; // 'acme/shop-api'
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  mergedAt?: string;
  headRef: string;
  baseRef: string;
  headSha: string;
  baseSha: string;
  mergeCommitSha?: string;
  labels: string[];
  reviews: { author: string; state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED'; at: string }[];
  comments: GhComment[];
  /** conversation locked (mutate.ts `lockIssue`): only collaborators may comment */
  locked?: boolean;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
  closingIssues: number[];
}

export interface GhIssue {
  host: GithubHost;
  repo: string;
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned';
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  labels: string[];
  comments: GhComment[];
  /** conversation locked (mutate.ts `lockIssue`) */
  locked?: boolean;
}

export interface GhCommit {
  host: GithubHost;
  repo: string;
  sha: string;
  message: string;
  author: string; // login
  date: string;
  parents: string[];
}

export interface GhRelease {
  host: GithubHost;
  repo: string;
  id: number;
  tag: string;
  name: string;
  body: string;
  createdAt: string;
  publishedAt: string;
  targetSha: string;
  draft: boolean;
  prerelease: boolean;
}

/** A ServiceNow knowledge article (`kb_knowledge`; reference/servicenow/kb_knowledge-columns.json). */
export interface KbArticle {
  sysId: string;
  number: string; // KB0010001
  shortDescription: string;
  /** the article body, HTML (`text`) */
  text: string;
  /** search keywords (`meta`) */
  meta: string;
  workflowState: 'draft' | 'review' | 'published' | 'retired';
  /** kb_knowledge_base sys_id; absent: the IT knowledge base (servicenow/tables.ts knowledgeBases) */
  knowledgeBase?: string;
  authorKey: string;
  updatedAt: string;
  publishedAt?: string; // YYYY-MM-DD
}

/** A Zendesk Help Center article (https://developer.zendesk.com/api-reference/help_center/help-center-api/articles/). */
export interface HelpCenterArticle {
  id: number;
  title: string;
  /** HTML */
  body: string;
  draft: boolean;
  sectionId: number;
  authorKey: string;
  labelNames: string[];
  createdAt: string;
  updatedAt: string;
  /** absent: 1 */
  permissionGroupId?: number;
  /** absent: null (everyone) */
  userSegmentId?: number | null;
}

export interface Dataset {
  name: string;
  seed: number;
  /** the dataset's "today": SLA and ages are computed against it, never the wall clock */
  now: string;
  orgs: Organization[];
  people: Person[];
  snow: SnowRecord[];
  snowSlas: SnowSla[];
  tickets: ZendeskTicket[];
  jiraProjects: JiraProject[];
  jiraVersions: JiraVersion[];
  jiraIssues: JiraIssue[];
  repos: GhRepo[];
  pulls: GhPull[];
  ghIssues: GhIssue[];
  /** per repo, oldest first: a linear main-branch history */
  commits: GhCommit[];
  releases: GhRelease[];
  /** ServiceNow knowledge articles (absent in hand-made datasets: none) */
  kbArticles?: KbArticle[];
  /** Zendesk Help Center articles (absent: none) */
  helpCenterArticles?: HelpCenterArticle[];
}

export interface DatasetOptions {
  name?: string;
  seed?: number;
  /** total ServiceNow incidents, story ones included */
  incidents?: number;
  /** total Zendesk tickets, story ones included */
  tickets?: number;
  /** total Jira software issues (SHOP/OPS), story ones included */
  bugs?: number;
  /** total pull requests on github.com, story ones included */
  pulls?: number;
  ghIssues?: number;
  jsmRequests?: number;
  orgs?: number;
  customers?: number;
  problems?: number;
  changes?: number;
  /** open pull requests added to acme/shop-api after everything else, without the RNG (noise-dev.ts `listPulls`) */
  listPulls?: number;
}
