/**
 * Zendesk Agent Workspace ticket page (`/agent/tickets/N`). Like the real SPA, the page arrives empty and
 * the app is mounted by an inline script ~200 ms after load. Several tickets can be open as workspace tabs
 * (`[data-test-id="header-tab"]`); only the active ticket's layout is visible, and clicking another tab
 * switches it in place with `history.pushState` (a same-document navigation, as in the real app).
 * Landmarks and their sources: LANDMARKS.md.
 */
import { attrs, e, HYDRATE_JS, htmlDocument } from './layout';
import type { ZendeskTicketPageProps } from './props';

const STYLE = `
body{margin:0;font:14px system-ui,-apple-system,"Segoe UI",sans-serif;color:#2f3941;background:#fff}
@media (prefers-color-scheme: dark){body{background:#151a1e;color:#e9ebed}}
header[data-test-id="header-toolbar"]{display:flex;align-items:center;height:48px;border-bottom:1px solid #d8dcde;padding:0 12px}
[data-test-id="header-tablist"]{display:flex;gap:4px}
[data-test-id="header-tab"]{padding:6px 12px;border:1px solid #d8dcde;border-radius:4px;cursor:pointer;max-width:220px}
[data-test-id="header-tab"][aria-selected="true"]{background:#edf7ff;border-color:#1f73b7}
.ticket-panes-grid-layout{display:grid;grid-template-columns:280px 1fr 320px;min-height:calc(100vh - 49px)}
[data-garden-id="pane"]{border-right:1px solid #d8dcde;padding:12px;overflow:auto}
[data-test-id="omni-header-subject"]{width:100%;font-size:18px;border:0}
article[data-test-id="omni-log-comment-item"]{border-bottom:1px solid #e9ebed;padding:8px 0}
.garden-tag-item{display:inline-block;background:#e9ebed;border-radius:4px;padding:0 6px;margin:2px}
.field{margin:8px 0}.field>label{display:block;font-weight:600;font-size:12px}
`;

function title(p: ZendeskTicketPageProps): string {
  return `${p.subject} – Zendesk`;
}

function headerTab(t: ZendeskTicketPageProps, selected: boolean): string {
  const sel = selected ? 'true' : 'false';
  return `<div${attrs({
    role: 'tab',
    tabindex: 0,
    'data-test-id': 'header-tab',
    'data-entity-id': t.id,
    'data-entity-type': 'TICKET_ENTITY_TYPE',
    'data-entity-is-selected': sel,
    'data-selected': sel,
    'aria-selected': sel,
    'aria-label': t.requester,
  })}><div data-garden-id="typography.ellipsis">${e(t.subject)}</div><div data-test-id="header-tab-subtitle">#${t.id}</div></div>`;
}

/** `verifiedOnly`: the assignee field without its test id, which only search-index files name (LANDMARKS.md zd-fields). */
function ticketFields(t: ZendeskTicketPageProps, verifiedOnly: boolean): string {
  const field = (label: string, inner: string): string =>
    `<div class="field" data-garden-id="grid.row"><label>${label}</label>${inner}</div>`;
  return `<div id="ticket_sidebar">
${field('Requester', `<div data-test-id="ticket-system-field-requester-select"><div data-garden-id="typography.ellipsis">${e(t.requester)}</div></div>`)}
${field('Organization', `<div data-test-id="ticket-system-field-organization-value">${e(t.organization ?? '-')}</div>`)}
${field('Assignee', `<div${attrs({ 'data-test-id': verifiedOnly ? undefined : 'assignee-field-autocomplete-trigger' })}>${e(t.assignee ?? '-')}</div>`)}
${field(
  'Tags',
  `<div data-test-id="ticket-fields-tags"><div data-test-id="ticket-system-field-tags-multiselect">${t.tags
    .map(
      (tag) =>
        `<span data-test-id="ticket-system-field-tags-item-selected"><span class="garden-tag-item">${e(tag)}</span></span>`,
    )
    .join('')}</div></div>`,
)}
${field('Status', `<div data-test-id="ticket-fields-status">${e(t.status)}</div>`)}
${field('Priority', `<div>${e(t.priority ?? '-')}</div>`)}
</div>`;
}

