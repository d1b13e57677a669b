import type { WriteClient } from '../ui/write/controls';
import type { SendMessage } from './watch-client';

/** How the write client's code is loaded (a test passes its own). */
export type LoadWriteClient = () => Promise<{ writeClient(send: SendMessage): WriteClient }>;

/**
 * The write client (./write-client.ts), loaded when a write action is first used (issue 15): a panel shows its
 * write buttons without it, and a page where nobody writes does not pay for it. Loaded once; a load that fails (the
 * extension was updated under the page) becomes a sentence the preview shows, and the next use tries again.
 */
export function lazyWriteClient(
  send: SendMessage,
  load: LoadWriteClient = () => import('./write-client'),
): WriteClient {
  let client: Promise<WriteClient> | undefined;
  const loaded = () => {
    client ??= load().then((m) => m.writeClient(send));
    return client;
  };
  const unloadable = (error: unknown) => {
    client = undefined;
    return {
      ok: false as const,
      error: `Liaison could not load its write actions (${error instanceof Error ? error.message : String(error)}). Reload the page and try again.`,
    };
  };
  return {
    trusted: (e) => e.isTrusted,
    preview: (request) => loaded().then((c) => c.preview(request), unloadable),
    confirm: (planId, chosen) => loaded().then((c) => c.confirm(planId, chosen), unloadable),
    search: (text) => loaded().then((c) => c.search(text), unloadable),
  };
}
