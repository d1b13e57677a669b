import { z } from 'zod';
import { unconfirmedApiOrigin } from '../core/credential-origins';
import { type Connection, hostOf, type Settings } from '../core/settings';
import { systemName } from '../core/systems';
import { createGithubProvider } from '../systems/github/provider';
import { scopeEntrySchema } from '../systems/github/scope';
import { createJiraProvider } from '../systems/jira/provider';
import { createServiceNowProvider } from '../systems/servicenow/provider';
import { createZendeskProvider } from '../systems/zendesk/provider';
import { SourceFailure } from './errors';
import type { Provider } from './provider';

export type { GithubOptions, GithubProvider, PullRelease, ReleaseInfo } from '../systems/github/provider';
export type { JiraOptions, JiraProvider } from '../systems/jira/provider';
export type { ZendeskOptions } from '../systems/zendesk/provider';

export interface ProviderDeps {
  /** The host tag for this connection's refs (see `refHostFor`). */
  refHost?: string | undefined;
  fetch?: typeof fetch;
  /** Per-system options (ServiceNow fields, and the optional github/jira/zendesk sections below). */
  settings?: Settings;
}

/**
 * Optional per-system sections of `settings` read here until settings.ts declares them (unknown fields are
 * kept, DESIGN.md contract 2). Each section is checked on its own; a malformed one is ignored, never fatal.
 */
const sectionSchemas = {
  github: z.looseObject({
    searchQualifiers: z.string().optional(),
    /**
     * Where GitHub reverse lookups search, per GitHub connection id (a list alone applies to every one);
     * absent or empty: learned from the token (github/scope.ts).
     */
    searchScope: z
      .union([z.array(scopeEntrySchema).max(100), z.record(z.string(), z.array(scopeEntrySchema).max(100))])
      .optional(),
  }),
  jira: z.looseObject({
    referenceFields: z.array(z.string().regex(/^customfield_\d+$/)).optional(),
    remoteLinkLimit: z.number().int().min(0).max(50).optional(),
  }),
  zendesk: z.looseObject({ referenceFieldIds: z.array(z.number().int().positive()).optional() }),
};

function section<K extends keyof typeof sectionSchemas>(settings: Settings | undefined, key: K) {
  const value = (settings as Record<string, unknown> | undefined)?.[key];
  if (value === undefined) return undefined;
  const parsed = sectionSchemas[key].safeParse(value);
  if (!parsed.success)
    console.warn(`[liaison] settings.${key} ignored: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.success ? (parsed.data as z.infer<(typeof sectionSchemas)[K]>) : undefined;
}

/** DESIGN.md "References": the first connection of a system puts no host in its refs, every other its host;
 * GitHub refs carry a host only off github.com. */
export function refHostFor(connection: Connection, connections: readonly Connection[]): string | undefined {
  const host = hostOf(connection).toLowerCase();
  if (connection.system === 'github') return host === 'github.com' ? undefined : host;
  const first = connections.find((c) => c.system === connection.system);
  return !first || first.id === connection.id ? undefined : host;
}

/**
 * The fetch of a connection whose API is on another site than the connection and not confirmed: it refuses
 * every request before anything leaves, so each lookup of that connection fails with a config error naming the fix
 * and the credentials stay home. The provider itself is built as usual, so its refs still route to it.
 */
function refusingFetch(connection: Connection, origin: string): typeof fetch {
  const host = hostOf(connection);
  const failure = new SourceFailure(
    connection.system,
    host,
    'config',
    `${systemName(connection.system)} (${host}): its API URL ${origin} is on another site, so Liaison sends it no credentials until you confirm it. Edit the connection in Liaison options and tick the confirmation, or correct the API URL.`,
  );
  return () => Promise.reject(failure);
}

const subdomainOf = (connection: Connection) => hostOf(connection).split('.')[0]?.toLowerCase();

export function createProvider(connection: Connection, deps: ProviderDeps = {}): Provider {
  // Every way to a provider (panels, Test connection of a draft, discovery) passes here, so none skips the check.
  const unconfirmed = unconfirmedApiOrigin(connection);
  const fetch = unconfirmed ? refusingFetch(connection, unconfirmed) : deps.fetch;
  const base = {
    connection,
    ...(deps.refHost ? { refHost: deps.refHost } : {}),
    ...(fetch ? { fetch } : {}),
  };
  switch (connection.system) {
    case 'github': {
      const github = section(deps.settings, 'github');
      const scope = github?.searchScope;
      const searchScope = Array.isArray(scope) ? scope : scope?.[connection.id];
      return createGithubProvider({
        ...base,
        ...(github?.searchQualifiers ? { searchQualifiers: github.searchQualifiers } : {}),
        ...(searchScope?.length ? { searchScope } : {}),
      });
    }
    case 'jira': {
      const zendesk = deps.settings?.connections.find((c) => c.system === 'zendesk');
      const jira = section(deps.settings, 'jira');
      return createJiraProvider({
        ...base,
        ...(jira?.referenceFields ? { referenceFields: jira.referenceFields } : {}),
        ...(jira?.remoteLinkLimit !== undefined ? { remoteLinkLimit: jira.remoteLinkLimit } : {}),
        ...(zendesk ? { zendeskSubdomain: subdomainOf(zendesk) } : {}),
      });
    }
    case 'servicenow': {
      const sn = deps.settings?.servicenow;
      return createServiceNowProvider({
        ...base,
        ...(sn ? { searchFields: sn.searchFields, keyFields: sn.jiraKeyFields, tables: sn.tables } : {}),
      });
    }
    case 'zendesk': {
      const zendesk = section(deps.settings, 'zendesk');
      return createZendeskProvider({
        ...base,
        ...(zendesk?.referenceFieldIds ? { referenceFieldIds: zendesk.referenceFieldIds } : {}),
      });
    }
  }
}

/** One provider per connection; a connection whose options are wrong is skipped with a warning, not fatal. */
export function providersFor(settings: Settings, deps: { fetch?: typeof fetch } = {}): Provider[] {
  return settings.connections.flatMap((connection) => {
    try {
      return [
        createProvider(connection, {
          ...deps,
          settings,
          refHost: refHostFor(connection, settings.connections),
        }),
      ];
    } catch (error) {
      console.warn(
        `[liaison] connection ${connection.id} skipped: ${error instanceof Error ? error.message : error}`,
      );
      return [];
    }
  });
}
