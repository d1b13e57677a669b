import { bugChain } from '../core/chain';
import { connectedItems } from '../core/graph';
import { formatRef, parseRef, systemOfRef } from '../core/refs';
import { grammarOf, isWorkItem } from '../core/systems';
import type { Preview } from '../messaging/protocol';
import { SourceFailure } from '../providers/errors';
import { type CacheRun, withCache } from './cached-provider';
import { extractOptionsFor } from './config';
import { configuredCache } from './contexts';
import { jiraProjectKeys } from './discovery';
import { resolveContext } from './resolver';

/**
 * What a hovercard shows for a reference: the item from the entity cache (fetched when missing or stale), and for a
 * bug (a Jira issue or a GitHub issue) the sentence of its bug-status chain: its own pull requests (the ones it
 * links and the ones that mention it, one hop) and the release that shipped the merged one.
 */
export async function previewOf(text: string): Promise<Preview> {
  const parsed = parseRef(text);
  if (!parsed) throw new Error(`Not a reference: ${text}`);
  const ref = formatRef(parsed);
  const { config, cache } = await configuredCache();
  const run: CacheRun = { refresh: false, revalidations: [] };
  const providers = config.providers.map((p) => withCache(p, cache, run));
  const provider = providers.find((p) => p.owns(parsed));
  if (!provider) throw new Error(`No connection answers for ${ref}.`);
  const extract = extractOptionsFor(config, await jiraProjectKeys(config));
  const found = await provider.fetchItems([parsed], { extract });
  const item = found.items.find((i) => i.ref === ref);
  if (!item) throw new Error(`${ref} was not found, or these credentials cannot see it.`);
  if (!isWorkItem(item)) return { item };
  const holdsCode = (to: string) => grammarOf(systemOfRef(to) ?? '')?.holdsCode === true;
  const pulls = found.links.filter((l) => l.from === ref && holdsCode(l.to)).map((l) => l.to);
  const page = { url: '', site: 'github' as const, subject: ref, texts: [], refs: pulls };
  const context = await resolveContext({ page, providers, extract, maxHops: 1 });
  const linked = connectedItems(ref, context.items, context.links).filter((i) => i.kind === 'pull');
  return { item, chain: bugChain(item, linked, context.releases).sentence };
}

export const previewError = (error: unknown): string =>
  error instanceof SourceFailure ? error.userMessage : error instanceof Error ? error.message : String(error);
