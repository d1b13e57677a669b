/**
 * Zendesk Support API v2: tickets (single, show_many ≤100 ids; side-loads with include=users,organizations),
 * search (reference/zendesk/search.json envelope with ticket results as in search-type-ticket.constructed.json;
 * side-loads with include=tickets(users,organizations)), users (me, show_many),
 * organizations (show_many), ticket fields, satisfaction ratings, a ticket's comments (comments.ts), Help Center
 * article search (help-center.ts). Every answer carries X-Rate-Limit and
 * X-Rate-Limit-Remaining (per-minute window; reference/README.md API-FACTS); an exhausted window answers
 * 429 with Retry-After. Auth: Basic "{email}/token:{api_token}".
 */
import { type Access, basicAccess } from '../credentials.ts';
import { indexOf } from '../dataset/lookup.ts';
import type { Person, ZendeskTicket } from '../dataset/types.ts';
import { vendorError } from '../errors.ts';
import {
  basicAuth,
  type HandlerContext,
  int,
  json,
  match,
  type ReplicaRequest,
  type ReplicaResponse,
} from '../http.ts';
import { ticketComments } from './comments.ts';
import { helpCenterSearch } from './help-center.ts';
import { maxQueryWords, queryWords, searchTickets } from './search.ts';
import { orgJson, ratingJson, ticketFieldsJson, ticketJson, userJson } from './serialize.ts';
import { createArticle, guideLookups, updateTicket } from './writes.ts';

