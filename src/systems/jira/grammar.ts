import { keyShapedPattern, matchFind } from '../../core/extract';
import { type ExtractOptions, perOptions } from '../../core/extract-options';
import { pathUnder, urlSite } from '../../core/ref-urls';
import type { Connection } from '../../core/settings';
import type { SystemGrammar, UrlParts } from '../../core/systems';
import { jiraRefGrammar } from './grammar-refs';
import { jiraRef } from './refs';

export { asJiraRef, type JiraRef, jiraRef } from './refs';

/** One Jira connection as the grammar sees it. */
export interface JiraRefSource {
  /** Host tag of its refs: undefined for the first Jira connection (DESIGN.md "References"). */
  host?: string;
  /** Project keys that exist there; `any`: every key but look-alikes (discovery failed or has not run). */
  projectKeys: ReadonlySet<string> | 'any';
  /** Its base URL (`https://acme.atlassian.net`, `https://jira.acme.com/jira`): issue URLs under it are its. */
  baseUrl?: string;
}

declare module '../../core/extract-options' {
  interface ExtractOptions {
    /**
     * Jira connections in settings order. A key in free text belongs to the first whose projects contain it; a
     * URL under a connection's base URL to that connection, whatever its project list says.
     */
    jira?: readonly JiraRefSource[];
    /** @deprecated one Jira only: use `jira`. Read only when `jira` is absent. */
    jiraProjectKeys?: ReadonlySet<string> | 'any';
    /** @deprecated one Jira only: use `jira`. Read only when `jira` is absent. */
    jiraHost?: string;
  }
}

/** `cloud` (REST v3) or `datacenter` (REST v2): the connection's flavor, else by host (*.atlassian.net is Cloud). */
export function jiraFlavor(connection: Connection): 'cloud' | 'datacenter' {
  if (connection.flavor) return connection.flavor;
  return new URL(connection.baseUrl).host.endsWith('.atlassian.net') ? 'cloud' : 'datacenter';
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

/** Standards, encodings and time zones shaped like keys: never issues, even if a project of that name exists. */
const neverKeys = new Set(['UTF', 'UCS', 'SHA', 'ISO', 'IEC', 'CVE', 'CWE', 'RFC', 'ECMA', 'UTC', 'GMT']);
/** Common in technical text: issues only where discovery says the project exists. */
const unlessKnown = new Set([
  ...['TLS', 'SSL', 'HTTP', 'HTTPS', 'IPV', 'TCP', 'UDP', 'USB', 'AES', 'RSA', 'DES', 'MD', 'ARM', 'SQL'],
  ...['GPT', 'ES', 'PEP', 'PHP', 'JDK', 'JSR', 'JEP', 'RC', 'LTS', 'WCAG', 'PCI', 'SOC', 'COVID', 'IE', 'MP'],
]);

const jiraKey = '[A-Za-z][A-Za-z0-9_]+-[1-9]\\d{0,14}';
const end = '(?=$|[/?#])';
const browsePath = new RegExp(`^/browse/(${jiraKey})${end}`);
const selectedQuery = new RegExp(`[?&]selectedIssue=(${jiraKey})(?=$|[&#])`);
const projectPath = new RegExp(
  `^/(?:jira/(?:software|servicedesk|core|business)/)?(?:c/)?projects/([A-Za-z][A-Za-z0-9_]+)/(?:[^?#]*/)?(${jiraKey})${end}`,
);
const portalPath = new RegExp(`^/servicedesk/customer/portal/\\d+/(${jiraKey})${end}`);

/** The connections whose URLs count. */
const urlSites = perOptions((options) =>
  jiraSources(options).flatMap((s) => {
    const base = s.baseUrl ?? (s.host ? `https://${s.host}` : undefined);
    return base ? [urlSite(s.host, base)] : [];
  }),
);

function findInUrl({ host, path: hostPath, query }: UrlParts, options: ExtractOptions) {
  const here = `${host}${hostPath}`;
  for (const site of urlSites(options)) {
    const path = pathUnder(here, site.base);
    if (path === undefined) continue;
    const project = projectPath.exec(path);
    const key =
      browsePath.exec(path)?.[1] ??
      selectedQuery.exec(query)?.[1] ??
      portalPath.exec(path)?.[1] ??
      (project?.[2]?.toUpperCase().startsWith(`${project[1]?.toUpperCase()}-`) ? project[2] : undefined);
    if (!key) continue;
    return { ref: jiraRef(site.host, key) };
  }
  return undefined;
}

/** Jira's whole grammar: the reference part (./grammar-refs.ts) and the passes that find references. */
export const jiraGrammar: SystemGrammar<'jira'> = {
  ...jiraRefGrammar,
  urls: { order: 30, find: findInUrl },
  textPasses: [
    {
      // After other systems' prefixed ids (`ZD-123`), which are never Jira keys.
      order: 31,
      find(text, options) {
        const jira = jiraSources(options);
        if (jira.length === 0) return [];
        return [...text.matchAll(keyShapedPattern)].flatMap((m) => {
          const project = m[1] ?? '';
          if (neverKeys.has(project)) return [];
          const owner = jira.find((s) =>
            s.projectKeys === 'any'
              ? project.length <= 10 && !unlessKnown.has(project)
              : s.projectKeys.has(project),
          );
          return owner ? [matchFind(jiraRef(owner.host, `${project}-${m[2]}`), m)] : [];
        });
      },
    },
  ],
  strictOptions: jiraFromUrlsOnly,
  referenceFieldOptions: acceptAnyJiraKey,
};
