import { z } from 'zod';
import type { Item } from '../../core/model';
import { parseRef } from '../../core/refs';
import { apiRoot, type Connection, hostOf } from '../../core/settings';
import { markerLine, markersIn } from '../../core/writes';
import { failureFor, SourceFailure } from '../../providers/errors';
import { createHttpClient } from '../../providers/http';
import { transportOptions } from '../../providers/options';
import type { ProviderOptions } from '../../providers/provider';
import type { ArticleDraft, MarkerRead, SystemWriter, WriteResult } from '../writer';
import { commentListSchema } from './comments';
import { asZendeskRef } from './grammar';
import { articleSchema, mapArticle } from './knowledge';
import { zendeskSubdomainOf } from './refs';
import { userSchema } from './schemas';

/**
 * What Liaison writes on Zendesk (issue 14, docs/write-back-research.md §4): internal notes on tickets and draft
 * Help Center articles.
 *
 * - a note: `PUT /api/v2/tickets/{id}.json` `{ticket: {comment: {body, public: false}}}`. `public` is always sent:
 *   a comment without it inherits the ticket's first comment's visibility, public on most tickets ("Ticket
 *   Comments", https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/). Notes append and
 *   `Idempotency-Key` covers ticket creation only, so each note ends with its marker line, looked for first in
 *   `GET /api/v2/tickets/{id}/comments.json?sort_order=desc&page[size]=100` (cursor pages, at most 5);
 * - the link field, when the connection sets `linkField` (a ticket custom field id; research §4.1, §4.4): read from
 *   `GET /api/v2/tickets/{id}.json` (`ticket.custom_fields`, every active field), set with `PUT /api/v2/tickets/{id}.json`
 *   `{ticket: {custom_fields: [{id, value}]}}` and read back from the answer's ticket: an invalid drop-down value is
 *   dropped with a 200 (https://github.com/facetoe/zenpy/issues/420), an unknown field id is a 422. Light agents
 *   may not edit ticket fields ("Understanding and setting light agent permissions",
 *   https://support.zendesk.com/hc/en-us/articles/4408846501402), so they are not offered it;
 * - who may write: `GET /api/v2/users/me.json` → `role` (`end-user` cannot), `role_type` (2, 3: chat-only);
 * - a closed ticket cannot be updated (422 "Status: closed prevents ticket update");
 * - a draft: `POST /api/v2/help_center/{locale}/sections/{section_id}/articles.json`
 *   `{article: {title, body, locale, permission_group_id, user_segment_id, draft: true}}`, from the connection's
 *   `helpCenter` settings (permission group and user segment are mandatory: "Articles",
 *   https://developer.zendesk.com/api-reference/help_center/help-center-api/articles/).
 */

/** A connection's Help Center settings, kept on its entry in `settings.connections` (`helpCenter`). */
export const helpCenterSettingsSchema = z.looseObject({
  sectionId: z.number().int().positive(),
  permissionGroupId: z.number().int().positive(),
  /** `null`: visible to everyone once published. */
  userSegmentId: z.number().int().positive().nullable(),
  /** It goes in the path: a locale code only (`en-us`, `de`, `pt-br`). */
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[a-z0-9]{2,8}){0,2}$/i, 'a locale like en-us')
    .transform((l) => l.toLowerCase())
    .default('en-us'),
});
export type HelpCenterSettings = z.infer<typeof helpCenterSettingsSchema>;

/**
 * The ticket custom field (its id) link-bug sets to the bug's key instead of adding an internal note, kept on the
 * connection's entry (`linkField`); a malformed one is ignored (then the note), as settings sections are.
 */
export const zendeskLinkFieldSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export function zendeskLinkFieldOf(connection: Connection): number | undefined {
  const value = (connection as Record<string, unknown>).linkField;
  if (value === undefined) return undefined;
  const parsed = zendeskLinkFieldSchema.safeParse(value);
  if (!parsed.success) console.warn(`[liaison] ${connection.id}.linkField ignored: not a ticket field id`);
  return parsed.success ? parsed.data : undefined;
}

