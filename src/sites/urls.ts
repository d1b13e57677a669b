import type { System } from '../core/systems';
import { githubUrls } from './github-urls';
import { jiraUrls } from './jira-urls';
import { jsmUrls } from './jsm-urls';
import { servicenowUrls } from './servicenow-urls';
import type { PageUrl, SiteUrls } from './types';
import { zendeskUrls } from './zendesk-urls';

/**
 * Every site by its URLs, in the order of `./index.ts`'s adapters: what the entry every matched page runs needs to
 * decide whether Liaison enhances the page (issue 15). A site's reader (what its pages read, where panels go) is
 * loaded by `./readers.ts` only on a page of that site.
 */
export const siteUrls: readonly SiteUrls[] = [githubUrls, jiraUrls, jsmUrls, servicenowUrls, zendeskUrls];

/**
 * The site and page type of a URL. `knownHosts` maps the hosts of configured self-hosted instances to their
 * system (the background's `site-hosts` answer), so a Jira Data Center `/browse/KEY` page on `jira.acme.com` is
 * offered to the Jira sites only, never to GitHub's.
 */
export function pageUrlFor(
  url: URL,
  knownHosts: ReadonlyMap<string, System> = new Map(),
  sites: readonly SiteUrls[] = siteUrls,
): { site: SiteUrls; page: PageUrl; index: number } | undefined {
  for (const site of sites) {
    const known = new Set([...knownHosts].filter(([, s]) => s === site.system).map(([host]) => host));
    if (!site.handlesHost(url.host, known)) continue;
    const index = site.pages.findIndex((p) => p.test(url));
    const page = site.pages[index];
    if (page) return { site, page, index };
  }
  return undefined;
}
