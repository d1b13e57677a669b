import type { ExtractOptions } from './extract-options';
import { type System, type UrlFind, urlReaders } from './systems';

export type { UrlFind } from './systems';

/**
 * URLs that name an item: a URL is a reference only when it is the address of an item on a site Liaison knows
 * (github.com and configured Enterprise hosts, the connected Jira and ServiceNow instances, Zendesk). The whole
 * URL is the reference's text, so a linkifier replaces all of it. Each system's grammar reads its own URLs
 * (src/systems/<id>/grammar.ts); what they read today:
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
  system: System;
  /** Host tag of the connection (undefined for the first), as in references. */
  host?: string;
  table: string;
  sysId: string;
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

export function findInUrl(url: string, options: ExtractOptions): UrlFind | undefined {
  const parts = urlParts.exec(url);
  if (!parts) return undefined;
  const where = { host: (parts[1] ?? '').toLowerCase(), path: parts[2] ?? '', query: parts[3] ?? '' };
  for (const reader of urlReaders()) {
    const found = reader.find(where, options);
    if (found) return found;
  }
  return undefined;
}

/** The path under a connection's base URL (`siteBase`), or undefined when `here` (host + path) is not under it. */
export function pathUnder(here: string, base: string): string | undefined {
  if (!here.toLowerCase().startsWith(base)) return undefined;
  const rest = here.slice(base.length);
  return rest === '' || rest.startsWith('/') ? rest : undefined;
}

/** A connection whose item URLs count: its base without scheme, lower-cased, and the host tag its refs carry. */
export interface UrlSite {
  host?: string;
  base: string;
}

export const urlSite = (host: string | undefined, baseUrl: string): UrlSite => ({
  ...(host ? { host: host.toLowerCase() } : {}),
  base: siteBase(baseUrl),
});
