/**
 * GitHub pages in two generations (see LANDMARKS.md for the source of every landmark):
 * - `classic`: server-rendered markup as in the recorded GitHub Enterprise 2.14 PR page
 *   (#partial-discussion-header, .gh-header-title .js-issue-title, .head-ref, .tabnav-tabs, #files_bucket…).
 * - `react`: github.com as observed 2024–2026: the PR header is Primer React (`prc-PageHeader-*`, branch
 *   links with data-component="BranchName", nav[aria-label="Pull request navigation"]) on both tabs, the
 *   conversation body and its sidebar stay server-rendered (#partial-discussion-sidebar, .js-discussion),
 *   the files tab is the new React diff list, and issues are the React issue view (data-testid="issue-…").
 */
import { attrs, e, htmlDocument, join, paragraphs, seg, shortDate, urlPath } from './layout';
import type {
  GithubComment,
  GithubComparePageProps,
  GithubIssuePageProps,
  GithubListItem,
  GithubListPageProps,
  GithubMarkup,
  GithubPullPageProps,
  GithubReleaseNote,
  GithubReleasePageProps,
} from './props';

interface RepoRef {
  host: string;
  owner: string;
  repo: string;
}

const nwo = (p: RepoRef): string => `${p.owner}/${p.repo}`;
const repoPath = (p: RepoRef): string => `/${seg(p.owner)}/${seg(p.repo)}`;
const userPath = (login: string): string => `/${seg(login)}`;

const STYLE = `
:root{--bgColor-default:#fff;--fgColor-default:#1f2328;--fgColor-muted:#59636e;--borderColor-default:#d1d9e0;--bg-subtle:#f6f8fa}
@media (prefers-color-scheme: dark){[data-color-mode="auto"][data-dark-theme="dark"]{--bgColor-default:#0d1117;--fgColor-default:#f0f6fc;--fgColor-muted:#9198a1;--borderColor-default:#3d444d;--bg-subtle:#151b23}}
[data-color-mode="dark"]{--bgColor-default:#0d1117;--fgColor-default:#f0f6fc;--fgColor-muted:#9198a1;--borderColor-default:#3d444d;--bg-subtle:#151b23}
body{margin:0;font:14px -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;background:var(--bgColor-default);color:var(--fgColor-default)}
a{color:#0969da;text-decoration:none}.Header,.AppHeader{background:#1f2328;color:#fff;padding:12px 24px}
.container,.container-xl{max-width:1280px;margin:0 auto;padding:0 24px}.d-flex{display:flex}.flex-auto{flex:auto}
.Layout{display:flex;gap:24px}.Layout-main{flex:1;min-width:0}.Layout-sidebar,.discussion-sidebar,[data-testid="issue-viewer-metadata-container"]{width:296px}
[data-testid="issue-viewer-container"]{display:flex;gap:24px}[data-testid="issue-viewer-container"]>.issue-main{flex:1;min-width:0}
.discussion-sidebar-item{border-bottom:1px solid var(--borderColor-default);padding:12px 0}
.discussion-sidebar-heading{font-weight:600;font-size:12px;color:var(--fgColor-muted)}
.gh-header-title,[class^="prc-PageHeader-Title"]{font-size:26px;font-weight:400;margin:8px 0}
.State{display:inline-block;padding:4px 12px;border-radius:2em;color:#fff;background:#1f883d}
.State--red,.State--closed{background:#cf222e}.State--purple,.State--merged{background:#8250df}.State--draft{background:#59636e}
.commit-ref,[data-component="BranchName"]{font-family:ui-monospace,monospace;background:#ddf4ff;padding:0 4px;border-radius:6px}
.UnderlineNav-body,[aria-label="Pull request tabs"]{display:flex;list-style:none;padding:0;margin:8px 0;gap:4px}
.tabnav-tabs a,nav[aria-label="Pull request navigation"] a{display:inline-block;padding:8px 14px}
.selected,[aria-current="page"]{border-bottom:2px solid #fd8c73}.Counter{background:var(--bg-subtle);border-radius:2em;padding:0 6px}
.timeline-comment,.react-issue-comment,.file,[role="region"]{border:1px solid var(--borderColor-default);border-radius:6px;margin:12px 0}
.timeline-comment-header,.file-header{background:var(--bg-subtle);padding:8px 16px}.comment-body,.markdown-body{padding:8px 16px}
.IssueLabel{display:inline-block;padding:0 7px;border-radius:2em;background:#ddf4ff;margin:2px}.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}
.Box-row{border-top:1px solid var(--borderColor-default);padding:8px 16px}.fgColor-muted,.color-fg-muted{color:var(--fgColor-muted)}
`;

/** <html> attributes GitHub sets for the theme (light/dark follows the OS with data-color-mode="auto"). */
const HTML_ATTRS = { 'data-color-mode': 'auto', 'data-light-theme': 'light', 'data-dark-theme': 'dark' };

function meta(name: string, content: string, extra: Record<string, string | boolean> = {}): string {
  return `<meta${attrs({ name, content, ...extra })}>`;
}

function ghHead(
  p: RepoRef,
  markup: GithubMarkup,
  o: {
    routePattern?: string;
    canonical: string;
    selected: 'repo_pulls' | 'repo_issues' | 'repo_releases' | 'repo_source';
  },
): string {
  const common = [
    meta('hostname', p.host),
    meta('go-import', `${p.host}/${nwo(p)} git https://${p.host}/${nwo(p)}.git`),
    `<meta${attrs({ name: 'selected-link', value: o.selected })}>`,
  ];
  if (markup === 'classic') return common.join('\n');
  return join(
    [
      ...common,
      meta('expected-hostname', p.host),
      meta('octolytics-dimension-repository_nwo', nwo(p)),
      o.routePattern ? meta('route-pattern', o.routePattern, { 'data-turbo-transient': true }) : '',
      `<link${attrs({ rel: 'canonical', href: `https://${p.host}${o.canonical}`, 'data-turbo-transient': true })}>`,
    ],
    '\n',
  );
}

