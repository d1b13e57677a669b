import { z } from 'zod';
import { bugChain, bugChains, dateText } from './chain';
import { connectedItems } from './graph';
import {
  customerKinds,
  type Item,
  itemKindSchema,
  type Link,
  type PullRelease,
  type StatusCategory,
  statusCategorySchema,
} from './model';
import { isWorkItem } from './systems';

/**
 * Watching (DESIGN.md contract 6), the pure part: what a watched item looks like at one check (its snapshot), and
 * what changed between two checks (its transitions). Watching a ticket watches its chain: the snapshot holds the
 * ticket, the bugs it links, their pull requests and where those were released, and the customer tickets linked.
 *
 * A snapshot is built from a resolved context (items, links, releases) and depends on nothing but their content:
 * not on the order items arrived in, nor on how the lookups were batched. Transitions compare two snapshots.
 */

const releasedSchema = z.object({ name: z.string().max(256), date: z.string().max(64).optional() });

export const entitySnapSchema = z.object({
  key: z.string().max(512),
  kind: itemKindSchema,
  status: z.object({ name: z.string().max(256), category: statusCategorySchema }),
  /** Pull requests: merged or not. */
  merged: z.boolean().optional(),
  /** Where it shipped: the GitHub releases holding a pull request, a Jira issue's released fix versions. By name. */
  released: z.array(releasedSchema).max(50),
});
export type EntitySnap = z.infer<typeof entitySnapSchema>;

export const watchSnapshotSchema = z.object({
  /** The watched item and its chain, by canonical reference. */
  entities: z.record(z.string().max(512), entitySnapSchema),
  /** Customer tickets linked to the chain (sorted), the watched one excepted. */
  tickets: z.array(z.string().max(512)).max(500),
  /** The sentence for the customer (core/chain.ts), when the chain has a bug or a pull request. */
  sentence: z.string().max(1000).optional(),
});
export type WatchSnapshot = z.infer<typeof watchSnapshotSchema>;

export const transitionKindSchema = z.enum(['status', 'reopened', 'merged', 'closed', 'released', 'ticket']);
export type TransitionKind = z.infer<typeof transitionKindSchema>;

export const transitionSchema = z.object({
  /** Stable for one change of one entity: what keeps a change from being told twice. */
  id: z.string().max(1200),
  kind: transitionKindSchema,
  /** The entity that changed (the watched item or one of its chain), or the new ticket. */
  ref: z.string().max(512),
  /** One sentence for people: "acme/shop-api#42 was merged." */
  text: z.string().max(1000),
  /** Released: the version. */
  version: z.string().max(256).optional(),
});
export type Transition = z.infer<typeof transitionSchema>;

export interface WatchContext {
  items: readonly Item[];
  links: readonly Link[];
  releases: readonly PullRelease[];
}

const closedCategory = (c: StatusCategory) => c === 'done' || c === 'cancelled';
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byRef = (a: Item, b: Item) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

function releasedOf(item: Item, releases: readonly PullRelease[]): EntitySnap['released'] {
  const found =
    item.kind === 'pull'
      ? releases
          .filter((r) => r.pull === item.ref)
          .map((r) => ({
            name: r.release.name || r.release.tag,
            ...(r.release.publishedAt ? { date: r.release.publishedAt } : {}),
          }))
      : (item.fixVersions ?? [])
          .filter((v) => v.released)
          .map((v) => ({ name: v.name, ...(v.releaseDate ? { date: v.releaseDate } : {}) }));
  const unique = new Map(found.map((r) => [r.name, r]));
  return [...unique.values()].sort(byName).slice(0, 50);
}

function entityOf(item: Item, releases: readonly PullRelease[]): EntitySnap {
  return {
    key: item.key,
    kind: item.kind,
    status: { name: item.status.name, category: item.status.category },
    ...(item.kind === 'pull' ? { merged: item.pull?.merged === true } : {}),
    released: releasedOf(item, releases),
  };
}

