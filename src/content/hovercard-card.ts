import { h, render } from 'preact';
import { isPreviewReply } from '../messaging/page-replies';
import type { PreviewReply } from '../messaging/protocol';
import { type HovercardModel, HovercardView, hovercardStyles } from '../ui/Hovercard';
import { pageTheme } from '../ui/theme';
import { WatchContext } from '../ui/WatchButton';
import type { SendMessage } from './hovercards';
import { type MadeLink, refLink } from './linkify';
import type { WatchClient } from './watch-client';

/**
 * The hovercard shown for a reference Liaison made in a page's prose (./hovercards.ts): loaded, a chunk of its own,
 * when the user first points at or focuses one (issue 15).
 */

const SHOW_DELAY_MS = 300;
const HIDE_DELAY_MS = 200;

/** The one hovercard of the page, shown for the link under the pointer or with the keyboard focus. */
export class SharedHovercard {
  private host: HTMLElement | undefined;
  private link: { element: HTMLAnchorElement; made: MadeLink } | undefined;
  private showTimer: ReturnType<typeof setTimeout> | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly previews = new Map<string, Promise<PreviewReply>>();

  constructor(
    private readonly doc: Document,
    private readonly send: SendMessage,
    signal: AbortSignal,
    isTrusted: (e: Event) => boolean,
    private readonly watch?: WatchClient,
  ) {
    if (watch)
      signal.addEventListener(
        'abort',
        watch.subscribe(() => this.repaint()),
      );
    // Events a page's script made up (`isTrusted` false) are not the user's: they show nothing.
    const on = <K extends keyof DocumentEventMap>(type: K, listener: (e: DocumentEventMap[K]) => void) =>
      doc.addEventListener(type, (e) => isTrusted(e) && listener(e), { signal, capture: true });
    on('mouseover', (e) => {
      const link = refLink(e);
      if (link && link.element === this.link?.element && !this.host?.hidden) clearTimeout(this.hideTimer);
      else if (link) this.later(() => this.show(link), SHOW_DELAY_MS);
      else if (this.inCard(e)) clearTimeout(this.hideTimer);
    });
    on('mouseout', (e) => {
      if (refLink(e) || this.inCard(e)) this.later(() => this.hide(), HIDE_DELAY_MS, true);
    });
    on('focusin', (e) => {
      const link = refLink(e);
      if (link) this.show(link);
    });
    on('focusout', (e) => {
      if (refLink(e)) this.hide();
    });
    on('keydown', (e) => {
      if (e.key === 'Escape' && this.link) this.hide();
      // Alt+W on a focused reference watches its item: the card is a tooltip focus does not enter, so its watch
      // button is the pointer's; this is the keyboard's way (README "Watching").
      if (e.altKey && e.code === 'KeyW' && this.watch && this.painted?.state === 'ready' && refLink(e)) {
        e.preventDefault();
        this.watch.toggle(this.painted.preview.item.ref, e);
      }
    });
    signal.addEventListener('abort', () => {
      clearTimeout(this.showTimer);
      clearTimeout(this.hideTimer);
      this.host?.remove();
    });
  }

  /**
   * The pointer or the focus that woke the card at `since` (its code loads on the first one), shown as the card's
   * own listeners would have.
   */
  replay(
    how: 'pointer' | 'focus',
    link: { element: HTMLAnchorElement; made: MadeLink },
    since: number,
  ): void {
    if (how === 'focus') this.show(link);
    // The pointer's delay counts from when it reached the reference, not from when the card's code arrived.
    else this.later(() => this.show(link), Math.max(0, SHOW_DELAY_MS - (Date.now() - since)));
  }

  private later(action: () => void, ms: number, hiding = false): void {
    clearTimeout(this.showTimer);
    clearTimeout(this.hideTimer);
    const timer = setTimeout(action, ms);
    if (hiding) this.hideTimer = timer;
    else this.showTimer = timer;
  }

  private inCard(e: Event): boolean {
    return this.host !== undefined && e.composedPath().includes(this.host);
  }

  private show(link: { element: HTMLAnchorElement; made: MadeLink }): void {
    clearTimeout(this.hideTimer);
    // The reference Liaison recorded when it made the link, not the attribute a page could have changed since.
    const { ref, text, code } = link.made;
    const element = link.element;
    const host = this.ensureHost();
    this.link?.element.removeAttribute('aria-describedby');
    this.link = link;
    element.setAttribute('aria-describedby', 'liaison-hovercard');
    host.hidden = false;
    host.dataset.ref = ref;
    this.paint({ state: 'loading', ref, label: element.textContent ?? ref });
    this.position(element);
    let preview = this.previews.get(ref);
    if (!preview) {
      preview = this.send({ type: 'preview', ref, text, code })
        .then((r) => {
          return isPreviewReply(r) ? r : { ok: false as const, error: 'Liaison could not read this item.' };
        })
        .catch(() => ({ ok: false as const, error: 'Liaison was updated or restarted. Reload the page.' }));
      // A failure is not kept: pointing at the reference again asks again (the source may be back).
      const asked = preview;
      void asked.then((reply) => {
        if (!reply.ok && this.previews.get(ref) === asked) this.previews.delete(ref);
      });
      this.previews.set(ref, preview);
    }
    void preview.then((reply) => {
      if (this.link?.element !== element || host.hidden) return;
      const label = element.textContent ?? ref;
      this.paint(
        reply.ok
          ? { state: 'ready', preview: reply.preview }
          : { state: 'error', ref, label, message: reply.error },
      );
      this.position(element);
    });
  }

  private hide(): void {
    clearTimeout(this.showTimer);
    if (!this.host || this.host.hidden) return;
    this.host.hidden = true;
    this.link?.element.removeAttribute('aria-describedby');
    this.link = undefined;
  }

  private ensureHost(): HTMLElement {
    if (this.host?.isConnected) return this.host;
    const host = this.doc.createElement('liaison-hovercard');
    host.id = 'liaison-hovercard';
    host.setAttribute('role', 'tooltip');
    const root = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = hovercardStyles;
    root.append(style, this.doc.createElement('div'));
    this.doc.body.append(host);
    this.host = host;
    return host;
  }

  private painted: HovercardModel | undefined;

  private paint(model: HovercardModel): void {
    const host = this.host;
    const mount = host?.shadowRoot?.lastElementChild;
    if (!host || !mount) return;
    host.dataset.state = model.state;
    if (model.state === 'ready' && this.painted?.state !== 'ready')
      this.watch?.sync([model.preview.item.ref]);
    this.painted = model;
    render(
      h(
        WatchContext.Provider,
        { value: this.watch },
        h(HovercardView, { model, theme: pageTheme(this.doc) }),
      ),
      mount,
    );
  }

  /** The watch state changed: the card shown says so. */
  private repaint(): void {
    if (this.painted && this.host && !this.host.hidden) this.paint(this.painted);
  }

  /** Below the link, or above it when the viewport has no room below; never off the sides. */
  private position(link: HTMLAnchorElement): void {
    const host = this.host;
    const view = this.doc.defaultView;
    if (!host || !view) return;
    const rect = link.getClientRects()[0] ?? link.getBoundingClientRect();
    const height = host.getBoundingClientRect().height || 160;
    const width = Math.min(320, view.innerWidth - 16);
    const below = rect.bottom + 6 + height <= view.innerHeight;
    host.style.left = `${Math.max(8, Math.min(rect.left, view.innerWidth - width - 8))}px`;
    host.style.top = `${below ? rect.bottom + 6 : Math.max(8, rect.top - 6 - height)}px`;
  }
}
