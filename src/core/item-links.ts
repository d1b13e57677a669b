import type { Item, PullRelease } from './model';
import { parseRef, type Ref } from './refs';
import { apiRoot, type Connection, hostOf } from './settings';

/**
 * Links built from server data lead where that connection lives (issue 10): an item's `url` comes from the server
 * (GitHub sends it; a compromised or hostile server could send `javascript:…`, `data:…` or another site), so an
 * item is shown with its own url only when it is http(s) on one of its connection's hosts, and otherwise with the
 * address its reference gives on that connection.
 */

/** The URL when it is http(s), else undefined: nothing else is ever a link. */
export function webUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Where a connection's items may link: its site, its API host, and for Zendesk `<subdomain>.zendesk.com`. */
export function connectionHosts(connection: Connection): Set<string> {
  const hosts = new Set([hostOf(connection), new URL(apiRoot(connection)).host]);
  if (connection.system === 'zendesk') hosts.add(`${hostOf(connection).split('.')[0]}.zendesk.com`);
  return new Set([...hosts].map((h) => h.toLowerCase()));
}

/** Is this an http(s) address on one of the connection's hosts? */
export function onConnection(url: string, connection: Connection): boolean {
  const parsed = webUrl(url);
  return parsed !== undefined && connectionHosts(connection).has(parsed.host.toLowerCase());
}

/** The item as it may be shown: its url if it is on its connection, else the one its reference gives (or none). */
export function withSafeUrl(item: Item, connection: Connection): Item {
  if (onConnection(item.url, connection)) return item;
  const ref = parseRef(item.ref);
  return { ...item, url: (ref && itemUrl(ref, connection.baseUrl)) ?? '' };
}

/** A GitHub release link, kept only on its connection; else its tag's page there. */
export function withSafeReleaseUrl(found: PullRelease, connection: Connection): PullRelease {
  const { release } = found;
  if (onConnection(release.url, connection)) return found;
  const ref = parseRef(found.pull);
  const url =
    ref?.system === 'github'
      ? `${connection.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}/releases/tag/${encodeURIComponent(release.tag)}`
      : '';
  return { ...found, release: { ...release, url } };
}

/**
 * The table each ServiceNow number prefix lives in (the platform's default prefixes): a request `REQ…` is an
 * `sc_request`, its items `RITM…` are `sc_req_item` rows, a catalog task `SCTASK…` an `sc_task`. Other prefixes
 * (a custom table's) go to the global search here and to `task`, which task tables extend, in the provider.
 */
const servicenowTables: Record<string, string> = {
  INC: 'incident',
  PRB: 'problem',
  CHG: 'change_request',
  RITM: 'sc_req_item',
  REQ: 'sc_request',
  SCTASK: 'sc_task',
  PTASK: 'problem_task',
  CTASK: 'change_task',
  TASK: 'task',
  KB: 'kb_knowledge',
};

/** The table of a ServiceNow number whose prefix is a platform default, else undefined. */
export const servicenowTableOf = (number: string): string | undefined =>
  servicenowTables[/^[A-Z]+/.exec(number.toUpperCase())?.[0] ?? ''];

/** The address people open for an item, on its connection. */
export function itemUrl(ref: Ref, baseUrl: string): string | undefined {
  const base = baseUrl.replace(/\/+$/, '');
  const path = (s: string) => encodeURIComponent(s);
  switch (ref.system) {
    case 'github':
      // GitHub answers /issues/N of a pull request with a redirect to /pull/N.
      return ref.sha !== undefined
        ? `${base}/${path(ref.owner)}/${path(ref.repo)}/commit/${ref.sha}`
        : `${base}/${path(ref.owner)}/${path(ref.repo)}/issues/${ref.number}`;
    case 'jira':
      return `${base}/browse/${path(ref.key)}`;
    case 'servicenow': {
      const table = servicenowTableOf(ref.number);
      return table
        ? `${base}/${table}.do?sysparm_query=number%3D${path(ref.number)}`
        : `${base}/text_search_exact_match.do?sysparm_search=${path(ref.number)}`;
    }
    case 'zendesk':
      return `https://${ref.subdomain}.zendesk.com/agent/tickets/${ref.id}`;
  }
}
