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
import type { ConnectionKeys } from '../systems/backend';
import { systems } from '../systems/index';

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
 * Extraction options from settings plus what discovery learnt: each system contributes its own fields
 * (`SystemBackend.extractOptions`: Jira connections with their project keys, host tags and base URLs, the
 * ServiceNow instances whose URLs count, GitHub hosts, Zendesk subdomains, prefixes).
 */
export function extractOptionsFor(config: Config, keys: ConnectionKeys | undefined): ExtractOptions {
  const options: ExtractOptions = {};
  for (const { grammar, backend } of systems()) {
    const id = grammar.id;
    const contributed = backend.extractOptions?.({
      settings: config.settings,
      connections: config.settings.connections.filter((c) => c.system === id),
      providers: config.providers.filter((p) => p.system === id),
      keys,
    });
    Object.assign(options, contributed);
  }
  return options;
}
