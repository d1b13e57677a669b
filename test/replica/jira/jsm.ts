/**
 * Jira Service Management REST (/rest/servicedeskapi): the customer request with `expand`
 * (reference/jira/jsm-request.json) and its SLAs, paged with start/limit (reference/jira/jsm-sla.json).
 */
import { indexOf } from '../dataset/lookup.ts';
import type { JiraIssue } from '../dataset/types.ts';
import { int, json, match, type ReplicaRequest, type ReplicaResponse } from '../http.ts';
import { currentStatus, customerJson, dateDto, requestTypeJson, slaValue } from './jsm-shapes.ts';
import type { JiraApi } from './serialize.ts';

const notFound = (): ReplicaResponse =>
  json(404, {
    errorMessage: 'Request does not exist or you do not have permission to see it.',
    i18nErrorMessage: { i18nKey: 'sd.customer.request.error.notfound', parameters: [] },
  });

function pagedValues(
  req: ReplicaRequest,
  api: JiraApi,
  path: string,
  values: unknown[],
): Record<string, unknown> {
  const start = Math.max(0, int(req.query.get('start'), 0));
  const limit = Math.min(100, Math.max(1, int(req.query.get('limit'), 50)));
  const slice = values.slice(start, start + limit);
  const links: Record<string, string> = { base: `${api.base}/rest/servicedeskapi`, context: '' };
  if (start + limit < values.length) links.next = `${api.base}${path}?start=${start + limit}&limit=${limit}`;
  if (start > 0) links.prev = `${api.base}${path}?start=${Math.max(0, start - limit)}&limit=${limit}`;
  return {
    _expands: [],
    size: slice.length,
    start,
    limit,
    isLastPage: start + limit >= values.length,
    _links: links,
    values: slice,
  };
}

function requestJson(req: ReplicaRequest, api: JiraApi, i: JiraIssue): Record<string, unknown> {
  const r = i.request;
  const sd = r?.serviceDeskId ?? 1;
  const expand = (req.query.get('expand') ?? '').split(',').map((s) => s.trim());
  const project = api.ds.jiraProjects.find((p) => p.site === i.site && p.key === i.projectKey);
  const out: Record<string, unknown> = {
    _expands: [
      'participant',
      'status',
      'sla',
      'requestType',
      'serviceDesk',
      'attachment',
      'action',
      'comment',
    ],
    issueId: i.id,
    issueKey: i.key,
    summary: i.summary,
    requestTypeId: String(r?.requestTypeId ?? 10),
    serviceDeskId: String(sd),
    createdDate: dateDto(i.created),
    reporter: customerJson(api, r?.reporterKey ?? i.reporterKey),
    requestFieldValues: [
      { fieldId: 'summary', label: 'What do you need?', value: i.summary },
      {
        fieldId: 'description',
        label: 'Why do you need this?',
        renderedValue: { html: `<p>${i.description.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>` },
        value: i.description,
      },
    ],
    currentStatus: currentStatus(i),
    _links: {
      jiraRest: `${api.base}/rest/api/2/issue/${i.id}`,
      web: `${api.base}/servicedesk/customer/portal/${sd}/${i.key}`,
      agent: `${api.base}/browse/${i.key}`,
      self: `${api.base}/rest/servicedeskapi/request/${i.id}`,
    },
  };
  if (expand.includes('requestType')) out.requestType = requestTypeJson(api, i);
  if (expand.includes('serviceDesk'))
    out.serviceDesk = {
      id: String(sd),
      projectId: project?.id ?? '',
      projectName: project?.name ?? '',
      projectKey: i.projectKey,
      _links: { self: `${api.base}/rest/servicedeskapi/servicedesk/${sd}` },
    };
  if (expand.includes('status'))
    out.status = pagedValues(req, api, `/rest/servicedeskapi/request/${i.id}/status`, [currentStatus(i)]);
  if (expand.includes('sla'))
    out.sla = pagedValues(
      req,
      api,
      `/rest/servicedeskapi/request/${i.id}/sla`,
      (r?.slas ?? []).map((s) => slaValue(api, i, s)),
    );
  if (expand.includes('participant'))
    out.participant = pagedValues(req, api, `/rest/servicedeskapi/request/${i.id}/participant`, []);
  return out;
}

export function jsmRoutes(
  req: ReplicaRequest,
  api: JiraApi,
  site: JiraIssue['site'],
): ReplicaResponse | undefined {
  if (req.method !== 'GET' || !req.path.startsWith('/rest/servicedeskapi/')) return undefined;
  const idx = indexOf(api.ds);
  const find = (idOrKey: string) => {
    const i = idx.jiraByKey.get(`${site}:${idOrKey.toUpperCase()}`) ?? idx.jiraById.get(`${site}:${idOrKey}`);
    return i?.request ? i : undefined;
  };
  let m = match('/rest/servicedeskapi/request/:key', req.path);
  if (m) {
    const i = find(m.key ?? '');
    return i ? json(200, requestJson(req, api, i)) : notFound();
  }
  m = match('/rest/servicedeskapi/request/:key/sla', req.path);
  if (m) {
    const i = find(m.key ?? '');
    if (!i) return notFound();
    return json(
      200,
      pagedValues(
        req,
        api,
        `/rest/servicedeskapi/request/${i.id}/sla`,
        (i.request?.slas ?? []).map((s) => slaValue(api, i, s)),
      ),
    );
  }
  return undefined;
}
