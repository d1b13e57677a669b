/**
 * Jira writes (issue 14) and the permission pre-check, per docs/write-back-research.md §1:
 * - `GET /rest/api/{3|2}/mypermissions` ("Get my permissions", Jira OAS `getMyPermissions`,
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get;
 *   `permissions` required on Cloud since 2019: https://developer.atlassian.com/cloud/jira/platform/change-notice-get-my-permissions-requires-permissions-query-parameter/;
 *   optional on Data Center, which then answers every permission).
 * - `POST /rest/api/{3|2}/issue/{key}/comment` ("Add comment", Jira OAS `addComment`; v3 takes an ADF document,
 *   v2 a string: https://developer.atlassian.com/server/jira/platform/jira-rest-api-example-add-comment-8946422/).
 * - `POST|GET /rest/servicedeskapi/request/{key}/comment` ("Create request comment" / "Get request comments",
 *   https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/): `{body, public}`; the list
 *   "simply returns an empty response" for a request the user cannot see.
 * A read-only credential browses but may neither comment nor link (403, nothing stored).
 */
import type { Access } from '../credentials.ts';
import { indexOf } from '../dataset/lookup.ts';
import type { JiraIssue, JiraSite, Note } from '../dataset/types.ts';
import { vendorError } from '../errors.ts';
import {
  int,
  invalidJson,
  json,
  parseJsonBody,
  type ReplicaRequest,
  type ReplicaResponse,
  writeTime,
} from '../http.ts';
import { customerJson, dateDto } from './jsm-shapes.ts';
import { commentsJson, type JiraApi } from './serialize.ts';

/** The person the writing credentials act as (the same user `/myself` answers). */
export const jiraMe = 'zoe';

const permissionTable: Record<
  string,
  { id: string; name: string; type: 'PROJECT' | 'GLOBAL'; description: string }
> = {
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  CREATE_ISSUES: {
    id: '11',
    name: 'Create Issues',
    type: 'PROJECT',
    description: 'Ability to create issues.',
  },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: {
    id: '13',
    name: 'Assign Issues',
    type: 'PROJECT',
    description: 'Ability to assign issues to other people.',
  },
  RESOLVE_ISSUES: {
    id: '14',
    name: 'Resolve Issues',
    type: 'PROJECT',
    description: 'Ability to resolve and reopen issues.',
  },
  ADD_COMMENTS: {
    id: '15',
    name: 'Add Comments',
    type: 'PROJECT',
    description: 'Ability to comment on issues.',
  },
  LINK_ISSUES: {
    id: '21',
    name: 'Link Issues',
    type: 'PROJECT',
    description:
      'Ability to link issues together and create linked issues. Only useful if issue linking is turned on.',
  },
  ADMINISTER_PROJECTS: {
    id: '23',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
  },
  EDIT_OWN_COMMENTS: {
    id: '36',
    name: 'Edit Own Comments',
    type: 'PROJECT',
    description: 'Ability to edit own comments made on issues.',
  },
  TRANSITION_ISSUES: {
    id: '46',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Ability to transition issues.',
  },
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Ability to perform most administration functions.',
  },
};

function has(access: Access, key: string): boolean {
  if (key === 'ADMINISTER' || key === 'ADMINISTER_PROJECTS') return false;
  return access === 'write' || key === 'BROWSE_PROJECTS';
}

const findIssue = (api: JiraApi, site: JiraSite, key: string): JiraIssue | undefined => {
  const idx = indexOf(api.ds);
  return idx.jiraByKey.get(`${site}:${key.toUpperCase()}`) ?? idx.jiraById.get(`${site}:${key}`);
};

