/**
 * How often one tab may make the background work. A page's own script can click Refresh inside the open shadow
 * root, remove the panels so they are placed again, or fire navigation events; none of that may turn into a
 * flood of requests to the user's systems with the user's credentials.
 *
 * - A refresh (the panel's button: bypass the cache) is honoured at most once per `refreshEveryMs` per tab; a
 *   faster one is answered from the cache like any other request.
 * - Resolutions (panels and badge passes) are at most `requests` per `windowMs` per tab; past that the page is
 *   told to wait, and the cache still answers the ones within the budget.
 */
export interface TabBudgetOptions {
  refreshEveryMs?: number;
  requests?: number;
  windowMs?: number;
  now?: () => number;
}

export const REFRESH_EVERY_MS = 10_000;
// Generous: a list page scrolled fast sends a badge batch every 150 ms, all from the cache once loaded.
export const REQUESTS_PER_WINDOW = 60;
export const REQUEST_WINDOW_MS = 10_000;
/** Tabs remembered at once (closed tabs are forgotten as they close; this bounds a worker that never hears it). */
const MAX_TABS = 500;

export function tabBudget(options: TabBudgetOptions = {}) {
  const refreshEveryMs = options.refreshEveryMs ?? REFRESH_EVERY_MS;
  const requests = options.requests ?? REQUESTS_PER_WINDOW;
  const windowMs = options.windowMs ?? REQUEST_WINDOW_MS;
  const now = options.now ?? Date.now;
  const lastRefresh = new Map<number, number>();
  const recent = new Map<number, number[]>();

  const remember = <T>(map: Map<number, T>, tabId: number, value: T) => {
    map.delete(tabId);
    map.set(tabId, value);
    if (map.size > MAX_TABS) map.delete(map.keys().next().value as number);
  };

  return {
    /** May this tab bypass the cache now? Counts the refresh when it may. */
    refresh(tabId: number): boolean {
      const t = now();
      const last = lastRefresh.get(tabId);
      if (last !== undefined && t - last < refreshEveryMs) return false;
      remember(lastRefresh, tabId, t);
      return true;
    },
    /** May this tab start one more resolution now? Counts it when it may. */
    request(tabId: number): boolean {
      const t = now();
      const times = (recent.get(tabId) ?? []).filter((at) => t - at < windowMs);
      if (times.length >= requests) {
        recent.set(tabId, times);
        return false;
      }
      remember(recent, tabId, [...times, t]);
      return true;
    },
    forget(tabId: number): void {
      lastRefresh.delete(tabId);
      recent.delete(tabId);
    },
  };
}

export type TabBudget = ReturnType<typeof tabBudget>;
