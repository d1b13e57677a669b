/**
 * Jira pages: the Jira Cloud issue view (`/browse/KEY`), the Cloud board with `?selectedIssue=KEY` (which
 * today opens the issue in a side *preview panel*; the older modal dialog is available as a variant), the
 * Cloud issue navigator's list view (`/issues/?jql=…`, a project's `…/issues`) and the Jira Data Center view
 * issue page. Landmarks and their sources: LANDMARKS.md.
 */
import { attrs, e, htmlDocument, join, paragraphs, seg } from './layout';
import type { JiraIssuePageProps, JiraNavigatorPageProps, JiraNavigatorRow } from './props';

const STYLE = `
body{margin:0;font:14px -apple-system,"Segoe UI",Roboto,sans-serif;color:#172b4d;background:#fff}
@media (prefers-color-scheme: dark){body{color:#b6c2cf;background:#1d2125}}
a{color:#0c66e4;text-decoration:none}header{display:flex;gap:12px;align-items:center;padding:8px 16px;border-bottom:1px solid #dcdfe4}
main{padding:16px 24px}h1{font-size:24px;font-weight:500;margin:8px 0 16px}
.cols{display:flex;gap:24px}.col-main{flex:1;min-width:0}.resizer{width:4px;background:#dcdfe4}
.col-right{width:360px}.field{display:flex;gap:8px;padding:6px 0}.field>span:first-child{width:120px;color:#626f86}
.lozenge{display:inline-block;padding:0 6px;border-radius:3px;background:#dfe1e6;font-weight:600;text-transform:uppercase;font-size:11px}
.lozenge.done{background:#dcfff1}.lozenge.indeterminate{background:#e9f2ff}
.board{display:flex;gap:12px}.board>div{width:240px;background:#f7f8f9;padding:8px;border-radius:6px}
.preview{position:fixed;top:48px;right:0;bottom:0;width:400px;background:#fff;border-left:1px solid #dcdfe4;overflow:auto;padding:8px 16px}
.modal-positioner{position:fixed;inset:40px 120px;background:#fff;border:1px solid #ccc;padding:16px;overflow:auto}
.aui-group{display:flex;gap:24px}.issue-main-column{flex:1}.issue-side-column{width:320px}
`;

const lozengeClass = (c: JiraIssuePageProps['statusCategory']): string => (c === 'new' ? 'new' : c);

function fieldRow(label: string, value: string, testId?: string): string {
  return `<div class="field"><span>${e(label)}</span><div${attrs({ 'data-testid': testId })}>${value}</div></div>`;
}

/**
 * `verifiedOnly`: the page variant without the landmarks whose only sources are search-index files (LANDMARKS.md
 * "index only"): what a reader cannot check the real page has, the replica leaves out there, so the site tests
 * show Liaison coping without it (test/sites/jira.test.ts, test/content/badges.test.ts).
 */
export interface JiraVariant {
  verifiedOnly?: boolean;
}