function siteHeader(markup: GithubMarkup): string {
  return markup === 'classic'
    ? `<header class="Header f5" role="banner"><a class="header-logo-invertocat" href="/">GitHub</a> <span class="header-logo-subbrand">Enterprise</span></header>`
    : `<header class="AppHeader" role="banner"><div class="AppHeader-globalBar"><a href="/" aria-label="Homepage">GitHub</a></div></header>`;
}

function repoNav(p: RepoRef, markup: GithubMarkup, selected: 'pulls' | 'issues' | 'code'): string {
  const base = repoPath(p);
  const item = (key: string, label: string, href: string): string =>
    markup === 'classic'
      ? `<a class="js-selected-navigation-item reponav-item${key === selected ? ' selected' : ''}" href="${e(href)}">${label}</a>`
      : `<li><a class="UnderlineNav-item${key === selected ? ' selected' : ''}" href="${e(href)}"${key === selected ? ' aria-current="page"' : ''}>${label}</a></li>`;
  const items = [
    item('code', 'Code', base),
    item('issues', 'Issues', `${base}/issues`),
    item('pulls', 'Pull requests', `${base}/pulls`),
  ];
  if (markup === 'classic') {
    return `<div class="pagehead repohead instapaper_ignore readability-menu experiment-repo-nav">
<div class="repohead-details-container clearfix container"><h1 class="public"><span class="author" itemprop="author"><a class="url fn" rel="author" href="${e(userPath(p.owner))}">${e(p.owner)}</a></span><span class="path-divider">/</span><strong itemprop="name"><a data-pjax="#js-repo-pjax-container" href="${e(base)}">${e(p.repo)}</a></strong></h1></div>
<nav class="reponav js-repo-nav js-sidenav-container-pjax container" role="navigation">${items.join('')}</nav></div>`;
  }
  return `<div id="repository-container-header" class="pt-3">
<div class="d-flex"><strong itemprop="author"><a href="${e(userPath(p.owner))}">${e(p.owner)}</a></strong> / <strong itemprop="name"><a data-pjax="#repo-content-pjax-container" href="${e(base)}">${e(p.repo)}</a></strong></div>
<nav class="js-repo-nav js-responsive-underlinenav" aria-label="Repository"><ul class="UnderlineNav-body">${items.join('')}</ul></nav></div>`;
}

function labelChips(labels: string[]): string {
  return labels
    .map((l) => `<a class="IssueLabel hx_IssueLabel" data-name="${e(l)}" href="#">${e(l)}</a>`)
    .join('');
}

/** Server-rendered sidebar (#partial-discussion-sidebar) — classic PR/issue and today's PR conversation. */
function discussionSidebar(kind: 'pull' | 'issue', labels: string[]): string {
  const item = (aria: string, heading: string, body: string, extraClass = ''): string =>
    `<div class="discussion-sidebar-item${extraClass}"><form aria-label="${aria}"><details class="details-reset details-overlay"><summary class="discussion-sidebar-heading discussion-sidebar-toggle">${heading}</summary></details>${body}</form></div>`;
  return `<div class="discussion-sidebar"><div id="partial-discussion-sidebar" class="js-discussion-sidebar">
${kind === 'pull' ? item('Select reviewers', 'Reviewers', '<span class="css-truncate">No reviews</span>', ' sidebar-reviewers') : ''}
${item('Select assignees', 'Assignees', '<span class="css-truncate js-issue-assignees">No one assigned</span>', ' sidebar-assignee')}
${item('Select labels', 'Labels', `<div class="labels css-truncate js-issue-labels">${labels.length ? labelChips(labels) : 'None yet'}</div>`, ' sidebar-labels')}
${item('Select projects', 'Projects', '<span class="css-truncate">None yet</span>')}
${item('Select milestones', 'Milestone', '<span class="css-truncate">No milestone</span>')}
${item('Link issues', 'Development', '<p>Successfully merging this pull request may close these issues.</p>')}
</div></div>`;
}

function classicComment(author: string, createdAt: string, body: string, what: string): string {
  return `<div class="TimelineItem js-comment-container"><div class="timeline-comment">
<div class="timeline-comment-header"><h3 class="timeline-comment-header-text f5 text-normal"><strong><a class="author" href="${e(userPath(author))}">${e(author)}</a></strong> ${what} <relative-time datetime="${e(createdAt)}">${e(shortDate(createdAt))}</relative-time></h3></div>
<div class="comment-body markdown-body js-comment-body">${paragraphs(body)}</div></div></div>`;
}

function classicTimeline(author: string, createdAt: string, body: string, comments: GithubComment[]): string {
  return `<div class="discussion-timeline js-quote-selection-container"><div class="js-discussion js-socket-channel">
${classicComment(author, createdAt, body, 'commented')}
${comments.map((c) => classicComment(c.author, c.createdAt, c.body, 'commented')).join('\n')}
</div></div>`;
}

function stateClassic(state: GithubPullPageProps['state'] | 'open' | 'closed', draft: boolean): string {
  if (draft && state === 'open') return '<div class="State State--draft">Draft</div>';
  if (state === 'merged') return '<div class="State State--purple">Merged</div>';
  if (state === 'closed') return '<div class="State State--red">Closed</div>';
  return '<div class="State State--green">Open</div>';
}

function commitRef(p: GithubPullPageProps, which: 'base' | 'head'): string {
  const ref = which === 'base' ? p.baseRef : p.headRef;
  return `<span title="${e(`${nwo(p)}:${ref}`)}" class="commit-ref css-truncate user-select-contain expandable ${which}-ref"><span class="css-truncate-target">${e(ref)}</span></span>`;
}

