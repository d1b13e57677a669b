import { z } from 'zod';
import {
  type ErrorKind,
  itemSchema,
  linkSchema,
  prioritySchema,
  pullReleaseSchema,
  sourceStatusSchema,
} from '../core/model';
import { releaseSummarySchema } from '../core/release';
import { systemSchema } from '../core/settings';
import {
  activityEntrySchema,
  MAX_ACTIVITY,
  MAX_WRITE_STEPS,
  writeKindSchema,
  writeOutcomeSchema,
  writePlanSchema,
} from '../core/writes';

/**
 * The one protocol shared by every side. Content scripts open a port named CONTEXT_PORT and ask for the context
 * of their page; the background answers on the port, possibly twice (a stale cached view at once, then the fresh
 * one), and pushes later refreshes the same way. Every message is validated on receipt by the background and the
 * extension pages; what the background sends a page it checks before sending (`pageReplySchemas` below), and the page
 * checks the structure it reads without zod (./page-replies.ts, issue 15).
 */

export { CONTEXT_PORT, MAX_BADGE_REFS, MAX_REF_TEXTS } from './limits';

import { MAX_BADGE_REFS, MAX_REF_TEXTS } from './limits';

export const siteSchema = z.enum(['github', 'jira', 'jsm', 'servicenow', 'zendesk']);
export type Site = z.infer<typeof siteSchema>;

const MAX_TEXT = 20_000;
/** Watching: a reference's length, and how many one `watched-refs` asks about. */
const MAX_WATCH_REF = 512;
const MAX_WATCH_QUERY = 500;

export const pageReportSchema = z.object({
  url: z.string().max(4096),
  site: siteSchema,
  /** Canonical reference of what the page is about. */
  subject: z.string().max(512),
  /** Text read from the page (title, branch names, description), where it came from; the background finds refs in it. */
  texts: z.array(z.object({ text: z.string().max(MAX_TEXT), where: z.string().max(64) })).max(200),
  /** References already canonical (from links on the page). */
  refs: z.array(z.string().max(512)).max(500),
  /**
   * The page is a release (a GitHub release or compare view, a Jira fix version): the background asks the system
   * that owns the page's host what it contains (`Provider.releaseScope`), for the release brief.
   */
  release: z.boolean().optional(),
});
export type PageReport = z.infer<typeof pageReportSchema>;

/** Articles a page's context shows (the knowledge panel, the popup), with the status of each knowledge base. */
/** Articles a view carries at most, whatever the number of knowledge bases (the background keeps the first). */
export const MAX_KNOWLEDGE_ITEMS = 100;
export const knowledgeViewSchema = z.object({
  items: z.array(itemSchema).max(MAX_KNOWLEDGE_ITEMS),
  /** From an article to the reference its text mentions. */
  links: z.array(linkSchema).max(MAX_KNOWLEDGE_ITEMS * 4),
  sources: z.array(sourceStatusSchema),
});
export type KnowledgeView = z.infer<typeof knowledgeViewSchema>;

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
  /** References on the page beyond what one resolution looks up (the resolver's `MAX_PAGE_REFS`). */
  skippedRefs: z.number().int().min(0).optional(),
  /** On a release page: the release as its system describes it (absent when it could not be read). */
  release: releaseSummarySchema.optional(),
  /** Knowledge articles, once asked (after the resolution); absent while they are being found. */
  knowledge: knowledgeViewSchema.optional(),
});
export type ContextView = z.infer<typeof contextViewSchema>;

export const badgeSchema = z.object({
  ref: z.string(),
  /** Linked customer tickets. */
  count: z.number().int().min(0),
  /** The most urgent priority among them (rank 1 is the worst); absent when none has a priority. */
  worst: prioritySchema.optional(),
});
export type Badge = z.infer<typeof badgeSchema>;

export const portRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('resolve'),
    requestId: z.number().int(),
    page: pageReportSchema,
    refresh: z.boolean(),
  }),
  z.object({
    type: z.literal('badges'),
    requestId: z.number().int(),
    refs: z.array(z.string().max(512)).min(1).max(MAX_BADGE_REFS),
  }),
]);
export type PortRequest = z.infer<typeof portRequestSchema>;

