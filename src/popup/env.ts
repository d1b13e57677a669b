import browser from 'webextension-polyfill';
import { connectAddress } from '../core/host-access';
import { parseRecent, RECENT_KEY, type RecentItem } from '../core/recent';
import type { System } from '../core/settings';
import { parseWatchState, WATCHES_KEY, type Watch } from '../core/watch-state';
import {
  type CheckWatchesReply,
  type ContextView,
  checkWatchesReplySchema,
  contextViewSchema,
  type RuntimeReply,
  tabAccessReplySchema,
  watchReplySchema,
} from '../messaging/protocol';

export interface Tenant {
  host: string;
  system: System;
}

import { writeClient } from '../content/write-client';
import { SEARCH_PORT, type SearchReply, type SearchRequest, searchReplySchema } from '../messaging/search';
import type { WriteClient } from '../ui/write/controls';

/**
 * Everything the popup asks of the browser, in one object, so the component runs in jsdom with a fake
 * (test/popup) and in the extension with `browserEnv()`.
 */

export interface SearchClient {
  send(request: SearchRequest): void;
  /** Replies, validated. Returns the unsubscribe. */
  onReply(listener: (reply: SearchReply) => void): () => void;
  /** The background went away (service worker restarted): the next `send` reconnects. */
  onDisconnect(listener: () => void): () => void;
  close(): void;
}

export interface PopupEnv {
  search: SearchClient;
  /** Opened as a page with `?tab=<id>` (DESIGN.md contract 5), not as the toolbar popup. */
  tabMode: boolean;
  /** The tab the popup is about: `?tab=<id>`, else the active tab of the last focused window. */
  targetTabId(): Promise<number | undefined>;
  /** That tab's resolved context, when its page has one. */
  tabContext(tabId: number): Promise<ContextView | undefined>;
  /** The SaaS tenant that tab shows when no connection is on it (Liaison leaves its pages alone), else undefined. */
  unconnectedTenant(tabId: number): Promise<Tenant | undefined>;
  /** Opens the options page's add form for that tenant. */
  connectTenant(tenant: Tenant): void;
  openHere(url: string, tabId: number | undefined): Promise<void>;
  openInNewTab(url: string): Promise<void>;
  recent(): Promise<RecentItem[]>;
  onRecentChange(listener: (recent: RecentItem[]) => void): () => void;
  openOptions(): void;
  /** The keyboard shortcut that opens the popup (`commands._execute_action`), as the browser shows it. */
  shortcut(): Promise<string | undefined>;
  close(): void;
  /** Watching (contract 6); without it the popup shows no watch controls and no Watching list. */
  watching?: WatchingEnv;
  /** Write previews from the Watching list (contract 7); without it no write control is shown. */
  writing?: WriteClient;
}

export interface WatchingEnv {
  watches(): Promise<Watch[]>;
  onWatchesChange(listener: (watches: Watch[]) => void): () => void;
  /** Watch or stop watching; resolves with the background's refusal, if any ("at most 200…"). */
  setWatched(ref: string, watched: boolean): Promise<string | undefined>;
  checkNow(): Promise<CheckWatchesReply>;
}

export function browserWatching(): WatchingEnv {
  return {
    async watches() {
      return parseWatchState((await browser.storage.local.get(WATCHES_KEY))[WATCHES_KEY]).watches;
    },
    onWatchesChange(listener) {
      const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && WATCHES_KEY in changes)
          listener(parseWatchState(changes[WATCHES_KEY]?.newValue).watches);
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
    async setWatched(ref, watched) {
      const reply = watchReplySchema.safeParse(
        await browser.runtime.sendMessage({ type: watched ? 'watch' : 'unwatch', ref }),
      );
      if (!reply.success) return 'Liaison did not answer. Try again.';
      return reply.data.ok ? undefined : reply.data.error;
    },
    async checkNow() {
      const reply = checkWatchesReplySchema.safeParse(
        await browser.runtime.sendMessage({ type: 'check-watches' }),
      );
      return reply.success ? reply.data : { ok: false, error: 'Liaison did not answer. Try again.' };
    },
  };
}

export function connectSearch(): SearchClient {
  const replies = new Set<(reply: SearchReply) => void>();
  const drops = new Set<() => void>();
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  const connect = () => {
    const p = browser.runtime.connect({ name: SEARCH_PORT });
    p.onMessage.addListener((message: unknown) => {
      const parsed = searchReplySchema.safeParse(message);
      if (!parsed.success) return console.warn('[liaison] ignored a malformed search reply');
      for (const listener of replies) listener(parsed.data);
    });
    p.onDisconnect.addListener(() => {
      port = undefined;
      for (const listener of drops) listener();
    });
    return p;
  };
  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => void set.delete(listener);
  };
  return {
    send(request) {
      port ??= connect();
      port.postMessage(request);
    },
    onReply: (listener) => subscribe(replies, listener),
    onDisconnect: (listener) => subscribe(drops, listener),
    close: () => port?.disconnect(),
  };
}

const tabParam = () => new URLSearchParams(location.search).get('tab');
const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

export function browserEnv(): PopupEnv {
  return {
    search: connectSearch(),
    tabMode: tabParam() !== null,
    async targetTabId() {
      const param = tabParam();
      if (param && /^\d+$/.test(param)) return Number(param);
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id;
    },
    async tabContext(tabId) {
      const reply = (await browser.runtime.sendMessage({ type: 'tab-context', tabId })) as RuntimeReply;
      const view = reply?.ok ? contextViewSchema.safeParse(reply.view) : undefined;
      return view?.success ? view.data : undefined;
    },
    async unconnectedTenant(tabId) {
      const reply = tabAccessReplySchema.safeParse(
        await browser.runtime.sendMessage({ type: 'tab-access', tabId }),
      );
      return reply.success ? reply.data.tenant : undefined;
    },
    connectTenant(tenant) {
      const page = browser.runtime.getURL(
        browser.runtime.getManifest().options_ui?.page ?? 'src/options/index.html',
      );
      void browser.tabs.create({ url: connectAddress(page, tenant.system, tenant.host) });
      if (tabParam() === null) window.close();
    },
    async openHere(url, tabId) {
      if (!isWebUrl(url)) return;
      if (tabId === undefined) await browser.tabs.create({ url });
      else await browser.tabs.update(tabId, { url });
    },
    async openInNewTab(url) {
      if (isWebUrl(url)) await browser.tabs.create({ url, active: false });
    },
    async recent() {
      return parseRecent((await browser.storage.local.get(RECENT_KEY))[RECENT_KEY]);
    },
    onRecentChange(listener) {
      const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && RECENT_KEY in changes) listener(parseRecent(changes[RECENT_KEY]?.newValue));
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
    openOptions: () => void browser.runtime.openOptionsPage(),
    async shortcut() {
      const commands = await browser.commands.getAll().catch(() => []);
      return commands.find((c) => c.name === '_execute_action')?.shortcut || undefined;
    },
    close: () => window.close(),
    watching: browserWatching(),
    // The background checks the sender (an extension page) and plans from the item's own context.
    writing: writeClient((message) => browser.runtime.sendMessage(message)),
  };
}
