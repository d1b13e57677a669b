import type { Item } from '../core/model';
import type { RecentItem } from '../core/recent';
import { ago } from '../ui/state';
import { ResultRow } from './ResultRow';
import { LISTBOX_ID, optionId } from './Results';

/** The last items opened from the popup or visited, newest first; the same listbox as results. */
export function Recent({
  recent,
  active,
  onOpen,
  now = Date.now(),
}: {
  recent: readonly RecentItem[];
  active: string | undefined;
  onOpen(item: Item, newTab: boolean): void;
  now?: number;
}) {
  if (recent.length === 0) {
    return (
      <p class="empty" data-recent-empty="">
        Items you open from here, or whose page you visit, will be listed here.
      </p>
    );
  }
  return (
    <section class="recent" aria-labelledby="liaison-recent-head">
      <h2 id="liaison-recent-head">Recent</h2>
      <div role="listbox" id={LISTBOX_ID} aria-labelledby="liaison-recent-head">
        {recent.map((r, index) => (
          <ResultRow
            key={r.item.ref}
            item={r.item}
            id={optionId(index)}
            selected={r.item.ref === active}
            recent={{ meta: `${r.how} ${ago(r.at, now)}` }}
            onOpen={onOpen}
          />
        ))}
      </div>
    </section>
  );
}
