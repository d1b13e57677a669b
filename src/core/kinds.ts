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
