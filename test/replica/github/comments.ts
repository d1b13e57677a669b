/**
 * Issue comments, on issues and pull requests alike ("Every pull request is an issue"):
 * `GET /repos/{o}/{r}/issues/{n}/comments?per_page=&page=` ("List issue comments", oldest first, `per_page` ≤ 100,
 * `Link` header) and `POST …/comments` `{body}` → 201 ("Create an issue comment"),
 * https://docs.github.com/en/rest/issues/comments. Refusals as docs/write-back-research.md §2 found them:
 * no/empty `body` → 422 `missing_field`; over 65,536 characters → 422 "Body is too long"; not JSON → 400;
 * a locked conversation → 403 "Unable to create comment because issue is locked."; the read-only (fine-grained)
 * token → 403 "Resource not accessible by personal access token" with `X-Accepted-GitHub-Permissions`.
 * Nothing is deduplicated: two identical POSTs are two comments.
 */
import type { Access } from '../credentials.ts';
import { indexOf, itemKey } from '../dataset/lookup.ts';
import type { Dataset, GhComment, GhIssue, GhPull } from '../dataset/types.ts';
import {
  type ReplicaState,
  int,
  invalidJson,
  json,
  match,
  parseJsonBody,
  type ReplicaRequest,
  type ReplicaResponse,
  writeTime,
} from '../http.ts';
import { association } from './items.ts';
import { paged, viewerLogin } from './rest.ts';
import { type Roots, userJson } from './serialize.ts';

export const maxCommentLength = 65536;
/** What a fine-grained token needs to comment (the FG-PAT table: Issues write, or Pull requests write). */
export const commentPermissions = 'issues=write; pull_requests=write';
/** "no more than 80 content-generating requests per minute" (secondary rate limits, research §2.2) */
export const contentPerMinute = 80;

const docs = 'https://docs.github.com/rest/issues/comments';

function commentJson(item: GhPull | GhIssue, c: GhComment, n: number, roots: Roots, isPull: boolean) {
  const id = item.id * 10000 + n;
  const a = `${roots.api}/repos/${item.repo}`;
  const html = `${roots.web}/${item.repo}/${isPull ? 'pull' : 'issues'}/${item.number}#issuecomment-${id}`;
  return {
    url: `${a}/issues/comments/${id}`,
    html_url: html,
    issue_url: `${a}/issues/${item.number}`,
    id,
    node_id: `IC_kwDO${Buffer.from(String(id)).toString('base64url')}`,
    user: userJson(c.author, roots),
    created_at: c.at,
    updated_at: c.at,
    author_association: association(c.author),
    body: c.body,
    reactions: {
      url: `${a}/issues/comments/${id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    performed_via_github_app: null,
  };
}

/** Answers `/repos/{o}/{r}/issues/{n}/comments`; undefined for any other path. */
export function issueCommentRoutes(
  req: ReplicaRequest,
  ds: Dataset,
  host: string,
  path: string,
  roots: Roots,
  access: Access,
  state: ReplicaState,
): ReplicaResponse | undefined {
  const m = match('/repos/:owner/:repo/issues/:n/comments', path);
  if (!m) return undefined;
  const full = ds.repos.find(
    (r) =>
      r.host === host &&
      r.owner.toLowerCase() === (m.owner ?? '').toLowerCase() &&
      r.name.toLowerCase() === (m.repo ?? '').toLowerCase(),
  );
  const key = full ? itemKey(host, `${full.owner}/${full.name}`, int(m.n, -1)) : '';
  const idx = indexOf(ds);
  const pull = idx.pull.get(key);
  const item: GhPull | GhIssue | undefined = pull ?? idx.ghIssue.get(key);
  if (!item)
    return json(404, {
      message: 'Not Found',
      documentation_url: `${docs}#list-issue-comments`,
      status: '404',
    });
  if (req.method === 'GET') {
    const all = item.comments.map((c, n) => commentJson(item, c, n, roots, pull !== undefined));
    const { slice, headers } = paged(req, all);
    return json(200, slice, headers);
  }
  if (req.method !== 'POST') return undefined;
  const create = `${docs}#create-an-issue-comment`;
  if (access !== 'write')
    return json(
      403,
      {
        message: 'Resource not accessible by personal access token',
        documentation_url: create,
        status: '403',
      },
      { 'x-accepted-github-permissions': commentPermissions },
    );
  const body = parseJsonBody(req);
  if (body === invalidJson)
    return json(400, { message: 'Problems parsing JSON', documentation_url: create, status: '400' });
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return json(400, { message: 'Body should be a JSON object', documentation_url: create, status: '400' });
  const text = (body as Record<string, unknown>).body;
  const invalid = (code: string, message?: string) =>
    json(422, {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code,
          field: code === 'missing_field' ? 'body' : 'data',
          ...(message ? { message } : {}),
        },
      ],
      documentation_url: create,
      status: '422',
    });
  if (text === undefined || text === null || text === '') return invalid('missing_field');
  if (typeof text !== 'string') return invalid('invalid', 'body is not a string');
  if (text.length > maxCommentLength)
    return invalid('unprocessable', `Body is too long (maximum is ${maxCommentLength} characters)`);
  if (item.locked)
    return json(403, {
      message: 'Unable to create comment because issue is locked.',
      documentation_url: 'https://docs.github.com/articles/locking-conversations/',
      status: '403',
    });
  const now = Math.floor(Date.now() / 1000);
  let window = state.buckets.get(`${host}:content`);
  if (!window || window.resetAt <= now) {
    window = { used: 0, resetAt: now + 60 };
    state.buckets.set(`${host}:content`, window);
  }
  if (window.used >= contentPerMinute)
    return json(
      403,
      {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url:
          'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        status: '403',
      },
      { 'retry-after': String(Math.max(1, window.resetAt - now)) },
    );
  window.used++;
  const comment: GhComment = { author: viewerLogin(host), body: text, at: writeTime() };
  item.comments.push(comment);
  item.updatedAt = comment.at;
  const out = commentJson(item, comment, item.comments.length - 1, roots, pull !== undefined);
  return json(201, out, { location: out.url });
}
