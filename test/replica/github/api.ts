/**
 * The GitHub API surface of one host: token auth, rate-limit buckets and headers, ETag / If-None-Match,
 * GitHub's CORS and media-type headers (as in reference/recorded/github-search-issues.recorded.json),
 * then REST or GraphQL.
 */
import { createHash } from 'node:crypto';
import { type Access, credentials } from '../credentials.ts';
import { vendorError } from '../errors.ts';
import {
  bearerToken,
  type HandlerContext,
  invalidJson,
  json,
  parseJsonBody,
  type ReplicaRequest,
  type ReplicaResponse,
} from '../http.ts';
import { issueCommentRoutes } from './comments.ts';
import { executeGithubGraphql, type GraphqlBody } from './graphql.ts';
import { bucket, type GithubResource, rateHeaders } from './ratelimit.ts';
import { githubRest } from './rest.ts';
import { rootsFor } from './serialize.ts';

const common = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset',
  'x-github-media-type': 'github.v3; format=json',
  'cache-control': 'private, max-age=60, s-maxage=60',
  vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
};

let requestCounter = 0;

/** The classic replica token's scopes, as `X-OAuth-Scopes` lists them. */
export const classicScopes = 'repo, read:org';

/** `apiPath` is relative to the REST root: '/repos/...', '/graphql'. */
export async function githubApi(
  req: ReplicaRequest,
  ctx: HandlerContext,
  host: string,
  apiPath: string,
): Promise<ReplicaResponse> {
  const roots = rootsFor(host);
  const graphql = apiPath === '/graphql';
  const resource: GithubResource = graphql ? 'graphql' : apiPath.startsWith('/search/') ? 'search' : 'core';
  const b = bucket(ctx.state, host, resource);
  const finish = (res: ReplicaResponse): ReplicaResponse => {
    res.headers = {
      ...common,
      'x-github-request-id': `REPL:${(++requestCounter).toString(16).toUpperCase()}`,
      ...rateHeaders(b, resource),
      ...res.headers,
    };
    return res;
  };
  const expected = host === 'github.com' ? credentials.github.token : credentials.ghe.token;
  const token = bearerToken(req);
  // the normal token is a classic PAT (X-OAuth-Scopes on every answer); the read-only one is fine-grained
  // (no scopes header: https://github.blog/changelog/2023-08-10-x-accepted-github-permissions-header-for-fine-grained-permission-actors/)
  const access: Access =
    token === expected ? 'write' : token === credentials.readOnly.github.token ? 'read' : undefined;
  const finishScoped = (res: ReplicaResponse): ReplicaResponse => {
    const out = finish(res);
    if (access === 'write') {
      out.headers['x-oauth-scopes'] = classicScopes;
      out.headers['x-accepted-oauth-scopes'] ??= '';
    }
    return out;
  };
  if (access === undefined) {
    return finish(
      vendorError('github', '401', {
        graphql,
        message: token === undefined ? 'Requires authentication' : 'Bad credentials',
      }),
    );
  }
  const counts = apiPath !== '/rate_limit';
  if (counts && b.used >= b.limit && graphql) {
    // GraphQL over its primary limit: HTTP 200, x-ratelimit-remaining 0, an error of type RATE_LIMITED
    // (https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#exceeding-the-rate-limit).
    return finishScoped(
      json(200, {
        errors: [{ type: 'RATE_LIMITED', message: `API rate limit already exceeded for user ID ${1000}.` }],
      }),
    );
  }
  if (counts && b.used >= b.limit) {
    return finishScoped(
      json(403, {
        message: `API rate limit exceeded for user ID ${1000}.`,
        documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
        status: '403',
      }),
    );
  }
  if (graphql) {
    if (req.method !== 'POST') return finishScoped(vendorError('github', '404'));
    const body = parseJsonBody(req);
    if (body === invalidJson || typeof body !== 'object' || body === null)
      return finishScoped(
        json(400, {
          message: 'Problems parsing JSON',
          documentation_url: 'https://docs.github.com/graphql',
          status: '400',
        }),
      );
    b.used++;
    return finishScoped(await executeGithubGraphql(ctx.dataset, host, roots, body as GraphqlBody, b));
  }
  if (apiPath === '/rate_limit') {
    const res = (r: GithubResource) => {
      const x = bucket(ctx.state, host, r);
      return { limit: x.limit, used: x.used, remaining: Math.max(0, x.limit - x.used), reset: x.resetAt };
    };
    const core = res('core');
    return finishScoped(
      json(200, { resources: { core, search: res('search'), graphql: res('graphql') }, rate: core }),
    );
  }
  const answer =
    issueCommentRoutes(req, ctx.dataset, host, apiPath, roots, access, ctx.state) ??
    githubRest(req, ctx.dataset, host, apiPath, roots) ??
    vendorError('github', '404');
  if (answer.status === 200) {
    const etag = `W/"${createHash('sha256').update(answer.body).digest('hex').slice(0, 40)}"`;
    answer.headers.etag = etag;
    const inm = req.headers['if-none-match'];
    if (inm?.split(',').some((t) => t.trim() === etag)) {
      // not counted against the primary rate limit
      return finishScoped({ status: 304, headers: { etag }, body: '' });
    }
  }
  b.used++;
  return finishScoped(answer);
}
