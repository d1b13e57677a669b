/**
 * Jira searches. Cloud: POST/GET /rest/api/3/search/jql with the token envelope {issues, nextPageToken,
 * isLast} (reference/jira/search-jql.json; fields default to none, maxResults default 50) and
 * POST /rest/api/3/issue/bulkfetch (reference/jira/issue-bulkfetch.json; ≤100 issues, ascending id, misses
 * in issueErrors). The old POST /rest/api/3/search answers 410 on Cloud (CHANGE-2046). Data Center:
 * POST/GET /rest/api/2/search with the old envelope {expand, startAt, maxResults, total, issues}.
 */
import { indexOf } from '../dataset/lookup.ts';
import type { JiraSite } from '../dataset/types.ts';
import { int, invalidJson, json, parseJsonBody, type ReplicaRequest, type ReplicaResponse } from '../http.ts';
import { capSearchComments } from './comments.ts';
import { issueJson, namesFor } from './issue.ts';
import { JqlError } from './jql.ts';
import { runJql } from './jql-eval.ts';
import type { JiraApi } from './serialize.ts';

type Body = Record<string, unknown>;

const asList = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : undefined;

/** Body for POST, query parameters for GET. */
function input(req: ReplicaRequest): Body | ReplicaResponse {
  if (req.method === 'GET')
    return Object.fromEntries([...req.query.keys()].map((k) => [k, req.query.getAll(k).join(',')]));
  const body = parseJsonBody(req);
  if (body === invalidJson || (body !== undefined && (typeof body !== 'object' || body === null)))
    return json(400, {
      errorMessages: ['Invalid request payload. Refer to the REST API documentation and try again.'],
      errors: {},
    });
  return (body as Body | undefined) ?? {};
}

const jqlError = (e: unknown, cloud: boolean): ReplicaResponse => {
  if (!(e instanceof JqlError)) throw e;
  // Cloud answers JQL errors with warningMessages beside errorMessages (tenable/integration-jira-cloud#25)
  return json(
    400,
    cloud ? { errorMessages: [e.message], warningMessages: [] } : { errorMessages: [e.message], errors: {} },
  );
};

export function searchJql(req: ReplicaRequest, api: JiraApi, site: JiraSite): ReplicaResponse {
  const body = input(req);
  if ('status' in body && 'body' in body) return body as ReplicaResponse;
  const b = body as Body;
  if (typeof b.jql !== 'string')
    return json(400, { errorMessages: ['The JQL query is required.'], warningMessages: [] });
  let hits: ReturnType<typeof runJql>;
  try {
    hits = runJql(api.ds, site, b.jql, { bounded: true });
  } catch (e) {
    return jqlError(e, true);
  }
  const fields = asList(b.fields);
  const expand = asList(b.expand) ?? [];
  const onlyIds = !fields || fields.every((f) => f === 'id' || f === 'key');
  const maxResults = Math.min(onlyIds ? 5000 : 100, Math.max(1, Number(b.maxResults ?? 50) || 50));
  const start =
    typeof b.nextPageToken === 'string'
      ? Number(Buffer.from(b.nextPageToken, 'base64url').toString().split(':')[1] ?? 0)
      : 0;
  const slice = hits.slice(start, start + maxResults);
  // at most 20 comments an issue, with their real total (comments.ts)
  const out: Body = { issues: slice.map((i) => capSearchComments(issueJson(api, i, fields, false, expand))) };
  if (start + maxResults < hits.length)
    out.nextPageToken = Buffer.from(`offset:${start + maxResults}:${hits.length}`).toString('base64url');
  out.isLast = start + maxResults >= hits.length;
  if (expand.includes('names') && fields)
    out.names = namesFor(fields.filter((f) => !f.startsWith('*') && !f.startsWith('-')));
  return json(200, out);
}

export function searchDc(req: ReplicaRequest, api: JiraApi, site: JiraSite): ReplicaResponse {
  const body = input(req);
  if ('status' in body && 'body' in body) return body as ReplicaResponse;
  const b = body as Body;
  // POST binds the body to SearchRequestBean, whose validateQuery is a Boolean: a string is refused by Jackson
  // (ljay79/jira-tools#12, 2017, quoting Jira Server's 400). GET takes strict|warn|none|true|false as a string.
  if (req.method === 'POST' && b.validateQuery !== undefined && typeof b.validateQuery !== 'boolean')
    return json(400, {
      errorMessages: [
        `Can not construct instance of java.lang.Boolean from String value '${String(b.validateQuery)}': only "true" or "false" recognized (through reference chain: com.atlassian.jira.rest.v2.search.SearchRequestBean["validateQuery"])`,
      ],
      errors: {},
    });
  const validate = String(b.validateQuery ?? 'strict').toLowerCase();
  // false/none skip validation: a key that does not exist matches nothing (atlassian-python-api#752, 2021);
  // warn (GET only) reports it in warningMessages.
  const warnings = validate === 'strict' || validate === 'true' ? undefined : new Set<string>();
  let hits: ReturnType<typeof runJql>;
  try {
    hits = runJql(api.ds, site, typeof b.jql === 'string' ? b.jql : '', { warnings });
  } catch (e) {
    return jqlError(e, false);
  }
  const startAt = Math.max(0, int(String(b.startAt ?? '0'), 0));
  const maxResults = Math.min(1000, Math.max(0, int(String(b.maxResults ?? '50'), 50)));
  const fields = asList(b.fields) ?? ['*navigable'];
  const out: Body = {
    expand: 'schema,names',
    startAt,
    maxResults,
    total: hits.length,
    issues: hits
      .slice(startAt, startAt + maxResults)
      .map((i) => issueJson(api, i, fields, true, asList(b.expand))),
  };
  if (validate === 'warn' && warnings && warnings.size > 0) out.warningMessages = [...warnings];
  return json(200, out);
}

export function bulkFetch(req: ReplicaRequest, api: JiraApi, site: JiraSite): ReplicaResponse {
  const body = input(req);
  if ('status' in body && 'body' in body) return body as ReplicaResponse;
  const b = body as Body;
  const wanted = asList(b.issueIdsOrKeys);
  if (!wanted || wanted.length === 0)
    return json(400, { errorMessages: ['issueIdsOrKeys must not be empty.'], errors: {} });
  if (wanted.length > 100)
    return json(400, {
      errorMessages: ['The number of issues requested exceeds the limit of 100.'],
      errors: {},
    });
  const idx = indexOf(api.ds);
  const found = wanted.map((w) => ({
    w,
    issue: idx.jiraByKey.get(`${site}:${w.toUpperCase()}`) ?? idx.jiraById.get(`${site}:${w}`),
  }));
  const issues = found.flatMap((f) => (f.issue ? [f.issue] : [])).sort((a, b) => Number(a.id) - Number(b.id));
  const unique = [...new Map(issues.map((i) => [i.id, i])).values()];
  return json(200, {
    expand: 'schema,names',
    issues: unique.map((i) => issueJson(api, i, asList(b.fields), true, asList(b.expand))),
    issueErrors: found
      .filter((f) => !f.issue)
      .map((f) => ({
        id: f.w,
        errorMessage: 'Issue does not exist or you do not have permission to see it.',
      })),
  });
}
