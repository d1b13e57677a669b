import { useEffect, useRef, useState } from 'preact/hooks';
import type { Item } from '../../core/model';
import { systemName } from '../../core/systems';
import type { WriteClient } from './controls';
import { type PickerState, SEARCH_DEBOUNCE_MS, searchText } from './model';

/**
 * link-bug's picker (DESIGN.md contract 7): an `input[type=search]`, asked ~250 ms after the last keystroke once it
 * holds two characters; each result is a button carrying `data-ref`, chosen by the user's own click or Enter.
 * Arrow keys move between the box and the results.
 */
export function BugPicker({
  client,
  labelId,
  onChoose,
}: {
  client: WriteClient;
  /** The preview's heading, which names the box. */
  labelId: string;
  onChoose(item: Item): void;
}) {
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<PickerState>({ state: 'idle' });
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    input.current?.focus();
    return () => {
      clearTimeout(timer.current);
      // An answer arriving after the picker closed is nobody's.
      asked.current += 1;
    };
  }, []);

  const onInput = (value: string) => {
    setTyped(value);
    clearTimeout(timer.current);
    const text = searchText(value);
    const n = ++asked.current;
    if (!text) {
      setFound({ state: 'idle' });
      return;
    }
    timer.current = setTimeout(() => {
      setFound({ state: 'loading' });
      void client.search(text).then((reply) => {
        if (n !== asked.current) return;
        setFound(
          reply.ok
            ? { state: 'results', items: reply.items, errors: reply.errors }
            : { state: 'error', error: reply.error },
        );
      });
    }, SEARCH_DEBOUNCE_MS);
  };

  const results = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('button[data-ref]') ?? [])];
  const move = (event: KeyboardEvent, from: number) => {
    const all = results();
    const to = event.key === 'ArrowDown' ? from + 1 : event.key === 'ArrowUp' ? from - 1 : undefined;
    if (to === undefined || all.length === 0) return;
    event.preventDefault();
    if (to < 0) input.current?.focus();
    else all[Math.min(to, all.length - 1)]?.focus();
  };

  return (
    <div class="picker">
      <input
        ref={input}
        type="search"
        class="picker-box"
        value={typed}
        placeholder="Key or words from the title, e.g. SHOP-101"
        aria-labelledby={labelId}
        aria-describedby={`${labelId}-status`}
        autocomplete="off"
        spellcheck={false}
        maxLength={200}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => move(e, -1)}
      />
      <p class="meta" id={`${labelId}-status`} role="status">
        {found.state === 'idle' && 'Type at least 2 characters of a key or a title.'}
        {found.state === 'loading' && 'Searching…'}
        {found.state === 'results' &&
          (found.items.length === 0
            ? `Nothing matches “${typed.trim()}”.`
            : `${found.items.length} match${found.items.length === 1 ? '' : 'es'}: choose the bug.`)}
      </p>
      {found.state === 'error' && (
        <p class="error" role="alert">
          {found.error}
        </p>
      )}
      {found.state === 'results' && found.errors.length > 0 && (
        <ul class="notes">
          {found.errors.map((error) => (
            <li key={error} class="note">
              {error}
            </li>
          ))}
        </ul>
      )}
      {found.state === 'results' && found.items.length > 0 && (
        <ul class="results" ref={list} aria-label="Matching bugs">
          {found.items.map((item, index) => (
            <li key={item.ref}>
              <button
                type="button"
                class="result"
                data-ref={item.ref}
                onClick={(e) => client.trusted(e) && onChoose(item)}
                onKeyDown={(e) => move(e, index)}
              >
                <span class="key">{item.key}</span> <span class="title">{item.title}</span>{' '}
                <span class={`chip ${item.status.category === 'done' ? 'done' : ''}`}>
                  {item.status.name}
                </span>{' '}
                <span class="meta">{systemName(item.system)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
