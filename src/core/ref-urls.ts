import type { Ref } from './refs';

/**
 * URLs that name an item: a URL is a reference only when it is the address of an item on a site Liaison knows
 * (github.com and configured Enterprise hosts, the connected Jira and ServiceNow instances, Zendesk). The whole
 * URL is the reference's text, so a linkifier replaces all of it.
 *
 * GitHub    /OWNER/REPO/pull/N[/files|/commits/SHA|…]  /OWNER/REPO/issues/N  → github:owner/repo#N
 *           /OWNER/REPO/commit/SHA                                            → github:owner/repo@sha
 * Zendesk   /agent/tickets/N  /tickets/N  /hc[/LOCALE]/requests/N  /api/v2/tickets/N[.json] → zendesk:sub/N
 * Jira      BASE/browse/KEY  BASE/…?selectedIssue=KEY (boards, backlogs)
 *           BASE/[jira/software|servicedesk|core/][c/]projects/P/…/KEY (issue and queue views, key in project P)
 *           BASE/servicedesk/customer/portal/N/KEY
 * ServiceNow BASE/TABLE.do?sysparm_query=number=NUMBER, nav_to.do?uri=… (encoded or not) → servicenow:NUMBER
 *           BASE/TABLE.do?sys_id=ID, BASE/now/<workspace>/record/TABLE/ID, …?table=TABLE&sys_id=ID
 *           → a record locator: the URL holds no number, so it is returned as `{table, sysId}` for a provider to
 *           resolve (Table API `GET /api/now/table/TABLE/ID`), never guessed into a reference.
 */

export interface RecordLocator {
  system: 'servicenow';
  /** Host tag of the connection (undefined for the first), as in references. */
  host?: string;
  table: string;
  sysId: string;
}

export type UrlFind = { ref: Ref } | { record: RecordLocator };

/** A connection whose URLs count: `base` is its base URL without scheme, lower-cased (`jira.acme.com/jira`). */
export interface UrlSite {
  host?: string;
  base: string;
}

export interface UrlSites {
  githubHosts: ReadonlySet<string>;
  /** Undefined: every *.zendesk.com subdomain. */
  zendeskSubdomains: ReadonlySet<string> | undefined;
  jira: readonly UrlSite[];
  /** Undefined: every *.service-now.com instance, as the first connection. */
  servicenow: readonly UrlSite[] | undefined;
}

export const siteBase = (baseUrl: string): string =>
  baseUrl
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();

/**
 * A URL runs to whitespace or a character URLs never carry raw in text; trailing sentence punctuation and an
 * unbalanced closing bracket (`(see https://…)`, markdown `[x](https://…)`) are not part of it.
 */
const urlToken = /\bhttps?:\/\/[^\s<>"'`|\\{}[\]\u0080-\uffff]+/gi;

export function urlSpans(text: string): { index: number; url: string }[] {
  return [...text.matchAll(urlToken)].map((m) => ({ index: m.index, url: m[0].slice(0, urlEnd(m[0])) }));
}

const trailingPunctuation = new Set('.,;:!?*_~');

/**
 * Where a URL token ends once trailing punctuation and unbalanced `)` are dropped, in one pass from each end:
 * the brackets are counted once, not per character dropped (re-counting them made a URL followed by 65,536 `)`
 * take two minutes, in the worker that reads every page).
 */
function urlEnd(token: string): number {
  let open = 0;
  let close = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 0x28) open++;
    else if (c === 0x29) close++;
  }
  let end = token.length;
  for (; end > 0; end--) {
    const last = token.charAt(end - 1);
    if (last === ')' && open < close) close--;
    else if (!trailingPunctuation.has(last)) break;
  }
  return end;
}

