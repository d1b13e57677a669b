import type { Item } from './model';
import { parseRef, type Ref } from './refs';
import { apiRoot, type Connection, hostOf } from './settings';
import { grammarOf } from './systems';
import { webUrl } from './web-url';

export { webUrl } from './web-url';

/**
 * Links built from server data lead where that connection lives (issue 10): an item's `url` comes from the server
 * (GitHub sends it; a compromised or hostile server could send `javascript:…`, `data:…` or another site), so an
 * item is shown with its own url only when it is http(s) on one of its connection's hosts, and otherwise with the
 * address its reference gives on that connection.
 */

/** Where a connection's items may link: its site, its API host, and what its system adds (Zendesk's subdomain). */
export function connectionHosts(connection: Connection): Set<string> {
  const host = hostOf(connection);
  const extra = grammarOf(connection.system)?.extraItemHosts?.(host) ?? [];
  return new Set([host, new URL(apiRoot(connection)).host, ...extra].map((h) => h.toLowerCase()));
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

/** The address people open for an item, on its connection. */
export function itemUrl(ref: Ref, baseUrl: string): string | undefined {
  return grammarOf(ref.system)?.itemUrl(ref, baseUrl);
}
