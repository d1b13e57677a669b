import { z } from 'zod';
import { formatRef, parseRef, type Ref } from '../core/refs';
import { type Item, itemSchema, linkSchema, type PullRelease, pullReleaseSchema } from '../core/model';
import type { Found, LookupContext, Provider } from '../providers/provider';
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
const foundSchema = z.object({ items: z.array(itemSchema), links: z.array(linkSchema) });

export function withCache(provider: Provider, cache: EntityCache, run: CacheRun): Provider {
  const connectionId = provider.connection.id;
  const collect = <T>(loaded: Map<string, Loaded<T>>) => {
    for (const entry of loaded.values()) {
      run.oldestAt = Math.min(run.oldestAt ?? entry.at, entry.at);
      if (entry.revalidation) run.revalidations.push(entry.revalidation.catch(() => undefined));
    }
    return loaded;
  };

  async function fetchItems(refs: Ref[], context: LookupContext): Promise<Found> {
    const loadedNow = new Set<string>(); // asked of the provider in this call: as complete as this context wants
    const load = (keys: string[], refresh: boolean) =>
      cache.getOrLoadMany(
        keys,
        { schema: itemEntrySchema, kind: (v) => itemEntryKind(v.item), connectionId, refresh },
        async (missing) => {
          for (const k of missing) loadedNow.add(k);
          const found = await provider.fetchItems(
            missing.flatMap((k) => parseRef(k) ?? []),
            context,
          );
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
      items: entries.map((e) => e.item),
      links: entries.flatMap((e) => e.links),
      ...(partial.length ? { partial } : {}),
    };
  }

  async function findReferencing(targets: Item[], context: LookupContext): Promise<Found> {
    const byKey = new Map(targets.map((t) => [`search:${connectionId}:${t.ref}`, t]));
    const loaded = collect(
      await cache.getOrLoadMany(
        [...byKey.keys()],
        { schema: foundSchema, kind: 'search', connectionId, refresh: run.refresh },
        async (keys) => {
          const asked = keys.flatMap((k) => byKey.get(k) ?? []);
          const found = await provider.findReferencing(asked, context);
          // Split what one batched search found back per target, so each target's answer is cached on its own.
          return new Map(
            asked.map((target) => {
              const links = found.links.filter((l) => l.to === target.ref || l.from === target.ref);
              const refs = new Set(links.flatMap((l) => [l.from, l.to]));
              return [
                `search:${connectionId}:${target.ref}`,
                { items: found.items.filter((i) => refs.has(i.ref)), links },
              ];
            }),
          );
        },
      ),
    );
    const results = [...loaded.values()].flatMap((e) => (e.value ? [e.value] : []));
    return { items: results.flatMap((r) => r.items), links: results.flatMap((r) => r.links) };
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

  return { ...provider, fetchItems, findReferencing, ...(releasesContaining ? { releasesContaining } : {}) };
}
