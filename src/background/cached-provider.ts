import { z } from 'zod';
import { withSafeUrl } from '../core/item-links';
import { type Item, itemSchema, linkSchema, type PullRelease, pullReleaseSchema } from '../core/model';
import { formatRef, parseRef, type Ref } from '../core/refs';
import type { KnowledgeFound, KnowledgeQuery } from '../providers/knowledge';
import { searchTerms } from '../providers/mentions';
import {
  type Found,
  type LookupContext,
  type Provider,
  type RoundFound,
  referencingOf,
  settledRound,
  type Target,
} from '../providers/provider';
import { type EntityCache, itemEntryKind, type Loaded } from './cache';

/**
 * A provider seen through the entity cache: the same interface, so the resolver does not know about caching.
 * Fresh entries answer without a request; stale ones answer at once and their revalidation (already running) is
 * handed to `revalidations`, so the caller can show the stale view and push the fresh one when they settle;
 * refresh bypasses fresh entries. Items are cached with the links they carry, reverse lookups per target.
 */

export interface CacheRun {
  /** Ignore fresh entries (the user's refresh). */
  refresh: boolean;
  /** Revalidations of the stale entries this run used. */
  revalidations: Promise<unknown>[];
  /** When the oldest entry this run used was fetched (ms); what the panel's "updated … ago" tells. */
  oldestAt?: number;
}

/** An item with the links it carries; `partial` when its follow-up links were not read (Found.partial). */
const itemEntrySchema = z.object({
  item: itemSchema,
  links: z.array(linkSchema),
  partial: z.boolean().optional(),
});
type ItemEntry = z.infer<typeof itemEntrySchema>;
/** A reverse lookup's answer for one target, with the notes of the search that answered it (Found.notes). */
const foundSchema = z.object({
  items: z.array(itemSchema),
  links: z.array(linkSchema),
  notes: z.array(z.string()).optional(),
});

/**
 * Items leave the cache with their links checked again (core/item-links.ts), as providers check them on the way
 * in: an entry written before that check, or by an older version, never carries a `javascript:` link out.
 */