/** The issue view body shared by `/browse/KEY`, the board preview panel, the modal and JSM. */
export function jiraIssueView(
  p: JiraIssuePageProps,
  extraRight = '',
  extraDetails = '',
  o: JiraVariant = {},
): string {
  const browse = `/browse/${seg(p.key)}`;
  // The pinned-fields and Details-group test ids are index only (LANDMARKS.md jira-cloud): without them, the
  // Details block is a plain div.
  const detailsId = o.verifiedOnly
    ? undefined
    : 'issue-view-layout-templates-views.ui.context.visible-hidden.ui.context-group.details-group';
  return `<div class="issue-view">
<div data-testid="issue-view-layout-templates-default.ui.foundation-content.foundation-content-wrapper">
<nav aria-label="Breadcrumbs"><ol style="display:flex;gap:8px;list-style:none;padding:0;margin:0">
<li><a href="${e(`/browse/${seg(p.projectKey)}`)}" target="_self"><span>${e(p.projectName)}</span></a></li>
<li data-testid="issue.views.issue-base.foundation.breadcrumbs.breadcrumb-current-issue-container"><a data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item" href="${e(browse)}"><span>${e(p.key)}</span></a></li>
</ol></nav>
<h1 data-testid="issue.views.issue-base.foundation.summary.heading">${e(p.summary)}</h1>
</div>
<div class="cols"><div class="col-main">
<h2>Description</h2><div data-testid="issue.views.field.rich-text.description"><div class="ak-renderer-document">${paragraphs(p.description)}</div></div>
<h2>Activity</h2><div data-testid="issue.activity.comments-list"></div>
</div>
<div class="resizer" data-testid="flex-resizer.ui.handle.resizer" data-component-selector="jira-issue-view-common-component-resize-handle"></div>
<div class="col-right" data-testid="issue.views.issue-details.issue-layout.container-right">
<button type="button" data-testid="issue-field-status.ui.status-view.status-button.status-button"><span class="lozenge ${lozengeClass(p.statusCategory)}">${e(p.status)}</span></button>
${extraRight}
${o.verifiedOnly ? '' : '<div data-testid="issue-view-layout-templates-views.ui.context.visible-hidden.ui.primary-items"></div>'}
<div${attrs({ 'data-testid': detailsId })}><h2>Details</h2>
${fieldRow('Assignee', e(p.assignee ?? 'Unassigned'), 'issue.views.field.user.assignee')}
${fieldRow('Reporter', e(p.reporter), 'issue.views.field.user.reporter')}
${fieldRow('Work type', e(p.issueType))}
${fieldRow('Priority', e(p.priority))}
${fieldRow('Labels', p.labels.length ? p.labels.map((l) => `<a href="#">${e(l)}</a>`).join(' ') : 'None')}
${fieldRow('Fix versions', p.fixVersions.length ? p.fixVersions.map((v) => `<span>${e(v)}</span>`).join(', ') : 'None')}
${extraDetails}
</div></div></div></div>`;
}

/**
 * The compact issue layout: one column, no `container-right`, as the backlog's preview and some `/browse` pages
 * render it (LANDMARKS.md jira-compact). What else it holds is not recorded beyond the summary and the breadcrumb,
 * so the fields are plain rows here.
 */
export function jiraCompactIssueView(p: JiraIssuePageProps): string {
  const browse = `/browse/${seg(p.key)}`;
  return `<div data-testid="issue.views.issue-details.issue-layout.compact-layout">
<nav aria-label="Breadcrumbs"><a data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item" href="${e(browse)}"><span>${e(p.key)}</span></a></nav>
<h1 data-testid="issue.views.issue-base.foundation.summary.heading">${e(p.summary)}</h1>
<button type="button" data-testid="issue-field-status.ui.status-view.status-button.status-button"><span class="lozenge ${lozengeClass(p.statusCategory)}">${e(p.status)}</span></button>
<h2>Description</h2><div data-testid="issue.views.field.rich-text.description"><div class="ak-renderer-document">${paragraphs(p.description)}</div></div>
${fieldRow('Assignee', e(p.assignee ?? 'Unassigned'))}
${fieldRow('Fix versions', p.fixVersions.length ? p.fixVersions.map((v) => `<span>${e(v)}</span>`).join(', ') : 'None')}
<h2>Activity</h2><div data-testid="issue.activity.comments-list"></div>
</div>`;
}

/** The Cloud shell around every Cloud page: #jira-frontend, the page layout root and the top navigation. */
export function jiraCloudShell(main: string): string {
  return `<div id="jira-frontend"><div data-testid="page-layout.root">
<header><a data-testid="atlassian-navigation--product-home--container" href="/jira">Jira</a><button type="button" data-testid="atlassian-navigation--create-button">Create</button></header>
<main>${main}</main>
</div></div>`;
}

const HTML_ATTRS = {
  'data-theme': 'dark:dark light:light spacing:spacing typography:typography',
  'data-color-mode': 'light',
};

type BoardVariant = 'preview-panel' | 'modal' | 'backlog-compact';

