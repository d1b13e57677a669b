import type { Runtime } from 'webextension-polyfill';

/**
 * Who sent a message: the one question every handler asks before it does anything (SECURITY.md, "Boundaries").
 *
 * - `extension`: one of our own pages (popup, options), whatever tab it is open in: its URL is on the extension's
 *   origin. Options opens in a tab, so `sender.tab` alone does not tell a page from a content script.
 * - `page`: our content script in a web page's frame; `url` is that frame's address (set by the browser, not by
 *   the script), the page it speaks for.
 * - `foreign`: anything else (another extension, a frame with no address): answered with nothing.
 */
export type Sender =
  | { role: 'extension' }
  | { role: 'page'; url: URL; tabId: number; frameId: number }
  | { role: 'foreign' };

/** What of `runtime.MessageSender` the decision reads. */
export type SenderFacts = Pick<Runtime.MessageSender, 'id' | 'url' | 'frameId'> & { tab?: { id?: number } };

export function senderOf(
  sender: SenderFacts | undefined,
  extensionId: string,
  extensionOrigin: string,
): Sender {
  if (!sender || sender.id !== extensionId || !sender.url) return { role: 'foreign' };
  const origin = extensionOrigin.replace(/\/+$/, '');
  if (sender.url === origin || sender.url.startsWith(`${origin}/`)) return { role: 'extension' };
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return { role: 'foreign' };
  }
  const tabId = sender.tab?.id;
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || tabId === undefined)
    return { role: 'foreign' };
  return { role: 'page', url, tabId, frameId: sender.frameId ?? 0 };
}
