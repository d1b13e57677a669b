import { type Connection, parseSettings, SETTINGS_VERSION } from '../core/settings';

/**
 * Edits of the stored `settings` value (DESIGN.md contract 2) as the options page makes them: each takes the value
 * exactly as stored and returns it with one change, so fields this page does not know (a newer version's, a
 * connection's extras) are kept. Defaults are never written out: a value holding only what the user set stays
 * small and readable.
 */

export type RawSettings = Record<string, unknown>;
type RawConnection = Record<string, unknown>;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stored value as an object; nothing stored (or something unusable) starts an empty configuration. */
export const asRaw = (stored: unknown): RawSettings =>
  isObject(stored) ? stored : { version: SETTINGS_VERSION, connections: [] };

export const rawList = (raw: RawSettings, key: 'connections' | 'pendingConnections'): RawConnection[] => {
  const list = raw[key];
  return Array.isArray(list) ? list.filter(isObject) : [];
};

export const idOf = (c: RawConnection) => (typeof c.id === 'string' ? c.id : undefined);

/**
 * Fields the connection form sets or removes itself: an absent one was cleared on purpose (an emptied API URL,
 * "Allow writing" turned off), so the old value must not come back through the merge.
 */
const FORM_FIELDS = ['apiUrl', 'apiOriginConfirmed', 'write'];

/** Adds a connection or replaces the one with its id (in place), keeping fields of the old one this page did not set. */
export function upsertConnection(raw: RawSettings, connection: Connection): RawSettings {
  const list = rawList(raw, 'connections');
  const index = list.findIndex((c) => idOf(c) === connection.id);
  const old = Object.fromEntries(Object.entries(list[index] ?? {}).filter(([k]) => !FORM_FIELDS.includes(k)));
  const merged = index < 0 ? connection : { ...old, ...connection };
  const connections = index < 0 ? [...list, merged] : list.map((c, i) => (i === index ? merged : c));
  return withoutPending({ ...raw, connections }, connection.id);
}

function withoutPending(raw: RawSettings, id: string): RawSettings {
  if (!('pendingConnections' in raw)) return raw;
  const pending = rawList(raw, 'pendingConnections').filter((c) => idOf(c) !== id);
  const { pendingConnections: _, ...rest } = raw;
  return pending.length > 0 ? { ...rest, pendingConnections: pending } : rest;
}

/** A per-connection map in the settings (`settings.<section>.<field>[connection id]`), e.g. Jira's project keys. */
export interface PerConnectionSetting {
  section: string;
  field: string;
}

/** Removes a connection (saved or pending) and what only it used (its entries in `perConnection` maps). */
export function removeConnection(
  raw: RawSettings,
  id: string,
  perConnection: readonly PerConnectionSetting[] = [],
): RawSettings {
  const connections = rawList(raw, 'connections').filter((c) => idOf(c) !== id);
  let next: RawSettings = withoutPending({ ...raw, connections }, id);
  for (const { section, field } of perConnection) {
    const value = next[section];
    const map = isObject(value) ? value[field] : undefined;
    if (!isObject(value) || !isObject(map) || !(id in map)) continue;
    const { [id]: _, ...rest } = map;
    next = { ...next, [section]: { ...value, [field]: rest } };
  }
  return next;
}

/** Sets fields of one optional section (`cache`, `servicenow`, `zendesk`, `prefixes`, `jira`), keeping its others. */
export function setSection(raw: RawSettings, key: string, patch: Record<string, unknown>): RawSettings {
  const current = isObject(raw[key]) ? raw[key] : {};
  return { ...raw, [key]: { ...current, ...patch } };
}

/** A new connection id that none of the settings uses yet: `jira`, then `jira-2`, … */
export function freshId(raw: RawSettings, base: string): string {
  const taken = new Set(
    [...rawList(raw, 'connections'), ...rawList(raw, 'pendingConnections')].map(idOf).filter(Boolean),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Checks a value before it is written: the same zod schema the background reads it with. */
export function checked(raw: RawSettings): { ok: true } | { ok: false; error: string } {
  const parsed = parseSettings(raw);
  return parsed.ok ? { ok: true } : { ok: false, error: parsed.error };
}
