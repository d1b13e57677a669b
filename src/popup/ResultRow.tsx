import type { Item } from '../core/model';
import { systemName } from '../core/systems';
import { WatchButton } from '../ui/WatchButton';

/**
 * One option of the popup's listbox: key, title, state and priority chips. Search results carry `data-ref`,
 * recent items `data-recent-ref` (DESIGN.md contract 5). Text only: titles come from other people.
 */

export interface RowProps {
  item: Item;
  id: string;
  selected: boolean;
  recent?: { meta: string };
  onOpen(item: Item, newTab: boolean): void;
}

const stateClass: Record<Item['status']['category'], string> = {
  todo: 'todo',
  in_progress: 'progress',
  done: 'done',
  cancelled: 'cancelled',
};

export function ResultRow({ item, id, selected, recent, onOpen }: RowProps) {
  const refAttr = recent ? { 'data-recent-ref': item.ref } : { 'data-ref': item.ref };
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: keys are the search box's (aria-activedescendant, keyboard.ts).
    <div
      role="option"
      id={id}
      class="row"
      aria-selected={selected}
      // Focusable only by script; a click keeps the focus in the search box, so typing goes on.
      tabIndex={-1}
      onMouseDown={(e) => e.preventDefault()}
      {...refAttr}
      onClick={(e) => onOpen(item, e.ctrlKey || e.metaKey)}
      onAuxClick={(e) => {
        if (e.button === 1) onOpen(item, true);
      }}
    >
      <div class="line">
        <span class="key">{item.key}</span>
        <span class="title" title={item.title}>
          {item.title}
        </span>
      </div>
      <div class="line chips">
        {recent && <span class="system">{systemName(item.system)}</span>}
        <span class={`chip state ${stateClass[item.status.category]}`}>{item.status.name}</span>
        {item.priority && <span class={`chip p${item.priority.rank}`}>{item.priority.name}</span>}
        {item.organization && <span class="meta">{item.organization}</span>}
        {recent && <span class="meta">{recent.meta}</span>}
        <WatchButton itemRef={item.ref} label={item.key} inOption />
      </div>
    </div>
  );
}