/** A pull request's tab: its URL suffix after `/pull/N` (conversation: none). */
export type GithubPullTab = 'conversation' | 'files' | 'commits' | 'checks';
const TAB_SUFFIX: Record<GithubPullTab, string> = {
  conversation: '',
  files: '/files',
  commits: '/commits',
  checks: '/checks',
};

function prPath(p: GithubPullPageProps, tab: GithubPullTab): string {
  return `${repoPath(p)}/pull/${p.number}${TAB_SUFFIX[tab]}`;
}

function pullTitle(p: GithubPullPageProps): string {
  return `${p.title} by ${p.author} · Pull Request #${p.number} · ${nwo(p)}`;
}

function mergeVerb(p: GithubPullPageProps): string {
  const n = `${p.commits} commit${p.commits === 1 ? '' : 's'}`;
  return p.state === 'merged' ? `merged ${n} into` : `wants to merge ${n} into`;
}

function classicPullHeader(p: GithubPullPageProps): string {
  return `<div id="partial-discussion-header" class="gh-header js-details-container Details js-socket-channel js-updatable-content pull request">
<div class="gh-header-show"><div class="gh-header-actions"><button type="button" class="btn btn-sm js-details-target" aria-label="Edit Pull Request title">Edit</button></div>
<h1 class="gh-header-title"><span class="js-issue-title">${e(p.title)}</span> <span class="gh-header-number">#${p.number}</span></h1></div>
<div class="TableObject gh-header-meta"><div class="TableObject-item">${stateClassic(p.state, p.draft)}</div>
<div class="TableObject-item TableObject-item--primary flex-auto"><a class="author pull-header-username css-truncate css-truncate-target expandable" href="${e(userPath(p.author))}">${e(p.author)}</a> ${mergeVerb(p)} ${commitRef(p, 'base')} from ${commitRef(p, 'head')}</div></div></div>`;
}

function classicPullTabs(p: GithubPullPageProps, tab: GithubPullTab): string {
  const t = (href: string, label: string, counterId: string, count: number, sel: boolean): string =>
    `<a href="${e(href)}" class="tabnav-tab js-pjax-history-navigate${sel ? ' selected' : ''}">${label} <span id="${counterId}" class="Counter">${count}</span></a>`;
  const base = `${repoPath(p)}/pull/${p.number}`;
  return `<div class="tabnav tabnav-pr"><nav class="tabnav-tabs">
${t(base, 'Conversation', 'conversation_tab_counter', p.comments.length, tab === 'conversation')}
${t(`${base}/commits`, 'Commits', 'commits_tab_counter', p.commits, tab === 'commits')}
${t(`${base}/checks`, 'Checks', 'checks_tab_counter', 0, tab === 'checks')}
${t(`${base}/files`, 'Files changed', 'files_tab_counter', p.changedFiles, tab === 'files')}
</nav></div>`;
}

/** Synthetic file paths: the props carry only a count of changed files. */
function changedPaths(p: GithubPullPageProps): string[] {
  return Array.from(
    { length: Math.min(Math.max(p.changedFiles, 0), 3) },
    (_, i) => `src/changed-file-${i + 1}.ts`,
  );
}

function classicFiles(p: GithubPullPageProps): string {
  const files = changedPaths(p)
    .map(
      (path, i) => `<div id="diff-${i}" class="file js-file js-details-container Details">
<div class="file-header js-file-header" data-path="${e(path)}" data-anchor="diff-${i}"><div class="file-info"><a title="${e(path)}" class="link-gray-dark" href="#diff-${i}">${e(path)}</a></div></div>
<div class="js-file-content"><table class="diff-table"><tbody><tr><td class="blob-num"></td><td class="blob-code blob-code-addition">+ …</td></tr></tbody></table></div></div>`,
    )
    .join('\n');
  return `<div class="pr-toolbar js-sticky"><div class="diffbar"><div class="diffbar-item toc-select">Jump to…</div></div></div>
<div id="files" class="diff-view commentable"><div class="js-diff-progressive-container">${files}</div></div>`;
}

/** The commits and checks tabs: what they list is not reproduced, only that they hold no sidebar or diff list. */
function otherTab(p: GithubPullPageProps, tab: 'commits' | 'checks'): string {
  return tab === 'commits'
    ? `<div class="commits-listing" data-replica-tab="commits"><p>${p.commits} commits</p></div>`
    : '<div class="checks-listing" data-replica-tab="checks"><p>No checks</p></div>';
}

function classicPull(p: GithubPullPageProps, tab: GithubPullTab): string {
  const header = `${classicPullHeader(p)}\n${classicPullTabs(p, tab)}`;
  const content =
    tab === 'commits' || tab === 'checks'
      ? `<div class="pull-request-tab-content is-visible">${header}${otherTab(p, tab)}</div>`
      : tab === 'files'
        ? `<div id="files_bucket" class="files-bucket files-next-bucket clearfix pull-request-tab-content is-visible">${header}${classicFiles(p)}</div>`
        : `<div id="discussion_bucket" class="pull-request-tab-content is-visible">${header}
<div class="d-flex">${classicTimeline(p.author, p.createdAt, p.body, p.comments).replace('discussion-timeline', 'discussion-timeline flex-auto')}${discussionSidebar('pull', p.labels)}</div></div>`;
  return `${siteHeader('classic')}
<div id="start-of-content" class="show-on-focus"></div><div id="js-flash-container"></div>
<div role="main" class="application-main"><div itemscope itemtype="http://schema.org/SoftwareSourceCode"><div id="js-repo-pjax-container" data-pjax-container>
${repoNav(p, 'classic', 'pulls')}
<div class="container new-discussion-timeline experiment-repo-nav"><div class="repository-content"><div class="issues-listing js-review-state-classes" data-pjax>
${content}
</div></div></div></div></div></div>`;
}

function reactStateLabel(state: GithubPullPageProps['state'], draft: boolean): string {
  if (state === 'merged') return '<span class="State State--merged">Merged</span>';
  if (state === 'closed') return '<span class="State State--closed">Closed</span>';
  return draft
    ? '<span class="State State--draft">Draft</span>'
    : '<span class="State State--open">Open</span>';
}

