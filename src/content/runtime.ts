import type { Runtime } from 'webextension-polyfill';

/**
 * The two calls the content script makes of the extension (a one-shot message, a port), on the browser's own API
 * instead of webextension-polyfill (about 10 KB minified the page would load for nothing, issue 15): Firefox has
 * `browser` with promises, Chromium's MV3 `chrome.runtime.sendMessage` returns a promise when given no callback, and
 * both ports have the same `postMessage` / `onMessage` / `onDisconnect` / `disconnect`. One difference is handled
 * by every caller: where the polyfill resolved `undefined` when nobody answered, Chromium rejects.
 */
export interface ContentRuntime {
  sendMessage(message: unknown): Promise<unknown>;
  connect(info: { name: string }): Runtime.Port;
}

export function runtime(): ContentRuntime {
  const scope = globalThis as unknown as {
    browser?: { runtime?: ContentRuntime };
    chrome?: { runtime?: ContentRuntime };
  };
  const api = scope.browser?.runtime ?? scope.chrome?.runtime;
  if (!api)
    throw new Error('Liaison: the extension API is not available in this page (was the extension removed?)');
  return api;
}