/**
 * The board's columns and cards (LANDMARKS.md jira-board-kit): columns carry
 * `data-component-selector="platform-board-kit.ui.column.draggable-column"`; a card is one element with
 * `data-component-selector="platform-board-kit.ui.card-container"` and `data-testid="platform-board-kit.ui.card.card"`,
 * its key link in `[data-testid="platform-card.common.ui.key.key"]`. Neither carries the other attribute's value as a
 * `data-testid`.
 */
function board(p: JiraIssuePageProps, variant: BoardVariant, o: JiraVariant): string {
  const card = (): string =>
    `<div${attrs({ id: `card-${p.key}`, 'data-component-selector': 'platform-board-kit.ui.card-container', 'data-testid': 'platform-board-kit.ui.card.card' })}><span data-testid="issue-field-single-line-text-readview-card.ui.single-line-text.container.box">${e(p.summary)}</span><div data-testid="platform-card.ui.card.card-content.footer"><div data-testid="platform-card.common.ui.key.key"><a href="${e(`/browse/${seg(p.key)}`)}">${e(p.key)}</a></div></div></div>`;
  const col = (name: string, cat: JiraIssuePageProps['statusCategory']): string =>
    `<div data-component-selector="platform-board-kit.ui.column.draggable-column"><h2>${name}</h2>${
      cat === p.statusCategory ? card() : ''
    }</div>`;
  const boardHtml = `<h1>${e(p.projectName)} board</h1><div class="board" data-testid="platform-board-kit.ui.board.scroll.board-scroll">${col('To Do', 'new')}${col('In Progress', 'indeterminate')}${col('Done', 'done')}</div>`;
  const opened =
    variant === 'modal'
      ? `<div class="modal-positioner" data-testid="issue.views.issue-details.issue-modal.modal-dialog--positioner"><div role="dialog" aria-modal="true" data-testid="issue.views.issue-details.issue-modal.modal-dialog">${jiraIssueView(p, '', '', o)}</div></div>`
      : `<section class="preview" data-testid="preview-panels.preview-panel"><div data-testid="platform-issue-preview-panel.preview-panel-header"><span>Jira work item</span> <a data-testid="platform-issue-preview-panel.preview-panel-new-tab-link" href="${e(`/browse/${seg(p.key)}`)}" target="_blank">Open in new tab</a> <button type="button">Expand</button> <button type="button">Close</button></div>
${variant === 'backlog-compact' ? jiraCompactIssueView(p) : jiraIssueView(p, '', '', o)}</section>`;
  return `${boardHtml}\n${opened}`;
}

/**
 * A Jira Cloud issue page: `view: 'browse'` is `/browse/KEY`; `view: 'board'` is
 * `/jira/software/c/projects/PROJ/boards/1?selectedIssue=KEY` with the issue in the preview panel
 * (`boardVariant: 'modal'` renders the older modal dialog instead; `'backlog-compact'` the backlog's preview in the
 * compact layout). `compact` renders a `/browse` page in the compact layout. `verifiedOnly` (see `JiraVariant`)
 * also gives the board the title "Jira", as the one saved 2026 Cloud page has it (LANDMARKS.md
 * jira-saved-2026-navigator): the board title's format is index only.
 */
export function jiraIssuePage(
  p: JiraIssuePageProps,
  o: { view: 'browse' | 'board'; boardVariant?: BoardVariant; compact?: boolean } & JiraVariant,
): string {
  const issue = o.compact ? jiraCompactIssueView(p) : jiraIssueView(p, '', '', o);
  const main = o.view === 'browse' ? issue : board(p, o.boardVariant ?? 'preview-panel', o);
  const boardTitle = o.verifiedOnly ? 'Jira' : `Board - ${p.projectName} - Jira`;
  return htmlDocument({
    title: o.view === 'browse' ? `[${p.key}] ${p.summary} - Jira` : boardTitle,
    htmlAttrs: HTML_ATTRS,
    style: STYLE,
    body: jiraCloudShell(main),
  });
}

