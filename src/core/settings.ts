import { z } from 'zod';
import { grammarOf, isSystem, type System } from './systems';
import { isSecureUrl } from './urls';

export type { System } from './systems';

/**
 * The `settings` value in `browser.storage.local` (DESIGN.md contract 2). Anything a user can set lives here,
 * in optional fields with defaults, so `{version, connections}` alone is complete. Unknown fields are kept
 * (loose objects), so a newer options page never loses data an older background does not understand.
 */

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;

/**
 * Bounds on what a value (typically an imported file) may hold, far above any real configuration, so a crafted
 * file cannot make every page's reference matching or every lookup round do unbounded work.
 */
export const SETTINGS_LIMITS = {
  connections: 50,
  /** Field names, tables, prefixes, field ids: each list. */
  list: 50,
  /** Project keys of one Jira connection. */
  projectKeys: 1000,
  /** Tokens, passwords, usernames, ids, labels. */
  text: 4096,
  url: 2048,
} as const;

const most = (what: string, n: number) => `at most ${n} ${what}`;
const boundedText = () => z.string().max(SETTINGS_LIMITS.text, most('characters', SETTINGS_LIMITS.text));
const list = <T extends z.ZodType>(item: T) =>
  z.array(item).max(SETTINGS_LIMITS.list, most('entries', SETTINGS_LIMITS.list));

/** A registered system's id (src/systems/grammars.ts registers them). */
export const systemSchema = z.custom<System>((value) => typeof value === 'string' && isSystem(value), {
  message: 'not a system Liaison knows',
});

export const authSchema = z.discriminatedUnion('type', [
  // Sent as `Authorization: Bearer …`: GitHub tokens, Jira Data Center personal access tokens.
  z.looseObject({ type: z.literal('token'), token: boundedText().min(1) }),
  // Sent as `Authorization: Basic base64(username:password)`: Jira Cloud, ServiceNow, Zendesk `email/token`.
  z.looseObject({
    type: z.literal('basic'),
    username: boundedText().min(1),
    password: boundedText().min(1),
  }),
]);
export type Auth = z.infer<typeof authSchema>;

// Credentials never travel in clear text; loopback http is for a developer's local server.
const httpsUrl = z
  .string()
  .max(SETTINGS_LIMITS.url, most('characters', SETTINGS_LIMITS.url))
  .url()
  .refine(isSecureUrl, 'must start with https:// (http:// only for localhost)')
  .transform((u) => u.replace(/\/+$/, ''));

/** A Jira project key: a capital letter, then capitals, digits or underscores (`SHOP`, `OPS2`, `A_B`). */
const jiraProjectKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]+$/, 'a project key is capital letters and digits, e.g. SHOP');

const maxConnections = most('connections', SETTINGS_LIMITS.connections);

