import { github } from './github';
import type { PageType, SiteAdapter } from './types';

/** Every site adapter, registered here once (a test checks each is documented and has example URLs). */
export const adapters: readonly SiteAdapter[] = [github];

export function pageTypeFor(
  url: URL,
  knownHosts: ReadonlySet<string> = new Set(),
): { adapter: SiteAdapter; page: PageType } | undefined {
  for (const adapter of adapters) {
    if (!adapter.handlesHost(url.host, knownHosts)) continue;
    const page = adapter.pages.find((p) => p.test(url));
    if (page) return { adapter, page };
  }
  return undefined;
}
