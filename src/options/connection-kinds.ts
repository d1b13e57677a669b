import { type Connection, connectionSchema } from '../core/settings';
import type { ConnectionKind, KindId } from '../systems/forms';
import { systemOf, systems } from '../systems/index';

export type { ConnectionKind, FieldName, FieldSpec, KindId, TokenHelp } from '../systems/forms';

/**
 * The kinds of connection a person adds, each with the fields its auth method needs and where to create the
 * token: every system's, from its forms facet (`src/systems/<id>/forms.ts`), in the registry's order.
 */

/** Every system's kinds, in the registry's order (read when asked, so a system registered later is offered too). */
export const kindList = (): readonly ConnectionKind[] => systems().flatMap((s) => s.forms.kinds);

/** A kind by its id; each system's forms file declares its ids (`ConnectionKindIds`). */
export function kindById(id: KindId): ConnectionKind {
  const kind = kindList().find((k) => k.id === id);
  if (!kind) throw new Error(`[liaison] no connection kind "${id}"`);
  return kind;
}

/** Every system's per-connection settings, dropped with a connection. */
export const perConnectionSettings = () => systems().flatMap((s) => s.forms.perConnection ?? []);

/** Which form edits a stored connection. */
export function kindOf(connection: Connection): ConnectionKind {
  const forms = systemOf(connection.system)?.forms;
  const kind = forms?.kindOf?.(connection) ?? forms?.kinds[0];
  if (!kind) throw new Error(`[liaison] no connection kind for the system "${connection.system}"`);
  return kind;
}

/** The kind of a stored connection read as if it had a secret (one imported without it, or being moved). */
export function kindOfStored(stored: Record<string, unknown>): ConnectionKind | undefined {
  const parsed = connectionSchema.safeParse({ ...stored, auth: { type: 'token', token: 'pending' } });
  return parsed.success ? kindOf(parsed.data) : undefined;
}

/** "Site URL" → "site URL", "API token" stays: for labels inside sentences. */
export const lowerFirst = (label: string): string => label.replace(/^[A-Z][a-z]/, (c) => c.toLowerCase());
