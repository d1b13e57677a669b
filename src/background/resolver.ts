import { type ExtractOptions, refsIn } from '../core/extract';
import { isExpandable } from '../core/graph';
import {
  customerKinds,
  type Item,
  type Link,
  maxSourceNotes,
  type PullRelease,
  type SourceStatus,
} from '../core/model';
import { parseRef, type Ref } from '../core/refs';
import type { PageReport } from '../messaging/protocol';
import { asSourceFailure, SourceFailure } from '../providers/errors';
import { sameSearch, type Target, targetOf } from '../providers/mentions';
import { type Found, lookupRound, type Provider } from '../providers/provider';

/**
 * Expands the graph around a page's subject, a bounded number of hops, cycle-safe, batching each hop per
 * provider: one round per provider per hop (its lookup and its reverse lookup, in one request where the API
 * allows: `lookupRound`), all providers in parallel.
 * A failing provider yields its error as that source's status; the others still answer.
 */

/**
 * How much one resolution may ask for, whatever the page holds: a comment of 20,000 characters of `xN/y#N` once
 * planned 782 Zendesk searches and a 275 KB ServiceNow URL. Providers split what is left into requests within
 * their APIs' limits (BENCHMARKS.md, "Bounded work").
 */
export interface ResolutionBounds {
  /** References a page contributes besides its subject: the first in the order the page shows them. */
  pageRefs: number;
  /** Targets one hop searches for, across all systems (more wait for the next hop, or are not searched). */
  roundTargets: number;
  /** References one hop looks up or expands from (its frontier). */
  frontier: number;
}

export const MAX_PAGE_REFS = 50;
export const pageBounds: ResolutionBounds = { pageRefs: MAX_PAGE_REFS, roundTargets: 50, frontier: 100 };

export interface ResolveInput {
  page: PageReport;
  providers: readonly Provider[];
  extract: ExtractOptions;
  maxHops: number;
  /** Default: `pageBounds`. */
  bounds?: ResolutionBounds;
  signal?: AbortSignal;
  /** Called as each hop starts (and with maxHops + 1 for the release lookups), for measurements. */
  onHop?: (hop: number) => void;
  /**
   * Work that needs the graph but not the releases (knowledge articles: the context's keys and its bug's words),
   * started as soon as the hops are done, beside the release lookups still running; awaited before the answer.
   */
  alongside?: (graph: Graph) => Promise<void>;
}

/** The graph the hops found, before "released in". */
export interface Graph {
  subject: string;
  items: readonly Item[];
  links: readonly Link[];
}

export interface Resolution {
  subject: string;
  items: Item[];
  links: Link[];
  releases: PullRelease[];
  sources: SourceStatus[];
  /** References on the page beyond `bounds.pageRefs`, not looked up. */
  skippedRefs: number;
}