export const connectionSchema = z.looseObject({
  id: boundedText().min(1),
  system: systemSchema,
  baseUrl: httpsUrl,
  apiUrl: httpsUrl.optional(),
  /**
   * The origin of an `apiUrl` on another site than `baseUrl` (e.g. `https://api.other.com`), confirmed by the user:
   * credentials go to a cross-site API only while this names its origin. Same-site APIs need nothing.
   */
  apiOriginConfirmed: z.string().max(SETTINGS_LIMITS.url).optional(),
  auth: authSchema,
  /** Display name; defaults to the host. */
  label: boundedText().optional(),
  /** Jira only: `cloud` (REST v3) or `datacenter` (REST v2). Defaults from the host: *.atlassian.net is cloud. */
  flavor: z.enum(['cloud', 'datacenter']).optional(),
  /**
   * Write-back (DESIGN.md contract 7): only `true` lets Liaison write through this connection (links, notes,
   * draft articles), and then only after a preview and a confirm. Absent or false: it only reads.
   */
  write: z.boolean().optional(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** The shortest and longest check intervals of watched items (minutes). */
export const WATCH_MIN_MINUTES = 0.5;
export const WATCH_MAX_MINUTES = 24 * 60;

export const settingsSchema = z.looseObject({
  version: z.literal(SETTINGS_VERSION),
  connections: z.array(connectionSchema).max(SETTINGS_LIMITS.connections, maxConnections).default([]),
  cache: z
    .looseObject({
      /** Minutes an entity is served without revalidation. */
      ttlMinutes: z.number().positive().default(5),
      /** Entities kept before least-recently-used eviction. */
      maxEntries: z.number().int().positive().default(5000),
    })
    .default({ ttlMinutes: 5, maxEntries: 5000 }),
  /**
   * Watched items (DESIGN.md contract 6): checked every `intervalMinutes`. Below 0.5 (the browsers' alarm minimum:
   * Chromium raises shorter periods to it) or above a day, it is brought within; a bad interval never costs the
   * whole settings value.
   */
  watch: z
    .looseObject({
      intervalMinutes: z
        .number()
        .positive()
        .transform((m) => Math.min(Math.max(m, WATCH_MIN_MINUTES), WATCH_MAX_MINUTES))
        .default(5),
    })
    .default({ intervalMinutes: 5 }),
  /** How many hops the resolver follows from a page's subject. */
  maxHops: z.number().int().min(1).max(4).default(2),
  servicenow: z
    .looseObject({
      /** Fields searched for a Jira key or PR URL (encoded-query LIKE). */
      searchFields: list(z.string().regex(/^[a-z0-9_.]+$/)).default(['short_description', 'description']),
      /** Custom fields that hold a Jira key outright (exact match), e.g. u_jira_key. */
      jiraKeyFields: list(z.string().regex(/^[a-z0-9_.]+$/)).default(['u_jira_key']),
      tables: list(z.string().regex(/^[a-z0-9_]+$/)).default(['incident']),
    })
    .default({
      searchFields: ['short_description', 'description'],
      jiraKeyFields: ['u_jira_key'],
      tables: ['incident'],
    }),
  jira: z
    .looseObject({
      /**
       * Project keys per Jira connection id, set on the options page. They replace what discovery finds for that
       * connection (a key in text only counts when its project is listed), e.g. `{"jira": ["SHOP", "OPS"]}`.
       */
      projectKeys: z
        .record(
          z.string(),
          z.array(jiraProjectKey).max(SETTINGS_LIMITS.projectKeys, most('keys', SETTINGS_LIMITS.projectKeys)),
        )
        .refine((keys) => Object.keys(keys).length <= SETTINGS_LIMITS.connections, maxConnections)
        .default({}),
    })
    .default({ projectKeys: {} }),
  zendesk: z
    .looseObject({
      /** Ticket fields (numeric ids) whose value is a reference outright (a Jira key, a PR URL). */
      referenceFieldIds: list(z.number().int().positive()).default([]),
    })
    .default({ referenceFieldIds: [] }),
  /** Reference prefixes beyond the built-in ones. */
  prefixes: z
    .looseObject({
      /** ServiceNow number prefixes besides INC, PRB, CHG, RITM, KB, TASK… (e.g. `SIR` for security incidents). */
      servicenow: list(z.string().regex(/^[A-Z]{2,8}$/, 'use 2–8 capital letters')).default([]),
      /** Prefixes that name a Zendesk ticket (`ZD` for `ZD-123`); never read as Jira keys. */
      zendesk: list(z.string().regex(/^[A-Z][A-Z0-9]{0,9}$/, 'use capital letters and digits')).default([]),
    })
    .default({ servicenow: [], zendesk: [] }),
  /**
   * Connections imported from a file without their secrets (exports never hold any) and not saved yet: the options
   * page lists them until a token or password is entered. The background ignores them.
   */
  pendingConnections: z
    .array(z.looseObject({ id: boundedText().min(1), system: systemSchema }))
    .max(SETTINGS_LIMITS.connections, maxConnections)
    .default([]),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

export const emptySettings = (): Settings =>
  settingsSchema.parse({ version: SETTINGS_VERSION, connections: [] });

/** A stored connection the schema refuses: it is left out alone, and the options page shows it with its problem. */
export interface InvalidConnection {
  /** Its place in `settings.connections`. */
  index: number;
  id: string | undefined;
  /** The field at fault, as people read it: `baseUrl`, `auth.token`. */
  field: string;
  problem: string;
}

export type SettingsResult =
  | { ok: true; settings: Settings; invalid: InvalidConnection[] }
  | { ok: false; error: string };

/**
 * The settings with each connection left unchecked: parseSettings checks them one by one, so one bad one spoils
 * nothing else, and the options page checks a section it edits without tripping on a connection it did not touch.
 */
export const settingsShellSchema = settingsSchema.extend({
  connections: z.array(z.unknown()).max(SETTINGS_LIMITS.connections, maxConnections).default([]),
});

const pathOf = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * Validates a stored value; an absent value is a valid empty configuration. A malformed connection is left out
 * and reported in `invalid` (the others keep working); anything else malformed makes the whole value an error.
 */
export function parseSettings(value: unknown): SettingsResult {
  if (value === undefined || value === null) return { ok: true, settings: emptySettings(), invalid: [] };
  const parsed = settingsShellSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? pathOf(issue.path) : 'settings';
    return {
      ok: false,
      error: `settings.${where}: ${issue?.message ?? 'invalid'}`.replace('settings.settings', 'settings'),
    };
  }
  const connections: Connection[] = [];
  const invalid: InvalidConnection[] = [];
  for (const [index, raw] of parsed.data.connections.entries()) {
    const connection = connectionSchema.safeParse(raw);
    if (connection.success) {
      connections.push(connection.data);
      continue;
    }
    const issue = connection.error.issues[0];
    const id = (raw as { id?: unknown } | null)?.id;
    invalid.push({
      index,
      id: typeof id === 'string' ? id : undefined,
      field: issue?.path.length ? pathOf(issue.path) : 'connection',
      problem: issue?.message ?? 'invalid',
    });
  }
  return { ok: true, settings: { ...parsed.data, connections }, invalid };
}

/** One sentence about a connection left out. */
export const invalidConnectionText = (c: InvalidConnection): string =>
  `settings.connections.${c.index}${c.id ? ` (${c.id})` : ''}.${c.field}: ${c.problem}`;

/** What decides where a connection's requests, and so its credentials, go. */
export type Endpoints = Pick<Connection, 'system' | 'baseUrl'> & { apiUrl?: string | undefined };

/** The API root of a connection (DESIGN.md contract 2: github.com → api.github.com, GHE → /api/v3). */
export function apiRoot(connection: Endpoints): string {
  if (connection.apiUrl) return connection.apiUrl;
  return grammarOf(connection.system)?.defaultApiRoot?.(connection.baseUrl) ?? connection.baseUrl;
}

export const hostOf = (connection: Connection): string => new URL(connection.baseUrl).host;
