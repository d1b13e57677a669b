import type { ExtractOptions } from '../core/extract';
import type { Item, Link, PullRelease } from '../core/model';
import type { Ref } from '../core/refs';
import type { Connection, System } from '../core/settings';

/** What a lookup found: items (complete, mapped into the core model) and the links it saw. */
export interface Found {
  items: Item[];
  links: Link[];
  /**
   * Items whose per-item follow-up requests were left out (Jira remote links: no batch endpoint), so their links
   * are not all there; a cache must not answer for them when their links are wanted.
   */
  partial?: string[];
}

export interface LookupContext {
  /** How to recognise references in the text of what was found (known Jira projects, hosts, prefixes). */
  extract: ExtractOptions;
  signal?: AbortSignal;
  /**
   * Whether the links found on this item will be followed (default: yes). A resolver's last hop, and customer
   * tickets other than the page's subject, lead nowhere further, so per-item follow-up requests (Jira remote links)
   * are only made for items that do.
   */
  followsLinksOf?: (item: Item) => boolean;
}

/**
 * One connected system. Providers know nothing about pages or panels: they batch, fetch, validate and map.
 * Every method makes as few requests as the API allows (one per call where a batch endpoint exists).
 */
export interface Provider {
  readonly system: System;
  readonly connection: Connection;
  /** The host tag this connection puts in canonical refs (undefined for the first connection of its system). */
  readonly refHost: string | undefined;
  /** Does this connection answer for this reference? */
  owns(ref: Ref): boolean;
  /** Items by reference, batched. Refs that do not exist are absent from the result. */
  fetchItems(refs: Ref[], context: LookupContext): Promise<Found>;
  /** Items of this system that point at any of the targets (reverse lookup): mentions, custom fields, searches. */
  findReferencing(targets: Item[], context: LookupContext): Promise<Found>;
  /** Who the credentials belong to, for "test connection". */
  whoAmI(): Promise<string>;
  /** The first release containing each merged pull request's merge commit (GitHub). */
  releasesContaining?(pulls: Item[], signal?: AbortSignal): Promise<PullRelease[]>;
  /** What this connection teaches the reference grammar (Jira: the project keys that exist). */
  discover?(signal?: AbortSignal): Promise<Discovery>;
  /**
   * Free-text quick search (the popup): at most `limit` items whose text matches every word, most recently
   * updated first, in one request per table or kind where the API allows. The text is the user's, so every
   * provider quotes or escapes it into its query language (text-search.ts beside each provider).
   */
  search?(text: string, options: SearchOptions): Promise<Item[]>;
}

export interface SearchOptions {
  /** Items to return at most (1–50). */
  limit: number;
  signal?: AbortSignal | undefined;
}

export interface Discovery {
  jiraProjectKeys?: string[];
}

export interface ProviderOptions {
  connection: Connection;
  /** The host tag for refs of this connection; undefined when it is the first of its system. */
  refHost?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
}

/** Links from an item to every reference mentioned in its texts. */
export function mentionLinks(
  from: string,
  texts: { text: string | undefined; where: string }[],
  extract: (text: string) => string[],
): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const { text, where } of texts) {
    if (!text) continue;
    for (const to of extract(text)) {
      if (to === from || seen.has(to)) continue;
      seen.add(to);
      links.push({ from, to, via: 'mention', detail: where });
    }
  }
  return links;
}

/** Splits a list into chunks of at most `size` (APIs cap batch sizes: Zendesk show_many 100, GraphQL cost). */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