function conversation(t: ZendeskTicketPageProps): string {
  const first = { author: t.requester, body: t.description, public: true };
  const items = [first, ...t.comments]
    .map(
      (c) => `<article data-test-id="omni-log-comment-item"><div${attrs({
        mode: 'standalone',
        type: c.author === t.requester ? 'end-user' : 'agent',
        'data-test-id': 'omni-log-item-message',
      })}><span data-test-id="omni-log-item-sender">${e(c.author)}</span>${c.public ? '' : ' <span>Internal note</span>'}
<div data-test-id="omni-log-message-content">${e(c.body)}</div></div></article>`,
    )
    .join('\n');
  return `<div class="conversation-polaris"${attrs({ 'data-ticket-id': t.id, 'data-side-conversations-anchor-id': t.id })}>
<div class="omni-conversation-pane"><div><div><input${attrs({ 'data-test-id': 'omni-header-subject', 'aria-label': 'Subject', type: 'text', value: t.subject })}></div></div>
<div data-test-id="omni-log-container">${items}</div></div></div>`;
}

/**
 * One ticket's three panes, as the 2026 workspace lays them out (LANDMARKS.md zd-customizer): `column-N` panes, each
 * holding a component whose `data-test-id` says what it is. Which column holds which pane is the agent's choice; the
 * replica keeps the default order. The 2021–2023 context-panel tab bar (`customer-context-tab-navigation`) is gone.
 */
function ticketLayout(
  t: ZendeskTicketPageProps,
  active: boolean,
  layout: ZendeskLayout,
  verifiedOnly: boolean,
): string {
  if (layout === 'standard') return standardLayout(t, active, verifiedOnly);
  return `<div class="ticket"${active ? '' : ' hidden'}>
<div${attrs({ 'data-test-id': `ticket-${t.id}-custom-layout`, class: `ticket-panes-grid-layout${active ? ' active' : ''}`, 'data-is-active': active ? 'true' : 'false' })}>
<div data-test-id="column-1" data-garden-id="pane">${ticketFields(t, verifiedOnly)}</div>
<div data-test-id="column-2" data-garden-id="pane"><div data-test-id="component-type-MainConversationPane">${conversation(t)}</div></div>
<div data-test-id="column-3" data-garden-id="pane"><div data-test-id="component-type-ContextPanel">
<div class="field"><label>Customer</label><div>${e(t.requester)}</div></div>
<div class="field"><label>Organization</label><div data-test-id="customer-context-organization">${e(t.organization ?? '-')}</div></div>
</div></div></div></div>`;
}

/**
 * Which layout a ticket is shown in: the agent's `custom` panes, or the `standard` layout,
 * `[data-test-id="ticket-<id>-standard-layout"]` (Automattic/support-toolkit `extension/customizer-apply.js`
 * @ 94354c13, 2026: the `.ticket-panes-grid-layout` grid of new tickets; Hefestos-F/cc-result-monk
 * `EmUso/LoginZendeskTimer.user.js` @ 5a7d5e5a, August 2026: an open ticket's `#ticket_sidebar` inside it).
 */
export type ZendeskLayout = 'custom' | 'standard';

/**
 * The standard layout: the same grid class and `data-is-active`, but no `.active` class, no `column-N` panes and no
 * context panel, since no source shows them there (the customizer only tags `-custom-layout` grids): the replica is
 * stricter than the page may be, so the panels must find the ticket and its sidebar without them.
 */
