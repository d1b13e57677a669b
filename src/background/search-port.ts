import browser from 'webextension-polyfill';
import {
  SEARCH_PORT,
  type SearchReply,
  type SearchRequest,
  searchReplySchema,
  searchRequestSchema,
} from '../messaging/search';
import { type Config, extractOptionsFor, getConfig } from './config';
import { jiraProjectKeys } from './discovery';
import { rememberRecent } from './recent';
import { runSearch, searchSources } from './search';
import { senderOf } from './senders';

/**
 * The popup's search port (messaging/search.ts): one search at a time per popup, the older one aborted when a
 * newer one arrives, everything aborted when the popup closes. Providers are the configuration's own (not the
 * entity cache: a search asks for what is there now).
 */

const sourcesReply = (config: Config): SearchReply => ({
  type: 'sources',
  sources: searchSources(config.providers),
  configured: config.providers.length > 0 && !config.error,
  ...(config.error ? { error: config.error } : {}),
});

export function listenForSearches(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== SEARCH_PORT) return;
    // The popup's search reaches every connected system: extension pages only, never a content script.
    if (senderOf(port.sender, browser.runtime.id, browser.runtime.getURL('/')).role !== 'extension') {
      port.disconnect();
      return;
    }
    let current: AbortController | undefined;
    let open = true;
    port.onDisconnect.addListener(() => {
      open = false;
      current?.abort();
    });
    const post = (reply: SearchReply) => {
      if (open) port.postMessage(searchReplySchema.parse(reply));
    };
    port.onMessage.addListener((message: unknown) => {
      const parsed = searchRequestSchema.safeParse(message);
      if (!parsed.success) {
        console.warn('[liaison] ignored a malformed search request');
        return;
      }
      void handle(parsed.data);
    });

    async function handle(request: SearchRequest) {
      switch (request.type) {
        case 'sources':
          post(sourcesReply(await getConfig()));
          return;
        case 'cancel':
          current?.abort();
          return;
        case 'opened':
          await rememberRecent(request.item, 'opened').catch((e) => console.warn('[liaison] recent', e));
          return;
        case 'search': {
          current?.abort();
          const controller = new AbortController();
          current = controller;
          const config = await getConfig();
          const extract = extractOptionsFor(config, await jiraProjectKeys(config));
          const providers = config.error ? [] : config.providers;
          const replies = runSearch(request, { providers, extract, signal: controller.signal });
          try {
            for await (const reply of replies) if (!controller.signal.aborted) post(reply);
          } catch (error) {
            console.warn('[liaison] search failed', error);
            if (!controller.signal.aborted) post({ type: 'done', queryId: request.queryId });
          }
        }
      }
    }
  });
}
