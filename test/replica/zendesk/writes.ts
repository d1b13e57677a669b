/**
 * Zendesk writes (issue 14; docs/write-back-research.md §4):
 * - `PUT /api/v2/tickets/{id}[.json]` `{ticket: {comment: {body|html_body, public}, custom_fields, status}}` → 200
 *   `{ticket, audit}` ("Update Ticket", https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket;
 *   comments: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/). A comment without
 *   `public` takes the ticket's initial visibility ("The initial value set on ticket creation persists for any
 *   additional comment unless you change it"): every replica ticket was created public, so it is public.
 *   Closed ticket → 422 "Status: closed prevents ticket update"; an end user (the read-only credential) → 403;
 *   more than 30 updates of one ticket by one user in 10 minutes → 429 + Retry-After
 *   (https://developer.zendesk.com/api-reference/introduction/rate-limits, "Update Ticket"); an unknown custom field
 *   id → 422; a drop-down value that is none of its options → 200 with the field unchanged. `Idempotency-Key` is ignored on PUT (documented for ticket creation only).
 * - `POST /api/v2/help_center/{locale}/sections/{id}/articles[.json]` → 201 `{article}` ("Create Article",
 *   https://developer.zendesk.com/api-reference/help_center/help-center-api/articles/#create-article): `title`,
 *   `locale`, `permission_group_id` mandatory, and `user_segment_id` (null = everyone) or `user_segment_ids`;
 *   refused with 400 (the exact code is not documented); `draft` defaults to false.
 */
import type { Access } from '../credentials.ts';
import { indexOf } from '../dataset/lookup.ts';
import type { Dataset, HelpCenterArticle, Note, ZendeskStatus } from '../dataset/types.ts';
import { vendorError } from '../errors.ts';
import {
  type HandlerContext,
  invalidJson,
  json,
  parseJsonBody,
  type ReplicaRequest,
  type ReplicaResponse,
  writeTime,
} from '../http.ts';
import { articleJson } from './help-center.ts';
import { jiraFieldId, productAreaFieldId, productAreaOptions, ticketJson } from './serialize.ts';

/** The agent the writing credentials act as (the same user `users/me` answers). */
export const zendeskMe = 'zoe';
/** "Update Ticket": 30 updates per ticket per user in 10 minutes. */
export const ticketUpdateLimit = { updates: 30, windowSeconds: 600 };

/** Help Center configuration a connection names (ROUTES.md): the section, permission groups and user segments. */
export const helpCenter = {
  sectionIds: [360000111111],
  permissionGroupIds: [1, 2],
  userSegmentIds: [360000222222, 360000333333],
  locales: ['en-us'],
} as const;

const forbidden = (): ReplicaResponse => vendorError('zendesk', '403');

const invalid = (details: Record<string, unknown>): ReplicaResponse =>
  json(422, { error: 'RecordInvalid', description: 'Record validation errors', details });

const badJson = (): ReplicaResponse =>
  json(400, { error: 'InvalidJSON', description: 'The request body is not valid JSON.' });

function objectBody(req: ReplicaRequest): Record<string, unknown> | undefined {
  const body = parseJsonBody(req);
  if (body === invalidJson || typeof body !== 'object' || body === null || Array.isArray(body))
    return undefined;
  return body as Record<string, unknown>;
}

const statuses: ZendeskStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