function navigatorRow(r: JiraNavigatorRow, i: number, o: JiraVariant): string {
  // Without the index-only test ids (verifiedOnly): the row, its cells, the /browse/ link and the inline-edit
  // container (all with openable sources) stay; the merged cell, key cell, summary cell and lozenge lose theirs.
  const id = (testId: string): string | undefined => (o.verifiedOnly ? undefined : testId);
  return `<tr data-testid="native-issue-table.ui.issue-row" role="row" data-index="${i}" data-vc="issue-row">
<td><div${attrs({ 'data-testid': id('native-issue-table.ui.row.issue-row.merged-cell') })}><a${attrs({ 'data-testid': id('native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell'), href: `/browse/${seg(r.key)}` })}>${e(r.key)}</a>
<div data-testid="issue-field-inline-edit-read-view-container.ui.container"><span${attrs({ 'data-testid': id('native-issue-table.common.ui.issue-cells.issue-summary.issue-summary-cell') })}>${e(r.summary)}</span></div></div></td>
<td>${e(r.issueType)}</td>
<td><button${attrs({ type: 'button', 'data-testid': id('issue.fields.status.common.ui.status-lozenge.3') })}><span class="lozenge ${lozengeClass(r.statusCategory)}">${e(r.status)}</span></button></td>
<td>${e(r.priority)}</td><td>${e(r.assignee ?? 'Unassigned')}</td></tr>`;
}

/**
 * The Cloud issue navigator in its list view (`/issues/?jql=…`, `/jira/software/c/projects/P/issues`): a table
 * of work items, each row's key a /browse/ link beside its summary. (Its detail view always carries
 * `?selectedIssue=KEY` and shows that issue beside the list, like a board's preview panel.)
 */
export function jiraIssueNavigatorPage(p: JiraNavigatorPageProps, o: JiraVariant = {}): string {
  // verifiedOnly: the table as the saved January 2026 page has it (only aria-label="Work"), no footer test id, and
  // that page's title "Jira" (LANDMARKS.md jira-saved-2026-navigator).
  const table = o.verifiedOnly
    ? { 'aria-label': 'Work' }
    : { 'data-testid': 'native-issue-table.ui.issue-table', 'data-vc': 'issue-table', 'aria-label': 'Work' };
  const footer = o.verifiedOnly
    ? undefined
    : 'native-issue-table.common.ui.components.footer.footer-container';
  const main = `<h1>Search work items</h1><p><code>${e(p.jql)}</code></p>
<div data-vc="issue-table-main-container"><div data-testid="native-issue-table.ui.scroll-container.scroll-container">
<table${attrs(table)}>
<thead><tr><th scope="col">Work</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Priority</th><th scope="col">Assignee</th></tr></thead>
<tbody>${p.rows.map((r, i) => navigatorRow(r, i, o)).join('\n')}</tbody></table></div>
<div${attrs({ 'data-testid': footer })}>${p.rows.length} work items</div></div>`;
  return htmlDocument({
    title: o.verifiedOnly ? 'Jira' : 'Work item search - Jira',
    htmlAttrs: HTML_ATTRS,
    style: STYLE,
    body: jiraCloudShell(main),
  });
}