/**
 * A branch link of the PR header: `data-component="BranchName"` and only the CSS-module class (kallist/CueParcel's
 * live fixture, September 2026; refined-github's `a[class^="PullRequestBranchName"]`, August 2026). No openable source
 * shows Primer's `prc-BranchName-BranchName` class there, so the replica leaves it out.
 */
function reactBranch(p: GithubPullPageProps, ref: string): string {
  return `<a data-component="BranchName" href="${e(`${repoPath(p)}/tree/${urlPath(ref)}`)}" class="PullRequestBranchName-module__branchName__SCtl2">${e(ref)}</a>`;
}

function reactPullHeader(p: GithubPullPageProps, tab: GithubPullTab): string {
  const base = `${repoPath(p)}/pull/${p.number}`;
  const t = (href: string, label: string, count: number, sel: boolean): string =>
    `<li><a href="${e(href)}"${sel ? ' aria-current="page"' : ''}>${label} <span data-component="CounterLabel">${count}</span></a></li>`;
  return `<div class="prc-PageLayout-Header-mQXK1"><div data-component="PageHeader" class="prc-PageHeader-PageHeader-sT1qH">
<div class="prc-PageHeader-TitleArea-FHQgZ" data-component="TitleArea"><h1 class="prc-PageHeader-Title-p0Mgh lh-condensed PullRequestHeader-module__inlineTitle__cX2eV" data-component="PH_Title"><span class="markdown-title">${e(p.title)}</span> <span class="fgColor-muted">#${p.number}</span></h1></div>
<div class="prc-PageHeader-Actions-wawWm" data-component="PH_Actions"><button type="button">Edit</button> <button type="button">Code</button></div>
<div class="prc-PageHeader-Description-w-ejP">${reactStateLabel(p.state, p.draft)}
<div class="fgColor-muted d-flex flex-items-center PullRequestHeaderSummary-module__summaryContainer__it2THio"><span><a class="author Link--primary text-bold" href="${e(userPath(p.author))}">${e(p.author)}</a> ${mergeVerb(p)}</span>
<div class="d-flex flex-items-center gap-1 PullRequestHeaderBranches-module__branches__mwwe4" role="group">${reactBranch(p, p.baseRef)}<span>from</span>${reactBranch(p, p.headRef)}</div></div></div>
<div data-component="PH_Navigation" class="prc-PageHeader-Navigation--uLav"><nav aria-label="Pull request navigation" class="PullRequestHeaderTabNav-module__TabNav__tXCxR"><ul role="list" aria-label="Pull request tabs">
${t(base, 'Conversation', p.comments.length, tab === 'conversation')}${t(`${base}/commits`, 'Commits', p.commits, tab === 'commits')}${t(`${base}/checks`, 'Checks', 0, tab === 'checks')}${t(`${base}/files`, 'Files changed', p.changedFiles, tab === 'files')}
</ul></nav></div></div></div>`;
}

/**
 * Which list the React files tab renders its diffs in: `progressive-diffs-list` or `virtualized-diffs-list` (both
 * seen in 2025–2026, LANDMARKS.md react-diffs). What makes GitHub choose one is not recorded; the replica serves the
 * virtualized one on `/changes…` URLs so that both are exercised.
 */
export type GithubDiffList = 'progressive' | 'virtualized';

function reactFiles(p: GithubPullPageProps, list: GithubDiffList): string {
  const files = changedPaths(p)
    .map(
      (
        path,
        i,
      ) => `<div role="region" id="diff-${i}" aria-labelledby="diff-${i}-path" class="Diff-module__diffTargetable__tbEJH">
<div class="d-flex" data-path="${e(path)}"><h3 id="diff-${i}-path"><a href="#diff-${i}"><code>${e(path)}</code></a></h3><button type="button" aria-label="Not Viewed">Viewed</button></div>
<table class="diff-table"><tbody><tr><td>+ …</td></tr></tbody></table></div>`,
    )
    .join('\n');
  return `<div class="d-flex"><div><ul role="tree" aria-label="Files">${changedPaths(p)
    .map((path) => `<li role="treeitem">${e(path)}</li>`)
    .join('')}</ul></div>
<div class="flex-auto" data-testid="${list}-diffs-list">${files}</div></div>`;
}

function reactPull(p: GithubPullPageProps, tab: GithubPullTab, list: GithubDiffList): string {
  const body =
    tab === 'commits' || tab === 'checks'
      ? otherTab(p, tab)
      : tab === 'files'
        ? reactFiles(p, list)
        : `<div class="Layout Layout--flowRow-until-md Layout--sidebarPosition-end"><div class="Layout-main">${classicTimeline(p.author, p.createdAt, p.body, p.comments)}</div>
<div class="Layout-sidebar">${discussionSidebar('pull', p.labels)}</div></div>`;
  return `${siteHeader('react')}
<div id="js-flash-container" class="flash-container"></div>
<div class="application-main"><main id="js-repo-pjax-container">
${repoNav(p, 'react', 'pulls')}
<turbo-frame id="repo-content-turbo-frame" target="_top"><div id="repo-content-pjax-container" class="repository-content container-xl">
${reactPullHeader(p, tab)}
${body}
</div></turbo-frame></main></div>`;
}

/**
 * A pull request page: `/OWNER/REPO/pull/N` and its tabs. `files` is also what the diff URLs serve
 * (`/files/SHA`, `/files/A..B`, `/changes…`, `/commits/SHA`); `diffs` picks the React diff list.
 */
