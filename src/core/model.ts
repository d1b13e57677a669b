import { z } from 'zod';
import { ITEM_KINDS, STATUS_CATEGORIES } from './kinds';
import { systemSchema } from './settings';

export { customerKinds } from './kinds';

/**
 * The one model every provider maps into and every panel reads. Items cross the message boundary: the background
 * checks what it sends a page against these schemas, and the page checks their structure without zod
 * (src/messaging/page-replies.ts, issue 15).
 */

export const statusCategorySchema = z.enum(STATUS_CATEGORIES);
export type StatusCategory = z.infer<typeof statusCategorySchema>;

export const itemKindSchema = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof itemKindSchema>;

export const prioritySchema = z.object({
  name: z.string(),
  /** 1 is the most urgent, 5 the least; items without a priority sort last. */
  rank: z.number().int().min(1).max(5),
});
export type Priority = z.infer<typeof prioritySchema>;

export const fixVersionSchema = z.object({
  name: z.string(),
  released: z.boolean(),
  releaseDate: z.string().optional(),
});

export const pullInfoSchema = z.object({
  merged: z.boolean(),
  mergedAt: z.string().optional(),
  mergeCommit: z.string().optional(),
  headRef: z.string().optional(),
  baseRef: z.string().optional(),
  draft: z.boolean().optional(),
  reviewDecision: z.string().optional(),
});

export const itemSchema = z.object({
  ref: z.string(),
  system: systemSchema,
  kind: itemKindSchema,
  /** What people call it: INC0010001, SHOP-101, acme/shop-api#42, #4711. */
  key: z.string(),
  title: z.string(),
  url: z.string(),
  status: z.object({ name: z.string(), category: statusCategorySchema }),
  priority: prioritySchema.optional(),
  assignee: z.string().optional(),
  requester: z.string().optional(),
  organization: z.string().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  sla: z.object({ breached: z.boolean(), name: z.string().optional() }).optional(),
  satisfaction: z.enum(['good', 'bad', 'offered', 'unoffered']).optional(),
  fixVersions: z.array(fixVersionSchema).optional(),
  pull: pullInfoSchema.optional(),
});
export type Item = z.infer<typeof itemSchema>;

export const linkViaSchema = z.enum(['mention', 'remote-link', 'field', 'search', 'branch', 'issue-link']);
export type LinkVia = z.infer<typeof linkViaSchema>;

export const linkSchema = z.object({
  from: z.string(),
  to: z.string(),
  via: linkViaSchema,
  /** Where it was found, for people: "short description", "remote link", "u_jira_key". */
  detail: z.string().optional(),
});
export type Link = z.infer<typeof linkSchema>;

export const errorKindSchema = z.enum([
  'auth',
  'forbidden',
  'not-found',
  'rate-limited',
  'unavailable',
  'timeout',
  'offline',
  'schema',
  'config',
  'unknown',
]);
export type ErrorKind = z.infer<typeof errorKindSchema>;

export const sourceErrorSchema = z.object({
  kind: errorKindSchema,
  /** One sentence for people: what went wrong at which source, and what fixes it. */
  message: z.string(),
  retryAt: z.number().optional(),
});
export type SourceError = z.infer<typeof sourceErrorSchema>;

/** Notes a source carries at most; past it the last says how many more items were skipped. */
export const maxSourceNotes = 5;

export const sourceStatusSchema = z.object({
  system: systemSchema,
  connectionId: z.string(),
  host: z.string(),
  error: sourceErrorSchema.optional(),
  /**
   * For people, quietly: what the source answered but Liaison left out ("SHOP-12 was skipped: its data did not
   * match what Liaison expects"). The rest of the source's answer is shown.
   */
  notes: z.array(z.string()).max(maxSourceNotes).optional(),
});
export type SourceStatus = z.infer<typeof sourceStatusSchema>;

/** A release that contains a merged pull request ("released in"). Shown as text; releases carry no data-ref. */
export const pullReleaseSchema = z.object({
  pull: z.string(),
  release: z.object({
    name: z.string(),
    tag: z.string(),
    url: z.string(),
    publishedAt: z.string().optional(),
  }),
});
export type PullRelease = z.infer<typeof pullReleaseSchema>;
