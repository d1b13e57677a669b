import { SourceFailure } from '../providers/errors';
import type { Provider } from '../providers/provider';
import type { ConnectionKeys, DiscoveryRules } from '../systems/backend';
import { systemOf, systems } from '../systems/index';
import type { Config } from './config';

/**
 * What connections teach the reference grammar (`DiscoveryRules.grammarKeys`): the Jira project keys that exist on
 * each Jira connection, so `UTF-8` and `SHA-256` never become Jira references and a key goes to the Jira that has
 * its project. Refreshed hourly; when discovery fails for a connection (it refused, or is down), that connection's
 * keys fall back to "any key but known look-alikes", and its provider drops keys Jira says do not exist. Keys set
 * on the options page (`settings.jira.projectKeys[connectionId]`) replace what discovery finds for that connection.
 */

/** Project keys by Jira connection id; a connection missing from the map accepts any key. */
export type JiraProjectKeys = ConnectionKeys;

/** What discovery found on each connection that teaches the grammar (by id): its keys, or why it could not list them. */
export type Discovery = { keys: readonly string[] } | { error: string };
type Discovered = ReadonlyMap<string, Discovery>;

const ONE_HOUR = 60 * 60 * 1000;
let cached: { config: Config; at: number; keys: Promise<Discovered> } | undefined;

const rulesOf = (p: Provider) => systemOf(p.system)?.backend.discovery;

/** The names of the systems whose discovery gives this, for a sentence ("no Jira connection x"). */
const namesWith = (has: (rules: DiscoveryRules) => unknown) =>
  systems()
    .filter(({ backend }) => backend.discovery && has(backend.discovery))
    .map(({ grammar }) => grammar.name)
    .join(' or ');

function discovered(config: Config, refresh = false): Promise<Discovered> {
  if (!refresh && cached && cached.config === config && Date.now() - cached.at < ONE_HOUR) return cached.keys;
  const teaching = config.providers.flatMap((p) => {
    const grammarKeys = rulesOf(p)?.grammarKeys;
    return grammarKeys ? [{ p, grammarKeys }] : [];
  });
  // Other systems learn about themselves too (ServiceNow: which key fields exist), for their own requests only:
  // nobody waits for it, and a failure is asked again by the lookup that needs it.
  for (const p of config.providers) if (!rulesOf(p)?.grammarKeys) p.discover?.().catch(() => undefined);
  const keys = Promise.all(
    teaching.map(async ({ p, grammarKeys }): Promise<[string, Discovery]> => {
      try {
        const found = await p.discover?.();
        const keys = found && grammarKeys.of(found);
        if (!keys) return [p.connection.id, { error: `this connection lists no ${grammarKeys.noun}` }];
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

/** The keys the grammar accepts on each connection that teaches it: set on the options page, else discovered. */
export async function jiraProjectKeys(config: Config): Promise<JiraProjectKeys> {
  const found = await discovered(config);
  return new Map(
    [...found].map(([id, result]): [string, ReadonlySet<string> | 'any'] => {
      const provider = config.providers.find((p) => p.connection.id === id);
      const configured = provider && rulesOf(provider)?.grammarKeys?.configured(config.settings, id);
      const chosen = configured?.length ? configured : 'keys' in result ? result.keys : undefined;
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
  const provider = config.providers.find((p) => rulesOf(p)?.searchScope && p.connection.id === connectionId);
  const scopeOf = provider && rulesOf(provider)?.searchScope;
  if (!provider || !scopeOf)
    return { error: `no ${namesWith((r) => r.searchScope)} connection ${connectionId}` };
  try {
    const found = await provider.discover?.();
    return { scope: (found && scopeOf(found)) ?? [] };
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
    (await discovered(config, refresh)).get(connectionId) ?? {
      error: `no ${namesWith((r) => r.grammarKeys)} connection ${connectionId}`,
    }
  );
}
