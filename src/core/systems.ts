import type { ExtractOptions } from './extract-options';
import type { Item } from './model';
import type { RecordLocator } from './ref-urls';

/**
 * The systems Liaison knows, as the pure domain sees them. Core holds the machinery (references, the text grammar,
 * item links); what is particular to one system lives in its folder, `src/systems/<id>/`, and reaches core by
 * registration: `src/systems/grammars.ts` registers the built-in grammars and every entry point imports it first.
 * Core iterates what is registered and never compares a system's name (test/codebase.test.ts).
 */

/**
 * The shape of each system's references, keyed by system id. Each system adds its own entry from its folder
 * (`declare module '../../core/systems' { interface RefShapes { jira: JiraRef } }`), so `Ref` stays a discriminated
 * union its own code can narrow, while core never names a member.
 */
// biome-ignore lint/suspicious/noEmptyInterface: each system's folder adds its reference shape (declaration merging)
export interface RefShapes {}

export type System = Extract<keyof RefShapes, string>;
export type Ref = RefShapes[System];

/** What every reference has, whatever its system. */
export interface RefBase {
  system: string;
  /** The connection's host, when the system tags references with it (see `hostTags`). */
  host?: string | undefined;
}

/** A URL taken apart: lower-cased host (with port), path, query with its `?` (or ''). */
export interface UrlParts {
  host: string;
  path: string;
  query: string;
}

/** What a URL names: an item, or a record a provider can resolve to one. */
export type UrlFind = { ref: Ref } | { record: RecordLocator };

/** A stretch of text one pass of the grammar claims: a reference, a record, or text no later pass may read. */
export type PassFind =
  | { kind: 'ref'; ref: Ref; index: number; length: number }
  | { kind: 'claim'; index: number; length: number };

/** One pass over free text (never code): every match in text order. Earlier passes (lower `order`) win overlaps. */
export interface TextPass {
  order: number;
  find(text: string, options: ExtractOptions): PassFind[];
}

/**
 * How a system's references carry a host:
 * - `connection`: the first connection of the system puts none, every other its host (Jira, ServiceNow);
 * - `site`: the public site puts none, every self-hosted one its host (GitHub and github.com);
 * - `none`: the reference names its tenant itself (Zendesk's subdomain).
 */
export type HostTags = 'connection' | 'site' | 'none';

export interface SystemGrammar<S extends System = System> {
  readonly id: S;
  /** The name people know it by: "GitHub". */
  readonly name: string;
  readonly hostTags: HostTags;
  /** For `site` host tags: the public site's host, whose references carry no host. */
  readonly publicHost?: string;
  /**
   * The body of a canonical reference (after `id:`, or after one of its other `schemes`), read case-insensitively;
   * undefined when it is not one. `scheme` is the prefix the reference was written with, lower-cased.
   */
  parse(body: string, scheme: string): RefShapes[S] | undefined;
  /**
   * Prefixes besides its id that its references take, for items that are not the system's tickets but live on
   * its connections (Zendesk Help Center articles: `zendesk-hc:acme/360001234567`).
   */
  readonly schemes?: readonly string[];
  /** The prefix a reference is written with, when it is one of `schemes` (default: the id). */
  schemeOf?(ref: RefShapes[S]): string;
  /** The canonical body: `parse(format(ref))` gives `ref` back. */
  format(ref: RefShapes[S]): string;
  /** The name people use for the item: SHOP-101, INC0010001, acme/shop-api#42, #4711. */
  displayKey(ref: RefShapes[S]): string;
  /** What to call an item whose kind is not known yet, before its key ("PR "), if anything. */
  nounBeforeKnown?(ref: RefShapes[S]): string;
  /** The address people open for an item on a connection with this base URL. */
  itemUrl(ref: RefShapes[S], baseUrl: string): string | undefined;
  /** The API root of a connection without an `apiUrl` (DESIGN.md contract 2); default: its base URL. */
  defaultApiRoot?(baseUrl: string): string;
  /** Hosts besides its site and API host where a connection's items may link (Zendesk's canonical subdomain). */
  extraItemHosts?(host: string): string[];
  /**
   * Where its items come in a panel's groups, lower first (service desks first, in the order agents and developers
   * meet them); without it, after every system that has one.
   */
  readonly groupOrder?: number;
  /** Its issues are work a ticket can wait on, like bugs (GitHub issues). */
  readonly issuesAreWork?: boolean;
  /** Its references name code changes (pull requests), which lead to releases. */
  readonly holdsCode?: boolean;
  /** A domain where anyone can have a tenant (`.zendesk.com`): only connected tenants are served. */
  readonly tenantDomain?: string;
  /** Hosts whose pages are the vendor's own and are served whether or not it is connected (github.com). */
  readonly alwaysServedHosts?: readonly string[];
  /** Item URLs of its sites. `order` decides which system reads a URL first. */
  readonly urls?: { order: number; find(url: UrlParts, options: ExtractOptions): UrlFind | undefined };
  /** Its references in free text. */
  readonly textPasses?: readonly TextPass[];
  /**
   * The options for checking that a hit of a reverse lookup names its target: what is ambiguous in free text
   * (a Jira key belongs to whatever site the text is about) counts only as a URL.
   */
  strictOptions?(options: ExtractOptions): ExtractOptions;
  /**
   * The options for a field made to hold a reference outright (ServiceNow's `u_jira_key`, a Zendesk custom field):
   * what free text would not count (a key of a project not discovered yet) does.
   */
  referenceFieldOptions?(options: ExtractOptions): ExtractOptions;
}

