import { siteBase, type UrlSites } from './ref-urls';

/**
 * What the reference grammar knows about the connections (filled by the background's `extractOptionsFor` from
 * settings and discovery), and the variations providers need for particular texts.
 */

/** One Jira connection as the grammar sees it. */
export interface JiraRefSource {
  /** Host tag of its refs: undefined for the first Jira connection (DESIGN.md "References"). */
  host?: string;
  /** Project keys that exist there; `any`: every key but look-alikes (discovery failed or has not run). */
  projectKeys: ReadonlySet<string> | 'any';
  /** Its base URL (`https://acme.atlassian.net`, `https://jira.acme.com/jira`): issue URLs under it are its. */
  baseUrl?: string;
}

/** One ServiceNow connection: URLs under `baseUrl` are its records, refs carry `host` (undefined for the first). */
export interface ServiceNowRefSource {
  host?: string;
  baseUrl: string;
}

export interface ExtractOptions {
  /**
   * Jira connections in settings order. A key in free text belongs to the first whose projects contain it; a
   * URL under a connection's base URL to that connection, whatever its project list says.
   */
  jira?: readonly JiraRefSource[];
  /** ServiceNow connections whose URLs count. Undefined: any *.service-now.com URL counts, as the first. */
  servicenow?: readonly ServiceNowRefSource[];
  /** GitHub hosts whose URLs count (github.com and configured Enterprise hosts). Default: github.com. */
  githubHosts?: readonly string[];
  /** The host `owner/repo#12` belongs to when no github.com is connected (one Enterprise host). */
  githubShortHost?: string;
  /** ServiceNow number prefixes beyond the defaults (INC, PRB, CHG, RITM, KB, TASK, REQ, SCTASK, PTASK, CTASK). */
  servicenowPrefixes?: readonly string[];
  /** On a Zendesk page: its subdomain, which `#123` and `ZD-123` belong to. */
  zendeskSubdomain?: string;
  /** Prefixes of Zendesk ids (`ZD` for `ZD-123`); off a Zendesk page they belong to the first Zendesk. */
  zendeskPrefixes?: readonly string[];
  /** Every Zendesk subdomain whose ticket URLs count. Defaults to any *.zendesk.com. */
  zendeskSubdomains?: readonly string[];
  /** @deprecated one Jira only: use `jira`. Read only when `jira` is absent. */
  jiraProjectKeys?: ReadonlySet<string> | 'any';
  /** @deprecated one Jira only: use `jira`. Read only when `jira` is absent. */
  jiraHost?: string;
}

/** The Jira connections of the options, reading the single-Jira fields when `jira` is absent. */
export function jiraSources(options: ExtractOptions): readonly JiraRefSource[] {
  if (options.jira) return options.jira;
  if (!options.jiraProjectKeys) return [];
  return [{ projectKeys: options.jiraProjectKeys, ...(options.jiraHost ? { host: options.jiraHost } : {}) }];
}

const withJira = (options: ExtractOptions, jira: readonly JiraRefSource[]): ExtractOptions => {
  const { jiraProjectKeys: _keys, jiraHost: _host, ...rest } = options;
  return { ...rest, jira };
};

/** No Jira keys from free text (they belong to whatever site the text is about); Jira URLs still count. */
export const jiraFromUrlsOnly = (options: ExtractOptions): ExtractOptions =>
  withJira(
    options,
    jiraSources(options).map((s) => ({ ...s, projectKeys: new Set<string>() })),
  );

/**
 * For a field made to hold a Jira key: a key of a project no connection lists (not discovered yet, or discovery
 * failed) still counts, for the first connection.
 */
export function acceptAnyJiraKey(options: ExtractOptions): ExtractOptions {
  const sources = jiraSources(options);
  const { baseUrl: _url, ...first } = sources[0] ?? { projectKeys: 'any' };
  return withJira(options, [...sources, { ...first, projectKeys: 'any' }]);
}

/**
 * For a Jira connection's own texts: keys its projects hold are its own (with its host tag) before any other
 * connection's. A connection the options do not list takes the first one's project keys.
 */
export function preferJiraConnection(options: ExtractOptions, host: string | undefined): ExtractOptions {
  const sources = jiraSources(options);
  const first = sources[0];
  if (!first) return options;
  const own = sources.find(
    (s) => (s.host?.toLowerCase() || undefined) === (host?.toLowerCase() || undefined),
  );
  if (own) return withJira(options, [own, ...sources.filter((s) => s !== own)]);
  const { baseUrl: _url, host: _host, ...keys } = first;
  return withJira(options, [{ ...keys, ...(host ? { host } : {}) }, ...sources]);
}

export function urlSites(options: ExtractOptions): UrlSites {
  return {
    githubHosts: new Set((options.githubHosts ?? ['github.com']).map((h) => h.toLowerCase())),
    zendeskSubdomains:
      options.zendeskSubdomains && new Set(options.zendeskSubdomains.map((s) => s.toLowerCase())),
    jira: jiraSources(options).flatMap((s) => {
      const base = s.baseUrl ?? (s.host ? `https://${s.host}` : undefined);
      return base ? [{ ...(s.host ? { host: s.host.toLowerCase() } : {}), base: siteBase(base) }] : [];
    }),
    servicenow: options.servicenow?.map((s) => ({
      ...(s.host ? { host: s.host.toLowerCase() } : {}),
      base: siteBase(s.baseUrl),
    })),
  };
}
