import { connectedItems } from '../core/graph';
import { customerKinds, type Item, type Link, type SourceStatus } from '../core/model';
import { parseRef } from '../core/refs';
import { isWorkItem } from '../core/systems';
import { type KnowledgeView, MAX_KNOWLEDGE_ITEMS } from '../messaging/protocol';
import { asSourceFailure } from '../providers/errors';
import {
  type KnowledgeKey,
  type KnowledgeQuery,
  MAX_KNOWLEDGE_KEYS,
  titleWords,
} from '../providers/knowledge';
import type { Provider } from '../providers/provider';
import { systemOf } from '../systems/index';
import { cappedNotes } from './resolver';

/**
 * The knowledge panel's articles (issue 13): once a page's context is resolved, every provider with a knowledge
 * base is asked, in parallel, for published articles that mention the context's references or share its bug's
 * words. A source that fails is that source's error in the knowledge panel only; the others still show.
 */

/** What the context is about, for the knowledge bases: the references people write, and the bug's words. */
export function knowledgeQuery(
  context: { subject: string; items: readonly Item[]; links: readonly Link[] },
  limit = MAX_KNOWLEDGE_KEYS,
): KnowledgeQuery {
  const subjectItem = context.items.find((i) => i.ref === context.subject);
  const connected = connectedItems(context.subject, context.items, context.links);
  const work = connected.filter(isWorkItem);
  const tickets = connected.filter((i) => customerKinds.has(i.kind));
  const keys: KnowledgeKey[] = [];
  const add = (ref: string, key: string) => {
    if (keys.length < limit && key && !keys.some((k) => k.key.toLowerCase() === key.toLowerCase()))
      keys.push({ ref, key });
  };
  // Only keys that mean the same in any text (a Jira key, a ServiceNow number): `#4711` or `acme/web#7` in an
  // article could be anything.
  const keyed = (system: string) => systemOf(system)?.backend.mentions.matchBy === 'key';
  const subjectRef = parseRef(context.subject);
  if (subjectItem && keyed(subjectItem.system)) add(subjectItem.ref, subjectItem.key);
  else if (subjectRef && keyed(subjectRef.system))
    add(context.subject, systemOf(subjectRef.system)?.grammar.displayKey(subjectRef) ?? '');
  for (const item of [...work, ...tickets]) if (keyed(item.system)) add(item.ref, item.key);
  // The bug's words: the page's own when it is the bug (a Jira issue), else the first bug it waits on.
  const titled = (subjectItem && isWorkItem(subjectItem) ? subjectItem : undefined) ?? work[0] ?? subjectItem;
  return { keys, words: titled ? titleWords(titled.title) : [] };
}

/** Asks every provider with a knowledge base; a failure is that source's status. */
export async function findKnowledge(
  query: KnowledgeQuery,
  providers: readonly Provider[],
  signal?: AbortSignal,
): Promise<KnowledgeView> {
  const asked = providers.filter((p) => p.knowledge);
  const answers = await Promise.all(
    asked.map(async (provider) => {
      const source: SourceStatus = {
        system: provider.system,
        connectionId: provider.connection.id,
        host: new URL(provider.connection.baseUrl).host,
      };
      if (query.keys.length === 0 && query.words.length === 0) return { source, items: [], links: [] };
      try {
        const found = (await provider.knowledge?.(query, { signal })) ?? { items: [], links: [] };
        const notes = found.notes?.length ? { notes: cappedNotes(found.notes) } : {};
        return { source: { ...source, ...notes }, items: found.items, links: found.links };
      } catch (error) {
        if (signal?.aborted) throw error;
        const failure = asSourceFailure(error, provider.system, source.host);
        console.warn(failure.message);
        return { source: { ...source, error: failure.toSourceError() }, items: [], links: [] };
      }
    }),
  );
  // Within what the protocol carries, however many knowledge bases are connected (50 connections of 8 articles).
  const seen = new Set<string>();
  const items = answers
    .flatMap((a) => a.items)
    .filter((i) => !seen.has(i.ref) && seen.add(i.ref))
    .slice(0, MAX_KNOWLEDGE_ITEMS);
  const kept = new Set(items.map((i) => i.ref));
  const links = answers
    .flatMap((a) => a.links)
    .filter((l) => kept.has(l.from))
    .slice(0, MAX_KNOWLEDGE_ITEMS * 4);
  return { items, links, sources: answers.map((a) => a.source) };
}
