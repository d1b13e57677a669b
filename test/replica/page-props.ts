/**
 * Dataset records → the page props of ./pages/props.ts (display names, labels and friendly SLA times as
 * each site shows them).
 */
import { indexOf, repoKey } from './dataset/lookup.ts';
import type { Dataset, GhIssue, GhPull, JiraIssue, SnowRecord, SnowTable } from './dataset/types.ts';
import { resolveRef } from './github/rest.ts';
import { durationDto, requestTypeNames } from './jira/jsm-shapes.ts';
import type {
  GithubComparePageProps,
  GithubIssuePageProps,
  GithubPullPageProps,
  GithubReleasePageProps,
  JiraIssuePageProps,
  JsmRequestPageProps,
  ServiceNowRecordPageProps,
} from './pages/props.ts';
import { priorityLabels } from './servicenow/rows.ts';

export function pullProps(p: GhPull): GithubPullPageProps {
  const [owner = '', repo = ''] = p.repo.split('/');
  return {
    host: p.host,
    owner,
    repo,
    number: p.number,
    title: p.title,
    body: p.body,
    state: p.merged ? 'merged' : p.state,
    draft: p.draft,
    author: p.author,
    headRef: p.headRef,
    baseRef: p.baseRef,
    labels: p.labels,
    comments: p.comments.map((c) => ({ author: c.author, body: c.body, createdAt: c.at })),
    createdAt: p.createdAt,
    mergedAt: p.mergedAt,
    commits: p.commits,
    changedFiles: p.changedFiles,
  };
}

export function issueProps(i: GhIssue): GithubIssuePageProps {
  const [owner = '', repo = ''] = i.repo.split('/');
  return {
    host: i.host,
    owner,
    repo,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    author: i.author,
    labels: i.labels,
    comments: i.comments.map((c) => ({ author: c.author, body: c.body, createdAt: c.at })),
    createdAt: i.createdAt,
  };
}

export function jiraProps(ds: Dataset, host: string, i: JiraIssue): JiraIssuePageProps {
  const idx = indexOf(ds);
  const project = ds.jiraProjects.find((p) => p.site === i.site && p.key === i.projectKey);
  return {
    host,
    key: i.key,
    summary: i.summary,
    description: i.description,
    status: i.status,
    statusCategory: i.statusCategory,
    issueType: i.type,
    priority: i.priority,
    projectKey: i.projectKey,
    projectName: project?.name ?? i.projectKey,
    assignee: i.assigneeKey ? idx.person.get(i.assigneeKey)?.name : undefined,
    reporter: idx.person.get(i.reporterKey)?.name ?? i.reporterKey,
    fixVersions: i.fixVersions,
    labels: i.labels,
  };
}

export function jsmProps(ds: Dataset, host: string, i: JiraIssue, queueId: number): JsmRequestPageProps {
  const idx = indexOf(ds);
  const r = i.request;
  return {
    host,
    key: i.key,
    summary: i.summary,
    description: i.description,
    status: i.status,
    requestType: requestTypeNames[r?.requestTypeId ?? 10] ?? 'Get IT help',
    requester: idx.person.get(r?.reporterKey ?? i.reporterKey)?.name ?? '',
    organizations: (r?.orgKeys ?? []).map((k) => idx.org.get(k)?.name ?? k),
    projectKey: i.projectKey,
    queueId,
    sla: (r?.slas ?? []).map((s) => ({
      name: s.name,
      remaining: durationDto(s.goalMs - s.elapsedMs).friendly,
      breached: s.breached,
    })),
  };
}

const stateLabels: Record<SnowTable, Record<number, string>> = {
  incident: { 1: 'New', 2: 'In Progress', 3: 'On Hold', 6: 'Resolved', 7: 'Closed', 8: 'Canceled' },
  problem: { 1: 'Open', 2: 'Work in Progress', 3: 'Closed Complete' },
  change_request: { 1: 'Open', 2: 'Work in Progress', 3: 'Closed Complete' },
  // sc_request.request_state labels are words; `state` is the task state, as on other task tables.
  sc_request: { 1: 'Open', 2: 'Work in Progress', 3: 'Closed Complete' },
};

