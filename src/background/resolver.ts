import { type ExtractOptions, refsIn } from '../core/extract';
import { isExpandable } from '../core/graph';
import type { Item, Link, PullRelease, SourceStatus } from '../core/model';
import { parseRef, type Ref } from '../core/refs';
import type { PageReport } from '../messaging/protocol';
import { SourceFailure } from '../providers/errors';
import type { Found, Provider } from '../providers/provider';

/**
 * Expands the graph around a page's subject, a bounded number of hops, cycle-safe, batching each hop per
 * provider: one fetchItems and one findReferencing call per provider per hop, all providers in parallel.
 * A failing provider yields its error as that source's status; the others still answer.
 */

export interface ResolveInput {
  page: PageReport;
  providers: readonly Provider[];
  extract: ExtractOptions;
  maxHops: number;
  signal?: AbortSignal;
  /** Called as each hop starts (and with maxHops + 1 for the release lookups), for measurements. */
  onHop?: (hop: number) => void;
}

export interface Resolution {
  subject: string;
  items: Item[];
  links: Link[];
  releases: PullRelease[];
  sources: SourceStatus[];
}

export async function resolveContext(input: ResolveInput): Promise<Resolution> {
  const { page, providers, extract, signal } = input;
  const subject = page.subject;
  const items = new Map<string, Item>();
  const links: Link[] = [];
  const linkKeys = new Set<string>();
  const errors = new Map<Provider, SourceFailure>();
  const addLinks = (found: Link[]) => {
    for (const l of found) {
      const key = `${l.from}>${l.to}>${l.via}`;
      if (l.from === l.to || linkKeys.has(key)) continue;
      linkKeys.add(key);
      links.push(l);
    }
  };

  addLinks(
    page.texts.flatMap(({ text, where }) =>
      // Page text is read as markdown: the content script is to pass <pre> and <code> text through codeFence().
      refsIn(text, extract, { markdown: true }).map((to) => ({
        from: subject,
        to,
        via: 'mention' as const,
        detail: `page ${where}`,
      })),
    ),
  );
  addLinks(page.refs.map((to) => ({ from: subject, to, via: 'mention' as const, detail: 'page link' })));

  const requested = new Set<string>(); // refs asked of a provider (found or not)
  const searched = new Set<string>(); // refs whose reverse lookup ran
  let frontier = new Set<string>([subject, ...links.map((l) => l.to)]);

  for (let hop = 1; hop <= input.maxHops && frontier.size > 0; hop++) {
    signal?.throwIfAborted();
    input.onHop?.(hop);
    // Links found on an item are followed next hop, if there is one and the item is not a customer ticket.
    const lastHop = hop === input.maxHops;
    const followsLinksOf = (item: Item) => !lastHop && isExpandable(item, subject);
    // 1. Fetch what the frontier names and we do not have yet.
    const wanted = [...frontier].filter((r) => !items.has(r) && !requested.has(r));
    for (const r of wanted) requested.add(r);
    await Promise.all(
      providers.map((provider) => {
        const refs = wanted.flatMap((r) => {
          const ref = parseRef(r);
          return ref && provider.owns(ref) ? [ref] : [];
        });
        if (refs.length === 0) return undefined;
        return run(provider, () =>
          provider.fetchItems(refs, { extract, followsLinksOf, ...(signal ? { signal } : {}) }),
        );
      }),
    );
    // 2. Ask every system what points at the frontier's expandable items.
    const targets = [...frontier].flatMap((r) => {
      const item = items.get(r);
      return item && !searched.has(r) && isExpandable(item, subject) ? [item] : [];
    });
    for (const t of targets) searched.add(t.ref);
    if (targets.length > 0) {
      await Promise.all(
        providers.map((provider) =>
          run(provider, () => provider.findReferencing(targets, { extract, ...(signal ? { signal } : {}) })),
        ),
      );
    }
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
    frontier = next;
  }

  // 4. "Released in": which release first contains each merged pull request of the context.
  input.onHop?.(input.maxHops + 1);
  const releases: PullRelease[] = [];
  const merged = [...items.values()].filter((i) => i.kind === 'pull' && i.pull?.merged && i.pull.mergeCommit);
  await Promise.all(
    providers.map(async (provider) => {
      const own = merged.filter((pull) => {
        const ref = parseRef(pull.ref);
        return ref !== undefined && provider.owns(ref);
      });
      if (own.length === 0 || !provider.releasesContaining || errors.has(provider)) return;
      await run(provider, async () => {
        releases.push(...((await provider.releasesContaining?.(own, signal)) ?? []));
        return { items: [], links: [] };
      });
    }),
  );

  return {
    subject,
    releases,
    items: [...items.values()],
    links: links.filter((l) => items.has(l.to) || items.has(l.from) || l.from === subject),
    sources: providers.map((p) => ({
      system: p.system,
      connectionId: p.connection.id,
      host: new URL(p.connection.baseUrl).host,
      ...(errors.has(p) ? { error: errors.get(p)?.toSourceError() } : {}),
    })) as SourceStatus[],
  };

  async function run(provider: Provider, lookup: () => Promise<Found>): Promise<void> {
    if (errors.has(provider)) return; // a source that failed this resolution is not asked again
    try {
      const found = await lookup();
      for (const item of found.items) if (!items.has(item.ref)) items.set(item.ref, item);
      addLinks(found.links);
    } catch (error) {
      if (error instanceof SourceFailure) {
        errors.set(provider, error);
        console.warn(error.message);
        return;
      }
      if (signal?.aborted) throw error;
      const failure = new SourceFailure(
        provider.system,
        new URL(provider.connection.baseUrl).host,
        'unknown',
        `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      );
      errors.set(provider, failure);
      console.warn(failure.message);
    }
  }
}

export type { Ref };
