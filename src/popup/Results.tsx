import type { Item } from '../core/model';
import { displayKey, parseRef } from '../core/refs';
import { ResultRow } from './ResultRow';
import { listOf, type SearchState, type SourceResult, searchIsEmpty } from './search-state';

/**
 * Search results, one group per connected source in a fixed order (the plan's), so nothing moves when a slower
 * system answers: each group shows a placeholder row while it loads, then its items, "No results", or its
 * error with the fix. A group's state is in its accessible name, since the listbox holds only options.
 */

export const LISTBOX_ID = 'liaison-options';
export const optionId = (index: number) => `liaison-option-${index}`;

interface ResultsProps {
  state: SearchState;
  /** Every option's ref in display order (ids follow it). */
  refs: readonly string[];
  active: string | undefined;
  onOpen(item: Item, newTab: boolean): void;
}

function groupStatus(result: SourceResult, mode: SearchState['mode']): string {
  if (result.status === 'loading') return 'searching…';
  if (result.status === 'failed') return 'failed';
  const n = result.items.length;
  if (n === 0) return mode === 'refs' ? 'not found' : 'no results';
  return `${n} result${n === 1 ? '' : 's'}`;
}

const names = (refs: readonly string[]) =>
  refs.map((r) => {
    const ref = parseRef(r);
    return ref ? displayKey(ref) : r;
  });

export function Results({ state, refs, active, onOpen }: ResultsProps) {
  const empty = searchIsEmpty(state);
  const answered = state.results.filter((r) => r.status === 'done').map((r) => r.source.label);
  return (
    <div class={`results ${state.pending ? 'pending' : ''}`}>
      {empty && answered.length > 0 && (
        <p class="empty" data-empty="">
          {state.mode === 'refs'
            ? `${listOf(names(state.refs), 'and')} not found in ${listOf(answered)}.`
            : `No results in ${listOf(answered)} for “${state.text}”.`}
        </p>
      )}
      {state.results.length === 0 && !state.pending && (
        <p class="empty">No connected system can search for this.</p>
      )}
      <div role="listbox" id={LISTBOX_ID} aria-label="Search results">
        {state.results.map((result) => {
          const status = groupStatus(result, state.mode);
          const label = `${result.source.label}: ${status}${result.error ? `. ${result.error.message}` : ''}`;
          return (
            // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role group, not fieldset.
            <div
              key={result.source.connectionId}
              role="group"
              aria-label={label}
              class="group"
              data-source={result.source.connectionId}
              data-system={result.source.system}
              data-status={result.status}
            >
              <div class="group-head" aria-hidden="true">
                <span class="group-name">{result.source.label}</span>
                <span class={`group-status ${result.status}`}>{status}</span>
              </div>
              {result.status === 'loading' && <div class="row placeholder" aria-hidden="true" />}
              {result.status === 'failed' && result.error && (
                <p class="source-error" data-source-error={result.source.system} aria-hidden="true">
                  {result.error.message}
                </p>
              )}
              {result.status === 'done' &&
                result.items.map((item) => {
                  const index = refs.indexOf(item.ref);
                  return (
                    <ResultRow
                      key={item.ref}
                      item={item}
                      id={optionId(index)}
                      selected={item.ref === active}
                      onOpen={onOpen}
                    />
                  );
                })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