/** A connection's Help Center settings, or undefined when absent or malformed (then it cannot draft). */
export function helpCenterOf(connection: Connection): HelpCenterSettings | undefined {
  const value = (connection as Record<string, unknown>).helpCenter;
  if (value === undefined) return undefined;
  const parsed = helpCenterSettingsSchema.safeParse(value);
  if (!parsed.success)
    console.warn(
      `[liaison] ${connection.id}.helpCenter ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  return parsed.success ? parsed.data : undefined;
}

/** Comment pages read back, newest first. */
export const NOTE_PAGES = 5;
const PAGE_SIZE = 100;

const meSchema = z.looseObject({
  user: userSchema.extend({
    role: z.string().nullable().optional(),
    role_type: z.number().nullable().optional(),
  }),
});
type Me = z.infer<typeof meSchema>['user'];

const commentPageSchema = z.looseObject({
  comments: commentListSchema,
  meta: z
    .looseObject({ has_more: z.boolean().optional(), after_cursor: z.string().nullable().optional() })
    .optional(),
  next_page: z.string().nullable().optional(),
});

const customFieldsSchema = z
  .array(z.looseObject({ id: z.number(), value: z.unknown() }))
  .max(10_000)
  .nullable()
  .optional();

const updateSchema = z.looseObject({
  ticket: z.looseObject({ id: z.number().optional(), custom_fields: customFieldsSchema }).optional(),
  audit: z
    .looseObject({
      events: z
        .array(z.looseObject({ type: z.string().optional(), public: z.boolean().nullable().optional() }))
        .max(1000)
        .optional(),
    })
    .nullable()
    .optional(),
});

const ticketSchema = z.looseObject({
  ticket: z.looseObject({ id: z.number(), status: z.string().optional(), custom_fields: customFieldsSchema }),
});

/** A custom field's value as text: text and drop-down fields hold strings, numeric fields numbers; empty is null. */
const fieldText = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

const ticketFieldSchema = z.looseObject({
  ticket_field: z.looseObject({
    id: z.number(),
    type: z.string().optional(),
    title: z.string().nullable().optional(),
    active: z.boolean().optional(),
  }),
});

const createdArticleSchema = z.looseObject({ article: articleSchema });

const closedSentence = (id: number) =>
  `Zendesk ticket #${id} is closed: closed tickets cannot be updated; add a follow-up ticket instead.`;

export function createZendeskWriter(options: ProviderOptions): SystemWriter {
  const { connection } = options;
  if (connection.system !== 'zendesk')
    throw new Error(`createZendeskWriter: connection ${connection.id} is ${connection.system}`);
  if (connection.write !== true)
    throw new Error(`createZendeskWriter: connection ${connection.id} does not allow writing`);
  const http = createHttpClient({
    system: 'zendesk',
    baseUrl: apiRoot(connection),
    auth: connection.auth,
    ...transportOptions(options),
  });
  const host = hostOf(connection);
  const name = `Zendesk (${host})`;
  const subdomain = zendeskSubdomainOf(host);
  const helpCenter = helpCenterOf(connection);
  const linkField = zendeskLinkFieldOf(connection);
  let me: Promise<Me> | undefined;

  const fail = (kind: SourceFailure['kind'], message: string, from?: SourceFailure) =>
    new SourceFailure('zendesk', host, kind, message, from?.status, from?.retryAt, from?.messages ?? []);

  /** The ticket id an item names, on this connection's subdomain. */
  function ticketOf(item: Item): number {
    const ref = asZendeskRef(parseRef(item.ref));
    if (!ref || ref.article || ref.subdomain !== subdomain)
      throw fail(
        'config',
        `${item.key} is not a ticket of ${name}; Liaison cannot add an internal note to it.`,
      );
    return ref.id;
  }

  /** Who the credentials belong to (asked once per writer). */
  function whoAmI(signal?: AbortSignal): Promise<Me> {
    me ??= http.get('/api/v2/users/me.json', meSchema, signal ? { signal } : {}).then(({ user }) => {
      // Zendesk answers unauthenticated with an anonymous user (id null) rather than a 401.
      if (user.id === null) throw failureFor('zendesk', host, 401);
      return user;
    });
    me.catch(() => {
      me = undefined; // asked again next time
    });
    return me;
  }

  /** Why this user cannot add internal notes, or undefined when its role can. */
  function roleProblem(user: Me): string | undefined {
    if (user.role === 'end-user')
      return `${name}: your user is an end user; only agents can add internal notes.`;
    if (user.role_type === 2 || user.role_type === 3)
      return `${name}: your user is a chat agent without Support access; only Support agents can add internal notes.`;
    return undefined;
  }

  /** A failed note as a sentence naming the ticket and the fix; never sent again, so a 5xx leaves it unknown. */
  function noteFailure(error: unknown, id: number, what = 'the internal note', fix = ''): never {
    if (!(error instanceof SourceFailure)) throw error;
    if (error.status === 422 && error.messages.some((m) => /\bclosed\b/i.test(m)))
      throw fail('forbidden', closedSentence(id), error);
    if (error.kind === 'forbidden')
      throw fail(
        'forbidden',
        `${name} refused ${what} on ticket #${id}: your user may not update this ticket (end users cannot, nor agents restricted to other groups or organisations). Ask a Zendesk admin for agent access to it.`,
        error,
      );
    if (error.kind === 'rate-limited') {
      const when = error.retryAt
        ? ` after ${new Date(error.retryAt).toISOString().slice(11, 16)} UTC`
        : ' in a few minutes';
      throw fail(
        'rate-limited',
        `${name} is rate limiting updates (at most 30 per ticket in 10 minutes): ${what} on ticket #${id} was not ${what === 'the internal note' ? 'added' : 'set'}. Try again${when}.`,
        error,
      );
    }
    if (error.kind === 'unavailable' || error.kind === 'timeout' || error.kind === 'offline')
      throw fail(
        error.kind,
        `${name} did not confirm ${what} on ticket #${id} (${error.status ?? error.kind}): it may or may not have been ${what === 'the internal note' ? 'added, and Liaison did not send it again' : 'stored'}. Preview again to check before writing again.`,
        error,
      );
    if (error.kind === 'not-found')
      throw fail(
        'not-found',
        `${name} has no ticket #${id} your user can see (404): it may have been deleted or merged, or your user may not access it. Refresh the page.`,
        error,
      );
    if (error.status === 422) {
      const detail = error.messages.filter((m) => m !== 'Record validation errors')[0] ?? 'invalid';
      throw fail(
        'unknown',
        `${name} refused ${what} on ticket #${id}: ${detail.slice(0, 200)}.${fix}`,
        error,
      );
    }
    throw error;
  }

  async function markersOf(id: number, signal?: AbortSignal): Promise<MarkerRead> {
    const tokens = new Set<string>();
    let after: string | undefined;
    try {
      for (let page = 1; page <= NOTE_PAGES; page++) {
        const answer = await http.get(`/api/v2/tickets/${id}/comments.json`, commentPageSchema, {
          searchParams: {
            sort_order: 'desc',
            'page[size]': PAGE_SIZE,
            ...(after ? { 'page[after]': after } : {}),
          },
          ...(signal ? { signal } : {}),
        });
        for (const c of answer.comments)
          for (const t of markersIn(`${c.body ?? ''}\n${c.plain_body ?? ''}`)) tokens.add(t);
        const more = answer.meta ? answer.meta.has_more === true : Boolean(answer.next_page);
        if (!more) return { known: true, tokens };
        after = answer.meta?.after_cursor ?? undefined;
        if (!after) break; // more, but no cursor to follow
      }
    } catch (error) {
      if (error instanceof SourceFailure && (error.kind === 'forbidden' || error.kind === 'not-found'))
        return {
          known: false,
          reason: `${name} does not let your user read the comments of ticket #${id}, so Liaison cannot tell whether this note is already there.`,
        };
      throw error;
    }
    // A marker found among the newest comments is there, however many more there are.
    if (tokens.size > 0) return { known: true, tokens };
    return {
      known: false,
      reason: `Ticket #${id} has more than ${NOTE_PAGES * PAGE_SIZE} comments; Liaison read the newest ${NOTE_PAGES * PAGE_SIZE} and cannot tell whether this note is among the older ones.`,
    };
  }

  /** The link field's value on a ticket, or why Liaison cannot set it there. */
  async function fieldOf(
    item: Item,
    fieldId: number,
    signal?: AbortSignal,
  ): Promise<{ value: string } | { problem: string }> {
    const id = ticketOf(item);
    if (item.status.name.toLowerCase() === 'closed') return { problem: closedSentence(id) };
    const user = await whoAmI(signal);
    const problem = roleProblem(user);
    if (problem) return { problem };
    if (user.role_type === 1)
      return {
        problem: `${name}: your user is a light agent; light agents may add internal notes but not edit ticket fields. Clear the link field in Liaison options to link with an internal note.`,
      };
    const { ticket } = await http.get(`/api/v2/tickets/${id}.json`, ticketSchema, signal ? { signal } : {});
    if (ticket.status?.toLowerCase() === 'closed') return { problem: closedSentence(id) };
    // A ticket lists every active custom field: one missing does not exist, or is inactive.
    const field = ticket.custom_fields?.find((f) => f.id === fieldId);
    if (!field)
      return {
        problem: `${name} shows no custom field ${fieldId} on ticket #${id}: the field may not exist or be inactive. Check the link field id in Liaison options (Admin Center → Objects and rules → Tickets → Fields).`,
      };
    return { value: fieldText(field.value) };
  }

  /**
   * For Test connection: why the configured field cannot hold a key ("Show Ticket Field",
   * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/#show-ticket-field): it does not
   * exist, is inactive, or is a drop-down (which keeps only its options' values).
   */
  async function linkFieldProblem(fieldId: number, signal?: AbortSignal): Promise<string | undefined> {
    try {
      const { ticket_field: field } = await http.get(
        `/api/v2/ticket_fields/${fieldId}.json`,
        ticketFieldSchema,
        signal ? { signal } : {},
      );
      const title = field.title ? ` ("${field.title.slice(0, 80)}")` : '';
      if (field.active === false)
        return `${name}: ticket field ${fieldId}${title} is inactive; activate it or set another link field in Liaison options.`;
      if (field.type && !['text', 'textarea', 'regexp'].includes(field.type))
        return `${name}: ticket field ${fieldId}${title} is a ${field.type} field; it keeps only values it allows (a drop-down only its options), so a bug's key may not be stored. Use a text field as the link field.`;
      return undefined;
    } catch (error) {
      if (error instanceof SourceFailure && error.kind === 'not-found')
        return `${name} has no ticket field ${fieldId}: check the link field id in Liaison options (Admin Center → Objects and rules → Tickets → Fields).`;
      throw error;
    }
  }

  const linkFieldWriter = (fieldId: number): NonNullable<SystemWriter['linkField']> => ({
    name: `custom field ${fieldId}`,
    where: (item) => `Custom field ${fieldId} on Zendesk ticket #${ticketOf(item)}`,
    read: (item, signal) => fieldOf(item, fieldId, signal),
    async write(item, wanted, signal): Promise<WriteResult> {
      const id = ticketOf(item);
      let answer: z.infer<typeof updateSchema>;
      try {
        // Setting a value is idempotent (the same value twice changes nothing): it may be retried.
        answer = await http.put(
          `/api/v2/tickets/${id}.json`,
          { ticket: { custom_fields: [{ id: fieldId, value: wanted }] } },
          updateSchema,
          { idempotent: true, ...(signal ? { signal } : {}) },
        );
      } catch (error) {
        noteFailure(
          error,
          id,
          `custom field ${fieldId}`,
          ' Check the link field id in Liaison options (a ticket field that exists and is active).',
        );
      }
      // An invalid drop-down value is dropped with a 200: the ticket the answer carries says what was stored.
      const stored = answer.ticket?.custom_fields?.find((f) => f.id === fieldId);
      const now = stored ? fieldText(stored.value) : undefined;
      if (now !== wanted)
        throw fail(
          'unknown',
          `${name} accepted the update of ticket #${id} but did not store ${wanted} in custom field ${fieldId} (it holds ${now ? `"${now.slice(0, 100)}"` : 'nothing'}): the value may not be an allowed option of that field (a drop-down takes only its options), or your user may not edit it. Use a text field for links, or check the link field in Liaison options.`,
        );
      return { created: true, ...(item.url ? { url: item.url } : {}) };
    },
  });

  return {
    ...(linkField ? { linkField: linkFieldWriter(linkField) } : {}),

    noteWhere: (item) => `Internal note on Zendesk ticket #${ticketOf(item)}`,

    noteBody: (text, marker) => `${text.trimEnd()}\n\n${markerLine(marker)}`,

    readMarkers: (item, signal) => markersOf(ticketOf(item), signal),

    async addNote(item, body, signal): Promise<WriteResult> {
      const id = ticketOf(item);
      let answer: z.infer<typeof updateSchema>;
      try {
        answer = await http.put(
          `/api/v2/tickets/${id}.json`,
          { ticket: { comment: { body, public: false } } },
          updateSchema,
          signal ? { signal } : {},
        );
      } catch (error) {
        noteFailure(error, id);
      }
      // The audit tells how the comment was stored: a public one is said, never passed as an internal note.
      const comment = answer.audit?.events?.find((e) => e.type === 'Comment');
      if (comment?.public === true)
        throw fail(
          'unknown',
          `${name} added the note to ticket #${id} as a public reply, not an internal note. Check the ticket in Zendesk and make the comment private.`,
        );
      return { created: true, ...(item.url ? { url: item.url } : {}) };
    },

    async precheck(item, write, signal) {
      if (write !== 'note') return undefined;
      const id = ticketOf(item);
      if (item.status.name.toLowerCase() === 'closed') return closedSentence(id);
      return roleProblem(await whoAmI(signal));
    },

    async writeAccess(signal) {
      const user = await whoAmI(signal);
      const problem = roleProblem(user);
      if (problem) return { ok: false, message: problem };
      const who =
        user.role === 'admin' ? 'an administrator' : user.role_type === 1 ? 'a light agent' : 'an agent';
      const drafts = helpCenter
        ? ` and draft Help Center articles in section ${helpCenter.sectionId} (if your Guide permissions allow)`
        : '; set a Help Center section in Liaison options to draft articles';
      if (linkField && user.role_type === 1)
        return {
          ok: false,
          message: `${name}: as a light agent you may add internal notes, but not set custom field ${linkField}: clear the link field in Liaison options to link bugs with an internal note.`,
        };
      const fieldProblem = linkField ? await linkFieldProblem(linkField, signal) : undefined;
      if (fieldProblem) return { ok: false, message: fieldProblem };
      const field = linkField ? `, set custom field ${linkField} to a linked bug's key` : '';
      return { ok: true, message: `${name}: as ${who}, you may add internal notes${field}${drafts}.` };
    },

    articleWhere: () =>
      helpCenter
        ? `Draft article in Zendesk Help Center section ${helpCenter.sectionId} (${helpCenter.locale}, ${host})`
        : undefined,

    async draftArticle(draft: ArticleDraft, signal): Promise<WriteResult> {
      if (!helpCenter)
        throw fail(
          'config',
          `${name} has no Help Center section set for drafts: set one in Liaison options, or copy the article as Markdown.`,
        );
      const { sectionId, permissionGroupId, userSegmentId, locale } = helpCenter;
      let created: z.infer<typeof createdArticleSchema>;
      try {
        created = await http.post(
          `/api/v2/help_center/${locale}/sections/${sectionId}/articles.json`,
          {
            article: {
              title: draft.title.trim(),
              body: draft.html,
              locale,
              permission_group_id: permissionGroupId,
              user_segment_id: userSegmentId,
              draft: true,
            },
          },
          createdArticleSchema,
          signal ? { signal } : {},
        );
      } catch (error) {
        if (!(error instanceof SourceFailure)) throw error;
        if (error.kind === 'forbidden')
          throw fail(
            'forbidden',
            `${name} refused the draft article: your user may not create articles in section ${sectionId} (Guide admins, or agents with management permissions in permission group ${permissionGroupId}). Ask a Zendesk Guide admin.`,
            error,
          );
        if (error.kind === 'not-found')
          throw fail(
            'config',
            `${name} has no Help Center section ${sectionId} in locale ${locale}: check the Help Center settings of this connection in Liaison options.`,
            error,
          );
        if (error.kind === 'unavailable' || error.kind === 'timeout' || error.kind === 'offline')
          throw fail(
            error.kind,
            `${name} did not confirm the draft article (${error.status ?? error.kind}): it may or may not have been created, and Liaison did not send it again. Look among the drafts of section ${sectionId} before drafting again.`,
            error,
          );
        throw error;
      }
      const item = mapArticle(created.article, subdomain, connection);
      if (created.article.draft !== true)
        throw fail(
          'unknown',
          `${name} created article ${created.article.id} but not as a draft: it may be visible to readers. Unpublish it in Zendesk Guide.`,
        );
      return { created: true, ref: item.ref, ...(item.url ? { url: item.url } : {}) };
    },
  };
}
