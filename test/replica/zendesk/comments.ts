/**
 * `GET /api/v2/tickets/{id}/comments[.json]?page=&per_page=&sort_order=` ("List Comments",
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments): the ticket's
 * comments oldest first, the first being the description (a ticket's description is its first comment:
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/ — "description: Read-only first
 * comment on the ticket"). Offset pages of at most 100 (`per_page` over 100 is cut to 100), `next_page` /
 * `previous_page` / `count` as every Zendesk list. With `page[size]` (≤ 100) or `page[after]`/`page[before]`:
 * cursor pagination ("Pagination", https://developer.zendesk.com/api-reference/introduction/pagination/#using-cursor-pagination):
 * `{comments, meta: {has_more, after_cursor, before_cursor}, links: {prev, next}}`. Newest first with
 * `sort_order=desc` (offset) or `sort=-created_at` (cursor).
 */
import { indexOf } from '../dataset/lookup.ts';
import type { Dataset, Note, ZendeskTicket } from '../dataset/types.ts';
import { vendorError } from '../errors.ts';
import { int, json, type ReplicaRequest, type ReplicaResponse } from '../http.ts';

const maxPerPage = 100;

function commentJson(ds: Dataset, t: ZendeskTicket, note: Note, n: number): Record<string, unknown> {
  const author = indexOf(ds).person.get(note.authorKey);
  return {
    id: t.id * 1000 + n,
    type: 'Comment',
    author_id: author?.zendeskId ?? null,
    body: note.text,
    html_body: `<div class="zd-comment"><p>${note.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p></div>`,
    plain_body: note.text,
    public: note.public ?? true,
    attachments: [],
    audit_id: t.id * 1000 + n,
    via: { channel: 'web', source: { from: {}, to: {}, rel: null } },
    created_at: note.at,
    metadata: { system: {}, custom: {} },
  };
}

export function ticketComments(req: ReplicaRequest, ds: Dataset, base: string, id: number): ReplicaResponse {
  const t = indexOf(ds).ticket.get(id);
  if (!t) return vendorError('zendesk', '404');
  const first: Note = { authorKey: t.requesterKey, at: t.createdAt, text: t.description, public: true };
  const all = [first, ...t.comments].map((note, n) => commentJson(ds, t, note, n));
  if (req.query.get('sort_order') === 'desc' || req.query.get('sort') === '-created_at') all.reverse();
  const cursor = ['page[size]', 'page[after]', 'page[before]'].some((p) => req.query.has(p));
  if (cursor) {
    const size = int(req.query.get('page[size]'), maxPerPage);
    if (size < 1 || size > maxPerPage)
      return json(400, {
        error: 'InvalidPaginationParameter',
        description: 'page[size] must be between 1 and 100',
      });
    const decode = (c: string | null) => {
      if (c === null) return undefined;
      const n = Number(Buffer.from(c, 'base64url').toString('utf8'));
      return Number.isInteger(n) && n >= 0 && n <= all.length ? n : Number.NaN;
    };
    const after = decode(req.query.get('page[after]'));
    const before = decode(req.query.get('page[before]'));
    if (Number.isNaN(after) || Number.isNaN(before))
      return json(400, { error: 'InvalidPaginationParameter', description: 'Invalid cursor' });
    const start = after ?? (before !== undefined ? Math.max(0, before - size) : 0);
    const end = before !== undefined && after === undefined ? before : Math.min(all.length, start + size);
    const enc = (n: number) => Buffer.from(String(n)).toString('base64url');
    const link = (rel: 'page[after]' | 'page[before]', c: string) => {
      const u = new URL(`${base}${req.path}${req.url.search}`);
      u.searchParams.delete('page[after]');
      u.searchParams.delete('page[before]');
      u.searchParams.set(rel, c);
      return u.toString();
    };
    const hasMore = end < all.length;
    return json(200, {
      comments: all.slice(start, end),
      meta: { has_more: hasMore, after_cursor: enc(end), before_cursor: enc(start) },
      links: {
        prev: start > 0 ? link('page[before]', enc(start)) : null,
        next: hasMore ? link('page[after]', enc(end)) : null,
      },
    });
  }
  const per = Math.min(maxPerPage, Math.max(1, int(req.query.get('per_page'), maxPerPage)));
  const page = Math.max(1, int(req.query.get('page'), 1));
  const at = (p: number) => {
    const u = new URL(`${base}${req.path}${req.url.search}`);
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  return json(200, {
    comments: all.slice((page - 1) * per, page * per),
    next_page: page * per < all.length ? at(page + 1) : null,
    previous_page: page > 1 ? at(page - 1) : null,
    count: all.length,
  });
}
