import type { z } from 'zod';
import type { ExtractOptions } from '../core/extract-options';
import type { Connection, Settings } from '../core/settings';
import type { Ref, RefShapes, System } from '../core/systems';
import type { Target } from '../providers/mentions';
import type { Discovery, Provider, ProviderOptions } from '../providers/provider';
import type { SystemWriter } from './writer';

/**
 * What the background needs of a system (its provider factory, mention targets and search terms, discovery,
 * extraction options): one implementation per system in `src/systems/<id>/backend.ts`. Shared code asks these
 * (`systemOf(connection.system)?.backend`) and never compares a system's name.
 */
export interface SystemBackend<S extends System = System> {
  /** Its provider for one connection, with its options read from the settings (a malformed section is ignored). */
  createProvider(base: ProviderOptions, settings: Settings | undefined): Provider;
  /** Its writer for one connection (issue 14): asked only for a connection with `"write": true`. */
  createWriter?(base: ProviderOptions, settings: Settings | undefined): SystemWriter;
  /** How reverse lookups look for its items in other systems (providers/mentions.ts). */
  readonly mentions: MentionRules<S>;
  /** Its fields of the reference grammar's options (core/extract-options.ts), from settings and discovery. */
  extractOptions?(context: ExtractContext): ExtractOptions;
  /** On a page of one of its connections (by host): what the grammar reads there besides (`#123` on Zendesk). */
  pageOptions?(host: string): ExtractOptions | undefined;
  /** What a discovery of one of its connections gives others, besides what its provider keeps for itself. */
  readonly discovery?: DiscoveryRules;
  /** A bare number (`#4711`, `4711`) typed in the quick search may name its items; lower `order` comes first. */
  readonly bareNumbers?: {
    readonly order: number;
    /** Its items the number may name: `near` is the reference of the item the popup's tab shows, if any. */
    refs(id: number, near: Ref | undefined, extract: ExtractOptions): Ref[];
  };
  /**
   * Other systems' reference fields may hold its items as bare ids (Zendesk Support for Jira writes ticket ids),
   * read within one of its connections' tenant.
   */
  readonly bareIds?: {
    /** What names a connection in its references (Zendesk's subdomain). */
    tenantOf(connection: Connection): string;
    /** The reference a bare id names within a tenant. */
    ref(tenant: string, id: number): Ref;
  };
  /**
   * Its record URLs that carry a record id but not the reference (ServiceNow's `incident.do?sys_id=…`): a link to
   * one elsewhere (a Jira remote link) names the item in its title, where its reference is read.
   */
  readonly idOnlyUrl?: RegExp;
  /** The quota bucket a request spends, when its API has several (GitHub's search apart from REST); else one. */
  quotaBucket?(url: URL): string;
  /** Its pages render items inside frames (ServiceNow's classic UI): self-hosted content scripts go in every frame. */
  readonly allFrames?: boolean;
}

/** How mentions of one system's items are searched for and recognised in other systems' texts. */
export interface MentionRules<S extends System = System> {
  /**
   * The target a reference will be once fetched, from the reference and its connection's base URL (no trailing
   * slash) alone: the key and URL its provider's mapping gives the item. Undefined: it is not searched for.
   */
  target(ref: RefShapes[S], base: string): Pick<Target, 'key' | 'url'> | undefined;
  /**
   * How a text names it: `key`, its key as a whole token (SHOP-101 but not SHOP-1010: a key means the same
   * anywhere); `ref`, a reference the grammar reads in the text (`#12` means something only in context).
   */
  readonly matchBy: 'key' | 'ref';
  /** What to type into another system's search box to find what mentions it: its key, its URL, or both. */
  readonly searchBy: readonly ('key' | 'url')[];
  /** Other systems have fields made to hold its key outright (ServiceNow's `u_jira_key`, Zendesk custom fields). */
  readonly keyInFields?: boolean;
  /** What another system's reference field holds for it (a ticket id, a number, a URL), if it can hold it. */
  fieldValue?(target: Target): string | undefined;
}

/** Keys the reference grammar accepts, by connection id; a connection missing from the map accepts any key. */
export type ConnectionKeys = ReadonlyMap<string, ReadonlySet<string> | 'any'>;

/** What one system contributes to the grammar's options, and from what. */
export interface ExtractContext {
  settings: Settings;
  /** Its connections, in settings order. */
  connections: readonly Connection[];
  /** Its providers, in settings order (a connection whose options are wrong has none). */
  providers: readonly Provider[];
  /** What discovery taught the grammar (`DiscoveryRules.grammarKeys`), when it was asked. */
  keys: ConnectionKeys | undefined;
}

export interface DiscoveryRules {
  /**
   * Keys the grammar accepts on each connection (Jira's project keys, so `UTF-8` is no reference): its discovery
   * is awaited before extraction; any other system's runs in the background for its own provider.
   */
  readonly grammarKeys?: {
    /** The keys a discovery found, if it lists any. */
    of(found: Discovery): readonly string[] | undefined;
    /** Keys set on the options page for a connection, which replace what discovery finds. */
    configured(settings: Settings, connectionId: string): readonly string[] | undefined;
    /** What the keys are, for people: "projects". */
    readonly noun: string;
  };
  /** Where its reverse lookups search (GitHub's `org:acme`), configured or learned, for the options page. */
  searchScope?(found: Discovery): string[] | undefined;
}

/**
 * A system's optional section of `settings` (`settings.github`) read through its schema: settings.ts keeps
 * unknown fields (DESIGN.md contract 2), so each system checks its own; a malformed one is ignored, never fatal.
 */
export function settingsSection<T extends z.ZodType>(
  settings: Settings | undefined,
  key: string,
  schema: T,
): z.infer<T> | undefined {
  const value = (settings as Record<string, unknown> | undefined)?.[key];
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    console.warn(`[liaison] settings.${key} ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.success ? parsed.data : undefined;
}