const urlParts = /^https?:\/\/([^/?#]+)([^?#]*)(\?[^#]*)?/i;
const jiraKey = '[A-Za-z][A-Za-z0-9_]+-[1-9]\\d{0,14}';
const end = '(?=$|[/?#])';

export function findInUrl(url: string, sites: UrlSites): UrlFind | undefined {
  const parts = urlParts.exec(url);
  if (!parts) return undefined;
  const host = (parts[1] ?? '').toLowerCase();
  const path = parts[2] ?? '';
  const query = parts[3] ?? '';
  return (
    github(host, path, sites) ??
    zendesk(host, path, sites) ??
    jira(`${host}${path}`, query, sites) ??
    servicenow(host, path, query, sites)
  );
}

const githubItem =
  /^\/([A-Za-z0-9][\w.-]*)\/([\w.-]+)\/(?:(?:pull|issues)\/([1-9]\d{0,9})|commit\/([0-9a-f]{7,64}))(?=$|[/?#.])/i;

function github(host: string, path: string, sites: UrlSites): UrlFind | undefined {
  const h = host === 'www.github.com' ? 'github.com' : host;
  if (!sites.githubHosts.has(h)) return undefined;
  const m = githubItem.exec(path);
  if (!m) return undefined;
  const [, owner = '', repo = '', number, sha] = m;
  const where = { system: 'github', ...(h === 'github.com' ? {} : { host: h }), owner, repo } as const;
  return { ref: sha ? { ...where, sha: sha.toLowerCase() } : { ...where, number: Number(number) } };
}

const zendeskHost = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.zendesk\.com$/;
const zendeskTicket =
  /^\/(?:agent\/tickets|tickets|hc\/(?:[A-Za-z-]+\/)?requests|api\/v2\/tickets)\/([1-9]\d{0,14})(?:\.json)?(?=$|[/?#])/;

function zendesk(host: string, path: string, sites: UrlSites): UrlFind | undefined {
  const subdomain = zendeskHost.exec(host)?.[1];
  if (!subdomain || (sites.zendeskSubdomains && !sites.zendeskSubdomains.has(subdomain))) return undefined;
  const id = zendeskTicket.exec(path)?.[1];
  return id ? { ref: { system: 'zendesk', subdomain, id: Number(id) } } : undefined;
}

/** The path under a connection's base URL, or undefined when the URL is not under it. */
function under(here: string, base: string): string | undefined {
  if (!here.toLowerCase().startsWith(base)) return undefined;
  const rest = here.slice(base.length);
  return rest === '' || rest.startsWith('/') ? rest : undefined;
}

const jiraBrowse = new RegExp(`^/browse/(${jiraKey})${end}`);
const jiraSelected = new RegExp(`[?&]selectedIssue=(${jiraKey})(?=$|[&#])`);
const jiraProject = new RegExp(
  `^/(?:jira/(?:software|servicedesk|core|business)/)?(?:c/)?projects/([A-Za-z][A-Za-z0-9_]+)/(?:[^?#]*/)?(${jiraKey})${end}`,
);
const jiraPortal = new RegExp(`^/servicedesk/customer/portal/\\d+/(${jiraKey})${end}`);

function jira(here: string, query: string, sites: UrlSites): UrlFind | undefined {
  for (const site of sites.jira) {
    const path = under(here, site.base);
    if (path === undefined) continue;
    const project = jiraProject.exec(path);
    const key =
      jiraBrowse.exec(path)?.[1] ??
      jiraSelected.exec(query)?.[1] ??
      jiraPortal.exec(path)?.[1] ??
      (project?.[2]?.toUpperCase().startsWith(`${project[1]?.toUpperCase()}-`) ? project[2] : undefined);
    if (!key) continue;
    return { ref: { system: 'jira', ...(site.host ? { host: site.host } : {}), key: key.toUpperCase() } };
  }
  return undefined;
}

const servicenowHost = /^[a-z0-9-]+\.service-now\.com$/;
/**
 * The number condition of an encoded query (`sysparm_query=active=true^number=INC…`). The query runs to `&` or
 * `#` and is searched once; a single pattern that skipped ahead to each `^` from every `sysparm_query=` scanned
 * the rest of the URL again from each of them.
 */
const snQuery = /[?&]sysparm_query=([^&#]*)/g;
const snNumberCondition = /(?:^|\^|\?sysparm_query=)number=([A-Za-z]{2,10}\d{4,12})(?=$|\^)/;
const snClassic = /(?:^|[/=])([a-z][a-z0-9_]*)\.do\?(?:[^#?]*&)?sys_id=([0-9a-f]{32})(?=$|[&#^])/i;
// `/now/sow/record/…`, `/now/workspace/agent/record/…`: a few segments, bounded so that a path of many `/now/`
// is not scanned to its end from each of them.
const snWorkspace = /\/now\/(?:[\w-]+\/){0,4}record\/([a-z][a-z0-9_]*)\/([0-9a-f]{32})(?=$|[/?#])/i;
const snPortalTable = /[?&]table=([a-z][a-z0-9_]*)(?=$|[&#])/i;
const snPortalId = /[?&]sys_id=([0-9a-f]{32})(?=$|[&#])/i;

/** `nav_to.do?uri=incident.do%3Fsys_id%3D…` and the Next Experience's `…/params/target/…` hold encoded URLs. */
function decoded(url: string): string {
  let text = url;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(text);
      if (next === text) break;
      text = next;
    } catch {
      break;
    }
  }
  return text;
}

function servicenow(host: string, path: string, query: string, sites: UrlSites): UrlFind | undefined {
  const here = `${host}${path}`;
  // Without a list of connections, any *.service-now.com instance counts, as the first connection.
  const site: { host?: string } | undefined = sites.servicenow
    ? sites.servicenow.find((s) => under(here, s.base) !== undefined)
    : servicenowHost.test(host)
      ? {}
      : undefined;
  if (!site) return undefined;
  const tag = site.host ? { host: site.host } : {};
  const text = decoded(`${path}${query}`);
  const number = numberInQuery(text);
  if (number) return { ref: { system: 'servicenow', ...tag, number: number.toUpperCase() } };
  const record = snClassic.exec(text) ?? snWorkspace.exec(text);
  const table = record?.[1] ?? snPortalTable.exec(text)?.[1];
  const sysId = record?.[2] ?? snPortalId.exec(text)?.[1];
  if (!table || !sysId) return undefined;
  return { record: { system: 'servicenow', ...tag, table: table.toLowerCase(), sysId: sysId.toLowerCase() } };
}

function numberInQuery(text: string): string | undefined {
  for (const query of text.matchAll(snQuery)) {
    const number = snNumberCondition.exec(query[1] ?? '')?.[1];
    if (number) return number;
  }
  return undefined;
}
