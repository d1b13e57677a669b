import { type ExtractOptions, extractRefs, fieldTextForRefs } from '../../core/extract';
import type { Item, Link } from '../../core/model';
import { SourceFailure } from '../../providers/errors';
import type { HttpClient } from '../../providers/http';
import { skippedIn } from '../../providers/items';
import type { LookupContext } from '../../providers/provider';
import { systems } from '../index';
import { jiraFromUrlsOnly } from './grammar';
import { type RemoteLink, remoteLinksSchema } from './schemas';

/**
 * Which reference a Jira remote link points at. GitHub PR and Zendesk ticket URLs carry their reference; a
 * ServiceNow record URL (`…/nav_to.do?uri=incident.do?sys_id=…`, `…/incident.do?sys_id=…`) carries only a
 * sys_id (`SystemBackend.idOnlyUrl`), so its number is read from the link's title or summary (the ServiceNow
 * integration puts it there, see the replica's story and reference/jira/remote-links.json for the shape). Links
 * to anything else are dropped.
 */

export function remoteLinkRefs(link: RemoteLink, extract: ExtractOptions): string[] {
  const url = fieldTextForRefs(link.object.url);
  // Jira keys in a URL belong to whatever site the URL names, not to this connection: only the URLs of connected
  // Jira instances count.
  const fromUrl = jiraFromUrlsOnly(extract);
  const inUrl = extractRefs(url, fromUrl).map((f) => f.canonical);
  if (inUrl.length > 0) return [...new Set(inUrl)];
  const owner = systems().find(({ backend }) => backend.idOnlyUrl?.test(url))?.grammar.id;
  if (!owner) return [];
  const text = fieldTextForRefs(`${link.object.title ?? ''}\n${link.object.summary ?? ''}`);
  const numbers = extractRefs(text, fromUrl).filter((f) => f.ref.system === owner);
  return [...new Set(numbers.map((f) => f.canonical))].slice(0, 1);
}

export function remoteLinksOf(from: string, links: readonly RemoteLink[], extract: ExtractOptions): Link[] {
  return links.flatMap((link) =>
    remoteLinkRefs(link, extract).map((to) => ({
      from,
      to,
      via: 'remote-link' as const,
      detail: link.relationship ?? link.application?.name ?? 'remote link',
    })),
  );
}

/** `GET /rest/api/{3|2}/issue/{key}/remotelink`. */
function getRemoteLinks(http: HttpClient, version: '2' | '3', key: string, context: LookupContext) {
  const path = `/rest/api/${version}/issue/${encodeURIComponent(key)}/remotelink`;
  return http.get(path, remoteLinksSchema, context.signal ? { signal: context.signal } : {});
}

/** Remote-link reads begun before their issues are fetched, by upper-case key (`LookupContext.followedRefs`). */
export type RemoteLinkReads = ReadonlyMap<string, Promise<RemoteLink[]>>;

/**
 * Starts reading the remote links of issues whose links are followed whatever they turn out to be (the page's
 * subject), beside the search that fetches them. `readRemoteLinks` takes up the reads of the issues that exist;
 * the others are let go (a key that does not exist answers 404, which is no failure).
 */
export function startRemoteLinkReads(
  http: HttpClient,
  version: '2' | '3',
  keys: readonly string[],
  context: LookupContext,
): RemoteLinkReads {
  const reads = new Map<string, Promise<RemoteLink[]>>();
  for (const key of keys) {
    const read = getRemoteLinks(http, version, key, context);
    read.catch(() => undefined); // heard in readRemoteLinks, or never wanted
    reads.set(key.toUpperCase(), read);
  }
  return reads;
}

/**
 * `GET /rest/api/{3|2}/issue/{key}/remotelink` for each item (no batch endpoint exists), in parallel; an item
 * whose read already started (`started`) waits for that one.
 */
export async function readRemoteLinks(
  http: HttpClient,
  version: '2' | '3',
  items: readonly Item[],
  context: LookupContext,
  started: RemoteLinkReads = new Map(),
): Promise<{ links: Link[]; notes: string[] }> {
  const read = items.map(async (item) => {
    try {
      const remote = await (started.get(item.key.toUpperCase()) ??
        getRemoteLinks(http, version, item.key, context));
      const notes = skippedIn(remote).map((note) => `${item.key}: ${note}`);
      return { links: remoteLinksOf(item.ref, remote, context.extract), notes };
    } catch (error) {
      // One issue's links being hidden or gone does not hide the batch.
      if (error instanceof SourceFailure && (error.kind === 'not-found' || error.kind === 'forbidden'))
        return { links: [], notes: [] };
      throw error;
    }
  });
  const all = await Promise.all(read);
  return { links: all.flatMap((r) => r.links), notes: all.flatMap((r) => r.notes) };
}