export const portReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('context'), requestId: z.number().int(), view: contextViewSchema }),
  z.object({ type: z.literal('failed'), requestId: z.number().int(), message: z.string() }),
  z.object({
    type: z.literal('badges'),
    requestId: z.number().int(),
    badges: z.array(badgeSchema),
    /** Systems that failed this pass: the counts may miss their tickets. */
    failed: z.array(systemSchema),
  }),
]);
export type PortReply = z.infer<typeof portReplySchema>;

export const pageTextSchema = z.object({
  text: z.string().max(MAX_TEXT),
  /** Text inside <pre>/<code>: only full URLs count. */
  code: z.boolean(),
});
export type PageText = z.infer<typeof pageTextSchema>;

/**
 * One-shot messages (runtime.sendMessage) from extension pages (popup, options) and content scripts. Which side may
 * send which is `requestRoles` below; the background refuses the rest.
 */
export const runtimeRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tab-context'), tabId: z.number().int() }),
  z.object({
    type: z.literal('test-connection'),
    /** A saved connection, by id… */
    connectionId: z.string().optional(),
    /** …or an unsaved draft (options page), checked by the background with connectionSchema; never logged. */
    connection: z.unknown().optional(),
  }),
  /** Content scripts: which system each configured host is (self-hosted instances), no secrets. */
  z.object({ type: z.literal('site-hosts') }),
  /** Options page: empty the entity cache. */
  z.object({ type: z.literal('clear-cache') }),
  /** Options page: the project keys discovery finds on a Jira connection (`refresh` asks Jira again). */
  z.object({ type: z.literal('jira-projects'), connectionId: z.string(), refresh: z.boolean() }),
  /** Options page: where a GitHub connection's reverse lookups search (configured or learned from the token). */
  z.object({ type: z.literal('github-scope'), connectionId: z.string() }),
  z.object({ type: z.literal('open-options') }),
  /** Content scripts: the panels collapsed on this site, and remembering a toggle (stored by the background). */
  z.object({ type: z.literal('ui-collapsed'), site: siteSchema }),
  z.object({
    type: z.literal('set-collapsed'),
    site: siteSchema,
    panel: z.string().max(64),
    collapsed: z.boolean(),
  }),
  z.object({ type: z.literal('find-refs'), texts: z.array(pageTextSchema).max(MAX_REF_TEXTS) }),
  /**
   * A hovercard's item: the reference and the page text its link was made from (`code`: that text is code), so the
   * background previews only what its own grammar finds in the page's text.
   */
  z.object({
    type: z.literal('preview'),
    ref: z.string().max(512),
    text: z.string().max(MAX_TEXT),
    code: z.boolean(),
  }),
  /** The content script's entry: does Liaison serve this page (the sender's own address, never a claimed one)? */
  z.object({ type: z.literal('page-access') }),
  /** Popup: is the tab's page served, or a SaaS tenant nobody connected (to offer connecting it)? */
  z.object({ type: z.literal('tab-access'), tabId: z.number().int() }),
  /**
   * Watching (contract 6). A content script may watch or unwatch only a reference the background served its tab
   * (its page's context or a hovercard's preview), and learn which of those are watched; extension pages may do
   * everything, list the watches and check them now.
   */
  z.object({ type: z.literal('watch'), ref: z.string().min(1).max(MAX_WATCH_REF) }),
  z.object({ type: z.literal('unwatch'), ref: z.string().min(1).max(MAX_WATCH_REF) }),
  z.object({
    type: z.literal('watched-refs'),
    refs: z.array(z.string().max(MAX_WATCH_REF)).max(MAX_WATCH_QUERY),
  }),
  z.object({ type: z.literal('list-watches') }),
  z.object({ type: z.literal('check-watches') }),
  /**
   * Write-back (DESIGN.md contract 7). A preview is planned by the background from what it served the tab (the
   * page's subject, a bug from its context or from the picker's search): the page names references, never text to
   * write. Confirming sends the chosen steps of a plan the same tab was given; nothing else writes.
   */
  z.object({
    type: z.literal('write-preview'),
    kind: writeKindSchema,
    subject: z.string().min(1).max(512),
    /** link-bug: the bug chosen in the picker; draft-kb: the resolved bug to draft from (default: the first). */
    bug: z.string().min(1).max(512).optional(),
  }),
  z.object({
    type: z.literal('write-confirm'),
    planId: z.string().min(1).max(64),
    chosen: z.array(z.string().max(64)).max(MAX_WRITE_STEPS),
  }),
  /** link-bug's picker: Jira issues and GitHub issues and pull requests matching the words. */
  z.object({ type: z.literal('write-search'), text: z.string().max(200) }),
  /** Options page: the local activity list, and emptying it. */
  z.object({ type: z.literal('write-activity') }),
  z.object({ type: z.literal('clear-activity') }),
]);
export type RuntimeRequest = z.infer<typeof runtimeRequestSchema>;

