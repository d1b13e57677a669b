import type { ContextView, PageReport } from '../messaging/protocol';
import { type Config, extractOptionsFor, getConfig, onConfigChange } from './config';
import { jiraProjectKeys } from './discovery';
import { resolveContext } from './resolver';

/**
 * Context views per page, cached with stale-while-revalidate: a cached view is answered at once (marked stale
 * when past its time to live) while a fresh resolution runs; identical requests from several tabs share one flight.
 */

interface Entry {
  view: ContextView;
  at: number;
}

const views = new Map<string, Entry>();
const flights = new Map<string, Promise<ContextView>>();

onConfigChange(() => {
  views.clear();
  flights.clear();
});

const keyOf = (page: PageReport) => JSON.stringify([page.subject, page.texts, page.refs]);

export interface ContextAnswer {
  /** A cached view to show at once, if any. */
  cached?: ContextView;
  /** The fresh view, when a resolution was needed. */
  fresh?: Promise<ContextView>;
}

export async function contextFor(page: PageReport, refresh: boolean): Promise<ContextAnswer> {
  const config = await getConfig();
  const key = keyOf(page);
  const entry = views.get(key);
  const ttl = config.settings.cache.ttlMinutes * 60_000;
  if (entry && !refresh && Date.now() - entry.at < ttl) return { cached: entry.view };
  const fresh = flights.get(key) ?? start(key, page, config);
  return entry ? { cached: { ...entry.view, stale: true }, fresh } : { fresh };
}

function start(key: string, page: PageReport, config: Config): Promise<ContextView> {
  const flight = (async (): Promise<ContextView> => {
    const keys = await jiraProjectKeys(config);
    const extract = extractOptionsFor(config, keys);
    const relevant = config.providers;
    const configured = relevant.length > 0 && !config.error;
    if (!configured) {
      return {
        subject: page.subject,
        items: [],
        links: [],
        releases: [],
        sources: [],
        configured: false,
        resolvedAt: Date.now(),
        stale: false,
      };
    }
    const resolution = await resolveContext({
      page,
      providers: relevant,
      extract,
      maxHops: config.settings.maxHops,
    });
    const view: ContextView = { ...resolution, configured: true, resolvedAt: Date.now(), stale: false };
    views.set(key, { view, at: view.resolvedAt });
    return view;
  })().finally(() => flights.delete(key));
  flights.set(key, flight);
  return flight;
}
