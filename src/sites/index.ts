import type { System } from '../core/settings';
import { github } from './github';
import { jira } from './jira';
import { jsm } from './jsm';
import { servicenow } from './servicenow';
import type { PageType, SiteAdapter } from './types';
import { zendesk } from './zendesk';

/** Every site adapter, registered here once (a test checks each is documented and has example URLs). */
export const adapters: readonly SiteAdapter[] = [github, jira, jsm, servicenow, zendesk];

/**
 * The adapter and page type for a URL. `knownHosts` maps the hosts of configured self-hosted instances to their
 * system (the background's `site-hosts` answer), so a Jira Data Center `/browse/KEY` page on `jira.acme.com` is
 * offered to the Jira adapters only, never to GitHub's.
 */
export function pageTypeFor(
  url: URL,
  knownHosts: ReadonlyMap<string, System> = new Map(),
): { adapter: SiteAdapter; page: PageType } | undefined {
  for (const adapter of adapters) {
    const known = new Set([...knownHosts].filter(([, s]) => s === adapter.system).map(([host]) => host));
    if (!adapter.handlesHost(url.host, known)) continue;
    const page = adapter.pages.find((p) => p.test(url));
    if (page) return { adapter, page };
  }
  return undefined;
}
