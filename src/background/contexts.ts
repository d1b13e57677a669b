import type { ContextView, KnowledgeView, PageReport } from '../messaging/protocol';
import { cacheOptionsFrom, connectionFingerprint, createEntityCache, type EntityCache } from './cache';
import { type CacheRun, withCache } from './cached-provider';
import { type Config, extractOptionsFor, getConfig, onConfigChange } from './config';
import { jiraProjectKeys } from './discovery';
import { findKnowledge, knowledgeQuery } from './knowledge';
import { type ReleaseScopeOutcome, releaseScopeOf, withReleaseRefs, withScopeFailure } from './release-scope';
import { resolveContext } from './resolver';
import { writtenLinksOf } from './written-links';

/**
 * Context views, resolved over the entity cache (one per worker, so every tab shares its loads in flight).
 * Stale-while-revalidate: when a resolution used stale entries, its view is sent at once marked stale, and once
 * their revalidations settle the context is resolved again (from the now fresh cache) and sent fresh.
 */

const cache = createEntityCache();
let configured: { config: Config; ready: Promise<void> } | undefined;

/**
 * Sets the cache up for a configuration: its options and each connection's fingerprint (which covers the
 * credential, so a changed token drops that connection's entries and never reads them, before or after a worker
 * restart). Resolves once the fingerprints apply: a resolution must not read entries unchecked.
 */
function configureCache(config: Config): Promise<void> {
  if (configured?.config === config) return configured.ready;
  const ready = (async () => {
    const { connections, servicenow } = config.settings;
    const fingerprints = new Map(
      await Promise.all(
        connections.map(async (c) => [c.id, await connectionFingerprint(c, servicenow)] as const),
      ),
    );
    // A newer configuration arrived while hashing: it wins, and this one's callers wait for it.
    if (configured?.config !== config) return configured?.ready;
    // The fingerprints apply at once; dropping entries that no longer match goes on in the background.
    void cache.configure({ ...cacheOptionsFrom(config.settings.cache), fingerprints });
  })();
  configured = { config, ready };
  return ready;
}
onConfigChange((config) => void configureCache(config));

/** The current configuration with the worker's one entity cache set up for it (panels, badges, previews). */
export async function configuredCache(): Promise<{ config: Config; cache: EntityCache }> {
  const config = await getConfig();
  await configureCache(config);
  return { config, cache };
}

/** The views of a page's context, in the order to show them: possibly a stale one first, then a fresh one. */
export async function* contextViews(page: PageReport, refresh: boolean): AsyncGenerator<ContextView> {
  const { config } = await configuredCache();
  // A release page's contents are read once for both views (the API's ETags make a reload cheap anyway).
  const release = config.error ? undefined : await releaseScopeOf(page, config.providers);
  const first = await resolveOnce(page, config, refresh, release);
  yield first.view;
  if (first.revalidations.length === 0) return;
  await Promise.all(first.revalidations);
  yield (await resolveOnce(page, config, false, release)).view;
}

async function resolveOnce(
  page: PageReport,
  config: Config,
  refresh: boolean,
  release: ReleaseScopeOutcome | undefined,
) {
  const run: CacheRun = { refresh, revalidations: [] };
  if (config.providers.length === 0 || config.error) {
    const view: ContextView = {
      subject: page.subject,
      items: [],
      links: [],
      releases: [],
      sources: [],
      configured: false,
      resolvedAt: Date.now(),
      stale: false,
    };
    return { view, revalidations: [] };
  }
  // Links Liaison wrote from this page (issue 14) show at once, before a search of the other system finds them.
  // Both reads are from storage, side by side: a warm panel waits for the slower, not for both.
  const [projectKeys, written] = await Promise.all([jiraProjectKeys(config), writtenLinksOf(page.subject)]);
  const extract = extractOptionsFor(config, projectKeys);
  const providers = config.providers.map((p) => withCache(p, cache, run));
  const reported = written.length > 0 ? { ...page, refs: [...new Set([...page.refs, ...written])] } : page;
  // Knowledge articles are asked once the context is known (its references and its bug's title), beside the
  // release lookups, through the same cache run, before the view is sent: a view is complete when its panels say
  // `ready` (DESIGN.md contract 3), and no request follows it but revalidations. A knowledge base that fails is its
  // own source's error.
  let knowledge: KnowledgeView | undefined;
  const resolution = await resolveContext({
    page: withReleaseRefs(reported, release?.scope),
    providers,
    extract,
    // A release's work is one hop from the page's subject (the release), where a pull request's page starts at the
    // pull request: one hop more reaches a release's tickets as far as the pull request's own page reaches them.
    maxHops: config.settings.maxHops + (page.release ? 1 : 0),
    alongside: async (graph) => {
      knowledge = await findKnowledge(knowledgeQuery(graph), providers);
    },
  });
  const view: ContextView = {
    ...resolution,
    knowledge: knowledge ?? (await findKnowledge(knowledgeQuery(resolution), providers)),
    sources: withScopeFailure(resolution.sources, release?.failed),
    ...(release?.scope ? { release: release.scope.release } : {}),
    configured: true,
    resolvedAt: run.oldestAt ?? Date.now(),
    stale: run.revalidations.length > 0,
  };
  return { view, revalidations: run.revalidations };
}

/** Empties the entity cache ("clear now" on the options page); the next resolution loads everything afresh. */
export async function clearEntityCache(): Promise<void> {
  await cache.clear();
}
