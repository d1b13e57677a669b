import { connectionSchema, type System } from '../core/settings';
import { grammarOf } from '../core/systems';
import type {
  GithubScopeReply,
  JiraProjectsReply,
  RuntimeReply,
  SiteHostsReply,
} from '../messaging/protocol';
import { pathText, SourceFailure } from '../providers/errors';
import { createProvider } from '../providers/index';
import type { Provider } from '../providers/provider';
import { getConfig } from './config';
import { clearEntityCache } from './contexts';
import { discoveredProjectKeys, githubSearchScope } from './discovery';
import { writeAccessOf } from './writes';

/**
 * Answers for the options page (test a connection, saved or not; discovered Jira projects; clear the cache) and
 * for content scripts (which system a self-hosted host is). Nothing here ever logs or returns a credential.
 */

/** `test-connection`: who the credentials belong to, or the problem in one sentence with its fix. */
export async function testConnection(request: {
  connectionId?: string | undefined;
  connection?: unknown;
}): Promise<RuntimeReply> {
  const config = await getConfig();
  let provider: Provider;
  if (request.connection !== undefined) {
    // A draft from the options page: validated here too (messages are data), its values never echoed back.
    const parsed = connectionSchema.safeParse(request.connection);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: `The connection is incomplete: ${pathText(issue?.path ?? [])} ${issue?.message}`,
      };
    }
    try {
      provider = createProvider(parsed.data, { settings: config.settings });
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  } else {
    const saved = config.providers.find((p) => p.connection.id === request.connectionId);
    if (!saved) return { ok: false, error: `No connection with id ${request.connectionId ?? '(none)'}` };
    provider = saved;
  }
  try {
    const who = await provider.whoAmI();
    const write = await writeAccessOf(provider.connection, config);
    return { ok: true, who, ...(write ? { write } : {}) };
  } catch (error) {
    if (error instanceof SourceFailure) return { ok: false, error: error.userMessage, kind: error.kind };
    return { ok: false, error: String(error) };
  }
}

/**
 * `site-hosts`: each connection's host and system, so a content script knows a self-hosted instance's pages, and
 * the hosts whose refs carry their host (DESIGN.md "References": every Jira or ServiceNow connection but the first).
 */
export async function siteHosts(): Promise<SiteHostsReply> {
  const { settings, providers } = await getConfig();
  const hosts: Record<string, System> = {};
  for (const c of settings.connections) hosts[new URL(c.baseUrl).host.toLowerCase()] ??= c.system;
  const refHosts = providers.flatMap((p) =>
    p.refHost && grammarOf(p.system)?.hostTags === 'connection' ? [p.refHost] : [],
  );
  return { ok: true, hosts, refHosts };
}

/** `jira-projects`: what discovery finds on one Jira connection, before any override from the options page. */
export async function jiraProjects(connectionId: string, refresh: boolean): Promise<JiraProjectsReply> {
  const found = await discoveredProjectKeys(await getConfig(), connectionId, refresh);
  return 'keys' in found ? { ok: true, keys: [...found.keys].sort() } : { ok: false, error: found.error };
}

/** `github-scope`: where one GitHub connection's reverse lookups search. */
export async function githubScope(connectionId: string): Promise<GithubScopeReply> {
  const found = await githubSearchScope(await getConfig(), connectionId);
  return 'scope' in found ? { ok: true, scope: found.scope } : { ok: false, error: found.error };
}

/** `clear-cache`: every cached entity goes; open panels refill on their next resolution. */
export async function clearCache(): Promise<RuntimeReply> {
  await clearEntityCache();
  return { ok: true };
}
