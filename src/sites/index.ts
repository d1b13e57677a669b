import type { System } from '../core/settings';
import { github } from './github';
import { jira } from './jira';
import { jsm } from './jsm';
import { servicenow } from './servicenow';
import type { PageType, SiteAdapter } from './types';
import { pageUrlFor } from './urls';
import { zendesk } from './zendesk';

/**
 * Every site adapter, registered here once (a test checks each is documented and has example URLs), whole: its
 * URLs (`./urls.ts`, what the entry loads) and its reader. The content script loads a site's reader only on that
 * site's pages (`./readers.ts`); this module is for tests and tools.
 */
export const adapters: readonly SiteAdapter[] = [github, jira, jsm, servicenow, zendesk];

/**
 * The adapter and page type for a URL, found as the content script finds it (`pageUrlFor`). `knownHosts` maps the
 * hosts of configured self-hosted instances to their system (the background's `site-hosts` answer).
 */
export function pageTypeFor(
  url: URL,
  knownHosts: ReadonlyMap<string, System> = new Map(),
): { adapter: SiteAdapter; page: PageType } | undefined {
  const found = pageUrlFor(url, knownHosts, adapters);
  if (!found) return undefined;
  const adapter = adapters.find((a) => a.site === found.site.site);
  const page = adapter?.pages[found.index];
  return adapter && page ? { adapter, page } : undefined;
}
