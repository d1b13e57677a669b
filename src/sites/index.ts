import { github } from './github';
import { jira } from './jira';
import { jsm } from './jsm';
import { servicenow } from './servicenow';
import type { PageType, SiteAdapter } from './types';
import { zendesk } from './zendesk';

/** Every site adapter, registered here once (a test checks each is documented and has example URLs). */
export const adapters: readonly SiteAdapter[] = [github, jira, jsm, servicenow, zendesk];

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