function standardLayout(t: ZendeskTicketPageProps, active: boolean, verifiedOnly: boolean): string {
  return `<div class="ticket"${active ? '' : ' hidden'}>
<div${attrs({ 'data-test-id': `ticket-${t.id}-standard-layout`, class: 'ticket-panes-grid-layout', 'data-is-active': active ? 'true' : 'false' })}>
<div>${ticketFields(t, verifiedOnly)}</div>
<div>${conversation(t)}</div>
</div></div>`;
}

/** Tab switching inside the SPA: constant code, reads only attributes and input values already in the DOM. */
const TABS_JS = `
function replicaZendeskSelect(id, push) {
  var tabs = document.querySelectorAll('[data-test-id="header-tab"]');
  for (var i = 0; i < tabs.length; i++) {
    var on = tabs[i].getAttribute('data-entity-id') === id ? 'true' : 'false';
    tabs[i].setAttribute('aria-selected', on);
    tabs[i].setAttribute('data-selected', on);
    tabs[i].setAttribute('data-entity-is-selected', on);
  }
  var layouts = document.querySelectorAll('.ticket-panes-grid-layout');
  for (var j = 0; j < layouts.length; j++) {
    var testId = layouts[j].getAttribute('data-test-id');
    var active = testId === 'ticket-' + id + '-custom-layout' || testId === 'ticket-' + id + '-standard-layout';
    if (/-custom-layout$/.test(testId)) layouts[j].classList.toggle('active', active);
    layouts[j].setAttribute('data-is-active', active ? 'true' : 'false');
    layouts[j].parentElement.hidden = !active;
  }
  if (push) history.pushState(null, '', '/agent/tickets/' + encodeURIComponent(id));
  var subject = document.querySelector('.ticket-panes-grid-layout[data-is-active="true"] [data-test-id="omni-header-subject"]');
  if (subject) document.title = subject.value + ' \\u2013 Zendesk';
}
document.addEventListener('click', function (ev) {
  var tab = ev.target && ev.target.closest ? ev.target.closest('[data-test-id="header-tab"]') : null;
  if (!tab) return;
  ev.preventDefault();
  replicaZendeskSelect(tab.getAttribute('data-entity-id'), true);
});
window.addEventListener('popstate', function () {
  var m = /\\/agent\\/tickets\\/(\\d+)/.exec(location.pathname);
  if (m) replicaZendeskSelect(m[1], false);
});
window.__replica.mount('replica-app', 'body', 200);
`;

/**
 * The Agent Workspace at `/agent/tickets/{p.id}`; `openTabs` are other tickets open in workspace tabs
 * (rendered, hidden). The active ticket is `p`. `layout` is the layout every ticket is shown in (default `custom`).
 * `verifiedOnly`: without the landmarks whose only sources are search-index files (the assignee field's test id),
 * so the site tests show Liaison coping without them (test/sites/zendesk.test.ts).
 */
export function zendeskTicketPage(
  p: ZendeskTicketPageProps,
  o: { openTabs?: ZendeskTicketPageProps[]; layout?: ZendeskLayout; verifiedOnly?: boolean } = {},
): string {
  // Tabs keep the order they were opened in; the active ticket replaces its own entry or comes last.
  const tabs = o.openTabs ?? [];
  const all = tabs.some((t) => t.id === p.id) ? tabs.map((t) => (t.id === p.id ? p : t)) : [...tabs, p];
  const app = `<header data-test-id="header-toolbar" data-garden-id="navigation.header"><span>Zendesk</span>
<nav data-test-id="header-tablist" role="tablist" aria-label="Tabs">${all.map((t) => headerTab(t, t.id === p.id)).join('')}</nav></header>
<main data-garden-id="navigation.main">${all.map((t) => ticketLayout(t, t.id === p.id, o.layout ?? 'custom', o.verifiedOnly === true)).join('\n')}</main>`;
  return htmlDocument({
    title: title(p),
    style: STYLE,
    body: `<template id="replica-app">${app}</template>`,
    scripts: [HYDRATE_JS, TABS_JS],
  });
}