export function updateTicket(
  req: ReplicaRequest,
  ctx: HandlerContext,
  base: string,
  id: number,
  access: Access,
): ReplicaResponse {
  const ds = ctx.dataset;
  const t = indexOf(ds).ticket.get(id);
  if (!t) return vendorError('zendesk', '404');
  if (access !== 'write') return forbidden();
  const body = objectBody(req);
  if (!body) return badJson();
  const ticket = body.ticket;
  if (typeof ticket !== 'object' || ticket === null || Array.isArray(ticket))
    return json(400, { error: 'InvalidEndpoint', description: 'The ticket parameter is required.' });
  if (t.status === 'closed')
    return invalid({ status: [{ description: 'Status: closed prevents ticket update' }] });
  const now = Math.floor(Date.now() / 1000);
  const key = `${req.host}:zendesk-ticket-update:${zendeskMe}:${id}`;
  let window = ctx.state.buckets.get(key);
  if (!window || window.resetAt <= now) {
    window = { used: 0, resetAt: now + ticketUpdateLimit.windowSeconds };
    ctx.state.buckets.set(key, window);
  }
  if (window.used >= ticketUpdateLimit.updates) {
    const res = vendorError('zendesk', '429', { retryAfter: Math.max(1, window.resetAt - now) });
    res.headers['retry-after'] = String(Math.max(1, window.resetAt - now));
    return res;
  }
  const u = ticket as Record<string, unknown>;
  // validate everything before changing anything: a refused update stores nothing
  let note: Note | undefined;
  if (u.comment !== undefined) {
    const c = (typeof u.comment === 'object' && u.comment !== null ? u.comment : {}) as Record<
      string,
      unknown
    >;
    const text = typeof c.body === 'string' ? c.body : typeof c.html_body === 'string' ? c.html_body : '';
    if (text.trim() === '') return invalid({ base: [{ description: 'Comment: cannot be blank' }] });
    if (c.public !== undefined && typeof c.public !== 'boolean')
      return invalid({ base: [{ description: 'Comment: public must be true or false' }] });
    note = {
      authorKey: zendeskMe,
      at: writeTime(),
      text,
      public: typeof c.public === 'boolean' ? c.public : true,
    };
  }
  let jiraKey: string | null | undefined;
  let productArea: string | null | undefined;
  if (u.custom_fields !== undefined) {
    if (!Array.isArray(u.custom_fields))
      return invalid({ base: [{ description: 'custom_fields must be an array' }] });
    for (const f of u.custom_fields.slice(0, 100)) {
      const fid = (f as Record<string, unknown> | null)?.id;
      const value = (f as Record<string, unknown> | null)?.value;
      if (fid === jiraFieldId) jiraKey = typeof value === 'string' && value !== '' ? value : null;
      else if (fid === productAreaFieldId) {
        // a drop-down takes one of its options' tags or null; any other value is dropped with a 200 (the silent
        // case: https://github.com/facetoe/zenpy/issues/420, research §4.1)
        if (value === null || value === '') productArea = null;
        else if (productAreaOptions.some((o) => o.value === value)) productArea = value as string;
      } else
        return invalid({
          base: [{ description: `Ticket field ${String(fid)} does not exist`, error: 'InvalidValue' }],
        });
    }
  }
  let status: ZendeskStatus | undefined;
  if (u.status !== undefined) {
    if (!statuses.includes(u.status as ZendeskStatus))
      return invalid({ status: [{ description: `Status: ${String(u.status)} is not valid` }] });
    status = u.status as ZendeskStatus;
  }
  window.used++;
  const at = note?.at ?? writeTime();
  const events: Record<string, unknown>[] = [];
  const me = indexOf(ds).person.get(zendeskMe);
  if (note) {
    t.comments.push(note);
    const n = t.comments.length; // the description is comment 0 (comments.ts)
    events.push({
      id: t.id * 1000 + n,
      type: 'Comment',
      author_id: me?.zendeskId ?? null,
      body: note.text,
      html_body: `<div class="zd-comment"><p>${note.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p></div>`,
      plain_body: note.text,
      public: note.public,
      attachments: [],
      audit_id: t.id * 1000 + n,
    });
  }
  if (jiraKey !== undefined) {
    events.push({
      id: t.id * 1000 + 900,
      type: 'Change',
      field_name: String(jiraFieldId),
      value: jiraKey,
      previous_value: t.jiraKey ?? null,
    });
    t.jiraKey = jiraKey ?? undefined;
  }
  if (productArea !== undefined) {
    const options: readonly string[] = productAreaOptions.map((o) => o.value);
    const before = t.tags.find((tag) => options.includes(tag)) ?? null;
    if (before !== productArea) {
      t.tags = [...t.tags.filter((tag) => !options.includes(tag)), ...(productArea ? [productArea] : [])];
      events.push({
        id: t.id * 1000 + 902,
        type: 'Change',
        field_name: String(productAreaFieldId),
        value: productArea,
        previous_value: before,
      });
    }
  }
  if (status && status !== t.status) {
    events.push({
      id: t.id * 1000 + 901,
      type: 'Change',
      field_name: 'status',
      value: status,
      previous_value: t.status,
    });
    t.status = status;
  }
  t.updatedAt = at;
  return json(200, {
    ticket: ticketJson(ds, base, t),
    audit: {
      id: t.id * 1000 + t.comments.length,
      ticket_id: t.id,
      created_at: at,
      author_id: me?.zendeskId ?? null,
      metadata: { system: {}, custom: {} },
      events,
      via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    },
  });
}

let nextArticleId = 360009000001;

