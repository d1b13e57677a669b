import type { Site } from '../messaging/protocol';
import type { SiteAdapter } from './types';

/**
 * Each site's reader, a chunk of its own (issue 15): a page loads only its own site's (a GitHub page never loads
 * how a ServiceNow form is read). Imported by the content script proper (`src/content/main.ts`), never by the entry.
 */
const readers: Record<Site, () => Promise<SiteAdapter>> = {
  github: () => import('./github').then((m) => m.github),
  jira: () => import('./jira').then((m) => m.jira),
  jsm: () => import('./jsm').then((m) => m.jsm),
  servicenow: () => import('./servicenow').then((m) => m.servicenow),
  zendesk: () => import('./zendesk').then((m) => m.zendesk),
};

/** The whole adapter of a site (its URLs and its reader). */
export const loadSite = (site: Site): Promise<SiteAdapter> => readers[site]();
