import { z } from 'zod';
import { itemSchema, linkSchema, pullReleaseSchema, sourceStatusSchema } from '../core/model';

/**
 * The one protocol shared by every side. Content scripts open a port named CONTEXT_PORT and ask for the context
 * of their page; the background answers on the port, possibly twice (a stale cached view at once, then the fresh
 * one), and pushes later refreshes the same way. Every message is validated on receipt.
 */

export const CONTEXT_PORT = 'liaison/context';

export const siteSchema = z.enum(['github', 'jira', 'jsm', 'servicenow', 'zendesk']);
export type Site = z.infer<typeof siteSchema>;

const MAX_TEXT = 20_000;

export const pageReportSchema = z.object({
  url: z.string().max(4096),
  site: siteSchema,
  /** Canonical reference of what the page is about. */
  subject: z.string().max(512),
  /** Text read from the page (title, branch names, description), where it came from; the background finds refs in it. */
  texts: z.array(z.object({ text: z.string().max(MAX_TEXT), where: z.string().max(64) })).max(200),
  /** References already canonical (from links on the page). */
  refs: z.array(z.string().max(512)).max(500),
});
export type PageReport = z.infer<typeof pageReportSchema>;

export const contextViewSchema = z.object({
  subject: z.string(),
  items: z.array(itemSchema),
  links: z.array(linkSchema),
  releases: z.array(pullReleaseSchema),
  sources: z.array(sourceStatusSchema),
  /** False when no connected system can answer for this page. */
  configured: z.boolean(),
  resolvedAt: z.number(),
  /** True while a cached view is shown and a refresh is on its way. */
  stale: z.boolean(),
});
export type ContextView = z.infer<typeof contextViewSchema>;

export const portRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('resolve'),
    requestId: z.number().int(),
    page: pageReportSchema,
    refresh: z.boolean(),
  }),
]);
export type PortRequest = z.infer<typeof portRequestSchema>;

export const portReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('context'), requestId: z.number().int(), view: contextViewSchema }),
  z.object({ type: z.literal('failed'), requestId: z.number().int(), message: z.string() }),
]);
export type PortReply = z.infer<typeof portReplySchema>;

/** One-shot messages (runtime.sendMessage) from extension pages: popup, options. */
export const runtimeRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tab-context'), tabId: z.number().int() }),
  z.object({ type: z.literal('test-connection'), connectionId: z.string() }),
  z.object({ type: z.literal('open-options') }),
]);
export type RuntimeRequest = z.infer<typeof runtimeRequestSchema>;

export type RuntimeReply =
  | { ok: true; view?: ContextView | null; who?: string }
  | { ok: false; error: string };