export function createArticle(
  req: ReplicaRequest,
  ds: Dataset,
  base: string,
  locale: string,
  sectionId: number,
  access: Access,
): ReplicaResponse {
  if (access !== 'write') return forbidden();
  if (!(helpCenter.sectionIds as readonly number[]).includes(sectionId))
    return json(404, { error: 'RecordNotFound', description: 'Not found' });
  const body = objectBody(req);
  if (!body) return badJson();
  const a = body.article;
  if (typeof a !== 'object' || a === null || Array.isArray(a))
    return json(400, { error: 'InvalidEndpoint', description: 'The article parameter is required.' });
  const x = a as Record<string, unknown>;
  const missing = (field: string) =>
    json(400, {
      error: 'InvalidValue',
      description: `${field} is required`,
      details: { [field]: [{ description: `${field} is required` }] },
    });
  if (typeof x.title !== 'string' || x.title.trim() === '') return missing('title');
  const articleLocale = typeof x.locale === 'string' ? x.locale : locale;
  if (!(helpCenter.locales as readonly string[]).includes(articleLocale.toLowerCase()))
    return json(400, { error: 'InvalidValue', description: `Locale ${articleLocale} is not enabled` });
  if (x.permission_group_id === undefined || x.permission_group_id === null)
    return missing('permission_group_id');
  if (!(helpCenter.permissionGroupIds as readonly unknown[]).includes(x.permission_group_id))
    return json(400, { error: 'InvalidValue', description: 'permission_group_id is not a permission group' });
  const segments = Array.isArray(x.user_segment_ids) ? x.user_segment_ids : undefined;
  if (!('user_segment_id' in x) && !segments)
    return json(400, {
      error: 'InvalidValue',
      description: 'Either user_segment_id or user_segment_ids must be specified',
    });
  const segmentList = segments ?? (x.user_segment_id === null ? [] : [x.user_segment_id]);
  if (segmentList.some((s) => !(helpCenter.userSegmentIds as readonly unknown[]).includes(s)))
    return json(400, { error: 'InvalidValue', description: 'user_segment_id is not a user segment' });
  const at = writeTime();
  const article: HelpCenterArticle = {
    id: nextArticleId++,
    title: x.title,
    body: typeof x.body === 'string' ? x.body : '',
    // "false by default" (Articles, JSON format)
    draft: x.draft === true,
    sectionId,
    authorKey: zendeskMe,
    labelNames: Array.isArray(x.label_names)
      ? x.label_names.filter((l): l is string => typeof l === 'string')
      : [],
    createdAt: at,
    updatedAt: at,
    permissionGroupId: x.permission_group_id as number,
    userSegmentId: segmentList.length > 0 ? (segmentList[0] as number) : null,
  };
  ds.helpCenterArticles ??= [];
  ds.helpCenterArticles.push(article);
  const out = articleJson(base, article);
  const { result_type: _r, snippet: _s, ...plain } = out;
  return json(201, { article: plain }, { location: out.url });
}

/**
 * What a connection's Help Center settings name, listed as Zendesk lists them: "List Permission Groups"
 * (`GET /api/v2/guide/permission_groups`, agents and admins only:
 * https://developer.zendesk.com/api-reference/help_center/help-center-api/permission_groups/), "List User Segments"
 * (`GET /api/v2/help_center/user_segments`, https://developer.zendesk.com/api-reference/help_center/help-center-api/user_segments/)
 * and "List Sections" (`GET /api/v2/help_center[/{locale}]/sections`,
 * https://developer.zendesk.com/api-reference/help_center/help-center-api/sections/). One page each.
 */
export function guideLookups(path: string, base: string, access: Access): ReplicaResponse | undefined {
  const page = (key: string, list: unknown[]) =>
    json(200, { [key]: list, next_page: null, previous_page: null, count: list.length });
  const stamp = { created_at: '2025-01-10T09:00:00Z', updated_at: '2026-03-01T09:00:00Z' };
  if (path === '/api/v2/guide/permission_groups') {
    if (access !== 'write') return forbidden();
    return page('permission_groups', [
      { id: 1, name: 'Admins', built_in: true, publish: [], edit: [], ...stamp },
      { id: 2, name: 'Support agents', built_in: false, publish: [], edit: [360000333333], ...stamp },
    ]);
  }
  if (path === '/api/v2/help_center/user_segments')
    return page('user_segments', [
      {
        id: 360000222222,
        name: 'Signed-in users',
        user_type: 'signed_in_users',
        built_in: true,
        group_ids: [],
        organization_ids: [],
        tags: [],
        or_tags: [],
        ...stamp,
      },
      {
        id: 360000333333,
        name: 'Agents and admins',
        user_type: 'staff',
        built_in: true,
        group_ids: [],
        organization_ids: [],
        tags: [],
        or_tags: [],
        ...stamp,
      },
    ]);
  if (path === '/api/v2/help_center/sections' || /^\/api\/v2\/help_center\/[a-z-]+\/sections$/.test(path))
    return page('sections', [
      {
        id: 360000111111,
        url: `${base}/api/v2/help_center/en-us/sections/360000111111.json`,
        html_url: `${base}/hc/en-us/sections/360000111111-Checkout-and-payments`,
        category_id: 360000100001,
        position: 0,
        sorting: 'manual',
        outdated: false,
        name: 'Checkout and payments',
        description: '',
        locale: 'en-us',
        source_locale: 'en-us',
        parent_section_id: null,
        theme_template: 'section_page',
        ...stamp,
      },
    ]);
  return undefined;
}
