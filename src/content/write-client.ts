import { isWriteConfirmReply, isWritePreviewReply, isWriteSearchReply } from '../messaging/page-replies';
import type { WriteClient } from '../ui/write/controls';
import type { SendMessage } from './watch-client';

/**
 * The content script's side of writing (DESIGN.md contract 7): the preview, the confirm and the picker's search,
 * asked of the background, which plans only from what it served this tab and writes only a plan it gave this tab.
 * Every answer is validated; one that does not fit, or none at all, becomes a sentence the preview shows.
 */

const unanswered = (error: unknown) => ({
  ok: false as const,
  error: `Liaison's background did not answer (${error instanceof Error ? error.message : String(error)}). Reload the page and try again.`,
});
const malformed = {
  ok: false as const,
  error: 'Liaison could not read the background’s answer. Reload the page; if it persists, update Liaison.',
};

async function ask<T>(send: SendMessage, message: unknown, fits: (reply: unknown) => reply is T) {
  try {
    const reply = await send(message);
    return fits(reply) ? reply : malformed;
  } catch (error) {
    return unanswered(error);
  }
}

export function writeClient(
  send: SendMessage,
  /** The browser's `isTrusted`; tests inject their own. */
  isTrusted: (e: Event) => boolean = (e) => e.isTrusted,
): WriteClient {
  return {
    trusted: isTrusted,
    preview: (request) =>
      ask(
        send,
        {
          type: 'write-preview',
          kind: request.kind,
          subject: request.subject,
          ...(request.bug ? { bug: request.bug } : {}),
        },
        isWritePreviewReply,
      ),
    confirm: (planId, chosen) =>
      ask(send, { type: 'write-confirm', planId, chosen: [...chosen] }, isWriteConfirmReply),
    search: (text) => ask(send, { type: 'write-search', text: text.slice(0, 200) }, isWriteSearchReply),
  };
}