function ids(req: ReplicaRequest): number[] {
  return (req.query.get('ids') ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * Side-loads asked for with `include` (https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/side_loading/):
 * ticket endpoints take a flat list (`include=users,organizations`); search names the result type whose
 * associations to load (`include=tickets(users,organizations)`,
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/search/#side-loading).
 */
function sideloadsAsked(req: ReplicaRequest, forSearch: boolean): Set<string> {
  const include = req.query.get('include') ?? '';
  const list = forSearch ? (/(?:^|,)\s*tickets\(([^)]*)\)/.exec(include)?.[1] ?? '') : include;
  return new Set(
    list
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

function routes(
  req: ReplicaRequest,
  ctx: HandlerContext,
  base: string,
  access: Access,
): ReplicaResponse | undefined {
  const ds = ctx.dataset;
  const idx = indexOf(ds);
  const user = (p: Person) => userJson(base, p, p.orgKey ? (idx.org.get(p.orgKey)?.zendeskId ?? null) : null);
  /** The `users` and `organizations` arrays for these tickets' requesters, assignees and organisations. */
  const sideloaded = (tickets: ZendeskTicket[], asked: Set<string>) => {
    const out: Record<string, unknown> = {};
    if (asked.has('users')) {
      const keys = new Set(
        tickets.flatMap((t) => [t.requesterKey, ...(t.assigneeKey ? [t.assigneeKey] : [])]),
      );
      out.users = [...keys].flatMap((k) => {
        const p = idx.person.get(k);
        return p ? [user(p)] : [];
      });
    }
    if (asked.has('organizations')) {
      const keys = new Set(tickets.flatMap((t) => (t.orgKey ? [t.orgKey] : [])));
      out.organizations = [...keys].flatMap((k) => {
        const o = idx.org.get(k);
        return o ? [orgJson(base, o)] : [];
      });
    }
    return out;
  };
  const path = req.path.replace(/\.json$/, '');
  if (path === '/api/v2/users/me') {
    const me = user(idx.person.get('zoe') as Person);
    if (access === 'write') return json(200, { user: { ...me, role_type: 0 } });
    // the read-only credential is an end user: role "end-user", role_type null (Users API JSON format)
    return json(200, {
      user: {
        ...me,
        id: 9000000001,
        url: `${base}/api/v2/users/9000000001.json`,
        name: 'Vera Viewer',
        email: 'viewer@acme.com',
        role: 'end-user',
        role_type: null,
        organization_id: null,
      },
    });
  }
  if (req.method === 'GET') {
    const lookup = guideLookups(path, base, access);
    if (lookup) return lookup;
  }
  const article = match('/api/v2/help_center/:locale/sections/:section/articles', path);
  if (article && req.method === 'POST')
    return createArticle(req, ds, base, article.locale ?? '', int(article.section, -1), access);
  if (
    path === '/api/v2/tickets/show_many' ||
    path === '/api/v2/users/show_many' ||
    path === '/api/v2/organizations/show_many'
  ) {
    const wanted = ids(req);
    if (wanted.length > 100)
      return json(400, { error: 'InvalidValue', description: 'Too many ids: show_many accepts at most 100' });
    if (path.includes('tickets')) {
      const found = wanted.flatMap((id) => {
        const t = idx.ticket.get(id);
        return t ? [t] : [];
      });
      return json(200, {
        tickets: found.map((t) => ticketJson(ds, base, t)),
        ...sideloaded(found, sideloadsAsked(req, false)),
        next_page: null,
        previous_page: null,
        count: found.length,
      });
    }
    if (path.includes('users'))
      return json(200, {
        users: wanted.flatMap((id) => {
          const p = idx.personByZendeskId.get(id);
          return p ? [user(p)] : [];
        }),
        next_page: null,
        previous_page: null,
        count: wanted.length,
      });
    return json(200, {
      organizations: wanted.flatMap((id) => {
        const o = idx.orgByZendeskId.get(id);
        return o ? [orgJson(base, o)] : [];
      }),
      next_page: null,
      previous_page: null,
      count: wanted.length,
    });
  }
  let m = match('/api/v2/tickets/:id/comments', path);
  if (m) return ticketComments(req, ds, base, int(m.id, -1));
  m = match('/api/v2/tickets/:id', path);
  if (m && req.method === 'PUT') return updateTicket(req, ctx, base, int(m.id, -1), access);
  if (m) {
    const t = idx.ticket.get(int(m.id, -1));
    return t
      ? json(200, { ticket: ticketJson(ds, base, t), ...sideloaded([t], sideloadsAsked(req, false)) })
      : vendorError('zendesk', '404');
  }
  m = match('/api/v2/organizations/:id', path);
  if (m) {
    const o = idx.orgByZendeskId.get(int(m.id, -1));
    return o ? json(200, { organization: orgJson(base, o) }) : vendorError('zendesk', '404');
  }
  // "Show Ticket Field", https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/#show-ticket-field
  m = match('/api/v2/ticket_fields/:id', path);
  if (m) {
    const field = ticketFieldsJson(base).find((f) => f.id === int(m?.id ?? '', -1));
    return field ? json(200, { ticket_field: field }) : vendorError('zendesk', '404');
  }
  if (path === '/api/v2/ticket_fields') {
    const fields = ticketFieldsJson(base);
    return json(200, { ticket_fields: fields, next_page: null, previous_page: null, count: fields.length });
  }
  if (path === '/api/v2/satisfaction_ratings') {
    const score = req.query.get('score');
    const list = ds.tickets.flatMap((t) => {
      const r = ratingJson(base, ds, t);
      return r && (!score || r.score === score) ? [r] : [];
    });
    return json(200, {
      satisfaction_ratings: list.slice(0, 100),
      next_page: null,
      previous_page: null,
      count: list.length,
    });
  }
  m = match('/api/v2/satisfaction_ratings/:id', path);
  if (m) {
    // the real API answers a single object (the spec example wraps it in an array; reference/README.md caveats)
    const t = ds.tickets.find((x) => x.satisfaction?.id === int(m?.id, -1));
    const r = t ? ratingJson(base, ds, t) : undefined;
    return r ? json(200, { satisfaction_rating: r }) : vendorError('zendesk', '404');
  }
  if (path === '/api/v2/help_center/articles/search' && req.method === 'GET')
    return helpCenterSearch(req, ds, base);
  if (path === '/api/v2/search') {
    const query = req.query.get('query') ?? '';
    if (query.trim() === '')
      return json(400, { error: 'InvalidSearchQuery', description: 'The query parameter is required.' });
    // "There is a 64 word limit in a search query" (Zendesk Support search reference, "Search terms",
    // https://support.zendesk.com/hc/en-us/articles/4408886879258, read 2026-12-04). What counts as a word, and
    // what Zendesk answers past the limit, are not documented: the replica takes the strictest reading (every run
    // of letters or digits is a word, property keywords, `type:ticket` and each word of a quoted phrase or URL
    // included) and refuses the query rather than searching part of it.
    const words = queryWords(query);
    if (words > maxQueryWords)
      return json(400, {
        error: 'invalid',
        description: `Invalid search: the query has ${words} words; the limit is ${maxQueryWords}`,
      });
    const found = searchTickets(ds, query);
    const hits = found === 'not-tickets' ? [] : found;
    const sortBy = req.query.get('sort_by') ?? 'updated_at';
    const desc = (req.query.get('sort_order') ?? 'desc') === 'desc';
    hits.sort((a, b) => {
      const x = sortBy === 'created_at' ? a.createdAt : a.updatedAt;
      const y = sortBy === 'created_at' ? b.createdAt : b.updatedAt;
      return (x < y ? -1 : x > y ? 1 : a.id - b.id) * (desc ? -1 : 1);
    });
    const per = Math.min(100, Math.max(1, int(req.query.get('per_page'), 100)));
    const page = Math.max(1, int(req.query.get('page'), 1));
    // Search answers the first 1,000 results; a page past them is a 422 while next_page still links to it
    // (https://developer.zendesk.com/api-reference/ticketing/ticket-management/search/#results-limit; the
    // answer as recorded in facetoe/zenpy#371, 2019, and cloudbees-oss/zendesk-java-client#295, 2019).
    if (page * per > 1000)
      return json(422, {
        error: 'invalid',
        description: 'Invalid search: Requested response size was greater than Search Response Limits',
      });
    const at = (p: number) => {
      const u = new URL(`${base}${req.path}${req.url.search}`);
      u.searchParams.set('page', String(p));
      return u.toString();
    };
    const shown = hits.slice((page - 1) * per, page * per);
    return json(200, {
      results: shown.map((t) => ({ ...ticketJson(ds, base, t), result_type: 'ticket' })),
      ...sideloaded(shown, sideloadsAsked(req, true)),
      facets: null,
      next_page: page * per < hits.length ? at(page + 1) : null,
      previous_page: page > 1 ? at(page - 1) : null,
      count: hits.length,
    });
  }
  return undefined;
}

export function zendeskApi(req: ReplicaRequest, ctx: HandlerContext): ReplicaResponse | undefined {
  if (!req.path.startsWith('/api/v2/')) return undefined;
  const base = `https://${req.host}`;
  const key = `${req.host}:zendesk`;
  const now = Math.floor(Date.now() / 1000);
  let b = ctx.state.buckets.get(key);
  if (!b || b.resetAt <= now) {
    b = { used: 0, resetAt: now + 60 };
    ctx.state.buckets.set(key, b);
  }
  const limit = ctx.state.limits.zendesk;
  const headers = (): Record<string, string> => ({
    'x-rate-limit': String(limit),
    'x-rate-limit-remaining': String(Math.max(0, limit - (b?.used ?? 0))),
  });
  const access = basicAccess(basicAuth(req), 'zendesk');
  if (!access) return vendorError('zendesk', '401');
  if (b.used >= limit) {
    const res = vendorError('zendesk', '429', { retryAfter: Math.max(1, b.resetAt - now) });
    Object.assign(res.headers, headers());
    return res;
  }
  b.used++;
  const res = routes(req, ctx, base, access) ?? vendorError('zendesk', '404', { message: 'Not found' });
  Object.assign(res.headers, headers());
  return res;
}
