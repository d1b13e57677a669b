import type { ExtractOptions } from '../core/extract';
import { byPriorityThenAge, connectedItems } from '../core/graph';
import { customerKinds, type Item, type Link } from '../core/model';
import { canonicalRef, parseRef } from '../core/refs';
import type { System } from '../core/settings';
import { type Badge, MAX_BADGE_REFS, type PageReport } from '../messaging/protocol';
import type { Provider } from '../providers/provider';
import { type CacheRun, withCache } from './cached-provider';
import { extractOptionsFor } from './config';
import { configuredCache } from './contexts';
import { jiraProjectKeys } from './discovery';
import { type ResolutionBounds, resolveContext } from './resolver';

/**
 * List badges: every row of a list page resolved in one batched pass. The rows hang off one synthetic subject that
 * no provider owns, so the resolver expands them all together: each hop makes one batched fetch and one batched
 * reverse lookup per system for all rows at once (the same calls a single page makes), never one per row.
 *
 * On an item's own page, what its title, branch and comments mention starts the resolution (the page's text). A
 * list shows only titles, so the rows are read first (hop 0, one batched fetch per system, then cached) and what
 * they mention joins them as the resolver's starting refs: each row is then resolved as deep as its page would be.
 * A row's badge counts the customer tickets connected to it, customer tickets being leaves (`connectedItems`), and
 * the worst priority among them.
 */

/** The subject every row hangs off: not a reference (parseRef rejects it), so nothing fetches or searches it. */
const LIST_SUBJECT = 'list:rows';

export interface BadgeInput {
  refs: readonly string[];
  /** Providers as the resolver sees them (through the entity cache in the worker). */
  providers: readonly Provider[];
  extract: ExtractOptions;
  maxHops: number;
  signal?: AbortSignal;
}

export interface BadgePass {
  badges: Badge[];
  /** Systems that failed during the pass: their tickets may be missing from the counts. */
  failed: System[];
}

export async function resolveBadges(input: BadgeInput): Promise<BadgePass> {
  const rows = [...new Set(input.refs.flatMap((r) => canonicalRef(r) ?? []))];
  if (rows.length === 0) return { badges: [], failed: [] };
  // Badges show no "released in": skip the release lookups the resolver makes for merged pull requests.
  const providers = input.providers.map(({ releasesContaining: _skip, ...p }) => p);
  const context = { extract: input.extract, ...(input.signal ? { signal: input.signal } : {}) };
  const mentioned = new Set<string>();
  await Promise.all(
    providers.map(async (provider) => {
      const own = rows.flatMap((r) => {
        const ref = parseRef(r);
        return ref && provider.owns(ref) ? [ref] : [];
      });
      if (own.length === 0) return;
      // A failure here is reported by the resolver, which asks the same provider again below.
      const found = await provider.fetchItems(own, context).catch(() => undefined);
      for (const l of found?.links ?? []) if (rows.includes(l.from)) mentioned.add(l.to);
    }),
  );
  const page: PageReport = {
    url: '',
    site: 'github',
    subject: LIST_SUBJECT,
    texts: [],
    refs: [...rows, ...[...mentioned].filter((r) => !rows.includes(r))],
  };
  const resolution = await resolveContext({
    page,
    providers,
    extract: input.extract,
    maxHops: input.maxHops,
    bounds: listBounds,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const links = resolution.links.filter((l) => l.from !== LIST_SUBJECT);
  return {
    badges: rows.map((ref) => badgeFor(ref, resolution.items, links)),
    failed: [...new Set(resolution.sources.filter((s) => s.error).map((s) => s.system))],
  };
}

/**
 * A list's rows (at most MAX_BADGE_REFS a message) and what they mention resolve together, so a pass gets wider
 * bounds than one page: room for every row and about three references each, still bounded (the providers keep
 * each request within its API's limits).
 */
const listBounds: ResolutionBounds = {
  pageRefs: MAX_BADGE_REFS * 4,
  roundTargets: MAX_BADGE_REFS * 4,
  frontier: MAX_BADGE_REFS * 8,
};

/** The customer tickets connected to one row, and the most urgent priority among them. */
export function badgeFor(ref: string, items: readonly Item[], links: readonly Link[]): Badge {
  const tickets = connectedItems(ref, items, links)
    .filter((i) => customerKinds.has(i.kind))
    .sort(byPriorityThenAge);
  const worst = tickets[0]?.priority;
  return { ref, count: tickets.length, ...(worst ? { worst } : {}) };
}

/**
 * The badge passes for a list's rows over the worker's entity cache: one at once (possibly from stale entries),
 * then a fresh one once those have revalidated, as panels get their views.
 */
export async function* badgePasses(refs: readonly string[], refresh = false): AsyncGenerator<BadgePass> {
  const { config, cache } = await configuredCache();
  if (config.providers.length === 0 || config.error) {
    yield { badges: [], failed: [] };
    return;
  }
  const extract = extractOptionsFor(config, await jiraProjectKeys(config));
  const once = async (fresh: boolean) => {
    const run: CacheRun = { refresh: fresh, revalidations: [] };
    const providers = config.providers.map((p) => withCache(p, cache, run));
    const pass = await resolveBadges({ refs, providers, extract, maxHops: config.settings.maxHops });
    return { pass, revalidations: run.revalidations };
  };
  const first = await once(refresh);
  yield first.pass;
  if (first.revalidations.length === 0) return;
  await Promise.all(first.revalidations);
  yield (await once(false)).pass;
}
