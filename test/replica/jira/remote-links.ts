/**
 * GET/POST /rest/api/{2,3}/issue/{key}/remotelink: list (reference/jira/remote-links.json) and upsert by
 * globalId (reference/jira/remote-link-upsert.json: an existing globalId is updated — fields missing from
 * the request become null — and answers 200; otherwise 201).
 */
import type { Access } from '../credentials.ts';
import { indexOf } from '../dataset/lookup.ts';
import type { JiraRemoteLink, JiraSite } from '../dataset/types.ts';
import { vendorError } from '../errors.ts';
import { invalidJson, json, parseJsonBody, type ReplicaRequest, type ReplicaResponse } from '../http.ts';
import type { JiraApi } from './serialize.ts';

let nextId = 40000;

function linkJson(api: JiraApi, key: string, l: JiraRemoteLink): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: l.id,
    self: `${api.base}/rest/api/${api.version}/issue/${key}/remotelink/${l.id}`,
  };
  if (l.globalId) out.globalId = l.globalId;
  if (l.application) out.application = l.application;
  if (l.relationship) out.relationship = l.relationship;
  const object: Record<string, unknown> = { url: l.url, title: l.title };
  if (l.summary) object.summary = l.summary;
  // Jira falls back to a generic link icon when the link has none
  object.icon = {
    url16x16: l.iconUrl ?? `${api.base}/images/icons/generic_link_16.png`,
    title: l.application?.name ?? l.title,
  };
  if (l.resolved !== undefined)
    object.status = {
      resolved: l.resolved,
      icon: {
        link: l.url,
        title: l.resolved ? 'Resolved' : 'Open',
        url16x16: `${api.base}/images/icons/statuses/generic.png`,
      },
    };
  out.object = object;
  return out;
}

export function remoteLinks(
  req: ReplicaRequest,
  api: JiraApi,
  site: JiraSite,
  key: string,
  access: Access = 'write',
): ReplicaResponse {
  const issue =
    indexOf(api.ds).jiraByKey.get(`${site}:${key.toUpperCase()}`) ??
    indexOf(api.ds).jiraById.get(`${site}:${key}`);
  if (!issue) return vendorError('jira', '404');
  if (req.method === 'GET') {
    const globalId = req.query.get('globalId');
    if (globalId !== null) {
      // with ?globalId= the schema (RemoteIssueLink) and Jira Server's resource answer one link, and an error
      // collection when there is none (docs/write-back-research.md §7, open question 1: clients must not care)
      const hit = issue.remoteLinks.find((l) => l.globalId === globalId);
      return hit
        ? json(200, linkJson(api, issue.key, hit))
        : json(404, {
            errorMessages: [`No remote link with global id '${globalId}' was found.`],
            errors: {},
          });
    }
    return json(
      200,
      issue.remoteLinks.map((l) => linkJson(api, issue.key, l)),
    );
  }
  if (req.method !== 'POST') return json(405, { errorMessages: ['Method not allowed'], errors: {} });
  // "403 Returned if the user does not have permission to link issues" (Jira OAS createOrUpdateRemoteIssueLink);
  // the body is Jira's error collection (its exact words are not documented)
  if (access !== 'write')
    return json(403, { errorMessages: ['You do not have permission to link issues.'], errors: {} });
  const body = parseJsonBody(req);
  if (body === invalidJson || typeof body !== 'object' || body === null)
    return json(400, {
      errorMessages: ['Invalid request payload. Refer to the REST API documentation and try again.'],
      errors: {},
    });
  const b = body as Record<string, unknown>;
  const object = (b.object ?? {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  if (typeof object.url !== 'string' || object.url === '') errors.url = "'url' is required.";
  if (typeof object.title !== 'string' || object.title === '') errors.title = "'title' is required.";
  // "The maximum length is 255 characters" (Jira OAS RemoteIssueLinkRequest.globalId; DC "Using fields in Remote
  // Issue Links"); the error text is not documented
  if (typeof b.globalId === 'string' && b.globalId.length > 255)
    errors.globalId = 'The global ID must be 255 characters or less.';
  if (Object.keys(errors).length > 0) return json(400, { errorMessages: [], errors });
  const icon = (object.icon ?? {}) as Record<string, unknown>;
  const status = (object.status ?? undefined) as Record<string, unknown> | undefined;
  const globalId = typeof b.globalId === 'string' ? b.globalId : undefined;
  const record: JiraRemoteLink = {
    id: 0,
    globalId,
    application: (b.application as JiraRemoteLink['application']) ?? undefined,
    relationship: typeof b.relationship === 'string' ? b.relationship : undefined,
    title: object.title as string,
    summary: typeof object.summary === 'string' ? object.summary : undefined,
    url: object.url as string,
    iconUrl: typeof icon.url16x16 === 'string' ? icon.url16x16 : undefined,
    resolved: typeof status?.resolved === 'boolean' ? status.resolved : undefined,
  };
  const existing = globalId ? issue.remoteLinks.findIndex((l) => l.globalId === globalId) : -1;
  if (existing >= 0) {
    record.id = (issue.remoteLinks[existing] as JiraRemoteLink).id;
    issue.remoteLinks[existing] = record;
  } else {
    record.id = ++nextId;
    issue.remoteLinks.push(record);
  }
  return json(existing >= 0 ? 200 : 201, {
    id: record.id,
    self: `${api.base}/rest/api/${api.version}/issue/${issue.key}/remotelink/${record.id}`,
  });
}
