import browser from 'webextension-polyfill';
import type { ExtractOptions } from '../core/extract';
import {
  emptySettings,
  invalidConnectionText,
  parseSettings,
  SETTINGS_KEY,
  type Settings,
} from '../core/settings';
import { providersFor } from '../providers/index';
import type { Provider } from '../providers/provider';
import type { JiraProjectKeys } from './discovery';

/**
 * The background's view of the settings: parsed once, rebuilt whenever `settings` changes in storage.local
 * (DESIGN.md contract 2: writing the key is enough; no reload).
 */

export interface Config {
  settings: Settings;
  providers: Provider[];
  /** Set when the stored settings are malformed outside a connection: every panel shows it. */
  error?: string;
  /** Malformed connections, left out (the options page shows each with its problem); the others still serve. */
  skipped?: string[];
}

let current: Promise<Config> | undefined;
const listeners = new Set<(config: Config) => void>();

export function build(value: unknown): Config {
  const parsed = parseSettings(value);
  if (!parsed.ok) {
    console.warn(`[liaison] settings rejected: ${parsed.error}`);
    return { settings: emptySettings(), providers: [], error: parsed.error };
  }
  const skipped = parsed.invalid.map(invalidConnectionText);
  for (const problem of skipped) console.warn(`[liaison] connection left out: ${problem}`);
  return {
    settings: parsed.settings,
    providers: providersFor(parsed.settings),
    ...(skipped.length > 0 ? { skipped } : {}),
  };
}

export function getConfig(): Promise<Config> {
  current ??= browser.storage.local.get(SETTINGS_KEY).then((stored) => build(stored[SETTINGS_KEY]));
  return current;
}

export function onConfigChange(listener: (config: Config) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
  const config = build(changes[SETTINGS_KEY]?.newValue);
  current = Promise.resolve(config);
  for (const listener of listeners) listener(config);
});

/**
 * Extraction options from settings plus what discovery learnt: every Jira connection with its project keys, host
 * tag and base URL (a key goes to the first Jira that has its project; a URL to the Jira it is on), the ServiceNow
 * instances whose URLs count, GitHub hosts, Zendesk subdomains.
 */
export function extractOptionsFor(config: Config, jiraKeys: JiraProjectKeys | undefined): ExtractOptions {
  const githubHosts = ['github.com'];
  const zendeskSubdomains: string[] = [];
  for (const c of config.settings.connections) {
    const host = new URL(c.baseUrl).host.toLowerCase();
    if (c.system === 'github' && !githubHosts.includes(host)) githubHosts.push(host);
    if (c.system === 'zendesk') zendeskSubdomains.push(host.split('.')[0] ?? host);
  }
  const tag = (p: Provider) => (p.refHost ? { host: p.refHost } : {});
  const of = (system: Provider['system']) => config.providers.filter((p) => p.system === system);
  const options: ExtractOptions = {
    githubHosts,
    jira: of('jira').map((p) => ({
      ...tag(p),
      baseUrl: p.connection.baseUrl,
      projectKeys: jiraKeys?.get(p.connection.id) ?? 'any',
    })),
    servicenow: of('servicenow').map((p) => ({ ...tag(p), baseUrl: p.connection.baseUrl })),
  };
  // `owner/repo#12` is github.com's unless only Enterprise is connected.
  const github = of('github');
  if (github.length > 0 && github.every((p) => p.refHost)) options.githubShortHost = github[0]?.refHost;
  if (zendeskSubdomains.length > 0) options.zendeskSubdomains = zendeskSubdomains;
  const { servicenow, zendesk } = config.settings.prefixes;
  if (servicenow.length > 0) options.servicenowPrefixes = servicenow;
  if (zendesk.length > 0) options.zendeskPrefixes = zendesk;
  return options;
}
