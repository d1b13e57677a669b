import browser from 'webextension-polyfill';
import { type ManifestAccess, manifestAccess } from '../core/host-access';
import { SETTINGS_KEY } from '../core/settings';
import {
  type GithubScopeReply,
  githubScopeReplySchema,
  type JiraProjectsReply,
  jiraProjectsReplySchema,
  type RuntimeReply,
  type RuntimeRequest,
} from '../messaging/protocol';
import { type ConnectRequest, connectRequestFrom } from './connect-request';

/**
 * Everything the options page asks of the browser, in one object, so the page runs in jsdom with a fake
 * (test/options) and in the extension with `browserEnv()`.
 */

export interface OptionsEnv {
  /** The `settings` value exactly as stored (DESIGN.md contract 2), undefined when nothing is. */
  loadSettings(): Promise<unknown>;
  saveSettings(value: unknown): Promise<void>;
  /** Settings written anywhere (another tab, a test, the background). Returns the unsubscribe. */
  onSettingsChange(listener: (value: unknown) => void): () => void;
  /** `test-connection` and `clear-cache`. */
  send(request: RuntimeRequest): Promise<RuntimeReply>;
  jiraProjects(connectionId: string, refresh: boolean): Promise<JiraProjectsReply>;
  githubScope(connectionId: string): Promise<GithubScopeReply>;
  /** What the manifest already grants (hosts for the APIs, pages for the content script). */
  manifest: ManifestAccess;
  /**
   * Asks for optional host permissions. Must be called synchronously inside the click that asked for it (a user
   * gesture; Firefox refuses otherwise), before any `await`.
   */
  requestOrigins(origins: string[]): Promise<boolean>;
  hasOrigins(origins: string[]): Promise<boolean>;
  removeOrigins(origins: string[]): Promise<boolean>;
  /** Saves a text file through the browser's download. */
  download(filename: string, text: string): void;
  /** The page was opened to connect a site (the popup's offer on a tenant nobody connected). */
  connectRequest?: ConnectRequest | undefined;
}

const failed = (error: unknown): RuntimeReply => ({
  ok: false,
  error: `The extension's background did not answer (${error instanceof Error ? error.message : error}). Reload the page and try again.`,
});

export function browserEnv(): OptionsEnv {
  return {
    connectRequest: connectRequestFrom(location.search),
    async loadSettings() {
      return (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
    },
    saveSettings: (value) => browser.storage.local.set({ [SETTINGS_KEY]: value }),
    onSettingsChange(listener) {
      const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && SETTINGS_KEY in changes) listener(changes[SETTINGS_KEY]?.newValue);
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
    async send(request) {
      try {
        return (
          ((await browser.runtime.sendMessage(request)) as RuntimeReply | undefined) ?? failed('no reply')
        );
      } catch (error) {
        return failed(error);
      }
    },
    async jiraProjects(connectionId, refresh) {
      try {
        const reply = await browser.runtime.sendMessage({ type: 'jira-projects', connectionId, refresh });
        const parsed = jiraProjectsReplySchema.safeParse(reply);
        return parsed.success ? parsed.data : { ok: false, error: 'malformed reply' };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    },
    async githubScope(connectionId) {
      try {
        const reply = await browser.runtime.sendMessage({ type: 'github-scope', connectionId });
        const parsed = githubScopeReplySchema.safeParse(reply);
        return parsed.success ? parsed.data : { ok: false, error: 'malformed reply' };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    },
    manifest: manifestAccess(browser.runtime.getManifest()),
    requestOrigins: (origins) => browser.permissions.request({ origins }),
    hasOrigins: (origins) => browser.permissions.contains({ origins }),
    removeOrigins: (origins) => browser.permissions.remove({ origins }),
    download(filename, text) {
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}
