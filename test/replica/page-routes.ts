/**
 * Page URLs of every replica host → props from the dataset → the renderers in ./pages/ (owned by the
 * pages engineer; see pages/LANDMARKS.md for which URL serves which generation of markup). github.com
 * serves the markup chosen with setGithubMarkup (default 'react'); GitHub Enterprise always serves the
 * classic server-rendered generation (the recorded GHE 2.14 page). Pages need no auth; unknown → 404.
 */
import { indexOf, itemKey } from './dataset/lookup.ts';
import type { Dataset, SnowRecord } from './dataset/types.ts';
import { type HandlerContext, html, type ReplicaRequest, type ReplicaResponse } from './http.ts';
import { runJql } from './jira/jql-eval.ts';
import {
  compareProps,
  issueProps,
  jiraProps,
  jsmProps,
  pullProps,
  releaseProps,
  snowProps,
} from './page-props.ts';
import {
  type GithubPullTab,
  githubComparePage,
  githubIssueListPage,
  githubIssuePage,
  githubPullListPage,
  githubPullPage,
  githubReleasePage,
} from './pages/github.ts';
import {
  jiraDataCenterIssuePage,
  jiraIssueNavigatorPage,
  jiraIssuePage,
  jiraVersionPage,
} from './pages/jira.ts';
import { jsmRequestPage } from './pages/jsm.ts';
import { notFound } from './pages/layout.ts';
import type { ZendeskTicketPageProps } from './pages/props.ts';
import {
  serviceNowClassicForm,
  serviceNowNavTo,
  serviceNowPolarisShell,
  serviceNowWorkspaceRecord,
} from './pages/servicenow.ts';
import { zendeskTicketPage } from './pages/zendesk.ts';

const ok = (body: string): ReplicaResponse => html(200, body);
export const pageNotFound = (req: ReplicaRequest): ReplicaResponse => html(404, notFound(req.path));

export function githubPage(req: ReplicaRequest, ctx: HandlerContext): ReplicaResponse {
  const ds = ctx.dataset;
  const host = req.host;
  const markup = host === 'github.com' ? ctx.state.githubMarkup : 'classic';
  const release = /^\/([^/]+)\/([^/]+)\/releases\/tag\/(.+)$/.exec(req.path);
  if (release) {
    const [, owner = '', repo = '', tag = ''] = release;
    const props = releaseProps(ds, host, `${owner}/${repo}`, decodeURIComponent(tag));
    return props ? ok(githubReleasePage(props, { markup })) : pageNotFound(req);
  }
  // A compare of two refs (tags, branches, shas), two dots or three; one ref alone is GitHub's "open a pull
  // request" form, which the replica does not serve.
  const compare = /^\/([^/]+)\/([^/]+)\/compare\/(.+?)(\.{2,3})(.+?)\/?$/.exec(req.path);
  if (compare) {
    const [, owner = '', repo = '', base = '', dots = '...', head = ''] = compare;
    const props = compareProps(
      ds,
      host,
      `${owner}/${repo}`,
      decodeURIComponent(base),
      decodeURIComponent(head),
      dots === '..' ? '..' : '...',
    );
    return props ? ok(githubComparePage(props)) : pageNotFound(req);
  }
  const m = /^\/([^/]+)\/([^/]+)\/(pull|issues|pulls)(?:\/(\d+)(\/.+?)?)?\/?$/.exec(req.path);
  if (!m) return pageNotFound(req);
  const [, owner = '', repo = '', kind, num, rest] = m;
  const tab = rest === undefined ? 'conversation' : pullTabOf(rest);
  if (!tab) return pageNotFound(req);
  const full = `${owner}/${repo}`;
  const repoExists = ds.repos.some(
    (r) => r.host === host && `${r.owner}/${r.name}`.toLowerCase() === full.toLowerCase(),
  );
  if (!repoExists) return pageNotFound(req);
  const idx = indexOf(ds);
  if (num === undefined) {
    if (kind === 'pull') return pageNotFound(req);
    const shown = listState(req.query.get('q'));
    const items =
      kind === 'pulls'
        ? ds.pulls
            .filter(
              (p) =>
                p.host === host &&
                p.repo.toLowerCase() === full.toLowerCase() &&
                shown(p.merged ? 'merged' : p.state),
            )
            .map((p) => ({
              number: p.number,
              title: p.title,
              state: p.merged ? ('merged' as const) : p.state,
              author: p.author,
              draft: p.draft,
              labels: p.labels,
            }))
        : ds.ghIssues
            .filter((i) => i.host === host && i.repo.toLowerCase() === full.toLowerCase() && shown(i.state))
            .map((i) => ({
              number: i.number,
              title: i.title,
              state: i.state,
              author: i.author,
              labels: i.labels,
            }));
    items.sort((a, b) => b.number - a.number);
    const props = { host, owner, repo, items };
    return ok(
      kind === 'pulls' ? githubPullListPage(props, { markup }) : githubIssueListPage(props, { markup }),
    );
  }
  const key = itemKey(host, full, Number(num));
  const pull = idx.pull.get(key);
  const issue = idx.ghIssue.get(key);
  if (kind === 'pull' && pull) {
    const diffs = rest?.startsWith('/changes') ? 'virtualized' : 'progressive';
    return ok(githubPullPage(pullProps(pull), { markup, tab, diffs }));
  }
  if (kind === 'issues' && !rest && issue) return ok(githubIssuePage(issueProps(issue), { markup }));
  // GitHub redirects /issues/N of a pull request to /pull/N
  if (kind === 'issues' && !rest && pull)
    return {
      status: 302,
      headers: { location: `https://${host}/${pull.repo}/pull/${pull.number}` },
      body: '',
    };
  return pageNotFound(req);
}

