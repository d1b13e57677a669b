import { customerKinds } from './kinds';
import type { Item, Link } from './model';

/**
 * Which items belong to a page's context. Links run both ways, but customer tickets are leaves: an incident that
 * mentions our bug and some other bug does not pull the other bug's incidents onto this page.
 */
export function isExpandable(item: Item | undefined, subject: string): boolean {
  if (!item) return true; // not fetched yet: decided once we know what it is
  return item.ref === subject || !customerKinds.has(item.kind);
}

/** Items reachable from the subject through the links, never passing through a customer ticket. */
export function connectedItems(subject: string, items: readonly Item[], links: readonly Link[]): Item[] {
  const byRef = new Map(items.map((i) => [i.ref, i]));
  const neighbours = new Map<string, Set<string>>();
  const connect = (a: string, b: string) => {
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    neighbours.get(a)?.add(b);
  };
  for (const l of links) {
    connect(l.from, l.to);
    connect(l.to, l.from);
  }
  const seen = new Set([subject]);
  const queue = [subject];
  while (queue.length > 0) {
    const ref = queue.shift() as string;
    if (!isExpandable(byRef.get(ref), subject)) continue;
    for (const next of neighbours.get(ref) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  seen.delete(subject);
  return [...seen].flatMap((ref) => byRef.get(ref) ?? []);
}

/** How an item was linked into the context, for the "found via" hint. */
export function linksTo(ref: string, links: readonly Link[]): Link[] {
  return links.filter((l) => l.from === ref || l.to === ref);
}

/** Sort for lists of tickets: most urgent first, then oldest first. */
export function byPriorityThenAge(a: Item, b: Item): number {
  const pa = a.priority?.rank ?? 9;
  const pb = b.priority?.rank ?? 9;
  if (pa !== pb) return pa - pb;
  // ISO 8601 timestamps sort as plain strings; localeCompare would build a collator (slow on first use).
  const ca = a.createdAt ?? '9999';
  const cb = b.createdAt ?? '9999';
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}
