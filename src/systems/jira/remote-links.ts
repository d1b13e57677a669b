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

/** `GET /rest/api/{3|2}/issue/{key}/remotelink` for each item (no batch endpoint exists), in parallel. */
export async function readRemoteLinks(
  http: HttpClient,
  version: '2' | '3',
  items: readonly Item[],
  context: LookupContext,
): Promise<{ links: Link[]; notes: string[] }> {
  const request = context.signal ? { signal: context.signal } : {};
  const read = items.map(async (item) => {
    try {
      const path = `/rest/api/${version}/issue/${encodeURIComponent(item.key)}/remotelink`;
      const remote = await http.get(path, remoteLinksSchema, request);
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
