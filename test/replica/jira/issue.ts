/**
 * One issue as Jira serialises it, with `fields` selection as the REST API applies it: a list of field
 * ids, `*all` / `*navigable`, and `-field` exclusions; unknown ids are ignored. search/jql without
 * `fields` returns id/key/self only ("fields: default id" in the spec; observed behaviour in
 * github.com/rmferguson/shoal docs/jira-api.md).
 */
import { indexOf } from '../dataset/lookup.ts';
import type { JiraIssue } from '../dataset/types.ts';
import { jsmSlaField, requestTypeField } from './jsm-shapes.ts';
import {
  commentsJson,
  customFields,
  issueTypeJson,
  type JiraApi,
  jiraDate,
  linkedIssueStub,
  linkTypes,
  priorityJson,
  projectJson,
  restRoot,
  richText,
  statusJson,
  userJson,
  versionJson,
} from './serialize.ts';

export function allFields(api: JiraApi, i: JiraIssue): Record<string, unknown> {
  const idx = indexOf(api.ds);
  const person = (k?: string) => (k ? idx.person.get(k) : undefined);
  const project = api.ds.jiraProjects.find((p) => p.site === i.site && p.key === i.projectKey);
  const versions = api.ds.jiraVersions.filter((v) => v.site === i.site && v.projectKey === i.projectKey);
  const done = i.statusCategory === 'done';
  const root = restRoot(api);
  const links = i.links.flatMap((l) => {
    const other = idx.jiraByKey.get(`${i.site}:${l.key}`);
    if (!other) return [];
    const t = linkTypes[l.type];
    return [
      {
        id: l.id,
        self: `${root}/issueLink/${l.id}`,
        type: { ...t, self: `${root}/issueLinkType/${t.id}` },
        [l.direction === 'outward' ? 'outwardIssue' : 'inwardIssue']: linkedIssueStub(api, other),
      },
    ];
  });
  const sla = (name: string) => {
    const s = i.request?.slas.find((x) => x.name === name);
    return s ? jsmSlaField(api, i, s) : null;
  };
  return {
    statuscategorychangedate: jiraDate(i.updated),
    issuetype: issueTypeJson(api, i.type),
    timespent: null,
    project: project ? projectJson(api, project) : null,
    fixVersions: i.fixVersions.flatMap((name) => {
      const v = versions.find((x) => x.name === name);
      return v ? [versionJson(api, v, undefined)] : [];
    }),
    aggregatetimespent: null,
    resolution: done
      ? {
          self: `${root}/resolution/10000`,
          id: '10000',
          description: 'Work has been completed on this issue.',
          name: 'Done',
        }
      : null,
    resolutiondate: i.resolved ? jiraDate(i.resolved) : null,
    workratio: -1,
    lastViewed: null,
    watches: { self: `${root}/issue/${i.key}/watchers`, watchCount: 1, isWatching: false },
    created: jiraDate(i.created),
    priority: priorityJson(api, i.priority),
    labels: i.labels,
    aggregatetimeoriginalestimate: null,
    timeestimate: null,
    versions: [],
    issuelinks: links,
    assignee: userJson(api, person(i.assigneeKey)),
    updated: jiraDate(i.updated),
    status: statusJson(api, i.status, i.statusCategory),
    components: [],
    timeoriginalestimate: null,
    description: richText(api, i.description),
    timetracking: {},
    attachment: [],
    aggregatetimeestimate: null,
    summary: i.summary,
    creator: userJson(api, person(i.reporterKey)),
    subtasks: [],
    reporter: userJson(api, person(i.reporterKey)),
    aggregateprogress: { progress: 0, total: 0 },
    environment: null,
    duedate: null,
    progress: { progress: 0, total: 0 },
    comment: commentsJson(api, i, (k) => idx.person.get(k)),
    votes: { self: `${root}/issue/${i.key}/votes`, votes: 0, hasVoted: false },
    worklog: { startAt: 0, maxResults: 20, total: 0, worklogs: [] },
    customfield_10002: i.request
      ? i.request.orgKeys.map((k) => ({
          id: String(idx.org.get(k)?.jsmId ?? 0),
          name: idx.org.get(k)?.name ?? k,
          _links: { self: `${api.base}/rest/servicedeskapi/organization/${idx.org.get(k)?.jsmId ?? 0}` },
        }))
      : null,
    customfield_10019: `0|i00${i.id}:`,
    customfield_10022: i.request ? requestTypeField(api, i) : null,
    customfield_10023: [],
    customfield_10071: sla('Time to resolution'),
    customfield_10072: sla('Time to first response'),
    customfield_10100: i.zendeskTicketIds.length > 0 ? i.zendeskTicketIds.join(', ') : null,
    customfield_10101: i.zendeskTicketIds.length > 0 ? i.zendeskTicketIds.length : null,
  };
}

/** Applies Jira's `fields` parameter. `undefined` means the endpoint's default. */
export function selectFields(
  all: Record<string, unknown>,
  fields: string[] | undefined,
  defaultAll: boolean,
): Record<string, unknown> | undefined {
  const list = (fields ?? (defaultAll ? ['*all'] : []))
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const include = list.filter((f) => !f.startsWith('-'));
  const exclude = new Set(list.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  const everything = include.includes('*all') || include.includes('*navigable');
  const names = Object.keys(all).filter((k) => !exclude.has(k) && (everything || include.includes(k)));
  if (names.length === 0 && !everything && include.every((f) => f === 'id' || f === 'key')) return undefined;
  return Object.fromEntries(names.map((k) => [k, all[k]]));
}

export function issueJson(
  api: JiraApi,
  i: JiraIssue,
  fields: string[] | undefined,
  defaultAll: boolean,
  expand: string[] = [],
): Record<string, unknown> {
  const selected = selectFields(allFields(api, i), fields, defaultAll);
  const out: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: i.id,
    self: `${restRoot(api)}/issue/${i.id}`,
    key: i.key,
  };
  if (selected) out.fields = selected;
  if (expand.includes('renderedFields') && selected)
    out.renderedFields = { description: `<p>${escapeHtml(i.description)}</p>` };
  if (expand.includes('names') && selected) out.names = namesFor(Object.keys(selected));
  return out;
}

export function namesFor(keys: string[]): Record<string, string> {
  const standard: Record<string, string> = {
    summary: 'Summary',
    status: 'Status',
    priority: 'Priority',
    fixVersions: 'Fix versions',
    issuelinks: 'Linked Issues',
    description: 'Description',
    assignee: 'Assignee',
    reporter: 'Reporter',
    labels: 'Labels',
    issuetype: 'Issue Type',
    project: 'Project',
    created: 'Created',
    updated: 'Updated',
    resolution: 'Resolution',
    resolutiondate: 'Resolved',
    comment: 'Comment',
  };
  const all: Record<string, string> = { ...standard, ...customFields };
  return Object.fromEntries(keys.map((k) => [k, all[k] ?? k]));
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