const sha = '[\\da-f]{7,40}';
/** The diff URLs of a pull request (github-url-detection's isPRFiles and isPRCommit shapes) serve its files tab. */
const pullDiffRoute = new RegExp(`^/(?:(?:files|changes)(?:/${sha}(?:\\.\\.${sha})?)?|commits/${sha})$`);

/** The tab a `/pull/N…` suffix shows, or undefined for a URL GitHub would answer with a 404. */
function pullTabOf(rest: string): GithubPullTab | undefined {
  if (pullDiffRoute.test(rest)) return 'files';
  if (rest === '/commits' || rest === '/checks') return rest === '/commits' ? 'commits' : 'checks';
  return undefined;
}

/**
 * Which states a list's `?q=` shows, as GitHub reads it: no `q` is `is:open`; `is:open`, `is:closed` (merged
 * included) and `is:merged` narrow it; a `q` without a state qualifier shows every state.
 */
function listState(q: string | null): (state: 'open' | 'closed' | 'merged') => boolean {
  const terms = (q ?? 'is:open').split(/\s+/);
  if (terms.includes('is:merged')) return (s) => s === 'merged';
  if (terms.includes('is:closed')) return (s) => s !== 'open';
  if (terms.includes('is:open')) return (s) => s === 'open';
  return () => true;
}

/**
 * `?replica-landmarks=verified`: a replica switch for the page variant without the landmarks whose only sources are
 * search-index files (LANDMARKS.md "index only; not relied on"), so a browser test can load what Liaison must cope
 * with when the real page lacks them.
 */
const verifiedOnly = (req: ReplicaRequest): boolean => req.query.get('replica-landmarks') === 'verified';

/** The Cloud issue navigator's list view: `/issues/?jql=…` (or `/jira/issues/`), a project's `…/projects/P/issues`. */
function jiraNavigator(req: ReplicaRequest, ctx: HandlerContext): ReplicaResponse | undefined {
  const project = /^\/jira\/(?:software(?:\/c)?|core)\/projects\/([A-Za-z][A-Za-z0-9_]*)\/issues\/?$/.exec(
    req.path,
  )?.[1];
  if (!project && !/^\/(?:jira\/)?issues\/?$/.test(req.path)) return undefined;
  if (req.query.has('selectedIssue')) return undefined;
  const jql = project ? `project = ${project.toUpperCase()} ORDER BY key DESC` : (req.query.get('jql') ?? '');
  let found: ReturnType<typeof runJql>;
  try {
    found = runJql(ctx.dataset, 'cloud', jql || 'ORDER BY created DESC');
  } catch {
    found = [];
  }
  const idx = indexOf(ctx.dataset);
  const rows = found.slice(0, 50).map((i) => ({
    key: i.key,
    summary: i.summary,
    issueType: i.type,
    status: i.status,
    statusCategory: i.statusCategory,
    priority: i.priority,
    assignee: i.assigneeKey ? idx.person.get(i.assigneeKey)?.name : undefined,
  }));
  return ok(jiraIssueNavigatorPage({ host: req.host, jql, rows }, { verifiedOnly: verifiedOnly(req) }));
}

