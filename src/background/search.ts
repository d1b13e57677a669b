import type { ExtractOptions } from '../core/extract';
import type { Item, SourceError } from '../core/model';
import { formatRef, type Ref } from '../core/refs';
import { hostOf } from '../core/settings';
import { systemName } from '../core/systems';
import type { SearchReply, SearchSource } from '../messaging/search';
import { failureFor, SourceFailure } from '../providers/errors';
import type { Provider } from '../providers/provider';
import { planSearch } from './search-plan';

/**
 * Quick search in the background: reads the text with the reference grammar (search-plan.ts), then asks every
 * source at once, each through the provider's own batching (`fetchItems` for references) or text search
 * (`search`), and yields each source's answer as it arrives. A source that fails (or takes longer than
 * `deadlineMs`) becomes that source's error, as data; the others still answer. Aborting `signal` (a newer
 * search, the popup closing) aborts every request in flight and ends the generator quietly.
 */

export interface SearchInput {
  queryId: number;
  text: string;
  limit: number;
  near?: string | undefined;
}

export interface SearchDeps {
  providers: readonly Provider[];
  extract: ExtractOptions;
  signal: AbortSignal;
  /** Per source; past it the source answers `timeout`. Default 12 s. */
  deadlineMs?: number;
}

export function searchSources(providers: readonly Provider[]): SearchSource[] {
  return providers.map((p) => {
    const twice = providers.filter((o) => o.system === p.system).length > 1;
    const host = hostOf(p.connection);
    const name = p.connection.label ?? systemName(p.system);
    return {
      system: p.system,
      connectionId: p.connection.id,
      host,
      label: twice && !p.connection.label ? `${name} (${host})` : name,
    };
  });
}

function asSourceError(provider: Provider, error: unknown): SourceError {
  if (error instanceof SourceFailure) return error.toSourceError();
  const host = hostOf(provider.connection);
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return failureFor(provider.system, host, 'timeout').toSourceError();
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'unknown', message: `${systemName(provider.system)} (${host}) failed: ${detail}` };
}

type Ask = (provider: Provider, signal: AbortSignal) => Promise<Item[]>;

export async function* runSearch(input: SearchInput, deps: SearchDeps): AsyncGenerator<SearchReply> {
  const { queryId, limit } = input;
  const { providers, extract, signal } = deps;
  const plan = planSearch(input.text, { extract, near: input.near });
  let asked: Provider[] = [];
  let ask: Ask = async () => [];
  let mode: 'refs' | 'text' = 'text';
  let refs: Ref[] = [];
  if (plan.mode === 'refs') {
    refs = plan.refs;
    asked = providers.filter((p) => refs.some((r) => p.owns(r)));
    mode = 'refs';
    ask = async (p, s) => {
      const own = refs.filter((r) => p.owns(r));
      const wanted = new Set(own.map(formatRef));
      const found = await p.fetchItems(own, { extract, signal: s });
      return found.items.filter((i) => wanted.has(i.ref));
    };
  }
  // References no connected system owns are words after all (`acme/web#7` with no GitHub connected).
  if (asked.length === 0 && plan.mode === 'refs') refs = [];
  if (asked.length === 0) {
    const text = input.text.trim();
    mode = 'text';
    asked = text ? providers.filter((p) => p.search) : [];
    ask = async (p, s) => (await p.search?.(text, { limit, signal: s })) ?? [];
  }
  const sources = searchSources(providers).filter((s) =>
    asked.some((p) => p.connection.id === s.connectionId),
  );
  yield { type: 'plan', queryId, mode, refs: refs.map(formatRef), sources };

  const pending = new Map<number, Promise<{ index: number; reply: SearchReply }>>();
  asked.forEach((provider, index) => {
    const started = Date.now();
    const own = AbortSignal.any([signal, AbortSignal.timeout(deps.deadlineMs ?? 12_000)]);
    const { id: connectionId } = provider.connection;
    const answer = ask(provider, own).then(
      (items): SearchReply => ({
        type: 'found',
        queryId,
        connectionId,
        items: items.slice(0, limit),
        ms: Date.now() - started,
      }),
      (error): SearchReply => ({
        type: 'failed',
        queryId,
        connectionId,
        system: provider.system,
        error: asSourceError(provider, own.aborted ? own.reason : error),
        ms: Date.now() - started,
      }),
    );
    pending.set(
      index,
      answer.then((reply) => ({ index, reply })),
    );
  });
  while (pending.size > 0) {
    const { index, reply } = await Promise.race(pending.values());
    pending.delete(index);
    if (signal.aborted) return;
    yield reply;
  }
  if (!signal.aborted) yield { type: 'done', queryId };
}
