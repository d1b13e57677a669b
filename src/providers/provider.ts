import { type ExtractOptions, fieldTextForRefs } from '../core/extract';
import type { Item, ItemKind, Link, PullRelease } from '../core/model';
import type { Ref } from '../core/refs';
import type { ReleaseScope } from '../core/release';
import type { Connection, System } from '../core/settings';
import { SourceFailure } from './errors';
import type { KnowledgeFound, KnowledgeQuery } from './knowledge';
import type { Target } from './mentions';

export type { Target } from './mentions';

/** What a lookup found: items (complete, mapped into the core model) and the links it saw. */
export interface Found {
  items: Item[];
  links: Link[];
  /**
   * Items whose per-item follow-up requests were left out (Jira remote links: no batch endpoint), so their links
   * are not all there; a cache must not answer for them when their links are wanted.
   */
  partial?: string[];
  /**
   * For people, what this source left out: items the server sent that did not validate or could not be read
   * ("SHOP-12 was skipped: …", items.ts). The rest of the answer stands.
   */
  notes?: string[];
}

/** What one round of a hop found on one system: the items asked for, and what points at the targets. */
export interface RoundFound {
  fetched: Found;
  referencing: Found;
  /**
   * The reverse lookup failed where the lookup did not (a search GitHub refused within a GraphQL document whose
   * items resolved): the items stand, and the source reports this error.
   */
  referencingError?: SourceFailure;
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
  /**
   * References whose links will be followed as far as the references alone tell (on any hop but the last: the
   * page's subject whatever it is, the others unless their reference names a customer ticket): their per-item
   * follow-up requests (Jira remote links, a Zendesk ticket's comments, a ServiceNow record's notes) may start
   * beside the lookup instead of after it, a round of requests sooner. Only the reads of items `followsLinksOf`
   * then says yes to count; a reference that turns out not to exist, or to be a customer ticket after all, costs
   * its one request.
   */
  followedRefs?: ReadonlySet<string>;
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
  findReferencing(targets: Target[], context: LookupContext): Promise<Found>;
  /**
   * `fetchItems` and `findReferencing` at once, in as few requests as the API allows: one where the lookup and
   * the search share an endpoint (a GitHub GraphQL document, one JQL, one ServiceNow table query). Targets may
   * be references still being fetched (`targetOf`). Without it, the two are called side by side (`lookupRound`).
   */
  fetchAndFind?(refs: Ref[], targets: Target[], context: LookupContext): Promise<RoundFound>;
  /**
   * An item's kind when its reference alone tells it, before it is fetched (a Zendesk ticket; a ServiceNow
   * number by its prefix; a Jira key of a service project): a hop does not search for customer tickets.
   */
  kindOf?(ref: Ref): ItemKind | undefined;
  /** Who the credentials belong to, for "test connection". */
  whoAmI(): Promise<string>;
  /** The first release containing each merged pull request's merge commit (GitHub). */
  releasesContaining?(pulls: Item[], signal?: AbortSignal): Promise<PullRelease[]>;
  /**
   * On one of this connection's release pages (a GitHub release or compare view, a Jira fix version; the page's
   * address): the release as the API describes it and the references of the work it holds, at most
   * `MAX_RELEASE_REFS` (the summary's `capped` says what was left out). Undefined: the address is no release page.
   */
  releaseScope?(page: URL, signal?: AbortSignal): Promise<ReleaseScope | undefined>;
  /** What this connection teaches the reference grammar (Jira: the project keys that exist). */
  discover?(signal?: AbortSignal): Promise<Discovery>;
  /**
   * Free-text quick search (the popup): at most `limit` items whose text matches every word, most recently
   * updated first, in one request per table or kind where the API allows. The text is the user's, so every
   * provider quotes or escapes it into its query language (text-search.ts beside each provider).
   */
  search?(text: string, options: SearchOptions): Promise<Item[]>;
  /**
   * Knowledge articles related to a page's item (its knowledge base: ServiceNow `kb_knowledge`, Zendesk Help
   * Center): published ones that mention one of the keys, or whose text has the title's words, each verified
   * against its own text (knowledge.ts), at most `MAX_ARTICLES`, in one request where the API allows.
   */
  knowledge?(query: KnowledgeQuery, options: { signal?: AbortSignal | undefined }): Promise<KnowledgeFound>;
}

export interface SearchOptions {
  /** Items to return at most (1–50). */
  limit: number;
  signal?: AbortSignal | undefined;
}

export interface Discovery {
  jiraProjectKeys?: string[];
  /** GitHub: where reverse lookups search (`org:acme`, `repo:acme/web`), configured or learned. */
  githubSearchScope?: string[];
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
    for (const to of extract(fieldTextForRefs(text))) {
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

/**
 * Splits parts (search conditions) into groups whose joined length, as `measure` counts it, stays within `max`,
 * in order, so that a long list becomes several requests within what the API accepts instead of one it refuses.
 * A part longer than `max` on its own is a group alone: sent, never dropped.
 */
export function packByLength(
  parts: readonly string[],
  max: number,
  separator: string,
  measure: (s: string) => number = (s) => s.length,
): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let length = 0;
  const gap = measure(separator);
  for (const part of parts) {
    const size = measure(part);
    if (group.length > 0 && length + gap + size > max) {
      groups.push(group);
      group = [];
      length = 0;
    }
    length += (group.length > 0 ? gap : 0) + size;
    group.push(part);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

const nothing = (): Found => ({ items: [], links: [] });

/** One round of a hop on one provider: its combined request when it has one, else both calls side by side. */
export async function lookupRound(
  provider: Provider,
  refs: Ref[],
  targets: Target[],
  context: LookupContext,
): Promise<RoundFound> {
  if (refs.length === 0 && targets.length === 0) return { fetched: nothing(), referencing: nothing() };
  if (provider.fetchAndFind) return provider.fetchAndFind(refs, targets, context);
  const [fetched, referencing] = await Promise.allSettled([
    refs.length > 0 ? provider.fetchItems(refs, context) : nothing(),
    targets.length > 0 ? provider.findReferencing(targets, context) : nothing(),
  ]);
  return settledRound(fetched, referencing);
}

/** Both halves of a round run apart: a failed lookup fails the round, a failed search only its half. */
export function settledRound(
  fetched: PromiseSettledResult<Found>,
  referencing: PromiseSettledResult<Found>,
): RoundFound {
  if (fetched.status === 'rejected') throw fetched.reason;
  if (referencing.status === 'fulfilled') return { fetched: fetched.value, referencing: referencing.value };
  if (!(referencing.reason instanceof SourceFailure)) throw referencing.reason;
  return { fetched: fetched.value, referencing: nothing(), referencingError: referencing.reason };
}

/** A round's reverse lookup alone, as `findReferencing` answers it: its failure is thrown. */
export function referencingOf(round: RoundFound): Found {
  if (round.referencingError) throw round.referencingError;
  return round.referencing;
}
