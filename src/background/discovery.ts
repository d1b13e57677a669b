import type { Config } from './config';

/**
 * What connections teach the reference grammar: the Jira project keys that exist, so `UTF-8` and `SHA-256` never
 * become Jira references. Refreshed hourly; when discovery fails (no Jira, or it refused), keys fall back to
 * "any key but known look-alikes", and the providers drop keys Jira says do not exist.
 */

const ONE_HOUR = 60 * 60 * 1000;
let cached:
  | { config: Config; at: number; keys: Promise<ReadonlySet<string> | 'any' | undefined> }
  | undefined;

export function jiraProjectKeys(config: Config): Promise<ReadonlySet<string> | 'any' | undefined> {
  if (cached && cached.config === config && Date.now() - cached.at < ONE_HOUR) return cached.keys;
  const jira = config.providers.filter((p) => p.system === 'jira' && p.discover);
  const keys =
    jira.length === 0
      ? Promise.resolve(undefined)
      : Promise.all(jira.map((p) => p.discover?.().catch(() => undefined))).then((results) => {
          if (results.some((r) => r?.jiraProjectKeys === undefined)) return 'any' as const;
          return new Set(results.flatMap((r) => r?.jiraProjectKeys ?? []).map((k) => k.toUpperCase()));
        });
  cached = { config, at: Date.now(), keys };
  return keys;
}
