import { MAX_REF_TEXTS } from '../messaging/limits';
import { isFindRefsReply } from '../messaging/page-replies';
import type { Site } from '../messaging/protocol';
import type { TextSource } from '../sites/types';
import { deepQuerySelectorAll } from './anchor';
import { collectTexts, refLink, type TextChunk, unwrapRefs, wrapRefs } from './linkify';
import type { WatchClient } from './watch-client';

/**
 * Hovercards: references in a page's prose (the text sources people write in: descriptions, comments, work notes,
 * the conversation) become links, and hovering or focusing one shows a preview of the item in one shared
 * `<liaison-hovercard>` (open shadow root) near it; Escape hides it. The background finds the references (it
 * knows the grammar and the Jira projects that exist) and answers previews from the entity cache.
 */

/** The text sources whose text is prose people wrote, by their `where`; titles, branches and form fields are not. */
export const proseSources: ReadonlySet<string> = new Set([
  'description',
  'comments',
  'work notes',
  'conversation',
  'release notes',
]);

const LINKIFY_DEBOUNCE_MS = 150;

/** What hovercards need of the extension (a test passes a fake). */
export type SendMessage = (message: unknown) => Promise<unknown>;

export function startHovercards(
  site: Site,
  texts: readonly TextSource[],
  scope: ParentNode,
  signal: AbortSignal,
  send: SendMessage,
  /** Whether an event is the user's (the browser's `isTrusted`; jsdom tests, which cannot make one, pass their own). */
  isTrusted: (e: Event) => boolean = (e) => e.isTrusted,
  /** The page's watch client: the card of an item shows its watch button (contract 6). */
  watch?: WatchClient,
): void {
  const sources = texts.filter((t) => proseSources.has(t.where));
  if (sources.length === 0) return;
  const doc = (scope as Node).ownerDocument ?? (scope as Document);
  const read = new WeakMap<Text, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failedOnce = false;

  const regions = () =>
    sources.flatMap((s) =>
      s.selectors.flatMap((sel) =>
        s.deep ? deepQuerySelectorAll(scope, sel) : [...scope.querySelectorAll(sel)],
      ),
    );

  async function linkify(): Promise<void> {
    const chunks = collectTexts(regions(), read);
    for (let i = 0; i < chunks.length && !signal.aborted; i += MAX_REF_TEXTS) {
      const batch = chunks.slice(i, i + MAX_REF_TEXTS);
      const texts = batch.map((c) => ({ text: c.text, code: c.code }));
      const reply = await send({ type: 'find-refs', texts }).catch(() => undefined);
      if (signal.aborted) return;
      if (!isFindRefsReply(reply) || !reply.ok) {
        if (!failedOnce)
          console.warn(`[liaison] [${site}] could not look for references in this page's text`);
        failedOnce = true;
        return;
      }
      const found = reply.found;
      batch.forEach((chunk: TextChunk, n) => {
        const refs = found[n] ?? [];
        if (refs.length === 0) return;
        const { pieces } = wrapRefs(chunk, refs);
        read.set(chunk.node, chunk.node.data);
        for (const piece of pieces) read.set(piece, piece.data);
      });
    }
  }

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void linkify(), LINKIFY_DEBOUNCE_MS);
  };
  const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
  const observer = new Observer(schedule);
  observer.observe(scope as Node, { childList: true, subtree: true, characterData: true });
  wakeCard(doc, send, signal, isTrusted, watch);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
    unwrapRefs(scope);
  });
  void linkify();
}

/**
 * The card itself (its view, the previews, where it goes) is a chunk of its own, loaded when the user first points
 * at or focuses a reference (issue 15): a page nobody hovers does not pay for it. The event that woke it is handed
 * over, unless the pointer or the focus has left the reference by the time the card's code is there.
 */
function wakeCard(
  doc: Document,
  send: SendMessage,
  signal: AbortSignal,
  isTrusted: (e: Event) => boolean,
  watch: WatchClient | undefined,
): void {
  let waking = false;
  let pending:
    | { how: 'pointer' | 'focus'; link: NonNullable<ReturnType<typeof refLink>>; at: number }
    | undefined;
  const stop = new AbortController();
  signal.addEventListener('abort', () => stop.abort(), { once: true });
  const listen = (type: string, listener: (e: Event) => void) =>
    doc.addEventListener(type, (e) => isTrusted(e) && listener(e), { signal: stop.signal, capture: true });
  const wake = (how: 'pointer' | 'focus') => (e: Event) => {
    const link = refLink(e);
    if (!link) return;
    pending = { how, link, at: Date.now() };
    if (waking) return;
    waking = true;
    import('./hovercard-card')
      .then(({ SharedHovercard }) => {
        stop.abort();
        if (signal.aborted) return;
        const card = new SharedHovercard(doc, send, signal, isTrusted, watch);
        if (pending) card.replay(pending.how, pending.link, pending.at);
      })
      .catch((error: unknown) => console.error('[liaison] could not load the hovercard', error));
  };
  const leave = (e: Event) => {
    if (refLink(e)?.element === pending?.link.element) pending = undefined;
  };
  listen('mouseover', wake('pointer'));
  listen('focusin', wake('focus'));
  listen('mouseout', leave);
  listen('focusout', leave);
}
