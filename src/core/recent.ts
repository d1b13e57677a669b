import { z } from 'zod';
import { type Item, itemSchema } from './model';

/**
 * Recent items: the last few items the user opened from the popup or whose page they visited, newest first.
 * Stored in `browser.storage.local` under RECENT_KEY (never `settings`: contract 2 keeps that for settings),
 * written by the background only, read by the popup. A stored value that fails the schema reads as empty.
 */

export const RECENT_KEY = 'recent';
export const MAX_RECENT = 8;

export const recentItemSchema = z.object({
  item: itemSchema,
  /** When it was last opened or visited (ms). */
  at: z.number(),
  how: z.enum(['opened', 'visited']),
});
export type RecentItem = z.infer<typeof recentItemSchema>;

const recentListSchema = z.array(recentItemSchema);

export function parseRecent(value: unknown): RecentItem[] {
  const parsed = recentListSchema.safeParse(value);
  return parsed.success ? parsed.data.slice(0, MAX_RECENT) : [];
}

/** The list with `item` first (moved up if it was there already), at most MAX_RECENT long. */
export function withRecent(
  list: readonly RecentItem[],
  item: Item,
  how: RecentItem['how'],
  at: number,
): RecentItem[] {
  return [{ item, at, how }, ...list.filter((r) => r.item.ref !== item.ref)].slice(0, MAX_RECENT);
}
