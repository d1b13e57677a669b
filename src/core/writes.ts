import { z } from 'zod';
import { WRITE_KINDS, WRITE_RESULTS, WRITE_STEP_STATES } from './kinds';
import { systemSchema } from './settings';

/**
 * Write-back (issue 14, DESIGN.md contract 7): what Liaison may write, shown in a preview before anything is sent.
 * Pure: the shapes a preview and its outcomes travel in, and the markers that make every write happen once.
 *
 * Only Jira's remote links are deduplicated by the server (an upsert on `globalId`). Every other write appends, so
 * each carries a marker, `liaison:v1:<kind>:<hash>`, on its own visible last line ("Liaison ref …"; on GitHub inside
 * an HTML comment), and Liaison reads the target's notes for it before writing (docs/write-back-research.md §5).
 */

export const writeKindSchema = z.enum(WRITE_KINDS);
export type WriteKind = z.infer<typeof writeKindSchema>;

/** What a marker names: a link between two items, news told to a ticket, an article drafted from a bug. */
export type MarkerKind = 'link' | 'tell' | 'kb';

/** The text a marker token sits behind on its visible line. */
export const MARKER_PREFIX = 'Liaison ref';

const TOKEN = /liaison:v1:(?:link|tell|kb):[0-9a-f]{16}/g;

/**
 * A marker token: `liaison:v1:<kind>:<16 hex>`, from the parts that make a write the same write (kind, source,
 * target, news). Only `[a-z0-9:]`, so no system's markup (Markdown, wiki markup, `[code]`) changes it; no part of
 * the input can be read back from it (it is posted where other people read it).
 */
export function markerToken(kind: MarkerKind, parts: readonly string[]): string {
  return `liaison:v1:${kind}:${hash64(`${kind}\u0000${parts.join('\u0000')}`)}`;
}

/** The visible line a marker is written as. */
export const markerLine = (token: string): string => `${MARKER_PREFIX} ${token}`;

/** Every marker token in a text (a note's body as the system returns it), at most `max`. */
export function markersIn(text: string, max = 100): string[] {
  const found: string[] = [];
  for (const match of text.slice(0, 200_000).matchAll(TOKEN)) {
    found.push(match[0]);
    if (found.length >= max) break;
  }
  return found;
}

/** FNV-1a over UTF-16 code units, twice with different offsets: 64 bits as 16 hex digits. Stable, not secret. */
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (i & 0xff), 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * One write a preview lists: where it goes and exactly what it sends. `state`:
 * - `new`: the marker is not there; confirming sends it;
 * - `already`: the marker (or the remote link's `globalId`) is there; nothing will be sent;
 * - `unknown`: Liaison could not read the target's notes, so it cannot tell; sent only when chosen;
 * - `blocked`: it cannot be sent (read-only connection, missing permission, closed ticket); `note` says why;
 * - `replace`: a field that holds another value now; confirming replaces it (`note` says what it holds), so it is
 *   sent only when the user chooses it.
 */
export const writeStepStateSchema = z.enum(WRITE_STEP_STATES);
export type WriteStepState = z.infer<typeof writeStepStateSchema>;

export const writeStepSchema = z.object({
  /** Unique within its plan. */
  id: z.string().max(64),
  /** The item written to (canonical reference), its key, title and address. */
  ref: z.string().max(512),
  key: z.string().max(512),
  title: z.string().max(1024),
  url: z.string().max(4096),
  system: systemSchema,
  connectionId: z.string().max(4096),
  /** Where, for people: "Internal note on Zendesk ticket #4711", "Remote link on SHOP-101". */
  where: z.string().max(512),
  /** Exactly what is sent, the marker line included. */
  text: z.string().max(70_000),
  /** The marker token (or a remote link's `globalId`, or the value a link field is set to). */
  marker: z.string().max(255),
  state: writeStepStateSchema,
  /** Why blocked or unknown, or when it was already written. */
  note: z.string().max(1024).optional(),
  /** Chosen by default (every `new` step; `unknown` and `replace` ones are left for the user to choose). */
  chosen: z.boolean(),
});
export type WriteStep = z.infer<typeof writeStepSchema>;

/** At most this many steps in one preview (a PR with more linked tickets lists the first ones and says so). */
export const MAX_WRITE_STEPS = 50;

export const writePlanSchema = z.object({
  /** The background's handle for confirming this plan (only its own tab may). */
  planId: z.string().max(64),
  kind: writeKindSchema,
  /** The page's subject the plan was made for. */
  subject: z.string().max(512),
  /** One line for the preview's heading: "Link #4711 to SHOP-101". */
  summary: z.string().max(1024),
  steps: z.array(writeStepSchema).max(MAX_WRITE_STEPS),
  /** Said once above the steps: what was left out, what could not be checked. */
  notes: z.array(z.string().max(1024)).max(20),
  /** draft-kb: the article as Markdown, for copying (also what a created draft holds). */
  markdown: z.string().max(70_000).optional(),
});
export type WritePlan = z.infer<typeof writePlanSchema>;

export const writeOutcomeSchema = z.object({
  id: z.string().max(64),
  /** `written` now, `already` there (nothing sent), `failed`, or `skipped` (not chosen, or stopped early). */
  result: z.enum(WRITE_RESULTS),
  /** For people, naming the system and the fix when it failed. */
  message: z.string().max(1024),
  /** What was created, when the system says (a comment, a draft article). */
  url: z.string().max(4096).optional(),
});
export type WriteOutcome = z.infer<typeof writeOutcomeSchema>;

/** One entry of the local activity list (options page): no token, no header, no response body. */
export const activityEntrySchema = z.object({
  at: z.number(),
  kind: writeKindSchema,
  connectionId: z.string().max(4096),
  system: systemSchema,
  /** The item written to. */
  target: z.string().max(512),
  where: z.string().max(512),
  marker: z.string().max(255),
  result: z.enum(['written', 'already', 'failed']),
  message: z.string().max(1024),
  url: z.string().max(4096).optional(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** Entries the activity list keeps (oldest dropped first). */
export const MAX_ACTIVITY = 500;
