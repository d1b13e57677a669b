import { z } from 'zod';
import { itemSchema, sourceErrorSchema } from '../core/model';
import { systemSchema } from '../core/settings';

/**
 * The popup's quick search (issue 5), on its own port so results stream per system as they arrive. The popup
 * opens SEARCH_PORT, asks for the connected `sources`, then sends a `search` per (debounced) text; a newer
 * search, a `cancel` or closing the popup aborts the older one's requests in the background. For each search
 * the background answers `plan` (which sources are asked, and whether the text was references or words), then
 * one `found` or `failed` per source in the order they finish, then `done`. Every message is validated on
 * receipt, both ways; errors are data (`failed`), never a dropped port.
 */

export const SEARCH_PORT = 'liaison/search';

/** Results per source at most. */
export const MAX_SEARCH_LIMIT = 20;
export const MAX_SEARCH_TEXT = 500;

export const searchSourceSchema = z.object({
  system: systemSchema,
  connectionId: z.string(),
  host: z.string(),
  /** What the popup calls it: "Jira", or "Jira (jira.acme.com)" when two Jiras are connected. */
  label: z.string(),
});
export type SearchSource = z.infer<typeof searchSourceSchema>;

export const searchRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sources') }),
  z.object({
    type: z.literal('search'),
    queryId: z.number().int(),
    text: z.string().max(MAX_SEARCH_TEXT),
    limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT),
    /** The canonical reference of the tab's subject: `#12` then means that repository's #12. */
    near: z.string().max(512).optional(),
  }),
  z.object({ type: z.literal('cancel'), queryId: z.number().int() }),
  /** The user opened this item from the popup: the background remembers it among the recent items. */
  z.object({ type: z.literal('opened'), item: itemSchema }),
]);
export type SearchRequest = z.infer<typeof searchRequestSchema>;

export const searchModeSchema = z.enum(['refs', 'text']);
export type SearchMode = z.infer<typeof searchModeSchema>;

export const searchReplySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sources'),
    sources: z.array(searchSourceSchema),
    /** False when no system is connected (or the settings are malformed: `error`). */
    configured: z.boolean(),
    error: z.string().optional(),
  }),
  z.object({
    type: z.literal('plan'),
    queryId: z.number().int(),
    /** `refs`: the text named items, looked up in their own systems; `text`: words, searched everywhere. */
    mode: searchModeSchema,
    /** The canonical references looked up (`refs` mode). */
    refs: z.array(z.string()),
    sources: z.array(searchSourceSchema),
  }),
  z.object({
    type: z.literal('found'),
    queryId: z.number().int(),
    connectionId: z.string(),
    items: z.array(itemSchema),
    /** How long the source took, in milliseconds. */
    ms: z.number(),
  }),
  z.object({
    type: z.literal('failed'),
    queryId: z.number().int(),
    connectionId: z.string(),
    system: systemSchema,
    error: sourceErrorSchema,
    ms: z.number(),
  }),
  z.object({ type: z.literal('done'), queryId: z.number().int() }),
]);
export type SearchReply = z.infer<typeof searchReplySchema>;