export function githubPullPage(
  p: GithubPullPageProps,
  o: { markup: GithubMarkup; tab: GithubPullTab; diffs?: GithubDiffList },
): string {
  return htmlDocument({
    title: pullTitle(p),
    htmlAttrs: HTML_ATTRS,
    head: ghHead(p, o.markup, {
      canonical: prPath(p, o.tab),
      routePattern: `/:user_id/:repository/pull/:id${TAB_SUFFIX[o.tab]}(.:format)`,
      selected: 'repo_pulls',
    }),
    bodyAttrs: {
      class:
        o.markup === 'classic'
          ? 'logged-in enterprise env-production'
          : 'logged-in env-production page-responsive',
    },
    style: STYLE,
    body: o.markup === 'classic' ? classicPull(p, o.tab) : reactPull(p, o.tab, o.diffs ?? 'progressive'),
  });
}

function classicIssue(p: GithubIssuePageProps): string {
  return `${siteHeader('classic')}
<div role="main" class="application-main"><div id="js-repo-pjax-container" data-pjax-container>
${repoNav(p, 'classic', 'issues')}
<div class="container new-discussion-timeline"><div class="repository-content"><div id="show_issue" class="js-issues-results">
<div id="partial-discussion-header" class="gh-header js-details-container Details js-socket-channel js-updatable-content issue">
<div class="gh-header-show"><div class="gh-header-actions"><button type="button" class="btn btn-sm js-details-target">Edit</button></div>
<h1 class="gh-header-title"><span class="js-issue-title">${e(p.title)}</span> <span class="gh-header-number">#${p.number}</span></h1></div>
<div class="TableObject gh-header-meta"><div class="TableObject-item">${stateClassic(p.state, false)}</div>
<div class="TableObject-item TableObject-item--primary flex-auto"><a class="author" href="${e(userPath(p.author))}">${e(p.author)}</a> opened this issue <relative-time datetime="${e(p.createdAt)}">${e(shortDate(p.createdAt))}</relative-time> · ${p.comments.length} comments</div></div></div>
<div class="d-flex">${classicTimeline(p.author, p.createdAt, p.body, p.comments)}${discussionSidebar('issue', p.labels)}</div>
</div></div></div></div></div>`;
}

/**
 * The React issue view, nested as on a real github.com issue page saved in 2025 (LANDMARKS.md issue-dom-map,
 * kepano/defuddle's fixture): `.react-issue-body` is on `[data-testid="issue-body"]`, which holds the header (author,
 * the permalink with its absolute href) and `#issue-body-viewer`; comments sit in
 * `[data-testid="issue-viewer-comments-container"] [data-testid="issue-timeline-container"]` (no `#issue-timeline`);
 * the sidebar is `[data-testid="issue-viewer-metadata-container"] > [data-testid="issue-viewer-metadata-pane"]`, its
 * sections headed by h3 (the pane's own h2 "Metadata" stands outside them), with no `.Layout-sidebar`.
 */
function reactIssue(p: GithubIssuePageProps): string {
  const issueUrl = `https://${p.host}${repoPath(p)}/issues/${p.number}`;
  const comment = (c: GithubComment, i: number): string =>
    `<div class="LayoutHelpers-module__timelineElement--tFGhF" data-wrapper-timeline-id="IC_${p.number}0${i}"><div data-timeline-event-id="IC_${p.number}0${i}"><div class="react-issue-comment"><div data-testid="comment-header" id="issuecomment-${p.number}0${i}"><h3 class="sr-only">${e(c.author)} commented</h3><a data-testid="avatar-link" href="${e(userPath(c.author))}">${e(c.author)}</a> commented <relative-time datetime="${e(c.createdAt)}">${e(shortDate(c.createdAt))}</relative-time></div>
<div data-testid="markdown-body" class="markdown-body"><div class="markdown-body NewMarkdownViewer-module__safe-html-box--cRsz0">${paragraphs(c.body)}</div></div></div></div></div>`;
  const section = (heading: string, body: string): string =>
    `<div data-testid="sidebar-section"><div><div><h3>${heading}</h3></div>${body}</div></div>`;
  return `${siteHeader('react')}
<div class="application-main"><main id="js-repo-pjax-container">
${repoNav(p, 'react', 'issues')}
<turbo-frame id="repo-content-turbo-frame" target="_top"><div id="repo-content-pjax-container" class="repository-content container-xl">
<div data-testid="issue-viewer-container">
<div class="issue-main"><div data-testid="issue-header"><h1><bdi data-testid="issue-title" class="markdown-title">${e(p.title)}</bdi> <span>#${p.number}</span></h1></div>
<div data-testid="issue-metadata-sticky">${p.state === 'closed' ? '<span data-testid="header-state" class="State State--closed">Closed</span>' : '<span data-testid="header-state" class="State State--open">Open</span>'}</div>
<div data-testid="issue-viewer-issue-container"><div data-testid="issue-body" class="react-issue-body"><h2 class="sr-only">Description</h2>
<div><a data-testid="issue-body-header-author" href="${e(`https://${p.host}${userPath(p.author)}`)}">${e(p.author)}</a> <span>opened </span><a data-testid="issue-body-header-link" href="${e(`${issueUrl}#issue-${p.number}00`)}"><relative-time datetime="${e(p.createdAt)}">${e(shortDate(p.createdAt))}</relative-time></a></div>
<div id="issue-body-viewer" data-testid="issue-body-viewer"><div data-testid="markdown-body" class="markdown-body"><div class="markdown-body NewMarkdownViewer-module__safe-html-box--cRsz0">${paragraphs(p.body)}</div></div></div></div></div>
<div data-testid="issue-viewer-comments-container" class="react-comments-container"><h2 class="sr-only">Activity</h2><div data-testid="issue-timeline-container">${p.comments.map(comment).join('\n')}</div></div></div>
<div data-testid="issue-viewer-metadata-container"><div data-testid="issue-viewer-metadata-pane"><h2 class="sr-only">Metadata</h2>
${section('Assignees', '<p>No one assigned</p>')}
${section('Labels', p.labels.length ? labelChips(p.labels) : '<p>No labels</p>')}
${section('Projects', '<p>No projects</p>')}
${section('Milestone', '<p>No milestone</p>')}
${section('Relationships', '<p>None yet</p>')}
${section('Development', '<p>No branches or pull requests</p>')}
</div></div></div></div></turbo-frame></main></div>`;
}

/** An issue page (`/OWNER/REPO/issues/N`). */
export function githubIssuePage(p: GithubIssuePageProps, o: { markup: GithubMarkup }): string {
  const path = `${repoPath(p)}/issues/${p.number}`;
  return htmlDocument({
    title: `${p.title} · Issue #${p.number} · ${nwo(p)}`,
    htmlAttrs: HTML_ATTRS,
    head: ghHead(p, o.markup, {
      canonical: path,
      // as on the saved 2025 issue page (after an in-page navigation, probably): nothing may rely on route-pattern
      routePattern: '/_view_fragments/issues/show/:user_id/:repository/:id/issue_layout(.:format)',
      selected: 'repo_issues',
    }),
    bodyAttrs: { class: 'logged-in env-production page-responsive' },
    style: STYLE,
    body: o.markup === 'classic' ? classicIssue(p) : reactIssue(p),
  });
}