export function jiraPage(req: ReplicaRequest, ctx: HandlerContext, site: 'cloud' | 'dc'): ReplicaResponse {
  const ds = ctx.dataset;
  const find = (key: string) => indexOf(ds).jiraByKey.get(`${site}:${key.toUpperCase()}`);
  let m = /^\/browse\/([A-Za-z][A-Za-z0-9_]*-\d+)\/?$/.exec(req.path);
  if (m) {
    const issue = find(m[1] ?? '');
    if (!issue) return pageNotFound(req);
    // `?replica-layout=compact`: a replica switch. Jira chooses the compact layout for some /browse pages by
    // conditions no source records, so a test asks for it.
    const compact = req.query.get('replica-layout') === 'compact';
    return ok(
      site === 'dc'
        ? jiraDataCenterIssuePage(jiraProps(ds, req.host, issue))
        : jiraIssuePage(jiraProps(ds, req.host, issue), {
            view: 'browse',
            compact,
            verifiedOnly: verifiedOnly(req),
          }),
    );
  }
  // A fix version's page: Cloud `/projects/KEY/versions/ID/tab/…` (and under /jira/software/[c/]projects/),
  // Data Center `/projects/KEY/versions/ID` (src/systems/jira/release-pages.ts has the sources of both shapes).
  m =
    /^\/(?:jira\/software\/(?:c\/)?)?projects\/([A-Za-z][A-Za-z0-9_]*)\/versions\/(\d+)(?:\/tab\/[\w-]+)?\/?$/.exec(
      req.path,
    );
  if (m) {
    const [, key = '', id = ''] = m;
    const version = ds.jiraVersions.find((v) => v.site === site && v.id === id);
    const project = ds.jiraProjects.find((p) => p.site === site && p.key === key.toUpperCase());
    if (!version || !project || version.projectKey !== project.key) return pageNotFound(req);
    const issues = ds.jiraIssues
      .filter((i) => i.site === site && i.projectKey === project.key && i.fixVersions.includes(version.name))
      .map((i) => ({ key: i.key, summary: i.summary, status: i.status }));
    return ok(
      jiraVersionPage({
        host: req.host,
        site,
        projectKey: project.key,
        projectName: project.name,
        name: version.name,
        released: version.released,
        ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}),
        issues,
      }),
    );
  }
  if (site === 'dc') return pageNotFound(req);
  const navigator = jiraNavigator(req, ctx);
  if (navigator) return navigator;
  m = /^\/jira\/software\/(c\/)?projects\/([A-Za-z0-9_]+)\/boards\/\d+(\/backlog)?\/?$/.exec(req.path);
  if (m) {
    const issue = find(req.query.get('selectedIssue') ?? '');
    if (!issue || issue.projectKey !== m[2]?.toUpperCase()) return pageNotFound(req);
    // The backlog previews the issue in the compact layout (LANDMARKS.md jira-compact).
    const boardVariant = m[3] ? 'backlog-compact' : m[1] ? 'preview-panel' : 'modal';
    return ok(
      jiraIssuePage(jiraProps(ds, req.host, issue), {
        view: 'board',
        boardVariant,
        verifiedOnly: verifiedOnly(req),
      }),
    );
  }
  m =
    /^\/jira\/servicedesk\/projects\/([A-Za-z0-9_]+)\/queues\/custom\/(\d+)\/([A-Za-z][A-Za-z0-9_]*-\d+)\/?$/.exec(
      req.path,
    );
  if (m) {
    const issue = find(m[3] ?? '');
    if (!issue?.request || issue.projectKey !== m[1]?.toUpperCase()) return pageNotFound(req);
    return ok(jsmRequestPage(jsmProps(ds, req.host, issue, Number(m[2]))));
  }
  return pageNotFound(req);
}

