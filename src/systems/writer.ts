import type { Item } from '../core/model';
import type { Settings } from '../core/settings';
import type { ProviderOptions } from '../providers/provider';

/**
 * What Liaison may write on one connection (issue 14, DESIGN.md contract 7): one implementation per system in
 * `src/systems/<id>/writes.ts`, made by `SystemBackend.createWriter` only for a connection with `"write": true`.
 * Writers know nothing about previews or panels: they read markers, send one write, and say what happened. Every
 * request goes through the shared HTTP client (providers/http.ts): writes are sent once, never retried, unless
 * the server applies them at most once (`idempotent`: Jira's remote-link upsert).
 *
 * Failures are `SourceFailure`s (providers/errors.ts) whose `userMessage` names the system and the fix; a refusal
 * for want of permission names the missing scope or role ("The GitHub token needs Issues: write on acme/web").
 */
export interface SystemWriter {
  /** Where a note on the item goes, for the preview: "Internal note on Zendesk ticket #4711". */
  noteWhere(item: Item): string;
  /** The body sent for a note: the text, then the marker as this system keeps it (`markerLine`; GitHub hides it). */
  noteBody(text: string, marker: string): string;
  /**
   * Liaison markers already in the item's notes (comments, work notes, internal notes), reading at most a bounded
   * number of pages, newest first; or why it cannot tell (unreadable, more notes than the bound).
   */
  readMarkers(item: Item, signal?: AbortSignal): Promise<MarkerRead>;
  /** Adds one note (internal where the system has internal notes). The body is `noteBody`'s. */
  addNote(item: Item, body: string, signal?: AbortSignal): Promise<WriteResult>;
  /**
   * ServiceNow / Zendesk: the connection's configured link field (`linkField` on its settings entry), written with
   * the bug's key instead of a note. Set, not appended: the same value twice changes nothing, so it may be retried.
   */
  readonly linkField?: LinkFieldWriter;
  /** Jira: remote links, deduplicated by the server on `globalId`. */
  readonly remoteLinks?: {
    /** The `globalId`s of the item's remote links. */
    read(item: Item, signal?: AbortSignal): Promise<MarkerRead>;
    /** Creates or updates (same `globalId`) the link, every field sent every time. */
    upsert(item: Item, link: RemoteLinkDraft, signal?: AbortSignal): Promise<WriteResult>;
  };
  /**
   * Before a preview: can these credentials write on the item? Undefined when they can, or when it cannot be known
   * before writing (ServiceNow; GitHub fine-grained tokens); else the sentence naming what is missing. A closed or
   * locked item is refused here too ("Zendesk ticket #4711 is closed: closed tickets cannot be updated").
   */
  precheck?(item: Item, write: 'note' | 'link', signal?: AbortSignal): Promise<string | undefined>;
  /** Test connection, for a connection that writes: what it may write, or what is missing, in one sentence. */
  writeAccess(signal?: AbortSignal): Promise<{ ok: boolean; message: string }>;
  /** Where a drafted article goes ("Draft in ServiceNow knowledge base IT"), or undefined when it cannot draft here. */
  articleWhere?(): string | undefined;
  /** Creates the article as a draft (never published). */
  draftArticle?(draft: ArticleDraft, signal?: AbortSignal): Promise<WriteResult>;
}

/** A ticket field that holds the key of the bug the ticket is linked to (issue 14). */
export interface LinkFieldWriter {
  /** The field's name for people: `u_jira_key`, `custom field 360012345001`. */
  readonly name: string;
  /** Where, for the preview: "Field u_jira_key on ServiceNow incident INC0010005". */
  where(item: Item): string;
  /**
   * The field's current value on the item ('' when empty), or why it cannot be read or written (the field does not
   * exist or is hidden from the user, the ticket is closed, the user's role may not edit fields): then the preview
   * blocks the step with that sentence. It is the field's precheck too.
   */
  read(item: Item, signal?: AbortSignal): Promise<{ value: string } | { problem: string }>;
  /**
   * Sets the field and reads back what the system stored: a system that answers 200 without storing (a field ACL,
   * a value that is not an allowed option) is a failure naming the field and the likely cause, never "done".
   */
  write(item: Item, value: string, signal?: AbortSignal): Promise<WriteResult>;
}

export type MarkerRead = { known: true; tokens: ReadonlySet<string> } | { known: false; reason: string };

export interface WriteResult {
  /** Whether something new was created (a remote-link upsert that updated says false). */
  created: boolean;
  /** The created note's or article's address, when the system gives one. */
  url?: string;
  /** The created article's canonical reference (`servicenow:KB0012345`, `zendesk-hc:acme/123`). */
  ref?: string;
}

/** A Jira remote link to a ticket or a pull request. */
export interface RemoteLinkDraft {
  /** `liaison:v1:<canonical ref of what it points to>`, at most 255 characters. */
  globalId: string;
  url: string;
  /** At most 255 characters. */
  title: string;
  summary?: string;
  /** "Customer ticket", "Pull request": the application name shown in Jira. */
  application: string;
  relationship: string;
}

/** A knowledge article drafted from a resolved bug. */
export interface ArticleDraft {
  title: string;
  /** The article as HTML (escaped), the marker line last. */
  html: string;
  /** The same as plain text. */
  text: string;
  marker: string;
}

export type CreateWriter = (base: ProviderOptions, settings: Settings | undefined) => SystemWriter;