function stateIcon(kind: 'pull' | 'issue', item: GithubListItem): string {
  const label =
    kind === 'issue'
      ? item.state === 'open'
        ? 'Open issue'
        : 'Closed issue'
      : item.state === 'merged'
        ? 'Merged Pull Request'
        : item.state === 'closed'
          ? 'Closed Pull Request'
          : item.draft
            ? 'Draft Pull Request'
            : 'Open Pull Request';
  const icon =
    kind === 'issue'
      ? 'octicon-issue-opened'
      : item.draft
        ? 'octicon-git-pull-request-draft'
        : 'octicon-git-pull-request';
  const color =
    item.state === 'open'
      ? item.draft
        ? 'color-fg-muted'
        : 'color-fg-open'
      : item.state === 'merged'
        ? 'color-fg-done'
        : 'color-fg-closed';
  return `<span class="tooltipped tooltipped-e" aria-label="${label}"><svg class="octicon ${icon} ${color}" width="16" height="16" aria-hidden="true"></svg></span>`;
}

/** Server-rendered list rows (`.js-issue-row`), as recorded from github.com's PR list in 2024. */
function listRows(p: GithubListPageProps, kind: 'pull' | 'issue'): string {
  const seg2 = kind === 'pull' ? 'pull' : 'issues';
  return p.items
    .map((it) => {
      const href = `${repoPath(p)}/${seg2}/${it.number}`;
      return `<div id="issue_${it.number}" class="Box-row Box-row--focus-gray p-0 mt-0 js-navigation-item js-issue-row" data-pjax="#repo-content-pjax-container"><div class="d-flex Box-row--drag-hide position-relative">
<div class="flex-shrink-0 pt-2 pl-3">${stateIcon(kind, it)}</div>
<div class="flex-auto min-width-0 p-2 pr-3 pr-md-2"><a id="issue_${it.number}_link" class="Link--primary v-align-middle no-underline h4 js-navigation-open markdown-title" data-hovercard-type="${kind === 'pull' ? 'pull_request' : 'issue'}" data-hovercard-url="${e(`${href}/hovercard`)}" href="${e(href)}">${e(it.title)}</a>
<span class="lh-default d-block d-md-inline labels">${labelChips(it.labels ?? [])}</span>
<div class="d-flex mt-1 text-small color-fg-muted"><span class="opened-by">#${it.number} opened by <a class="Link--muted" title="${e(`Open ${kind === 'pull' ? 'pull requests' : 'issues'} created by ${it.author}`)}" data-hovercard-type="user" href="${e(`${repoPath(p)}/${kind === 'pull' ? 'pulls' : 'issues'}?q=${encodeURIComponent(`is:open author:${it.author}`)}`)}">${e(it.author)}</a></span></div></div>
</div></div>`;
    })
    .join('\n');
}

function classicList(p: GithubListPageProps, kind: 'pull' | 'issue'): string {
  const label = kind === 'pull' ? 'Pull requests' : 'Issues';
  return `<h1 class="sr-only">${label}: ${e(nwo(p))}</h1>
<div class="Box mt-3 Box--responsive"><div class="Box-header d-flex flex-justify-between" id="js-issues-toolbar"><div class="table-list-header-toggle states flex-auto">${p.items.filter((i) => i.state === 'open').length} Open</div></div>
<div aria-label="Issues" role="group" data-issue-and-pr-hovercards-enabled><div class="js-navigation-container js-active-navigation-container">
${listRows(p, kind)}
</div></div></div>`;
}

/** The React issue list (github.com, 2025+): list items with the title link as data-testid="issue-pr-title-link". */
function reactIssueList(p: GithubListPageProps): string {
  const rows = p.items
    .map((it) => {
      const href = `${repoPath(p)}/issues/${it.number}`;
      return `<li role="listitem"><div class="d-flex">${stateIcon('issue', it)}<h3><a data-testid="issue-pr-title-link" data-hovercard-url="${e(`${href}/hovercard`)}" href="${e(href)}">${e(it.title)}</a></h3></div>
<div class="color-fg-muted">#${it.number} · <a class="Link--muted" href="${e(userPath(it.author))}">${e(it.author)}</a> opened</div></li>`;
    })
    .join('\n');
  return `<h1 class="sr-only">Issues: ${e(nwo(p))}</h1><div><ul role="list" aria-label="Issues">${rows}</ul></div>`;
}

