import { render } from 'preact';
import type { ContextView } from '../messaging/protocol';
import type { PanelId } from '../sites/types';
import { PanelFrame } from '../ui/PanelFrame';
import { loadedPanel, loadPanel, panelTitles } from '../ui/panels/registry';
import { panelStyles, writeStyles } from '../ui/styles';
import { WatchContext, type WatchControls } from '../ui/WatchButton';
import { type WriteClient, WriteContext, type WriteControls } from '../ui/write/controls';

export interface PanelInput {
  view: ContextView | undefined;
  failure: string | undefined;
  theme: 'light' | 'dark';
  collapsed: boolean;
}

export interface PanelActions {
  refresh(): void;
  toggle(collapsed: boolean): void;
  openOptions(): void;
  /** The watch buttons' state and toggle (watch-client.ts); without it the panels show no watch button. */
  watch?: WatchControls;
  /** The write actions' client (write-client.ts); without it the panels show no write action. */
  write?: WriteClient;
}

/**
 * A click the user made. The shadow root is open (contract 3), so a page's script can call `click()` on Refresh;
 * those events are not trusted and do nothing (SECURITY.md: a page cannot bypass the cache).
 */
const userAction = (event: Event) => event.isTrusted;

/** A `<liaison-panel>` host with an open shadow root (DESIGN.md contract 3), re-rendered on every update. */
export class MountedPanel {
  readonly host: HTMLElement;
  private readonly mountPoint: HTMLElement;
  /** Made once, so the write previews' context is the same object across updates. */
  private readonly write: WriteControls | undefined;

  constructor(
    readonly panel: PanelId,
    subject: string,
    private readonly actions: PanelActions,
  ) {
    this.host = document.createElement('liaison-panel');
    this.host.dataset.panel = panel;
    this.host.dataset.subject = subject;
    this.host.dataset.state = 'loading';
    const root = this.host.attachShadow({ mode: 'open' });
    this.style = document.createElement('style');
    this.style.textContent = panelStyles + writeStyles;
    this.mountPoint = document.createElement('div');
    root.append(this.style, this.mountPoint);
    const client = actions.write;
    // After a write (a new link) the panel reads its context again; the refresh is the user's, clicked in a preview.
    this.write = client && { ...client, subject, refresh: () => actions.refresh() };
  }

  /** The shadow root's styles: the panels' own, then the panel's (in its chunk) once its code is loaded. */
  private readonly style: HTMLStyleElement;
  private styled = false;
  /** The last input, painted again once the panel's code has loaded. */
  private last: PanelInput | undefined;
  private removed = false;
  private waiting = false;
  /** The panel's code could not be loaded (the extension was updated or removed under the page). */
  private unloadable: string | undefined;

  update(input: PanelInput): void {
    this.last = input;
    const definition = loadedPanel(this.panel);
    if (definition?.styles && !this.styled) {
      this.styled = true;
      this.style.textContent += definition.styles;
    }
    if (!definition && !this.waiting && !this.unloadable) {
      this.waiting = true;
      const repaint = () => {
        this.waiting = false;
        if (!this.removed && this.last) this.update(this.last);
      };
      loadPanel(this.panel).then(repaint, (error: unknown) => {
        console.error(`[liaison] could not load the ${this.panel} panel`, error);
        this.unloadable = 'Liaison could not load this panel (it was updated or restarted). Reload the page.';
        repaint();
      });
    }
    // Until its code is there (a few milliseconds, from the extension's own files) the panel's frame shows it loading.
    const failure = this.unloadable ?? input.failure;
    const model = definition?.model(input.view, input.failure) ?? {
      state: this.unloadable ? ('error' as const) : ('loading' as const),
    };
    this.host.dataset.state = model.state;
    if (input.view?.stale) this.host.dataset.stale = '';
    else delete this.host.dataset.stale;
    render(
      <PanelFrame
        kind={this.panel}
        title={panelTitles[this.panel]}
        state={model.state}
        theme={input.theme}
        resolvedAt={input.view?.resolvedAt}
        stale={input.view?.stale}
        skippedRefs={input.view?.skippedRefs}
        collapsed={input.collapsed}
        onToggle={(e) => userAction(e) && this.actions.toggle(!input.collapsed)}
        onRefresh={(e) => userAction(e) && this.actions.refresh()}
        onOpenOptions={(e) => userAction(e) && this.actions.openOptions()}
      >
        {model.state === 'error' && failure && (
          <p class="error" role="alert">
            {failure}
          </p>
        )}
        <WatchContext.Provider value={this.actions.watch}>
          <WriteContext.Provider value={this.write}>
            {definition?.body(model, input.view)}
          </WriteContext.Provider>
        </WatchContext.Provider>
      </PanelFrame>,
      this.mountPoint,
    );
  }

  remove(): void {
    this.removed = true;
    render(null, this.mountPoint);
    this.host.remove();
  }
}
