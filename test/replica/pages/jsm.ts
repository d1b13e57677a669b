/**
 * Jira Service Management agent view of a request opened from a queue
 * (`/jira/servicedesk/projects/SUP/queues/custom/1/SUP-7`): the queue's issue list beside the standard
 * Cloud issue view, with the request type, the SLA panel and the Organizations field in the right column.
 * The SLA panel's and the Organizations field's inner markup are assumed (see LANDMARKS.md).
 */

import { jiraCloudShell, jiraIssueView } from './jira';
import { e, htmlDocument, seg } from './layout';
import type { JiraIssuePageProps, JsmRequestPageProps } from './props';

const STYLE = `
body{margin:0;font:14px -apple-system,"Segoe UI",Roboto,sans-serif;color:#172b4d;background:#fff}
@media (prefers-color-scheme: dark){body{color:#b6c2cf;background:#1d2125}}
a{color:#0c66e4;text-decoration:none}header{display:flex;gap:12px;padding:8px 16px;border-bottom:1px solid #dcdfe4}
main{padding:16px 24px}.agent{display:flex;gap:24px}.queue{width:260px}.cols{display:flex;gap:24px}.col-main{flex:1}
.col-right{width:360px}.field{display:flex;gap:8px;padding:6px 0}.field>span:first-child{width:120px;color:#626f86}
.sla{border:1px solid #dcdfe4;border-radius:6px;padding:8px;margin:8px 0}.sla li{display:flex;justify-content:space-between}
.breached{color:#ae2e24;font-weight:600}
`;

function asIssue(p: JsmRequestPageProps): JiraIssuePageProps {
  return {
    host: p.host,
    key: p.key,
    summary: p.summary,
    description: p.description,
    status: p.status,
    statusCategory: 'indeterminate',
    issueType: '[System] Service request',
    priority: 'Medium',
    projectKey: p.projectKey,
    projectName: p.projectKey,
    reporter: p.requester,
    fixVersions: [],
    labels: [],
  };
}

function slaPanel(p: JsmRequestPageProps): string {
  const items = p.sla
    .map(
      (s) =>
        `<li><span>${e(s.name)}</span><span class="${s.breached ? 'breached' : 'ongoing'}">${e(s.remaining)}</span></li>`,
    )
    .join('');
  return `<div class="sla"><h2>SLAs</h2><ul style="list-style:none;padding:0;margin:0">${items}</ul></div>`;
}

/** The JSM agent view of one request inside a queue. */
export function jsmRequestPage(p: JsmRequestPageProps): string {
  const queuePath = `/jira/servicedesk/projects/${seg(p.projectKey)}/queues/custom/${p.queueId}`;
  const requestType = `<div class="field"><span>Request type</span><div>${e(p.requestType)}</div></div>`;
  const orgs = `<div class="field"><span>Organizations</span><div>${
    p.organizations.length ? p.organizations.map((o) => `<span>${e(o)}</span>`).join(', ') : 'None'
  }</div></div>`;
  const main = `<div class="agent">
<div class="queue" data-testid="servicedesk-queues-agent-view.layout.queues-details">
<nav aria-label="Queue navigation"><a href="${e(queuePath)}">All open</a></nav>
<div data-testid="servicedesk-queues-agent-view.layout.queues-details.issue-search"><ul style="list-style:none;padding:0">
<li><a href="${e(`${queuePath}/${seg(p.key)}`)}">${e(p.key)}</a> ${e(p.summary)}</li></ul></div>
</div>
<div style="flex:1;min-width:0">${jiraIssueView(asIssue(p), `${requestType}\n${slaPanel(p)}`, orgs)}</div>
</div>`;
  return htmlDocument({
    title: `[${p.key}] ${p.summary} - Jira Service Management`,
    htmlAttrs: {
      'data-theme': 'dark:dark light:light spacing:spacing typography:typography',
      'data-color-mode': 'light',
    },
    style: STYLE,
    body: jiraCloudShell(main),
  });
}
