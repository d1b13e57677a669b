/**
 * `GET /api/v2/tickets/{id}/comments[.json]?page=&per_page=&sort_order=` ("List Comments",
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments): the ticket's
 * comments oldest first, the first being the description (a ticket's description is its first comment:
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/ — "description: Read-only first
 * comment on the ticket"). Offset pages of at most 100 (`per_page` over 100 is cut to 100), `next_page` /
 * `previous_page` / `count` as every Zendesk list.
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
  if (req.query.get('sort_order') === 'desc') all.reverse();
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