/**
 * A grammar's reference part: what a page needs to read, write and name references, without the passes that find
 * them in text and URLs (those run in the background's extraction). Each system keeps it in
 * `src/systems/<id>/grammar-refs.ts`; its `grammar.ts` adds the text part.
 */
export type RefGrammar<S extends System = System> = Omit<
  SystemGrammar<S>,
  'urls' | 'textPasses' | 'strictOptions' | 'referenceFieldOptions'
>;

const registry = new Map<string, SystemGrammar>();
/** Other prefixes (`schemes`) → the grammar that reads them. */
const schemes = new Map<string, SystemGrammar>();
let ordered: { urls: NonNullable<SystemGrammar['urls']>[]; texts: TextPass[] } | undefined;

/** Registers a system's grammar (`src/systems/grammars.ts`; a test may add a system of its own). */
export function registerSystem(grammar: SystemGrammar): void {
  registry.set(grammar.id, grammar);
  for (const scheme of grammar.schemes ?? []) schemes.set(scheme, grammar);
  ordered = undefined;
}

/** Every system's passes in their order, built once (extraction reads every page's text). */
function orderedPasses() {
  ordered ??= {
    urls: systemGrammars()
      .flatMap((g) => (g.urls ? [g.urls] : []))
      .sort((a, b) => a.order - b.order),
    texts: systemGrammars()
      .flatMap((g) => g.textPasses ?? [])
      .sort((a, b) => a.order - b.order),
  };
  return ordered;
}

/** The systems' URL readers, in order: the first that reads a URL has it. */
export const urlReaders = () => orderedPasses().urls;
/** The systems' passes over free text, in order: the first to claim a stretch of text keeps it. */
export const textPasses = () => orderedPasses().texts;

/** Every registered system, in registration order. */
export const systemGrammars = (): readonly SystemGrammar[] => {
  if (registry.size === 0)
    throw new Error(
      '[liaison] no system is registered: import src/systems/grammars.ts in the entry point first',
    );
  return [...registry.values()];
};

export const isSystem = (id: string): id is System => registry.has(id);

/** A registered system's grammar; undefined for a name no system has. */
export function grammarOf(system: string): SystemGrammar | undefined {
  if (registry.size === 0) systemGrammars();
  return registry.get(system);
}

/** The grammar that reads references written with a prefix: a system's id, or one of its other `schemes`. */
export function grammarOfScheme(prefix: string): SystemGrammar | undefined {
  return grammarOf(prefix) ?? schemes.get(prefix);
}

/** Every system's name, for a sentence: "GitHub, Jira, ServiceNow or Zendesk". */
export function systemNames(last = 'or'): string {
  const names = systemGrammars().map((g) => g.name);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}`;
}

/** The name people know a system by. */
export const systemName = (system: string): string => grammarOf(system)?.name ?? system;

/** Work a ticket can wait on: a bug, or an issue of a system whose issues are tracked like bugs. */
export const isWorkItem = (item: Pick<Item, 'kind' | 'system'>): boolean =>
  item.kind === 'bug' || (item.kind === 'issue' && grammarOf(item.system)?.issuesAreWork === true);
