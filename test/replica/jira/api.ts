/**
 * Jira REST for one host: Cloud (REST v3 + servicedeskapi, Basic email:API-token) or Data Center
 * (REST v2, personal access token as Bearer). Endpoints without a reference file cite Atlassian's docs:
 * myself https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get,
 * versions https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/#api-rest-api-3-project-projectidorkey-versions-get,
 * fields https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get.
 */
import { type Access, basicAccess, credentials } from '../credentials.ts';
import { indexOf } from '../dataset/lookup.ts';
import type { JiraSite, Person } from '../dataset/types.ts';
import { vendorError } from '../errors.ts';
import {
  basicAuth,
  bearerToken,
  type HandlerContext,
  int,
  json,
  match,
  type ReplicaRequest,
  type ReplicaResponse,
} from '../http.ts';
import { issueComments } from './comments.ts';
import { issueJson } from './issue.ts';
import { jsmRoutes } from './jsm.ts';
import { remoteLinks } from './remote-links.ts';
import { bulkFetch, searchDc, searchJql } from './search.ts';
import { addComment, jsmComments, myPermissions } from './writes.ts';
import { avatarUrls, customFields, type JiraApi, linkTypes, userJson, versionJson } from './serialize.ts';

/** What the request's credentials may do: the normal ones write, the read-only ones (credentials.ts) browse. */
function accessOf(req: ReplicaRequest, site: JiraSite): Access {
  if (site === 'dc') {
    const token = bearerToken(req);
    return token === credentials.jiraDc.token
      ? 'write'
      : token === credentials.readOnly.jiraDc.token
        ? 'read'
        : undefined;
  }
  return basicAccess(basicAuth(req), 'jira');
}

