import type { Item, SourceError } from '../core/model';
import type { SearchMode, SearchReply, SearchSource } from '../messaging/search';

/**
 * What the popup knows about the current search, folded from the background's replies (messaging/search.ts).
 * Replies of an older search are ignored; until the new search's plan arrives the previous results stay, marked
 * `pending`, so the list does not flash empty between keystrokes.
 */

export type SourceStatus = 'loading' | 'done' | 'failed';

export interface SourceResult {
  source: SearchSource;
  status: SourceStatus;
  items: Item[];
  error?: SourceError;
  ms?: number;
}

export interface SearchState {
  /** The latest search sent; 0 before the first. */
  queryId: number;
  /** Its text. */
  text: string;
  /** The plan of the latest search has not arrived yet: `results` are the previous search's. */
  pending: boolean;
  mode?: SearchMode;
  refs: string[];
  results: SourceResult[];
  done: boolean;
}

export const idleSearch: SearchState = {
  queryId: 0,
  text: '',
  pending: false,
  refs: [],
  results: [],
  done: false,
};

export const searchStarted = (state: SearchState, queryId: number, text: string): SearchState => ({
  ...state,
  queryId,
  text,
  pending: true,
  done: false,
});

export function searchReduce(state: SearchState, reply: SearchReply): SearchState {
  if (reply.type === 'sources' || reply.queryId !== state.queryId) return state;
  const update = (connectionId: string, change: Partial<SourceResult>) => ({
    ...state,
    results: state.results.map((r) => (r.source.connectionId === connectionId ? { ...r, ...change } : r)),
  });
  switch (reply.type) {
    case 'plan':
      return {
        ...state,
        pending: false,
        mode: reply.mode,
        refs: reply.refs,
        results: reply.sources.map((source) => ({ source, status: 'loading', items: [] })),
        done: reply.sources.length === 0,
      };
    case 'found':
      return update(reply.connectionId, { status: 'done', items: reply.items, ms: reply.ms });
    case 'failed':
      return update(reply.connectionId, { status: 'failed', error: reply.error, ms: reply.ms });
    case 'done':
      return { ...state, done: true };
  }
}

/** Every result in display order: sources in plan order, each source's items in its order. */
export const resultItems = (state: SearchState): Item[] =>
  state.results.flatMap((r) => (r.status === 'done' ? r.items : []));

/** "GitHub, Jira, ServiceNow or Zendesk". */
export function listOf(names: readonly string[], last = 'or'): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}`;
}

/** Every source answered and none found anything. */
export const searchIsEmpty = (state: SearchState): boolean =>
  !state.pending &&
  state.results.length > 0 &&
  state.results.every((r) => r.status !== 'loading') &&
  resultItems(state).length === 0;

/** One sentence for the live region: what is happening, then what was found. */
export function searchAnnouncement(state: SearchState): string {
  if (state.queryId === 0 || state.text === '') return '';
  const loading = state.results.filter((r) => r.status === 'loading').map((r) => r.source.label);
  if (state.pending) return 'Searching…';
  if (state.results.length === 0) return 'No connected system can search for this.';
  const count = resultItems(state).length;
  const failed = state.results.filter((r) => r.status === 'failed').map((r) => r.source.label);
  const parts = [
    loading.length > 0 ? `Searching ${listOf(loading, 'and')}…` : '',
    count > 0 ? `${count} result${count === 1 ? '' : 's'}.` : '',
    searchIsEmpty(state) && failed.length < state.results.length
      ? `No results in ${listOf(state.results.filter((r) => r.status === 'done').map((r) => r.source.label))}.`
      : '',
    failed.length > 0 ? `${listOf(failed, 'and')} failed.` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