function listPage(p: GithubListPageProps, kind: 'pull' | 'issue', markup: GithubMarkup): string {
  const label = kind === 'pull' ? 'Pull requests' : 'Issues';
  const path = `${repoPath(p)}/${kind === 'pull' ? 'pulls' : 'issues'}`;
  const content = kind === 'issue' && markup === 'react' ? reactIssueList(p) : classicList(p, kind);
  const wrapped =
    markup === 'classic'
      ? `${siteHeader('classic')}<div role="main" class="application-main"><div id="js-repo-pjax-container" data-pjax-container>${repoNav(p, 'classic', kind === 'pull' ? 'pulls' : 'issues')}<div class="container new-discussion-timeline"><div class="repository-content">${content}</div></div></div></div>`
      : `${siteHeader('react')}<div class="application-main"><main id="js-repo-pjax-container">${repoNav(p, 'react', kind === 'pull' ? 'pulls' : 'issues')}<turbo-frame id="repo-content-turbo-frame" target="_top"><div class="clearfix new-discussion-timeline js-check-all-container container-xl">${content}</div></turbo-frame></main></div>`;
  return htmlDocument({
    title: `${label} · ${nwo(p)}`,
    htmlAttrs: HTML_ATTRS,
    head: ghHead(p, markup, {
      canonical: path,
      routePattern: `/:user_id/:repository/${kind === 'pull' ? 'pulls' : 'issues'}(.:format)`,
      selected: kind === 'pull' ? 'repo_pulls' : 'repo_issues',
    }),
    bodyAttrs: { class: 'logged-in env-production page-responsive' },
    style: STYLE,
    body: wrapped,
  });
}

/** The PR list (`/OWNER/REPO/pulls`): server-rendered rows in both generations (as recorded in 2024). */
export function githubPullListPage(p: GithubListPageProps, o: { markup?: GithubMarkup } = {}): string {
  return listPage(p, 'pull', o.markup ?? 'react');
}

/** The issue list (`/OWNER/REPO/issues`): React list view (react) or `.js-issue-row` rows (classic). */
export function githubIssueListPage(p: GithubListPageProps, o: { markup?: GithubMarkup } = {}): string {
  return listPage(p, 'issue', o.markup ?? 'react');
}

/**
 * Generated release notes: the notes written for the release, "What's Changed" with one line per pull request
 * (its link shows `#N`, as github.com renders a PR URL in markdown), and the "Full Changelog" compare link.
 */