export function withCache(provider: Provider, cache: EntityCache, run: CacheRun): Provider {
  const connectionId = provider.connection.id;
  const collect = <T>(loaded: Map<string, Loaded<T>>) => {
    for (const entry of loaded.values()) {
      run.oldestAt = Math.min(run.oldestAt ?? entry.at, entry.at);
      if (entry.revalidation) run.revalidations.push(entry.revalidation.catch(() => undefined));
    }
    return loaded;
  };

  /**
   * How a lookup reaches the provider: `fetch` in place of its own call for the first load (a round's shared
   * request), `decided` told when the cache has said what that load misses.
   */
  interface Via<T> {
    fetch: (asked: T[]) => Promise<Found>;
    decided: () => void;
  }

  async function fetchItems(refs: Ref[], context: LookupContext, via?: Via<Ref>): Promise<Found> {
    const loadedNow = new Set<string>(); // asked of the provider in this call: as complete as this context wants
    // What the provider left out is not cached (there is no item to cache): it is asked for, and told, again.
    const notes = new Set<string>();
    let first = via;
    const load = (keys: string[], refresh: boolean) => {
      const through = first;
      first = undefined;
      return cache.getOrLoadMany(
        keys,
        {
          schema: itemEntrySchema,
          kind: (v) => itemEntryKind(v.item),
          connectionId,
          refresh,
          ...(through ? { decided: through.decided } : {}),
        },
        async (missing) => {
          for (const k of missing) loadedNow.add(k);
          const asked = missing.flatMap((k) => parseRef(k) ?? []);
          const found = await (through ? through.fetch(asked) : provider.fetchItems(asked, context));
          for (const n of found.notes ?? []) notes.add(n);
          const partial = new Set(found.partial);
          return new Map(
            found.items.map((item): [string, ItemEntry] => [
              item.ref,
              {
                item,
                links: found.links.filter((l) => l.from === item.ref),
                ...(partial.has(item.ref) ? { partial: true } : {}),
              },
            ]),
          );
        },
      );
    };
    const loaded = collect(await load([...new Set(refs.map(formatRef))], run.refresh));
    // An entry cached without its follow-up links does not answer when those links are wanted now.
    const wanted = (e: ItemEntry) => e.partial === true && (context.followsLinksOf?.(e.item) ?? true);
    const incomplete = [...loaded].flatMap(([key, e]) =>
      e.value && wanted(e.value) && !loadedNow.has(key) ? [key] : [],
    );
    if (incomplete.length > 0)
      for (const [key, e] of collect(await load(incomplete, true))) loaded.set(key, e);
    const entries = [...loaded.values()].flatMap((e) => (e.value ? [e.value] : []));
    const partial = entries.flatMap((e) => (e.partial ? [e.item.ref] : []));
    return {
      items: entries.map((e) => withSafeUrl(e.item, provider.connection)),
      links: entries.flatMap((e) => e.links),
      ...(partial.length ? { partial } : {}),
      ...(notes.size ? { notes: [...notes] } : {}),
    };
  }

  async function findReferencing(
    targets: Target[],
    context: LookupContext,
    via?: Via<Target>,
  ): Promise<Found> {
    // Keyed by what is searched for: a GitHub number guessed to be a pull request and found to be an issue is
    // searched for again by its own URL (resolver.ts), not answered by the guess's entry.
    const keyOf = (t: Target) => `search:${connectionId}:${t.ref}:${searchTerms(t).join(' ')}`;
    const byKey = new Map(targets.map((t) => [keyOf(t), t]));
    const loaded = collect(
      await cache.getOrLoadMany(
        [...byKey.keys()],
        {
          schema: foundSchema,
          kind: 'search',
          connectionId,
          refresh: run.refresh,
          ...(via ? { decided: via.decided } : {}),
        },
        async (keys) => {
          const asked = keys.flatMap((k) => byKey.get(k) ?? []);
          const found = await (via ? via.fetch(asked) : provider.findReferencing(asked, context));
          // Split what one batched search found back per target, so each target's answer is cached on its own.
          return new Map(
            asked.map((target) => {
              const links = found.links.filter((l) => l.to === target.ref || l.from === target.ref);
              const refs = new Set(links.flatMap((l) => [l.from, l.to]));
              // What the search left out cannot be told apart per target: each target's answer keeps the notes.
              const notes = found.notes?.length ? { notes: found.notes } : {};
              return [keyOf(target), { items: found.items.filter((i) => refs.has(i.ref)), links, ...notes }];
            }),
          );
        },
      ),
    );
    const results = [...loaded.values()].flatMap((e) => (e.value ? [e.value] : []));
    const notes = [...new Set(results.flatMap((r) => r.notes ?? []))];
    return {
      items: results.flatMap((r) => r.items.map((i) => withSafeUrl(i, provider.connection))),
      links: results.flatMap((r) => r.links),
      ...(notes.length ? { notes } : {}),
    };
  }

  const releasesContaining = provider.releasesContaining
    ? async (pulls: Item[], signal?: AbortSignal): Promise<PullRelease[]> => {
        const byKey = new Map(pulls.map((p) => [`release:${p.ref}`, p]));
        const loaded = collect(
          await cache.getOrLoadMany(
            [...byKey.keys()],
            { schema: pullReleaseSchema, kind: 'release', connectionId, refresh: run.refresh },
            async (keys) => {
              const found =
                (await provider.releasesContaining?.(
                  keys.flatMap((k) => byKey.get(k) ?? []),
                  signal,
                )) ?? [];
              return new Map(found.map((r) => [`release:${r.pull}`, r]));
            },
          ),
        );
        return [...loaded.values()].flatMap((e) => (e.value ? [e.value] : []));
      }
    : undefined;

  /**
   * A round through the cache: what neither the item entries nor the search entries hold goes to the provider's
   * round, one request where it has one. The round starts once both loads have read the cache (`decided`), or
   * ended, with whatever they miss.
   */
  async function fetchAndFind(
    round: NonNullable<Provider['fetchAndFind']>,
    refs: Ref[],
    targets: Target[],
    context: LookupContext,
  ): Promise<RoundFound> {
    let missingRefs: Ref[] = [];
    let missingTargets: Target[] = [];
    let waiting = 2;
    let heard!: () => void;
    const bothHeard = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const once = () => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (--waiting === 0) heard();
      };
    };
    let shared: Promise<RoundFound> | undefined;
    const request = () => {
      shared ??= bothHeard.then(() => round(missingRefs, missingTargets, context));
      return shared;
    };
    const itemsHeard = once();
    const searchHeard = once();
    const [fetched, referencing] = await Promise.allSettled([
      fetchItems(refs, context, {
        decided: itemsHeard,
        fetch: async (asked) => {
          missingRefs = asked;
          return (await request()).fetched;
        },
      }).finally(itemsHeard),
      findReferencing(targets, context, {
        decided: searchHeard,
        fetch: async (asked) => {
          missingTargets = asked;
          return referencingOf(await request());
        },
      }).finally(searchHeard),
    ]);
    return settledRound(fetched, referencing);
  }

  /** Knowledge articles per query (the keys and words asked), cached like a reverse search. */
  const knowledge = provider.knowledge
    ? async (
        query: KnowledgeQuery,
        options: { signal?: AbortSignal | undefined },
      ): Promise<KnowledgeFound> => {
        const key = `knowledge:${connectionId}:${query.keys.map((k) => k.ref).join(',')}:${query.words.join(' ')}`;
        const loaded = collect(
          await cache.getOrLoadMany(
            [key],
            { schema: foundSchema, kind: 'search', connectionId, refresh: run.refresh },
            async () => {
              const found = await provider.knowledge?.(query, options);
              return new Map(found ? [[key, found]] : []);
            },
          ),
        );
        const value = loaded.get(key)?.value;
        return {
          items: (value?.items ?? []).map((i) => withSafeUrl(i, provider.connection)),
          links: value?.links ?? [],
          ...(value?.notes?.length ? { notes: value.notes } : {}),
        };
      }
    : undefined;

  const round = provider.fetchAndFind?.bind(provider);
  return {
    ...provider,
    fetchItems: (refs, context) => fetchItems(refs, context),
    findReferencing: (targets, context) => findReferencing(targets, context),
    // A provider without a round of its own is asked apart (lookupRound), through the two above.
    ...(round
      ? { fetchAndFind: (refs, targets, context) => fetchAndFind(round, refs, targets, context) }
      : {}),
    ...(releasesContaining ? { releasesContaining } : {}),
    ...(knowledge ? { knowledge } : {}),
  };
}
