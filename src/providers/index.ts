import { unconfirmedApiOrigin } from '../core/credential-origins';
import { type Connection, hostOf, type Settings } from '../core/settings';
import { grammarOf, systemName } from '../core/systems';
import { systemOf } from '../systems/index';
import type { SystemWriter } from '../systems/writer';
import { SourceFailure } from './errors';
import type { Provider, ProviderOptions } from './provider';

export type { GithubOptions, GithubProvider, PullRelease, ReleaseInfo } from '../systems/github/provider';
export type { JiraOptions, JiraProvider } from '../systems/jira/provider';
export type { ZendeskOptions } from '../systems/zendesk/provider';

export interface ProviderDeps {
  /** The host tag for this connection's refs (see `refHostFor`). */
  refHost?: string | undefined;
  fetch?: typeof fetch;
  /** Per-system options: each system's backend reads its own section (`SystemBackend.createProvider`). */
  settings?: Settings;
}

/** DESIGN.md "References": the first connection of a system puts no host in its refs, every other its host;
 * a system whose refs are tagged by site (GitHub) puts a host only off its public site (github.com). */
export function refHostFor(connection: Connection, connections: readonly Connection[]): string | undefined {
  const host = hostOf(connection).toLowerCase();
  const grammar = grammarOf(connection.system);
  if (grammar?.hostTags === 'site') return host === grammar.publicHost ? undefined : host;
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

/** What every provider and writer of a connection is made from, the API origin check included. */
function baseOptions(connection: Connection, deps: ProviderDeps): ProviderOptions {
  // Every way to a provider or writer (panels, Test connection of a draft, discovery, writes) passes here, so
  // none skips the check.
  const unconfirmed = unconfirmedApiOrigin(connection);
  const fetch = unconfirmed ? refusingFetch(connection, unconfirmed) : deps.fetch;
  return {
    connection,
    ...(deps.refHost ? { refHost: deps.refHost } : {}),
    ...(fetch ? { fetch } : {}),
  };
}

export function createProvider(connection: Connection, deps: ProviderDeps = {}): Provider {
  const backend = systemOf(connection.system)?.backend;
  if (!backend) throw new Error(`no system ${connection.system} is registered`);
  return backend.createProvider(baseOptions(connection, deps), deps.settings);
}

/**
 * The connection's writer (issue 14), only when its settings entry says `"write": true` (DESIGN.md contract 7) and
 * its system can write; otherwise undefined, and nothing is ever sent through it.
 */
export function createWriter(connection: Connection, deps: ProviderDeps = {}): SystemWriter | undefined {
  if (connection.write !== true) return undefined;
  const backend = systemOf(connection.system)?.backend;
  return backend?.createWriter?.(baseOptions(connection, deps), deps.settings);
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