export type RuntimeReply =
  | {
      ok: true;
      view?: ContextView | null;
      who?: string;
      collapsed?: string[];
      /** test-connection of a connection with `"write": true`: what it may write, or what is missing. */
      write?: { ok: boolean; message: string };
    }
  | { ok: false; error: string; kind?: ErrorKind };

/**
 * `site-hosts`: host → system of every connection (content scripts pass it to `pageTypeFor`), and the hosts whose
 * references carry their host (a second Jira or ServiceNow: its page's subject is `jira:HOST/KEY`).
 */
export const siteHostsReplySchema = z.union([
  z.object({
    ok: z.literal(true),
    hosts: z.record(z.string(), systemSchema),
    refHosts: z.array(z.string()),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type SiteHostsReply = z.infer<typeof siteHostsReplySchema>;

/** `jira-projects`: the keys discovery found, or why it could not list them. */
export const jiraProjectsReplySchema = z.union([
  z.object({ ok: z.literal(true), keys: z.array(z.string()) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type JiraProjectsReply = z.infer<typeof jiraProjectsReplySchema>;

/** `github-scope`: the scope entries in effect (`org:acme`, `repo:acme/web`), or why they are unknown. */
export const githubScopeReplySchema = z.union([
  z.object({ ok: z.literal(true), scope: z.array(z.string()) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type GithubScopeReply = z.infer<typeof githubScopeReplySchema>;

const httpUrl = z.url({ protocol: /^https?$/ });

/** Where a reference is in one text: `text.slice(index, index + length)`, and the item's address. */
export const foundRefSchema = z.object({
  index: z.number().int().min(0),
  length: z.number().int().min(1),
  ref: z.string(),
  url: httpUrl,
});
export type FoundPageRef = z.infer<typeof foundRefSchema>;

/** `find-refs`: per text, in order, the references of connected systems in it. */
export const findRefsReplySchema = z.union([
  z.object({ ok: z.literal(true), found: z.array(z.array(foundRefSchema)) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type FindRefsReply = z.infer<typeof findRefsReplySchema>;

/** `preview`: the item (from the cache when fresh) and, for a bug, where its fix stands. */
export const previewSchema = z.object({
  item: itemSchema,
  /** Bugs and GitHub issues: the bug-status chain's sentence ("The fix was released in 2.4.1 on …"). */
  chain: z.string().optional(),
});
export type Preview = z.infer<typeof previewSchema>;
export const previewReplySchema = z.union([
  z.object({ ok: z.literal(true), preview: previewSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type PreviewReply = z.infer<typeof previewReplySchema>;

/** Who may send each one-shot request (SECURITY.md): content scripts only for the pages Liaison serves. */
export const requestRoles: Record<RuntimeRequest['type'], readonly ('extension' | 'page')[]> = {
  'tab-context': ['extension'],
  'tab-access': ['extension'],
  'test-connection': ['extension'],
  'clear-cache': ['extension'],
  'jira-projects': ['extension'],
  'github-scope': ['extension'],
  'open-options': ['extension', 'page'],
  'site-hosts': ['page'],
  'page-access': ['page'],
  'ui-collapsed': ['page'],
  'set-collapsed': ['page'],
  'find-refs': ['page'],
  preview: ['page'],
  watch: ['extension', 'page'],
  unwatch: ['extension', 'page'],
  'watched-refs': ['extension', 'page'],
  'list-watches': ['extension'],
  'check-watches': ['extension'],
  'write-preview': ['extension', 'page'],
  'write-confirm': ['extension', 'page'],
  'write-search': ['extension', 'page'],
  'write-activity': ['extension'],
  'clear-activity': ['extension'],
};

/** `write-preview`: the plan to show (nothing is sent yet), or why there is none. */
export const writePreviewReplySchema = z.union([
  z.object({ ok: z.literal(true), plan: writePlanSchema }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type WritePreviewReply = z.infer<typeof writePreviewReplySchema>;

/** `write-confirm`: one outcome per step of the plan, in its order. */
export const writeConfirmReplySchema = z.union([
  z.object({ ok: z.literal(true), outcomes: z.array(writeOutcomeSchema).max(MAX_WRITE_STEPS) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type WriteConfirmReply = z.infer<typeof writeConfirmReplySchema>;

/** `write-search`: work items (bugs, issues, pull requests) for the picker, most recently updated first. */
export const MAX_PICKER_RESULTS = 10;
export const writeSearchReplySchema = z.union([
  z.object({
    ok: z.literal(true),
    items: z.array(itemSchema).max(MAX_PICKER_RESULTS),
    /** Sources that failed, as sentences naming them. */
    errors: z.array(z.string()).max(50),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type WriteSearchReply = z.infer<typeof writeSearchReplySchema>;

/** `write-activity`: newest first. */
export const activityReplySchema = z.union([
  z.object({ ok: z.literal(true), entries: z.array(activityEntrySchema).max(MAX_ACTIVITY) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ActivityReply = z.infer<typeof activityReplySchema>;

/** `watch`, `unwatch`: done, or why not ("Liaison watches at most 200 items…"). */
export const watchReplySchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type WatchReply = z.infer<typeof watchReplySchema>;

/** `watched-refs`: which of the asked references are watched. */
export const watchedRefsReplySchema = z.union([
  z.object({ ok: z.literal(true), watched: z.array(z.string()) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type WatchedRefsReply = z.infer<typeof watchedRefsReplySchema>;

/** `check-watches`: how many watches were checked, how many changes were found, and why some were not checked. */
export const checkWatchesReplySchema = z.union([
  z.object({ ok: z.literal(true), checked: z.number(), changes: z.number(), skipped: z.array(z.string()) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type CheckWatchesReply = z.infer<typeof checkWatchesReplySchema>;

/** `page-access`: whether the sender's page is served. */
export const pageAccessReplySchema = z.object({ ok: z.literal(true), served: z.boolean() });
export type PageAccessReply = z.infer<typeof pageAccessReplySchema>;

/** `tab-access`: the tab's page is a SaaS tenant no connection is on (`tenant`), or not (`tenant` absent). */
export const tabAccessReplySchema = z.object({
  ok: z.literal(true),
  tenant: z.object({ host: z.string(), system: systemSchema }).optional(),
});
export type TabAccessReply = z.infer<typeof tabAccessReplySchema>;

/**
 * The schema of the answer to each one-shot request a content script may send (`requestRoles`: 'page'). The
 * background checks every answer it gives a page against these, and every port reply against `portReplySchema`,
 * before sending: the page checks only the structure it reads (./page-replies.ts), so it loads no zod (issue 15).
 */
export const pageReplySchemas: Partial<Record<RuntimeRequest['type'], z.ZodType>> = {
  'site-hosts': siteHostsReplySchema,
  'page-access': pageAccessReplySchema,
  'find-refs': findRefsReplySchema,
  preview: previewReplySchema,
  watch: watchReplySchema,
  unwatch: watchReplySchema,
  'watched-refs': watchedRefsReplySchema,
  'write-preview': writePreviewReplySchema,
  'write-confirm': writeConfirmReplySchema,
  'write-search': writeSearchReplySchema,
};
