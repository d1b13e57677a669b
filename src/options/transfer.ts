import { z } from 'zod';
import { secretNotKept } from '../core/credential-origins';
import {
  connectionSchema,
  type Endpoints,
  SETTINGS_LIMITS,
  settingsSchema,
  systemSchema,
} from '../core/settings';
import { pathText } from '../providers/errors';
import { kindOfStored, lowerFirst } from './connection-kinds';
import { asRaw, type RawSettings, rawList } from './settings-edit';

/**
 * Settings as a file: export leaves every secret out (tokens and passwords; usernames and emails stay), import
 * validates the file with the settings schema, takes the saved secret back for each connection with the same id,
 * auth type and origins (a secret never follows a URL to another host), and keeps any other connection without a
 * secret as pending until one is entered.
 */

const SECRET_FIELDS = ['token', 'password'] as const;

/** A real settings file is a few KB; anything far larger is not one, and is refused before it is parsed. */
export const MAX_IMPORT_BYTES = 256 * 1024;

/** Why a file of this size is refused, or undefined when it may be read. */
export function tooLarge(bytes: number): string | undefined {
  if (bytes <= MAX_IMPORT_BYTES) return undefined;
  return `Not imported: the file is ${Math.ceil(bytes / 1024)} KB, and a settings file is at most ${MAX_IMPORT_BYTES / 1024} KB. Nothing was changed.`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function withoutSecrets(connection: Record<string, unknown>): {
  connection: Record<string, unknown>;
  left: number;
} {
  if (!isObject(connection.auth)) return { connection, left: 0 };
  const auth = { ...connection.auth };
  let left = 0;
  for (const field of SECRET_FIELDS) {
    if (field in auth) {
      delete auth[field];
      left += 1;
    }
  }
  return { connection: { ...connection, auth }, left };
}

/** The settings to write to a file, and how many secrets were left out. */
export function exportSettings(stored: unknown): { json: string; secretsLeftOut: number } {
  const raw = asRaw(stored);
  let secretsLeftOut = 0;
  const strip = (list: Record<string, unknown>[]) =>
    list.map((c) => {
      const { connection, left } = withoutSecrets(c);
      secretsLeftOut += left;
      return connection;
    });
  const out: RawSettings = { ...raw, connections: strip(rawList(raw, 'connections')) };
  if ('pendingConnections' in raw) out.pendingConnections = strip(rawList(raw, 'pendingConnections'));
  return { json: `${JSON.stringify(out, null, 2)}\n`, secretsLeftOut };
}

const secretText = z.string().min(1).max(SETTINGS_LIMITS.text);

/** A file's connections may lack their secrets (exports never hold any); everything else must be valid. */
const importedAuth = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('token'), token: secretText.optional() }),
  z.looseObject({ type: z.literal('basic'), username: secretText, password: secretText.optional() }),
]);
const importSchema = settingsSchema.extend({
  connections: z
    .array(connectionSchema.extend({ auth: importedAuth }))
    .max(SETTINGS_LIMITS.connections, `at most ${SETTINGS_LIMITS.connections} connections`)
    .default([]),
});

export type ImportResult =
  | {
      ok: true;
      value: RawSettings;
      restored: string[];
      pending: string[];
      /** Why a saved secret was not kept, per connection whose URL moved: `id: sentence`. */
      notKept: string[];
    }
  | { ok: false; error: string };

const hasSecret = (auth: Record<string, unknown>) => SECRET_FIELDS.some((f) => typeof auth[f] === 'string');

/** Where a stored connection sends its secret; a malformed one has no such place and keeps nothing. */
function endpointsOf(c: Record<string, unknown>): Endpoints | undefined {
  const system = systemSchema.safeParse(c.system);
  if (!system.success || typeof c.baseUrl !== 'string') return undefined;
  return {
    system: system.data,
    baseUrl: c.baseUrl,
    ...(typeof c.apiUrl === 'string' ? { apiUrl: c.apiUrl } : {}),
  };
}

/** Why the secret saved for `saved` may not go to `imported` (a URL on another origin), or undefined. */
function movedAway(saved: Record<string, unknown>, imported: Record<string, unknown>): string | undefined {
  const before = endpointsOf(saved);
  const after = endpointsOf(imported);
  const label = lowerFirst(kindOfStored(imported)?.fields.secret?.label ?? 'token');
  if (!before || !after) return `The saved ${label} was not kept: enter it again.`;
  return secretNotKept(before, after, label);
}

/**
 * A connection without the file's word that its cross-site API may have credentials: only the user confirms that,
 * in this browser (a restored connection keeps the confirmation saved here, never the file's).
 */
function unconfirmed(connection: Record<string, unknown>): Record<string, unknown> {
  const { apiOriginConfirmed: _, ...rest } = connection;
  return rest;
}

/** The settings a file holds, merged with the saved secrets (`current` is what is stored now). */
export function importSettings(text: string, current: unknown): ImportResult {
  const large = tooLarge(new TextEncoder().encode(text).length);
  if (large) return { ok: false, error: large };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `This file is not JSON (${error instanceof Error ? error.message : error}).` };
  }
  const parsed = importSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = pathText(issue?.path ?? []) || 'the file';
    return {
      ok: false,
      error: `Not imported: ${where}: ${issue?.message ?? 'invalid'}. Nothing was changed.`,
    };
  }
  const file = data as RawSettings;
  const saved = rawList(asRaw(current), 'connections');
  const connections: Record<string, unknown>[] = [];
  const pending: Record<string, unknown>[] = rawList(file, 'pendingConnections').map(unconfirmed);
  const restored: string[] = [];
  const notKept: string[] = [];
  for (const connection of rawList(file, 'connections')) {
    const auth = isObject(connection.auth) ? connection.auth : {};
    if (hasSecret(auth)) {
      connections.push(connection);
      continue;
    }
    const same = saved.find((s) => s.id === connection.id && isObject(s.auth) && s.auth.type === auth.type);
    const secrets = same && isObject(same.auth) ? same.auth : undefined;
    const moved = same && secrets && hasSecret(secrets) ? movedAway(same, connection) : undefined;
    if (moved) {
      pending.push({ ...unconfirmed(connection), pendingReason: moved });
      notKept.push(`${String(connection.id)}: ${moved}`);
    } else if (same && secrets && hasSecret(secrets)) {
      const kept = Object.fromEntries(SECRET_FIELDS.filter((f) => f in secrets).map((f) => [f, secrets[f]]));
      const confirmed = typeof same.apiOriginConfirmed === 'string' ? same.apiOriginConfirmed : undefined;
      connections.push({
        ...unconfirmed(connection),
        auth: { ...auth, ...kept },
        ...(confirmed ? { apiOriginConfirmed: confirmed } : {}),
      });
      restored.push(String(connection.id));
    } else pending.push(unconfirmed(connection));
  }
  const value: RawSettings = { ...file, connections };
  if (pending.length > 0) value.pendingConnections = pending;
  else delete value.pendingConnections;
  return { ok: true, value, restored, pending: pending.map((c) => String(c.id)), notKept };
}