/** The snapshot of a watched reference in a context, or undefined when the context does not hold the item. */
export function snapshotOf(ref: string, context: WatchContext): WatchSnapshot | undefined {
  const { items, links, releases } = context;
  const watched = items.find((i) => i.ref === ref);
  if (!watched) return undefined;
  const connected = connectedItems(ref, items, links);
  const bugs = isWorkItem(watched) ? [watched] : connected.filter(isWorkItem);
  const pullsOf = (of: Item) => connectedItems(of.ref, items, links).filter((i) => i.kind === 'pull');
  const chain = new Map<string, Item>([[watched.ref, watched]]);
  for (const bug of bugs) chain.set(bug.ref, bug);
  for (const owner of [watched, ...bugs]) for (const pull of pullsOf(owner)) chain.set(pull.ref, pull);
  const entities: Record<string, EntitySnap> = {};
  for (const item of [...chain.values()].sort(byRef)) entities[item.ref] = entityOf(item, releases);
  const tickets = [
    ...new Set(connected.filter((i) => customerKinds.has(i.kind) && i.ref !== ref).map((i) => i.ref)),
  ].sort();
  const sentence = sentenceOf(watched, context);
  return { entities, tickets, ...(sentence ? { sentence } : {}) };
}

/** The customer sentence of the watched item's chain: its own (a bug), its first bug's (a ticket), its pull's. */
function sentenceOf(watched: Item, context: WatchContext): string | undefined {
  const { items, links, releases } = context;
  if (isWorkItem(watched)) {
    const pulls = connectedItems(watched.ref, items, links).filter((i) => i.kind === 'pull');
    return bugChain(watched, pulls, releases).sentence;
  }
  if (watched.kind === 'pull') {
    const release = releases.find((r) => r.pull === watched.ref)?.release;
    if (release) {
      const date = dateText(release.publishedAt);
      return `The fix was released in ${release.name || release.tag}${date ? ` on ${date}` : ''}.`;
    }
    if (watched.pull?.merged) return 'The fix is done and will ship in the next release.';
    if (watched.status.category === 'cancelled') return undefined;
    return 'A fix has been written and is being reviewed.';
  }
  // A ticket: the chains of its bugs, in reference order so the sentence does not depend on arrival order.
  const chains = bugChains(watched.ref, items, links, releases).sort((a, b) => byRef(a.bug, b.bug));
  return chains[0]?.sentence;
}

/** What changed between two snapshots of one watched item; nothing for equal snapshots. Sorted by id. */
export function transitionsBetween(before: WatchSnapshot, after: WatchSnapshot): Transition[] {
  const found: Transition[] = [];
  for (const [ref, now] of Object.entries(after.entities)) {
    const was = before.entities[ref];
    if (!was) continue; // newly in the chain: its state is the baseline from now on
    const status = statusTransition(ref, was, now);
    if (status) found.push(status);
    const known = new Set(was.released.map((r) => r.name));
    for (const release of now.released) {
      if (known.has(release.name)) continue;
      const date = dateText(release.date);
      found.push({
        id: `released:${ref}:${release.name}`,
        kind: 'released',
        ref,
        version: release.name,
        text: `${now.key} was released in ${release.name}${date ? ` on ${date}` : ''}.`,
      });
    }
  }
  const knownTickets = new Set(before.tickets);
  for (const ticket of after.tickets) {
    if (knownTickets.has(ticket)) continue;
    found.push({
      id: `ticket:${ticket}`,
      kind: 'ticket',
      ref: ticket,
      text: `New linked ticket: ${ticket}.`,
    });
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** At most one transition per entity's state: merged, closed unmerged, reopened, or a new status category. */
function statusTransition(ref: string, was: EntitySnap, now: EntitySnap): Transition | undefined {
  const from = was.status.category;
  const to = now.status.category;
  const make = (kind: TransitionKind, text: string): Transition => ({
    id: `${kind}:${ref}:${from}>${to}:${was.merged === true}>${now.merged === true}`,
    kind,
    ref,
    text,
  });
  if (now.kind === 'pull' && now.merged && !was.merged) return make('merged', `${now.key} was merged.`);
  if (from === to) return undefined;
  if (now.kind === 'pull' && to === 'cancelled' && !now.merged)
    return make('closed', `${now.key} was closed without being merged.`);
  if (closedCategory(from) && !closedCategory(to))
    return make('reopened', `${now.key} was reopened (${now.status.name}).`);
  return make('status', `${now.key} moved to ${now.status.name}.`);
}
