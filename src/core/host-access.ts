import { apiRoot, type Connection } from './settings';
import { type System, systemGrammars } from './systems';

/**
 * Which hosts a connection needs that the manifest does not cover. The manifest grants the SaaS hosts
 * (`host_permissions` for the APIs, `content_scripts` for the pages); a self-hosted instance (GitHub Enterprise,
 * Jira Data Center, a ServiceNow custom domain) needs an optional host permission, asked for when the user saves
 * or tests it, and a content script registered at run time.
 * Match patterns: https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns
 */

export interface ManifestAccess {
  /** `host_permissions`: hosts the background may fetch from. */
  hostPermissions: readonly string[];
  /** Every `content_scripts[].matches`: pages the content script runs on without registration. */
  contentScriptMatches: readonly string[];
}

/** Does a match pattern cover every page of this URL's origin? (`<all_urls>`, `https://*.acme.com/*`, …) */
export function patternCovers(pattern: string, url: URL): boolean {
  if (pattern === '<all_urls>') return url.protocol === 'https:' || url.protocol === 'http:';
  const m = /^(\*|https?):\/\/(\*|\*\.[^/*]+|[^/*]+)\/(.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme = '', host = '', path = ''] = m;
  if (path !== '*') return false;
  if (scheme === '*' ? !/^https?:$/.test(url.protocol) : `${scheme}:` !== url.protocol) return false;
  const name = url.hostname.toLowerCase();
  if (host === '*') return true;
  if (host.startsWith('*.')) return name.endsWith(host.slice(1).toLowerCase()) || name === host.slice(2);
  return name === host.toLowerCase();
}

const covered = (patterns: readonly string[], url: URL) => patterns.some((p) => patternCovers(p, url));

/** The match pattern for a whole origin, as `permissions.request` and `registerContentScripts` take it. */
export const originPattern = (url: string | URL): string => {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
};

/** Origins to ask for before this connection works: its API host and, for its pages, its own host. */
export function originsToRequest(connection: Connection, manifest: ManifestAccess): string[] {
  const api = new URL(apiRoot(connection));
  const site = new URL(connection.baseUrl);
  const wanted: string[] = [];
  if (!covered(manifest.hostPermissions, api)) wanted.push(originPattern(api));
  if (!covered(manifest.contentScriptMatches, site) && !covered(manifest.hostPermissions, site))
    wanted.push(originPattern(site));
  return [...new Set(wanted)];
}

/** Does this connection's site need a content script registered at run time (no manifest entry matches it)? */
export const needsRegisteredScript = (connection: Connection, manifest: ManifestAccess): boolean =>
  !covered(manifest.contentScriptMatches, new URL(connection.baseUrl));

/** The manifest's grants, from `runtime.getManifest()` (or the source manifest in tests). */
export function manifestAccess(manifest: {
  host_permissions?: readonly string[];
  content_scripts?: readonly { matches?: readonly string[] }[];
}): ManifestAccess {
  return {
    hostPermissions: manifest.host_permissions ?? [],
    contentScriptMatches: (manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []),
  };
}

/**
 * The multi-tenant SaaS domains: anyone can have a tenant there (a free `devNNNNN.service-now.com` instance, an
 * `attacker.zendesk.com` account), and the tenant writes the page's script. Liaison serves only the tenants the
 * user connected, never the whole domain.
 */
export const multiTenantDomains = (): { suffix: string; system: System }[] =>
  systemGrammars().flatMap((g) => (g.tenantDomain ? [{ suffix: g.tenantDomain, system: g.id }] : []));

/** Hosts whose page scripts are the vendor's own (github.com): served whether or not the system is connected. */
const alwaysServed = (host: string) => systemGrammars().some((g) => g.alwaysServedHosts?.includes(host));

/**
 * Does Liaison serve this page (answer its content script's requests, inject panels)? github.com always; any other
 * host only when a connection's `baseUrl` is on it: the exact tenant on the SaaS domains, a self-hosted instance
 * once connected. Pure, so the background, the tests and the threat model (SECURITY.md) share one rule.
 */
export function servesPage(url: URL, connections: readonly Pick<Connection, 'baseUrl'>[]): boolean {
  if (url.protocol !== 'https:') return false;
  const host = url.host.toLowerCase();
  if (alwaysServed(host)) return true;
  return connections.some((c) => {
    try {
      return new URL(c.baseUrl).host.toLowerCase() === host;
    } catch {
      return false;
    }
  });
}

/** A page on a SaaS tenant nobody connected: the host and the system it would be, for the popup's offer. */
export function unconnectedTenant(
  url: URL,
  connections: readonly Pick<Connection, 'baseUrl'>[],
): { host: string; system: Connection['system'] } | undefined {
  if (url.protocol !== 'https:' || servesPage(url, connections)) return undefined;
  const host = url.hostname.toLowerCase();
  const domain = multiTenantDomains().find((d) => host.endsWith(d.suffix) && host.length > d.suffix.length);
  return domain ? { host, system: domain.system } : undefined;
}

/** The options page address that opens the add form for a tenant (`src/options/connect-request.ts` reads it). */
export function connectAddress(optionsPage: string, system: Connection['system'], host: string): string {
  const params = new URLSearchParams({ connect: system, url: `https://${host}` });
  return `${optionsPage}?${params}`;
}