export async function resolveContext(input: ResolveInput): Promise<Resolution> {
  const { page, providers, extract, signal } = input;
  const subject = page.subject;
  const items = new Map<string, Item>();
  const links: Link[] = [];
  const linkKeys = new Set<string>();
  const errors = new Map<Provider, SourceFailure>();
  const notes = new Map<Provider, Set<string>>();
  const addLinks = (found: Link[]) => {
    for (const l of found) {
      const key = `${l.from}>${l.to}>${l.via}`;
      if (l.from === l.to || linkKeys.has(key)) continue;
      linkKeys.add(key);
      links.push(l);
    }
  };

  const bounds = input.bounds ?? pageBounds;
  const { kept: pageLinks, skipped: skippedRefs } = pageMentions(page, extract, bounds.pageRefs);
  addLinks(pageLinks);

  const requested = new Set<string>(); // refs asked of a provider (found or not)
  const searched = new Set<string>(); // refs whose reverse lookup ran
  let frontier = new Set<string>([subject, ...links.map((l) => l.to)]);
  let searchAgain: Target[] = []; // items a guessed target did not search for as they are

  // "Released in" (step 4) for the merged pull requests already known as the last hop starts is asked beside that
  // hop, not after it: a ticket's chain (ticket → bug → pull request → release) then costs one round less. Those the
  // last hop finds are asked for after it, in one more request where there are any.
  const releases: PullRelease[] = [];
  const releaseAsked = new Set<string>();
  const releaseLookups: Promise<void>[] = [];
  const lookUpReleases = () => {
    const merged = [...items.values()].filter(
      (i) => i.kind === 'pull' && i.pull?.merged && i.pull.mergeCommit && !releaseAsked.has(i.ref),
    );
    for (const pull of merged) releaseAsked.add(pull.ref);
    for (const provider of providers) {
      const own = merged.filter((pull) => {
        const ref = parseRef(pull.ref);
        return ref !== undefined && provider.owns(ref);
      });
      if (own.length === 0 || !provider.releasesContaining || errors.has(provider)) continue;
      const lookup = guard(provider, async () => provider.releasesContaining?.(own, signal)).then((found) => {
        releases.push(...(found ?? []));
      });
      // Awaited after the hops; a hop that throws (the page went away) leaves it to settle unheard.
      lookup.catch(() => undefined);
      releaseLookups.push(lookup);
    }
  };

  for (let hop = 1; hop <= input.maxHops && frontier.size > 0; hop++) {
    signal?.throwIfAborted();
    input.onHop?.(hop);
    // Links found on an item are followed next hop, if there is one and the item is not a customer ticket.
    const lastHop = hop === input.maxHops;
    if (lastHop) lookUpReleases();
    const followsLinksOf = (item: Item) => !lastHop && isExpandable(item, subject);
    // Whose links will be followed, as far as the references tell before their items are fetched: the subject
    // whatever it is, the others unless their reference names a customer ticket. Their follow-ups (Jira remote
    // links, the subject ticket's comments) start beside their lookup instead of a round after it.
    const followedRefs: ReadonlySet<string> = new Set(
      lastHop
        ? []
        : [...frontier].filter((r) => {
            if (r === subject) return true;
            const ref = parseRef(r);
            const kind = ref && providers.find((p) => p.owns(ref))?.kindOf?.(ref);
            return ref !== undefined && !(kind && customerKinds.has(kind));
          }),
    );
    // 1. One round per system: fetch what the frontier names and we do not have yet, and, in the same requests
    // where the API allows, ask what points at the frontier — its references still being fetched included, as
    // targets built from the references alone (what is not an expandable item once fetched is dropped below).
    const wanted = [...frontier].filter((r) => !items.has(r) && !requested.has(r));
    for (const r of wanted) requested.add(r);
    const guessed = new Map<string, Target>();
    for (const r of wanted) {
      const ref = parseRef(r);
      const owner = ref && providers.find((p) => p.owns(ref));
      if (!ref || !owner || searched.has(r)) continue;
      // A customer ticket by its reference alone (a Zendesk ticket, an incident) is no target: it leads nowhere.
      const kind = owner.kindOf?.(ref);
      if (r !== subject && kind && customerKinds.has(kind)) continue;
      const target = targetOf(ref, owner.connection);
      if (target) guessed.set(r, target);
    }
    const known = [...frontier].flatMap((r) => {
      const item = items.get(r);
      return item && !searched.has(r) && isExpandable(item, subject) ? [item] : [];
    });
    // The subject's own search comes first (it is the frontier's first reference); what the bound leaves out is
    // searched for on a later hop if one reaches it again.
    const targets: Target[] = [...searchAgain, ...known, ...guessed.values()].slice(0, bounds.roundTargets);
    const targeted = new Set(targets.map((t) => t.ref));
    for (const r of guessed.keys()) if (!targeted.has(r)) guessed.delete(r);
    searchAgain = [];
    for (const t of targets) searched.add(t.ref);
    const rounds = await Promise.all(
      providers.map(async (provider) => {
        const refs = wanted.flatMap((r) => {
          const ref = parseRef(r);
          return ref && provider.owns(ref) ? [ref] : [];
        });
        const context = { extract, followsLinksOf, followedRefs, ...(signal ? { signal } : {}) };
        const round = await guard(provider, () => lookupRound(provider, refs, targets, context));
        // Its search failed where its lookup did not: the items stand, the source reports the failure.
        if (round?.referencingError) fail(provider, round.referencingError);
        note(provider, round?.fetched, round?.referencing);
        return round;
      }),
    );
    for (const round of rounds) if (round) take(round.fetched);
    // 2. What the searches found counts for the targets that are expandable items now that they are fetched;
    // a guessed target whose item is to be searched for otherwise (a GitHub issue, not a pull request) is
    // searched for again next round.
    const dropped = new Set<string>();
    for (const [r, guess] of guessed) {
      const item = items.get(r);
      if (!item || !isExpandable(item, subject)) dropped.add(r);
      else if (!sameSearch(guess, item)) searchAgain.push(item);
    }
    for (const round of rounds) if (round) take(withoutTargets(round.referencing, targets, dropped));
    // 3. The next frontier: what links touch from the subject and from expandable items (never from a ticket).
    const next = new Set<string>();
    const expandsFrom = (ref: string) =>
      ref === subject || (items.has(ref) && isExpandable(items.get(ref), subject));
    for (const l of links) {
      for (const [here, there] of [
        [l.from, l.to],
        [l.to, l.from],
      ] as const) {
        if (!expandsFrom(here)) continue;
        const known = items.get(there);
        if (!known && !requested.has(there)) next.add(there);
        if (known && !searched.has(there) && isExpandable(known, subject)) next.add(there);
      }
    }
    frontier = new Set([...next].slice(0, bounds.frontier));
  }
  // Items a guess missed on the last hop are still searched for, as the last hop searches for its items.
  if (searchAgain.length > 0) {
    const context = { extract, followsLinksOf: () => false, ...(signal ? { signal } : {}) };
    const found = await Promise.all(
      providers.map(async (provider) => {
        const f = await guard(provider, () => provider.findReferencing(searchAgain, context));
        note(provider, f);
        return f;
      }),
    );
    for (const f of found) if (f) take(f);
  }

  // 4. "Released in": which release first contains each merged pull request of the context (those not asked
  // beside the last hop), while the work that needs only the graph goes on beside it.
  input.onHop?.(input.maxHops + 1);
  lookUpReleases();
  const found = [...items.values()];
  const kept = links.filter((l) => items.has(l.to) || items.has(l.from) || l.from === subject);
  await Promise.all([...releaseLookups, input.alongside?.({ subject, items: found, links: kept })]);

  return {
    subject,
    skippedRefs,
    releases,
    items: found,
    links: kept,
    sources: providers.map((p) => ({
      system: p.system,
      connectionId: p.connection.id,
      host: new URL(p.connection.baseUrl).host,
      ...(errors.has(p) ? { error: errors.get(p)?.toSourceError() } : {}),
      ...(notes.has(p) ? { notes: cappedNotes([...(notes.get(p) ?? [])]) } : {}),
    })) as SourceStatus[],
  };

  /** What a provider's answers left out, told once per source however many rounds told it. */
  function note(provider: Provider, ...found: (Found | undefined)[]): void {
    const told = found.flatMap((f) => f?.notes ?? []);
    if (told.length === 0) return;
    const seen = notes.get(provider) ?? new Set<string>();
    for (const n of told) seen.add(n);
    notes.set(provider, seen);
  }

  function take(found: Found): void {
    for (const item of found.items) if (!items.has(item.ref)) items.set(item.ref, item);
    addLinks(found.links);
  }

  /** Runs a provider's lookup; a failure becomes that source's error (undefined), and the source is not asked again. */
  async function guard<T>(provider: Provider, lookup: () => Promise<T>): Promise<T | undefined> {
    if (errors.has(provider)) return undefined;
    try {
      return await lookup();
    } catch (error) {
      if (error instanceof SourceFailure) {
        fail(provider, error);
        return undefined;
      }
      if (signal?.aborted) throw error;
      const failure = asSourceFailure(error, provider.system, new URL(provider.connection.baseUrl).host);
      fail(provider, failure);
      return undefined;
    }
  }

  function fail(provider: Provider, error: SourceFailure): void {
    errors.set(provider, error);
    console.warn(error.message);
  }
}

