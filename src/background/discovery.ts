import { SourceFailure } from '../providers/errors';
import type { Config } from './config';

/**
 * What connections teach the reference grammar: the Jira project keys that exist on each Jira connection, so
 * `UTF-8` and `SHA-256` never become Jira references and a key goes to the Jira that has its project. Refreshed
 * hourly; when discovery fails for a connection (it refused, or is down), that connection's keys fall back to
 * "any key but known look-alikes", and its provider drops keys Jira says do not exist. Keys set on the options
 * page (`settings.jira.projectKeys[connectionId]`) replace what discovery finds for that connection.
 */

/** Project keys by Jira connection id; a connection missing from the map accepts any key. */
export type JiraProjectKeys = ReadonlyMap<string, ReadonlySet<string> | 'any'>;

/** What discovery found on each Jira connection (by id): its project keys, or why it could not list them. */
export type Discovery = { keys: readonly string[] } | { error: string };
type Discovered = ReadonlyMap<string, Discovery>;

const ONE_HOUR = 60 * 60 * 1000;
let cached: { config: Config; at: number; keys: Promise<Discovered> } | undefined;

function discovered(config: Config, refresh = false): Promise<Discovered> {
  if (!refresh && cached && cached.config === config && Date.now() - cached.at < ONE_HOUR) return cached.keys;
  const jira = config.providers.filter((p) => p.system === 'jira');
  // Other systems learn about themselves too (ServiceNow: which key fields exist), for their own requests only:
  // nobody waits for it, and a failure is asked again by the lookup that needs it.
  for (const p of config.providers) if (p.system !== 'jira') p.discover?.().catch(() => undefined);
  const keys = Promise.all(
    jira.map(async (p): Promise<[string, Discovery]> => {
      try {
        const keys = (await p.discover?.())?.jiraProjectKeys;
        if (!keys) return [p.connection.id, { error: 'this connection lists no projects' }];
        return [p.connection.id, { keys: keys.map((k) => k.toUpperCase()) }];
      } catch (error) {
        return [
          p.connection.id,
          { error: error instanceof SourceFailure ? error.userMessage : String(error) },
        ];
      }
    }),
  ).then((entries) => new Map(entries));
  cached = { config, at: Date.now(), keys };
  return keys;
}

export async function jiraProjectKeys(config: Config): Promise<JiraProjectKeys> {
  const overrides = config.settings.jira.projectKeys;
  const found = await discovered(config);
  return new Map(
    [...found].map(([id, result]): [string, ReadonlySet<string> | 'any'] => {
      const chosen = overrides[id]?.length ? overrides[id] : 'keys' in result ? result.keys : undefined;
      return [id, chosen ? new Set(chosen) : 'any'];
    }),
  );
}

/**
 * For the options page: where one GitHub connection's reverse lookups search. The provider learns it once from
 * the token (kicked off by `discovered` above, so this usually waits for nothing) or takes the configured one.
 */
export async function githubSearchScope(
  config: Config,
  connectionId: string,
): Promise<{ scope: string[] } | { error: string }> {
  const provider = config.providers.find((p) => p.system === 'github' && p.connection.id === connectionId);
  if (!provider) return { error: `no GitHub connection ${connectionId}` };
  try {
    return { scope: (await provider.discover?.())?.githubSearchScope ?? [] };
  } catch (error) {
    return { error: error instanceof SourceFailure ? error.userMessage : String(error) };
  }
}

/** For the options page: what discovery finds on one Jira connection (`refresh` asks Jira again). */
export async function discoveredProjectKeys(
  config: Config,
  connectionId: string,
  refresh: boolean,
): Promise<Discovery> {
  return (
    (await discovered(config, refresh)).get(connectionId) ?? { error: `no Jira connection ${connectionId}` }
  );
}