/** A record named by `table.do?sys_id=…` (or `?sysparm_query=number=…`). */
function snowRecordFrom(ds: Dataset, target: string): SnowRecord | undefined {
  const u = new URL(target.startsWith('/') ? target : `/${target}`, 'https://x.invalid');
  const table = /^\/(incident|problem|change_request)\.do$/.exec(u.pathname)?.[1];
  if (!table) return undefined;
  const idx = indexOf(ds);
  const bySys = u.searchParams.get('sys_id');
  const byNumber = /^number=([A-Z]+\d+)$/i.exec(u.searchParams.get('sysparm_query') ?? '')?.[1];
  const r = bySys
    ? idx.snowBySysId.get(bySys)
    : byNumber
      ? idx.snowByNumber.get(byNumber.toUpperCase())
      : undefined;
  return r?.table === table ? r : undefined;
}

export function servicenowPage(req: ReplicaRequest, ctx: HandlerContext): ReplicaResponse {
  const ds = ctx.dataset;
  const props = (r: SnowRecord | undefined) => (r ? snowProps(ds, req.host, r) : undefined);
  if (/^\/(incident|problem|change_request)\.do$/.test(req.path)) {
    const p = props(snowRecordFrom(ds, `${req.path}${req.url.search}`));
    return p ? ok(serviceNowClassicForm(p)) : pageNotFound(req);
  }
  if (req.path === '/nav_to.do') {
    const p = props(snowRecordFrom(ds, req.query.get('uri') ?? ''));
    return p ? ok(serviceNowNavTo(p)) : pageNotFound(req);
  }
  const polaris = /^\/now\/nav\/ui\/classic\/params\/target\/(.+)$/.exec(req.path);
  if (polaris) {
    const p = props(snowRecordFrom(ds, decodeURIComponent(polaris[1] ?? '')));
    return p ? ok(serviceNowPolarisShell(p)) : pageNotFound(req);
  }
  const sow = /^\/now\/sow\/record\/(incident|problem|change_request)\/([0-9a-f]{32})\/?$/.exec(req.path);
  if (sow) {
    const r = indexOf(ds).snowBySysId.get(sow[2] ?? '');
    if (!r || r.table !== sow[1]) return pageNotFound(req);
    // `?tabs=<sys_id>,…`: other records the agent has open in workspace tabs (the real workspace restores them).
    const openTabs = (req.query.get('tabs') ?? '')
      .split(',')
      .map((id) => indexOf(ds).snowBySysId.get(id))
      .filter((other): other is SnowRecord => other !== undefined)
      .map((other) => snowProps(ds, req.host, other));
    return ok(
      serviceNowWorkspaceRecord(snowProps(ds, req.host, r), { openTabs, verifiedOnly: verifiedOnly(req) }),
    );
  }
  return pageNotFound(req);
}

export function zendeskPage(req: ReplicaRequest, ctx: HandlerContext): ReplicaResponse {
  const m = /^\/agent\/tickets\/(\d+)\/?$/.exec(req.path);
  const idx = indexOf(ctx.dataset);
  const t = m ? idx.ticket.get(Number(m[1])) : undefined;
  if (!t) return pageNotFound(req);
  const props = (ticket: typeof t): ZendeskTicketPageProps => ({
    host: req.host,
    subdomain: req.host.split('.')[0] ?? '',
    id: ticket.id,
    subject: ticket.subject,
    description: ticket.description,
    status: ticket.status,
    priority: ticket.priority,
    requester: idx.person.get(ticket.requesterKey)?.name ?? '',
    organization: ticket.orgKey ? idx.org.get(ticket.orgKey)?.name : undefined,
    assignee: ticket.assigneeKey ? idx.person.get(ticket.assigneeKey)?.name : undefined,
    tags: ticket.tags,
    comments: ticket.comments.map((c) => ({
      author: idx.person.get(c.authorKey)?.name ?? c.authorKey,
      body: c.text,
      public: c.public ?? true,
    })),
  });
  // `?tabs=4712,4713`: other tickets the agent has open in workspace tabs (the real app restores them per session).
  const openTabs = (req.query.get('tabs') ?? '')
    .split(',')
    .map((id) => idx.ticket.get(Number(id)))
    .filter((other): other is typeof t => other !== undefined && other.id !== t.id)
    .map(props);
  // `?replica-layout=standard`: a replica switch for the standard ticket layout (LANDMARKS.md zendesk-ticket-standard).
  const layout = req.query.get('replica-layout') === 'standard' ? 'standard' : 'custom';
  return ok(zendeskTicketPage(props(t), { openTabs, layout, verifiedOnly: verifiedOnly(req) }));
}
