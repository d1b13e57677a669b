/**
 * Item kinds as plain data, apart from the zod schemas of ./model.ts (which builds `itemKindSchema` from them and
 * re-exports `customerKinds`): the content script reads them and loads no zod (issue 15).
 */
export const ITEM_KINDS = [
  'incident', // ServiceNow incident
  'problem',
  'change',
  'request', // ServiceNow RITM, JSM request
  'task',
  'ticket', // Zendesk ticket
  'knowledge',
  'bug', // Jira issue (any type but service requests)
  'issue', // GitHub issue
  'pull', // GitHub pull request
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Kinds a customer raised: what "customer impact" counts and the linked-incidents panel lists. */
export const customerKinds: ReadonlySet<ItemKind> = new Set(['incident', 'problem', 'request', 'ticket']);

/*
 * The other enums the page branches on, as plain data for the same reason: the zod schemas (model.ts, release.ts,
 * writes.ts) and the page's checks (messaging/page-replies.ts) are built from these one lists, so a value added to
 * one is accepted by the other.
 */
export const STATUS_CATEGORIES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export const RELEASE_KINDS = ['release', 'compare', 'version'] as const;
export const WRITE_KINDS = ['link-bug', 'tell-tickets', 'draft-kb'] as const;
export const WRITE_STEP_STATES = ['new', 'already', 'unknown', 'blocked', 'replace'] as const;
export const WRITE_RESULTS = ['written', 'already', 'failed', 'skipped'] as const;
