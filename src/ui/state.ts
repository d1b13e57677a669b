import { byPriorityThenAge, connectedItems } from '../core/graph';
import { customerKinds } from '../core/kinds';
import type { Item, SourceStatus } from '../core/model';
import { systemGrammars } from '../core/systems';
import type { ContextView } from '../messaging/protocol';

/** Service desks first, in the order agents and developers meet them (each grammar's `groupOrder`). */
const groupOrder = (): Item['system'][] =>
  [...systemGrammars()]
    .sort((a, b) => (a.groupOrder ?? Number.MAX_SAFE_INTEGER) - (b.groupOrder ?? Number.MAX_SAFE_INTEGER))
    .map((g) => g.id);

/** DESIGN.md contract 3: the states a panel announces in `data-state`. */
export type PanelState = 'loading' | 'ready' | 'empty' | 'error' | 'unconfigured';

export interface LinkedIncidents {
  state: PanelState;
  /** Tickets grouped by the system they come from, each group sorted by priority then age. */
  groups: { system: Item['system']; items: Item[] }[];
  failed: SourceStatus[];
  answered: SourceStatus[];
}

/**
 * What the linked-incidents panel shows for a view: `ready` once resolution finished with something to show or a
 * source error to report; `empty` when every source answered and nothing is linked; `error` when every source failed.
 */
export function linkedIncidents(view: ContextView | undefined, failure?: string): LinkedIncidents {
  const none = { groups: [], failed: [], answered: [] };
  if (failure) return { state: 'error', ...none };
  if (!view) return { state: 'loading', ...none };
  if (!view.configured) return { state: 'unconfigured', ...none };
  const tickets = connectedItems(view.subject, view.items, view.links).filter((i) =>
    customerKinds.has(i.kind),
  );
  const failed = view.sources.filter((s) => s.error);
  const answered = view.sources.filter((s) => !s.error);
  const systems = groupOrder().filter((system) => tickets.some((t) => t.system === system));
  const groups = systems.map((system) => ({
    system,
    items: tickets.filter((t) => t.system === system).sort(byPriorityThenAge),
  }));
  let state: PanelState = 'ready';
  if (tickets.length === 0 && answered.length === 0) state = 'error';
  else if (tickets.length === 0 && failed.length === 0) state = 'empty';
  return { state, groups, failed, answered };
}

/** "3 minutes ago", for "updated …" and ages. */
export function ago(from: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - from) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'} ago`;
  const h = Math.round(m / 60);
  if (h < 36) return `${h} hour${h === 1 ? '' : 's'} ago`;
  const d = Math.round(h / 24);
  return `${d} day${d === 1 ? '' : 's'} ago`;
}