function releaseNotes(p: GithubReleasePageProps): string {
  const web = `https://${p.host}`;
  const line = (n: GithubReleaseNote) => {
    const url = `${web}${repoPath(p)}/pull/${n.number}`;
    return `<li>${e(n.title)} by <a class="user-mention notranslate" data-hovercard-type="user" data-hovercard-url="${e(`/users/${seg(n.author)}/hovercard`)}" href="${e(`${web}${userPath(n.author)}`)}">@${e(n.author)}</a> in <a class="issue-link js-issue-link" data-error-text="Failed to load title" data-id="${n.number}" data-permission-text="Title is private" data-url="${e(`${web}${repoPath(p)}/issues/${n.number}`)}" data-hovercard-type="pull_request" data-hovercard-url="${e(`${repoPath(p)}/pull/${n.number}/hovercard`)}" href="${e(url)}">#${n.number}</a></li>`;
  };
  const changelog = p.previousTag
    ? `<p><strong>Full Changelog</strong>: <a class="commit-link" href="${e(`${web}${repoPath(p)}/compare/${urlPath(p.previousTag)}...${urlPath(p.tag)}`)}"><tt>${e(`${p.previousTag}...${p.tag}`)}</tt></a></p>`
    : '';
  return `${paragraphs(p.body)}
${p.pulls.length ? `<h2>What's Changed</h2>\n<ul>\n${p.pulls.map(line).join('\n')}\n</ul>` : ''}
${changelog}`;
}

/**
 * One release (`/OWNER/REPO/releases/tag/TAG`). react: today's github.com release page (a `section` with a
 * `.Box`: the title `h1.d-inline.mr-3`, the tag and commit links in `.border-md-bottom`, the notes in
 * `[data-test-selector="body-content"]`, assets in `.Box-footer`); classic: the layout before October 2021 that
 * Enterprise Server releases of that time still serve (`.release-entry .release-main-section`, the title and the
 * tag and commit links in `.release-header`, the notes in `.markdown-body`). Sources: LANDMARKS.md.
 */
export function githubReleasePage(p: GithubReleasePageProps, o: { markup: GithubMarkup }): string {
  const base = repoPath(p);
  const tagHref = `${base}/tree/${urlPath(p.tag)}`;
  const commitHref = `${base}/commit/${seg(p.targetSha)}`;
  const short = p.targetSha.slice(0, 7);
  const release =
    o.markup === 'classic'
      ? `<div class="release-entry"><div class="release pt-2 pt-md-0 pb-3 pb-md-0 clearfix${p.latest ? ' label-latest' : ''}">
<div class="release-main-section commit open float-left">
<div class="release-header"><div class="f1 flex-auto min-width-0 text-normal"><a href="${e(`${base}/releases/tag/${urlPath(p.tag)}`)}">${e(p.name)}</a></div>
<p class="f5 text-gray mt-2"><a class="text-bold" href="${e(userPath(p.author))}">${e(p.author)}</a> released this <relative-time datetime="${e(p.publishedAt)}">${e(shortDate(p.publishedAt))}</relative-time></p>
<ul class="list-style-none"><li class="d-inline-block mr-2"><a class="muted-link css-truncate" href="${e(tagHref)}" title="${e(p.tag)}"><svg class="octicon octicon-tag" aria-hidden="true" width="16" height="16"></svg> <span class="css-truncate-target">${e(p.tag)}</span></a></li>
<li class="d-inline-block mr-2"><a class="muted-link" href="${e(commitHref)}"><svg class="octicon octicon-git-commit" aria-hidden="true" width="16" height="16"></svg> <code>${e(short)}</code></a></li></ul></div>
<div class="markdown-body">${releaseNotes(p)}</div>
</div></div></div>`
      : `<section aria-labelledby="hd-${seg(p.targetSha.slice(0, 8))}"><h2 class="sr-only" id="hd-${seg(p.targetSha.slice(0, 8))}">${e(p.name)}</h2>
<div class="Box"><div class="Box-body">
<div class="d-flex flex-md-row flex-column"><div class="d-flex flex-row flex-1 mb-3 wb-break-word"><div class="flex-1"><h1 data-view-component="true" class="d-inline mr-3">${e(p.name)}</h1>${p.latest ? ' <span class="Label Label--success">Latest</span>' : ''}</div></div></div>
<div class="mb-3 border-md-bottom"><a class="Link Link--muted mr-3" href="${e(tagHref)}"><svg class="octicon octicon-tag" aria-hidden="true" width="16" height="16"></svg><span class="ml-1 wb-break-all">${e(p.tag)}</span></a>
<a class="Link--muted" data-hovercard-type="commit" data-hovercard-url="${e(`${commitHref}/hovercard`)}" href="${e(commitHref)}"><code class="f5 ml-1 wb-break-all">${e(short)}</code></a>
<span class="color-fg-muted"><a href="${e(userPath(p.author))}">${e(p.author)}</a> released this <relative-time datetime="${e(p.publishedAt)}">${e(shortDate(p.publishedAt))}</relative-time></span></div>
<div data-pjax="true" data-test-selector="body-content" data-view-component="true" class="markdown-body my-3">${releaseNotes(p)}</div>
</div>
<div data-view-component="true" class="Box-footer"><details open><summary><span class="f3 text-bold">Assets</span></summary><ul><li><a href="${e(`${base}/archive/refs/tags/${urlPath(p.tag)}.zip`)}">Source code (zip)</a></li></ul></details></div>
</div></section>`;
  const content =
    o.markup === 'classic'
      ? `${siteHeader('classic')}<div role="main" class="application-main"><div id="js-repo-pjax-container">${repoNav(p, 'classic', 'code')}<div class="container new-discussion-timeline experiment-repo-nav"><div class="repository-content">${release}</div></div></div></div>`
      : `${siteHeader('react')}<div class="application-main"><main id="js-repo-pjax-container">${repoNav(p, 'react', 'code')}<turbo-frame id="repo-content-turbo-frame" target="_top"><div id="repo-content-pjax-container" class="repository-content container-xl">${release}</div></turbo-frame></main></div>`;
  const path = `${base}/releases/tag/${urlPath(p.tag)}`;
  return htmlDocument({
    title: `Release ${p.name} · ${nwo(p)}`,
    htmlAttrs: HTML_ATTRS,
    head: ghHead(p, o.markup, {
      canonical: path,
      selected: 'repo_releases',
    }),
    bodyAttrs: { class: 'logged-in env-production page-responsive' },
    style: STYLE,
    body: content,
  });
}

/**
 * A compare of two refs (`/OWNER/REPO/compare/BASE...HEAD`), server-rendered on github.com and Enterprise Server
 * alike: the range editor (`.range-editor` with the base `.branch` and the compare side `.range-cross-repo-pair`),
 * the commit list (`#commits_bucket`, one `.js-commits-list-item` per commit, oldest first, its headline in `p`) and
 * the diff (`#files_bucket`). Sources: LANDMARKS.md.
 */
export function githubComparePage(p: GithubComparePageProps): string {
  const base = repoPath(p);
  const range = `${p.base}${p.dots}${p.head}`;
  const commit = (c: GithubComparePageProps['commits'][number]) => {
    const [headline = ''] = c.message.split('\n');
    const href = `${base}/commit/${seg(c.sha)}`;
    return `<li class="Box-row Box-row--focus-gray mt-0 d-flex js-commits-list-item js-navigation-item" data-url="${e(`${href}/commits_list_item`)}">
<div class="flex-auto min-width-0"><p class="mb-1"><a class="Link--primary text-bold js-navigation-open markdown-title" href="${e(href)}">${e(headline)}</a></p>
<div class="d-flex flex-items-center mt-1"><a class="commit-author user-mention" href="${e(userPath(c.author))}">${e(c.author)}</a>&nbsp;committed <relative-time datetime="${e(c.date)}">${e(shortDate(c.date))}</relative-time></div></div>
<div class="d-flex flex-shrink-0"><a class="sha btn-outline BtnGroup-item" href="${e(href)}">${e(c.sha.slice(0, 7))}</a></div></li>`;
  };
  const body = `<div class="range-editor text-gray js-range-editor" data-pjax="#repo-content-pjax-container">
<span class="d-inline-block">base: <span class="branch"><span class="css-truncate-target">${e(p.base)}</span></span></span><div class="range-cross-repo-pair"><span class="range-dots">${e(p.dots)}</span> compare: <span class="branch"><span class="css-truncate-target">${e(p.head)}</span></span></div>
</div>
<div id="commits_bucket"><div class="Box mb-3"><div class="Box-header"><h3 class="Box-title">${p.commits.length} commits</h3></div>
<ol class="list-style-none">${p.commits.map(commit).join('\n')}</ol></div></div>
<div id="files_bucket" class="js-diff-progressive-container"><div class="toc-diff-stats">Showing the changes</div></div>`;
  const content = `${siteHeader('react')}<div class="application-main"><main id="js-repo-pjax-container">${repoNav(p, 'react', 'code')}<turbo-frame id="repo-content-turbo-frame" target="_top"><div id="repo-content-pjax-container" class="repository-content container-xl">${body}</div></turbo-frame></main></div>`;
  return htmlDocument({
    title: `Comparing ${range} · ${nwo(p)}`,
    htmlAttrs: HTML_ATTRS,
    head: ghHead(p, 'react', {
      canonical: `${base}/compare/${urlPath(p.base)}${p.dots}${urlPath(p.head)}`,
      selected: 'repo_source',
    }),
    bodyAttrs: { class: 'logged-in env-production page-responsive' },
    style: STYLE,
    body: content,
  });
}
