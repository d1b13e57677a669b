import type { Config } from './config';

/**
 * What connections teach the reference grammar: the Jira project keys that exist on each Jira connection, so
 * `UTF-8` and `SHA-256` never become Jira references and a key goes to the Jira that has its project. Refreshed
 * hourly; when discovery fails for a connection (it refused, or is down), that connection's keys fall back to
 * "any key but known look-alikes", and its provider drops keys Jira says do not exist.
 */

/** Project keys by Jira connection id; a connection missing from the map accepts any key. */
export type JiraProjectKeys = ReadonlyMap<string, ReadonlySet<string> | 'any'>;

const ONE_HOUR = 60 * 60 * 1000;
let cached: { config: Config; at: number; keys: Promise<JiraProjectKeys> } | undefined;

export function jiraProjectKeys(config: Config): Promise<JiraProjectKeys> {
  if (cached && cached.config === config && Date.now() - cached.at < ONE_HOUR) return cached.keys;
  const jira = config.providers.filter((p) => p.system === 'jira');
  const keys = Promise.all(
    jira.map(async (p): Promise<[string, ReadonlySet<string> | 'any']> => {
      const found = await p.discover?.().catch(() => undefined);
      const list = found?.jiraProjectKeys;
      return [p.connection.id, list ? new Set(list.map((k) => k.toUpperCase())) : 'any'];
    }),
  ).then((entries) => new Map(entries));
  cached = { config, at: Date.now(), keys };
  return keys;
}
