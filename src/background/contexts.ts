import type { ContextView, PageReport } from '../messaging/protocol';
import { cacheOptionsFrom, connectionFingerprint, createEntityCache, type EntityCache } from './cache';
import { type CacheRun, withCache } from './cached-provider';
import { type Config, extractOptionsFor, getConfig, onConfigChange } from './config';
import { jiraProjectKeys } from './discovery';
import { resolveContext } from './resolver';

/**
 * Context views, resolved over the entity cache (one per worker, so every tab shares its loads in flight).
 * Stale-while-revalidate: when a resolution used stale entries, its view is sent at once marked stale, and once
 * their revalidations settle the context is resolved again (from the now fresh cache) and sent fresh.
 */

const cache = createEntityCache();
let lastConfig: Config | undefined;

function configureCache(config: Config): void {
  const fingerprints = new Map(
    config.settings.connections.map((c) => [c.id, connectionFingerprint(c, config.settings.servicenow)]),
  );
  void cache.configure({ ...cacheOptionsFrom(config.settings.cache), fingerprints });
  // The fingerprint leaves secrets out; a changed credential may see other data, so drop that connection's entries.
  for (const c of config.settings.connections) {
    const before = lastConfig?.settings.connections.find((old) => old.id === c.id);
    if (before && JSON.stringify(before.auth) !== JSON.stringify(c.auth))
      void cache.invalidateConnection(c.id);
  }
  lastConfig = config;
}
onConfigChange(configureCache);

/** The current configuration with the worker's one entity cache set up for it (panels, badges, previews). */
export async function configuredCache(): Promise<{ config: Config; cache: EntityCache }> {
  const config = await getConfig();
  if (lastConfig !== config) configureCache(config);
  return { config, cache };
}

/** The views of a page's context, in the order to show them: possibly a stale one first, then a fresh one. */
export async function* contextViews(page: PageReport, refresh: boolean): AsyncGenerator<ContextView> {
  const { config } = await configuredCache();
  const first = await resolveOnce(page, config, refresh);
  yield first.view;
  if (first.revalidations.length === 0) return;
  await Promise.all(first.revalidations);
  yield (await resolveOnce(page, config, false)).view;
}

async function resolveOnce(page: PageReport, config: Config, refresh: boolean) {
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
  const extract = extractOptionsFor(config, await jiraProjectKeys(config));
  const providers = config.providers.map((p) => withCache(p, cache, run));
  const resolution = await resolveContext({ page, providers, extract, maxHops: config.settings.maxHops });
  const view: ContextView = {
    ...resolution,
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