/** At most `maxSourceNotes`, the last saying how many more items were skipped when there are more. */
export function cappedNotes(notes: readonly string[]): string[] {
  if (notes.length <= maxSourceNotes) return [...notes];
  const shown = notes.slice(0, maxSourceNotes - 1);
  return [...shown, `${notes.length - shown.length} more items were skipped`];
}

/**
 * The page's references as links from its subject, at most `limit` of them: the texts' in the order the page
 * shows them (texts in order, each in order of position), then the page's links; and how many were left out.
 */
function pageMentions(
  page: PageReport,
  extract: ExtractOptions,
  limit: number,
): { kept: Link[]; skipped: number } {
  const found = new Map<string, Link>();
  const mention = (to: string, detail: string) => {
    if (to !== page.subject && !found.has(to))
      found.set(to, { from: page.subject, to, via: 'mention', detail });
  };
  // Page text is read as markdown: the content script is to pass <pre> and <code> text through codeFence().
  for (const { text, where } of page.texts)
    for (const to of refsIn(text, extract, { markdown: true })) mention(to, `page ${where}`);
  for (const to of page.refs) mention(to, 'page link');
  const all = [...found.values()];
  return { kept: all.slice(0, limit), skipped: Math.max(0, all.length - limit) };
}

/** A reverse lookup's findings without the items that pointed at no target but dropped ones. */
function withoutTargets(found: Found, targets: readonly Target[], dropped: ReadonlySet<string>): Found {
  if (dropped.size === 0) return found;
  const counted = new Set(targets.flatMap((t) => (dropped.has(t.ref) ? [] : [t.ref])));
  const kept = new Set(found.links.filter((l) => counted.has(l.to)).map((l) => l.from));
  return {
    items: found.items.filter((i) => kept.has(i.ref)),
    links: found.links.filter((l) => kept.has(l.from)),
  };
}

export type { Ref };