export function myPermissions(
  req: ReplicaRequest,
  api: JiraApi,
  site: JiraSite,
  access: Access,
): ReplicaResponse {
  const asked = (req.query.get('permissions') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (asked.length === 0 && site === 'cloud')
    return json(400, {
      errorMessages: ['The permissions query parameter is required.'],
      errors: {},
    });
  const unknown = asked.find((k) => !permissionTable[k]);
  if (unknown)
    return json(400, { errorMessages: [`Permission key '${unknown}' does not exist.`], errors: {} });
  const issueKey = req.query.get('issueKey') ?? req.query.get('issueId');
  if (issueKey && !findIssue(api, site, issueKey))
    return json(404, {
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
  const projectKey = req.query.get('projectKey') ?? req.query.get('projectId');
  if (
    projectKey &&
    !api.ds.jiraProjects.some(
      (p) => p.site === site && (p.key === projectKey.toUpperCase() || p.id === projectKey),
    )
  )
    return json(404, { errorMessages: [`No project could be found with key '${projectKey}'.`], errors: {} });
  const keys = asked.length > 0 ? asked : Object.keys(permissionTable);
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const p = permissionTable[key];
    if (p)
      permissions[key] = {
        id: p.id,
        key,
        name: p.name,
        type: p.type,
        description: p.description,
        havePermission: has(access, key),
      };
  }
  return json(200, { permissions });
}

/** The text of an ADF document, or a reason it is not one (bounded: depth 20, 5,000 nodes). */
export function adfText(doc: unknown): { text: string } | { error: string } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { error: 'not an object' };
  const d = doc as Record<string, unknown>;
  if (d.type !== 'doc' || d.version !== 1 || !Array.isArray(d.content)) return { error: 'not a doc' };
  let budget = 5000;
  const inline = (node: unknown, depth: number): string | undefined => {
    if (--budget < 0 || depth > 20 || typeof node !== 'object' || node === null) return undefined;
    const n = node as Record<string, unknown>;
    if (typeof n.type !== 'string') return undefined;
    if (n.type === 'text') return typeof n.text === 'string' && n.text !== '' ? n.text : undefined;
    if (n.type === 'hardBreak') return '\n';
    if (n.content === undefined) return '';
    if (!Array.isArray(n.content)) return undefined;
    const parts: string[] = [];
    for (const c of n.content) {
      const t = inline(c, depth + 1);
      if (t === undefined) return undefined;
      parts.push(t);
    }
    return parts.join(n.type === 'paragraph' || n.type === 'heading' ? '' : '\n\n');
  };
  const blocks: string[] = [];
  for (const block of d.content) {
    const t = inline(block, 1);
    if (t === undefined) return { error: 'invalid node' };
    blocks.push(t);
  }
  return { text: blocks.join('\n\n') };
}

const noComment = (): ReplicaResponse =>
  json(403, { errorMessages: ['You do not have the permission to comment on this issue.'], errors: {} });

/** Roles and groups a comment's `visibility` may name for the replica's user; anything else is Jira's 400. */
const visibleTo = new Set(['role:Developers', 'role:Service Desk Team', 'group:jira-software-users']);

export function addComment(
  req: ReplicaRequest,
  api: JiraApi,
  site: JiraSite,
  key: string,
  access: Access,
): ReplicaResponse {
  const issue = findIssue(api, site, key);
  if (!issue) return vendorError('jira', '404');
  if (access !== 'write') return noComment();
  const body = parseJsonBody(req);
  if (body === invalidJson || typeof body !== 'object' || body === null || Array.isArray(body))
    return json(400, {
      errorMessages: ['Invalid request payload. Refer to the REST API documentation and try again.'],
      errors: {},
    });
  const b = body as Record<string, unknown>;
  let text: string;
  if (api.version === '3') {
    const parsed = adfText(b.body);
    if ('error' in parsed)
      return json(400, {
        errorMessages: [],
        errors: {
          comment: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
        },
      });
    text = parsed.text;
  } else {
    if (b.body !== undefined && typeof b.body !== 'string')
      return json(400, {
        errorMessages: [],
        errors: { comment: 'Operation value must be a string' },
      });
    text = typeof b.body === 'string' ? b.body : '';
  }
  if (text.trim() === '')
    return json(400, { errorMessages: [], errors: { comment: 'Comment body can not be empty!' } });
  if (b.visibility !== undefined) {
    const v = (b.visibility ?? {}) as Record<string, unknown>;
    const name = String(v.value ?? v.identifier ?? '');
    if (!visibleTo.has(`${String(v.type)}:${name}`))
      return json(400, {
        errorMessages: [],
        errors: { commentLevel: `You are currently not a member of the project role: ${name}.` },
      });
  }
  // an internal JSM note through the platform API (research §1.2, reported): property sd.public.comment
  const internal =
    Array.isArray(b.properties) &&
    b.properties.some((p) => {
      const x = p as Record<string, unknown> | null;
      return x?.key === 'sd.public.comment' && (x.value as Record<string, unknown> | null)?.internal === true;
    });
  const note: Note = { authorKey: jiraMe, at: writeTime(), text, public: !internal };
  issue.comments.push(note);
  issue.updated = note.at;
  const n = issue.comments.length - 1;
  const page = commentsJson(api, issue, (k) => indexOf(api.ds).person.get(k), { startAt: n, maxResults: 1 });
  const [comment] = page.comments as Record<string, unknown>[];
  return json(201, comment);
}

const jsmNotFound = (): ReplicaResponse =>
  json(404, {
    errorMessage: 'Request does not exist or you do not have permission to see it.',
    i18nErrorMessage: { i18nKey: 'sd.customer.request.error.notfound', parameters: [] },
  });

function jsmComment(api: JiraApi, i: JiraIssue, note: Note, n: number): Record<string, unknown> {
  const id = String(Number(i.id) * 1000 + n);
  return {
    _expands: ['attachment', 'renderedBody'],
    id,
    body: note.text,
    public: note.public ?? true,
    author: customerJson(api, note.authorKey),
    created: dateDto(note.at),
    _links: { self: `${api.base}/rest/servicedeskapi/request/${i.id}/comment/${id}` },
  };
}

/** `POST` and `GET /rest/servicedeskapi/request/{key}/comment`; undefined for any other path. */
export function jsmComments(
  req: ReplicaRequest,
  api: JiraApi,
  site: JiraSite,
  key: string,
  access: Access,
): ReplicaResponse {
  const found = findIssue(api, site, key);
  const issue = found?.request ? found : undefined;
  if (req.method === 'GET') {
    // "No permissions error is provided … the method simply returns an empty response"
    const pub = req.query.get('public') !== 'false';
    const internal = req.query.get('internal') !== 'false';
    const values = (issue?.comments ?? [])
      .map((note, n) => ({ note, n }))
      .filter(({ note }) => ((note.public ?? true) ? pub : internal))
      .map(({ note, n }) => jsmComment(api, issue as JiraIssue, note, n));
    const start = Math.max(0, int(req.query.get('start'), 0));
    const limit = Math.min(100, Math.max(1, int(req.query.get('limit'), 50)));
    const slice = values.slice(start, start + limit);
    const path = `/rest/servicedeskapi/request/${issue?.id ?? key}/comment`;
    const links: Record<string, string> = { base: `${api.base}/rest/servicedeskapi`, context: '' };
    if (start + limit < values.length)
      links.next = `${api.base}${path}?start=${start + limit}&limit=${limit}`;
    if (start > 0) links.prev = `${api.base}${path}?start=${Math.max(0, start - limit)}&limit=${limit}`;
    return json(200, {
      _expands: [],
      size: slice.length,
      start,
      limit,
      isLastPage: start + limit >= values.length,
      _links: links,
      values: slice,
    });
  }
  if (req.method !== 'POST') return json(405, { errorMessage: 'Method not allowed' });
  if (!issue) return jsmNotFound();
  if (access !== 'write')
    return json(403, {
      errorMessage: 'You do not have permission to comment on this request.',
      i18nErrorMessage: { i18nKey: 'sd.customer.request.comment.error.nopermission', parameters: [] },
    });
  const body = parseJsonBody(req);
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (body === invalidJson || typeof b.body !== 'string' || b.body.trim() === '')
    return json(400, {
      errorMessage: 'The comment body is required.',
      i18nErrorMessage: { i18nKey: 'sd.customer.request.comment.error.body.required', parameters: [] },
    });
  if (b.public !== undefined && typeof b.public !== 'boolean')
    return json(400, {
      errorMessage: "Can not deserialize value of type boolean for field 'public'.",
      i18nErrorMessage: { i18nKey: 'sd.request.error.invalid.payload', parameters: [] },
    });
  // `public` left out: a public comment (the customer sees it), so a forgotten `public: false` shows
  const note: Note = { authorKey: jiraMe, at: writeTime(), text: b.body, public: b.public !== false };
  issue.comments.push(note);
  issue.updated = note.at;
  return json(201, jsmComment(api, issue, note, issue.comments.length - 1));
}