/** Jira Data Center "view issue" page (`/browse/KEY` on a self-hosted Jira). */
export function jiraDataCenterIssuePage(p: JiraIssuePageProps): string {
  const browse = `/browse/${seg(p.key)}`;
  const val = (id: string, label: string, value: string): string =>
    `<li class="item"><strong class="name">${e(label)}:</strong> <span id="${id}" class="value">${value}</span></li>`;
  const body = `<div id="page"><header id="header" role="banner"><nav class="aui-header" aria-label="Site"><a id="logo" href="/secure/Dashboard.jspa">Jira</a></nav></header>
<section id="content" role="main">
<div id="issue-content">
<header id="stalker" class="issue-header js-stalker"><div class="issue-header-content">
<div class="aui-page-header"><div class="aui-page-header-inner"><div class="aui-page-header-main">
<ol class="aui-nav aui-nav-breadcrumbs"><li><a id="project-name-val" href="${e(`/browse/${seg(p.projectKey)}`)}">${e(p.projectName)}</a></li><li><a class="issue-link" data-issue-key="${e(p.key)}" href="${e(browse)}" id="key-val" rel="10001">${e(p.key)}</a></li></ol>
<h1 id="summary-val">${e(p.summary)}</h1></div>
<div class="aui-page-header-actions"></div></div></div>
<div class="command-bar"><div class="ops-cont"><a class="aui-button" href="#">Edit</a> <a class="aui-button" href="#">Comment</a></div></div>
</div></header>
<div class="content-container issue-body-content"><div class="content-body aui-panel"><div class="aui-group">
<div class="aui-item issue-main-column">
<div id="details-module" class="module toggle-wrap"><h2 class="toggle-title">Details</h2><ul class="property-list">
${val('type-val', 'Type', e(p.issueType))}${val('status-val', 'Status', `<span class="jira-issue-status-lozenge">${e(p.status)}</span>`)}${val('priority-val', 'Priority', e(p.priority))}
${val('fixfor-val', 'Fix Version/s', p.fixVersions.map((v) => e(v)).join(', ') || 'None')}${val('labels-val', 'Labels', p.labels.map((l) => e(l)).join(' ') || 'None')}
</ul></div>
<div id="descriptionmodule" class="module toggle-wrap"><h2 class="toggle-title">Description</h2><div id="description-val" class="user-content-block">${paragraphs(p.description)}</div></div>
<div id="attachmentmodule" class="module toggle-wrap"><h2 class="toggle-title">Attachments</h2></div>
<div id="activitymodule" class="module toggle-wrap"><h2 class="toggle-title">Activity</h2><div id="addcomment"></div></div>
</div>
<div id="viewissuesidebar" class="aui-item issue-side-column">
<div id="peoplemodule" class="module toggle-wrap"><h2 class="toggle-title">People</h2><ul class="item-details">
${val('assignee-val', 'Assignee', e(p.assignee ?? 'Unassigned'))}${val('reporter-val', 'Reporter', e(p.reporter))}
</ul></div>
<div id="datesmodule" class="module toggle-wrap"><h2 class="toggle-title">Dates</h2></div>
</div></div></div></div>
</div></section>
<footer id="footer" role="contentinfo"></footer></div>`;
  return htmlDocument({
    title: `[${p.key}] ${p.summary} - Jira`,
    head: join([`<meta${attrs({ name: 'ajs-jira-base-url', content: `https://${p.host}` })}>`]),
    bodyAttrs: { class: 'page-type-viewissue' },
    style: STYLE,
    body,
  });
}

/** A fix version's page (`/projects/KEY/versions/ID/…`): its name, state and issues. */
export interface JiraVersionPageProps {
  host: string;
  site: 'cloud' | 'dc';
  projectKey: string;
  projectName: string;
  name: string;
  released: boolean;
  releaseDate?: string;
  issues: { key: string; summary: string; status: string }[];
}

/**
 * A fix version's release page, Cloud or Data Center. No public source records this page's markup, so the replica
 * draws a plain one (heading, state, the issue list) and nothing may rely on its elements: Liaison docks the brief
 * in its drawer here by design (src/sites/jira.ts `jira-version`). The title names the version and the project
 * ("2.4.1 - Shop Platform - Jira": assumed, in the form of Jira's other page titles).
 */
export function jiraVersionPage(p: JiraVersionPageProps): string {
  const state = p.released ? `Released${p.releaseDate ? ` ${e(p.releaseDate)}` : ''}` : 'Unreleased';
  const rows = p.issues
    .map(
      (i) =>
        `<li><a href="${e(`/browse/${seg(i.key)}`)}">${e(i.key)}</a> ${e(i.summary)} <span>${e(i.status)}</span></li>`,
    )
    .join('\n');
  const main = `<h1>${e(p.name)}</h1><p>${state}</p><h2>Work items</h2><ul>${rows}</ul>`;
  return htmlDocument({
    title: `${p.name} - ${p.projectName} - Jira`,
    ...(p.site === 'cloud' ? { htmlAttrs: HTML_ATTRS } : {}),
    style: STYLE,
    body:
      p.site === 'cloud'
        ? jiraCloudShell(main)
        : `<div id="page"><section id="content" role="main">${main}</section></div>`,
  });
}
