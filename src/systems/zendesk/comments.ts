import { z } from 'zod';
import { SourceFailure } from '../../providers/errors';
import type { HttpClient } from '../../providers/http';
import { field, listOf, scalar, skippedIn } from '../../providers/items';

/**
 * A search hit's comments, for verifying it. Zendesk's `description:` keyword searches "the text in the
 * ticket's description and comments" ("Zendesk Support search reference", Ticket property keywords:
 * https://support.zendesk.com/hc/en-us/articles/4408886879258), and free text searches comments too, so a hit
 * may name a target only in a comment, which the search answer does not carry. Those hits (only those not
 * verified by subject, description or fields) have their comments read with "List Comments"
 * (`GET /api/v2/tickets/{id}/comments`, oldest first, at most 100 a page:
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments), bounded: a few
 * tickets a round, a few pages each.
 */

export const commentReads = { maxTickets: 5, maxPages: 3, pageSize: 100 };

export const commentSchema = z.looseObject({
  body: z.string().nullable().optional(),
  plain_body: z.string().nullable().optional(),
});
/** Each comment on its own: one that does not match costs that comment alone (items.ts). */
export const commentListSchema = listOf(commentSchema, (raw) => {
  const id = scalar(field(raw, 'id'));
  return id ? `Comment ${id}` : 'A comment';
});
const commentPageSchema = z.looseObject({
  comments: commentListSchema,
  next_page: z.string().nullable().optional(),
  count: z.number().int().optional(),
});

/** Comment texts by ticket id, for at most `maxTickets` of the tickets, and notes on what was not read. */
export async function readTicketComments(
  http: HttpClient,
  ids: readonly number[],
  signal?: AbortSignal,
): Promise<{ comments: Map<number, string[]>; notes: string[] }> {
  const chosen = ids.slice(0, commentReads.maxTickets);
  const notes: string[] = [];
  if (ids.length > chosen.length)
    notes.push(
      `${ids.length - chosen.length} Zendesk tickets found by a search were not checked in their comments`,
    );
  const read = await Promise.all(chosen.map((id) => commentsOf(http, id, signal)));
  return {
    comments: new Map(chosen.map((id, n) => [id, read[n]?.texts ?? []])),
    notes: [...notes, ...read.flatMap((r) => r.notes)],
  };
}

async function commentsOf(
  http: HttpClient,
  id: number,
  signal: AbortSignal | undefined,
): Promise<{ texts: string[]; notes: string[] }> {
  const texts: string[] = [];
  const notes: string[] = [];
  try {
    for (let page = 1; page <= commentReads.maxPages; page++) {
      const searchParams = { page, per_page: commentReads.pageSize };
      const answer = await http.get(
        `/api/v2/tickets/${id}/comments.json`,
        commentPageSchema,
        signal ? { searchParams, signal } : { searchParams },
      );
      notes.push(...skippedIn(answer.comments).map((note) => `#${id}: ${note}`));
      // `body` as written (URLs kept), `plain_body` where a client sent only HTML.
      texts.push(...answer.comments.flatMap((c) => [c.body ?? c.plain_body ?? ''].filter(Boolean)));
      if (!answer.next_page) return { texts, notes };
    }
  } catch (error) {
    // One ticket's comments being hidden or gone does not hide the round: it stays unverified.
    if (error instanceof SourceFailure && (error.kind === 'not-found' || error.kind === 'forbidden'))
      return { texts, notes };
    throw error;
  }
  notes.push(`#${id}: only its first ${texts.length} comments were checked`);
  return { texts, notes };
}

/**
 * The newest comments of one ticket (one page of 100, newest first: `sort_order=desc`, cursor pagination's
 * `page[size]`), for mentions in a page subject's notes; what a note Liaison wrote says is among them.
 */
export async function newestCommentTexts(
  http: HttpClient,
  id: number,
  signal?: AbortSignal,
): Promise<string[]> {
  const answer = await http.get(`/api/v2/tickets/${id}/comments.json`, commentPageSchema, {
    searchParams: { sort_order: 'desc', 'page[size]': commentReads.pageSize },
    ...(signal ? { signal } : {}),
  });
  return answer.comments.flatMap((c) => [c.body ?? c.plain_body ?? ''].filter(Boolean));
}