export function jiraApi(
  req: ReplicaRequest,
  ctx: HandlerContext,
  site: JiraSite,
): ReplicaResponse | undefined {
  const v = site === 'cloud' ? '3' : '2';
  const prefix = `/rest/api/${v}`;
  if (
    !req.path.startsWith(prefix) &&
    !(site === 'cloud' && req.path.startsWith('/rest/servicedeskapi/')) &&
    !req.path.startsWith('/rest/api/')
  )
    return undefined;
  const access = accessOf(req, site);
  if (!access) return vendorError('jira', '401');
  const api: JiraApi = { base: `https://${req.host}`, version: v, ds: ctx.dataset };
  if (site === 'cloud') {
    const jsmComment = match('/rest/servicedeskapi/request/:key/comment', req.path);
    if (jsmComment) return jsmComments(req, api, site, jsmComment.key ?? '', access);
    const jsm = jsmRoutes(req, api, site);
    if (jsm) return jsm;
    // the old search endpoint is gone on Cloud (reference/README.md, CHANGE-2046)
    if (req.path === '/rest/api/3/search' || req.path === '/rest/api/2/search')
      return json(410, {
        errorMessages: [
          'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
        ],
        errors: {},
      });
  }
  if (!req.path.startsWith(prefix))
    return vendorError('jira', '404', { message: `null for uri: ${req.url.toString()}` });
  const path = req.path.slice(prefix.length);
  const idx = indexOf(ctx.dataset);
  const me = idx.person.get('zoe');
  if (path === '/myself' && req.method === 'GET') {
    if (access === 'read') return json(200, viewerJson(api));
    return json(200, {
      ...userJson(api, me),
      emailAddress: me?.email,
      locale: 'en_US',
      groups: { size: 1, items: [] },
      applicationRoles: { size: 1, items: [] },
      expand: 'groups,applicationRoles',
    });
  }
  if (path === '/mypermissions' && req.method === 'GET') return myPermissions(req, api, site, access);
  if (site === 'cloud' && path === '/search/jql' && (req.method === 'POST' || req.method === 'GET'))
    return searchJql(req, api, site);
  if (site === 'cloud' && path === '/issue/bulkfetch' && req.method === 'POST')
    return bulkFetch(req, api, site);
  if (site === 'dc' && path === '/search' && (req.method === 'POST' || req.method === 'GET'))
    return searchDc(req, api, site);
  const projects = ctx.dataset.jiraProjects.filter((p) => p.site === site);
  if (path === '/project/search' && req.method === 'GET') {
    const startAt = Math.max(0, int(req.query.get('startAt'), 0));
    const maxResults = Math.min(100, Math.max(1, int(req.query.get('maxResults'), 50)));
    const q = (req.query.get('query') ?? '').toLowerCase();
    const list = projects.filter(
      (p) => q === '' || p.key.toLowerCase().includes(q) || p.name.toLowerCase().includes(q),
    );
    const self = (s: number) => `${api.base}${req.path}?startAt=${s}&maxResults=${maxResults}`;
    const out: Record<string, unknown> = {
      self: self(startAt),
      maxResults,
      startAt,
      total: list.length,
      isLast: startAt + maxResults >= list.length,
    };
    if (!out.isLast) out.nextPage = self(startAt + maxResults);
    out.values = list.slice(startAt, startAt + maxResults).map((p) => ({
      avatarUrls: avatarUrls(p.key),
      id: p.id,
      insight: {
        lastIssueUpdateTime: '2026-03-15T08:00:00.000+0000',
        totalIssueCount: ctx.dataset.jiraIssues.filter((i) => i.site === site && i.projectKey === p.key)
          .length,
      },
      key: p.key,
      name: p.name,
      projectTypeKey: p.type,
      self: `${api.base}${prefix}/project/${p.id}`,
      simplified: false,
      style: 'classic',
    }));
    return json(200, out);
  }
  if (path === '/project' && req.method === 'GET') {
    return json(
      200,
      projects.map((p) => ({
        self: `${api.base}${prefix}/project/${p.id}`,
        id: p.id,
        key: p.key,
        name: p.name,
        avatarUrls: avatarUrls(p.key),
        projectTypeKey: p.type,
      })),
    );
  }
  // "Get version": https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/#api-rest-api-3-version-id-get
  // (v2 on Data Center: https://docs.atlassian.com/software/jira/docs/api/REST/9.17.0/#api/2/version-getVersion);
  // an unknown id or one of another site → 404 as Jira words it.
  const version = match('/version/:id', path);
  if (version && req.method === 'GET') {
    const v = ctx.dataset.jiraVersions.find((x) => x.site === site && x.id === version.id);
    if (!v)
      return json(404, {
        errorMessages: [`Could not find version for id '${version.id}'`],
        errors: {},
      });
    return json(
      200,
      versionJson(
        api,
        v,
        projects.find((p) => p.key === v.projectKey),
      ),
    );
  }
  let m = match('/project/:key/versions', path);
  if (m && req.method === 'GET') {
    const project = projects.find((p) => p.key === m?.key?.toUpperCase() || p.id === m?.key);
    if (!project)
      return json(404, { errorMessages: [`No project could be found with key '${m.key}'.`], errors: {} });
    return json(
      200,
      ctx.dataset.jiraVersions
        .filter((x) => x.site === site && x.projectKey === project.key)
        .map((x) => versionJson(api, x, project)),
    );
  }
  if (path === '/field' && req.method === 'GET') {
    const standard = [
      'summary',
      'status',
      'priority',
      'fixVersions',
      'issuelinks',
      'description',
      'labels',
    ].map((id) => ({
      id,
      key: id,
      name: id,
      custom: false,
      navigable: true,
      searchable: true,
      clauseNames: [id],
    }));
    const custom = Object.entries(customFields).map(([id, name]) => ({
      id,
      key: id,
      name,
      custom: true,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${id.slice(12)}]`, name],
      schema: {
        type: 'string',
        custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
        customId: Number(id.slice(12)),
      },
    }));
    return json(200, [...standard, ...custom]);
  }
  if (path === '/issueLinkType' && req.method === 'GET') {
    return json(200, {
      issueLinkTypes: Object.values(linkTypes).map((t) => ({
        ...t,
        self: `${api.base}${prefix}/issueLinkType/${t.id}`,
      })),
    });
  }
  m = match('/issue/:key/remotelink', path);
  if (m) return remoteLinks(req, api, site, m.key ?? '', access);
  m = match('/issue/:key/comment', path);
  if (m && req.method === 'POST') return addComment(req, api, site, m.key ?? '', access);
  if (m) return issueComments(req, api, site, m.key ?? '');
  m = match('/issue/:key', path);
  if (m && req.method === 'GET') {
    const key = m.key ?? '';
    const issue = idx.jiraByKey.get(`${site}:${key.toUpperCase()}`) ?? idx.jiraById.get(`${site}:${key}`);
    if (!issue) return vendorError('jira', '404');
    const fields = req.query.get('fields') ? req.query.getAll('fields').join(',').split(',') : undefined;
    const expand = (req.query.get('expand') ?? '').split(',');
    return json(200, issueJson(api, issue, fields, true, expand));
  }
  return vendorError('jira', '404', { message: `null for uri: ${req.url.toString()}` });
}

/** `/myself` for the read-only credential: a user of its own (a viewer who browses but does not write). */
function viewerJson(api: JiraApi): Record<string, unknown> {
  const viewer: Person = {
    key: 'viewer',
    name: 'Vera Viewer',
    email: 'viewer@acme.com',
    kind: 'agent',
    login: 'vera.viewer',
    snowSysId: '',
    zendeskId: 0,
    jiraAccountId: '712020:replica-viewer-0000-0000-000000000000',
  };
  return {
    ...userJson(api, viewer),
    emailAddress: viewer.email,
    locale: 'en_US',
    groups: { size: 1, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  };
}
