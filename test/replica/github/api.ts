/**
 * The GitHub API surface of one host: token auth, rate-limit buckets and headers, ETag / If-None-Match,
 * GitHub's CORS and media-type headers (as in reference/recorded/github-search-issues.recorded.json),
 * then REST or GraphQL.
 */
import { createHash } from 'node:crypto';
import { credentials } from '../credentials.ts';
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
  if (token !== expected) {
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
    return finish(
      json(200, {
        errors: [{ type: 'RATE_LIMITED', message: `API rate limit already exceeded for user ID ${1000}.` }],
      }),
    );
  }
  if (counts && b.used >= b.limit) {
    return finish(
      json(403, {
        message: `API rate limit exceeded for user ID ${1000}.`,
        documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
        status: '403',
      }),
    );
  }
  if (graphql) {
    if (req.method !== 'POST') return finish(vendorError('github', '404'));
    const body = parseJsonBody(req);
    if (body === invalidJson || typeof body !== 'object' || body === null)
      return finish(
        json(400, {
          message: 'Problems parsing JSON',
          documentation_url: 'https://docs.github.com/graphql',
          status: '400',
        }),
      );
    b.used++;
    return finish(await executeGithubGraphql(ctx.dataset, host, roots, body as GraphqlBody, b));
  }
  if (apiPath === '/rate_limit') {
    const res = (r: GithubResource) => {
      const x = bucket(ctx.state, host, r);
      return { limit: x.limit, used: x.used, remaining: Math.max(0, x.limit - x.used), reset: x.resetAt };
    };
    const core = res('core');
    return finish(
      json(200, { resources: { core, search: res('search'), graphql: res('graphql') }, rate: core }),
    );
  }
  const answer = githubRest(req, ctx.dataset, host, apiPath, roots) ?? vendorError('github', '404');
  if (answer.status === 200) {
    const etag = `W/"${createHash('sha256').update(answer.body).digest('hex').slice(0, 40)}"`;
    answer.headers.etag = etag;
    const inm = req.headers['if-none-match'];
    if (inm?.split(',').some((t) => t.trim() === etag)) {
      // not counted against the primary rate limit
      return finish({ status: 304, headers: { etag }, body: '' });
    }
  }
  b.used++;
  return finish(answer);
}
