/**
 * Request → system handler, and injected faults in each vendor's own shape. Used by server.ts; free of
 * sockets so it can be reasoned about (and tested) alone.
 */
import { vendorError } from './errors.ts';
import type { FaultRule } from './faults.ts';
import { githubApi } from './github/api.ts';
import { bucket, rateHeaders } from './github/ratelimit.ts';
import { classify, githubSite, type Route, vendorOf } from './hosts.ts';
import { type HandlerContext, html, json, type ReplicaRequest, type ReplicaResponse } from './http.ts';
import { jiraApi } from './jira/api.ts';
import { githubPage, jiraPage, servicenowPage, zendeskPage } from './page-routes.ts';
import { servicenowApi } from './servicenow/api.ts';
import { zendeskApi } from './zendesk/api.ts';

export async function dispatch(
  req: ReplicaRequest,
  ctx: HandlerContext,
  route: Route = classify(req.host, req.path),
): Promise<ReplicaResponse> {
  if (route.system === 'unknown') return json(421, { message: `The replica does not serve ${req.host}` });
  const vendor = vendorOf(route) ?? 'github';
  if (route.area === 'page') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return html(405, '<h1>Method Not Allowed</h1>');
    if (route.system === 'github') return githubPage(req, ctx);
    if (route.system === 'jira-cloud' || route.system === 'jira-dc')
      return jiraPage(req, ctx, route.system === 'jira-cloud' ? 'cloud' : 'dc');
    if (route.system === 'servicenow') return servicenowPage(req, ctx);
    return zendeskPage(req, ctx);
  }
  let res: ReplicaResponse | undefined;
  if (route.system === 'github') res = await githubApi(req, ctx, githubSite(req.host), route.apiPath);
  else if (route.system === 'jira-cloud' || route.system === 'jira-dc')
    res = jiraApi(req, ctx, route.system === 'jira-cloud' ? 'cloud' : 'dc');
  else if (route.system === 'servicenow') res = servicenowApi(req, ctx);
  else res = zendeskApi(req, ctx);
  return res ?? vendorError(vendor, '404');
}

/** The answer an error-status fault gives in place of the real one. */
export function faultResponse(
  rule: FaultRule,
  req: ReplicaRequest,
  ctx: HandlerContext,
  route: Route,
): ReplicaResponse {
  const kind = rule.kind as '401' | '403' | '404' | '429' | '500';
  const vendor = vendorOf(route);
  if (!vendor || (route.system !== 'unknown' && route.area === 'page')) {
    const res = html(Number(kind), `<!DOCTYPE html><title>Error ${kind}</title><h1>${kind}</h1>`);
    if (kind === '429') res.headers['retry-after'] = String(rule.retryAfter ?? 30);
    return res;
  }
  const res = vendorError(vendor, kind, { retryAfter: rule.retryAfter });
  if (vendor === 'github' && route.system === 'github' && route.area === 'api') {
    // a secondary rate limit keeps the primary headers (reference/github/rate-limit-headers.md)
    const resource =
      route.apiPath === '/graphql' ? 'graphql' : route.apiPath.startsWith('/search/') ? 'search' : 'core';
    Object.assign(res.headers, rateHeaders(bucket(ctx.state, githubSite(req.host), resource), resource), {
      'access-control-allow-origin': '*',
    });
  }
  if (vendor === 'zendesk')
    Object.assign(res.headers, {
      'x-rate-limit': String(ctx.state.limits.zendesk),
      'x-rate-limit-remaining': kind === '429' ? '0' : String(ctx.state.limits.zendesk),
    });
  return res;
}

/** Valid status and headers, body cut in half: what a dropped connection mid-body looks like to JSON.parse. */
export function truncate(res: ReplicaResponse): ReplicaResponse {
  const cut = Math.max(1, Math.floor(res.body.length / 2));
  return { ...res, body: res.body.slice(0, cut) };
}