export function snowProps(ds: Dataset, host: string, r: SnowRecord): ServiceNowRecordPageProps {
  const idx = indexOf(ds);
  const name = (k?: string) => (k ? idx.person.get(k)?.name : undefined);
  return {
    host,
    table: r.table,
    sysId: r.sysId,
    number: r.number,
    shortDescription: r.shortDescription,
    description: r.description,
    state: stateLabels[r.table][r.state] ?? String(r.state),
    priority: priorityLabels[r.priority] ?? String(r.priority),
    caller: name(r.callerKey) ?? '',
    company: r.companyKey ? (idx.org.get(r.companyKey)?.name ?? '') : '',
    assignedTo: name(r.assignedToKey),
    assignmentGroup: r.assignmentGroup,
    workNotes: r.workNotes.map((n) => n.text),
  };
}

/**
 * A release page's props: the release, the one before it (by publication), and as "What's Changed" the pull
 * requests whose merge commit lies between the two tags on the repository's linear history.
 */
export function releaseProps(
  ds: Dataset,
  host: string,
  full: string,
  tag: string,
): GithubReleasePageProps | undefined {
  const idx = indexOf(ds);
  const key = repoKey(host, full);
  const releases = [...(idx.releasesByRepo.get(key) ?? [])]
    .filter((r) => !r.draft)
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
  const at = releases.findIndex((r) => r.tag === tag);
  const release = releases[at];
  if (!release) return undefined;
  const previous = at > 0 ? releases[at - 1] : undefined;
  const commits = idx.commitsByRepo.get(key) ?? [];
  const position = (sha: string | undefined) => (sha ? commits.findIndex((c) => c.sha === sha) : -1);
  const from = position(previous?.targetSha);
  const to = position(release.targetSha);
  const pulls = ds.pulls
    .filter((p) => p.host === host && p.repo.toLowerCase() === full.toLowerCase() && p.merged)
    .filter((p) => {
      const i = position(p.mergeCommitSha);
      return i > from && i <= to;
    })
    .sort((a, b) => a.number - b.number)
    .map((p) => ({ number: p.number, title: p.title, author: p.author }));
  const [owner = '', repo = ''] = release.repo.split('/');
  return {
    host,
    owner,
    repo,
    tag: release.tag,
    name: release.name,
    body: release.body,
    author: 'release-bot',
    publishedAt: release.publishedAt,
    targetSha: release.targetSha,
    latest: at === releases.length - 1,
    ...(previous ? { previousTag: previous.tag } : {}),
    pulls,
  };
}

/**
 * A compare of two refs of a repository (tags, branches, shas): the commits reachable from the head and not from
 * the base, oldest first, as `GET /repos/{o}/{r}/compare` lists them (the dataset's history is linear).
 */
export function compareProps(
  ds: Dataset,
  host: string,
  full: string,
  base: string,
  head: string,
  dots: '..' | '...',
): GithubComparePageProps | undefined {
  const repo = ds.repos.find(
    (r) => r.host === host && `${r.owner}/${r.name}`.toLowerCase() === full.toLowerCase(),
  );
  if (!repo) return undefined;
  const from = resolveRef(ds, repo, base);
  const to = resolveRef(ds, repo, head);
  if (!from || !to) return undefined;
  const commits = (indexOf(ds).commitsByRepo.get(repoKey(host, `${repo.owner}/${repo.name}`)) ?? [])
    .slice(from.index + 1, to.index + 1)
    .map((c) => ({ sha: c.sha, message: c.message, author: c.author, date: c.date }));
  return { host, owner: repo.owner, repo: repo.name, base, head, dots, commits };
}
