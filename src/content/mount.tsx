import { render } from 'preact';
import type { ContextView } from '../messaging/protocol';
import type { PanelId } from '../sites/types';
import { LinkedIncidentsPanel } from '../ui/panels/LinkedIncidentsPanel';
import { PanelFrame } from '../ui/PanelFrame';
import { linkedIncidents, type PanelState } from '../ui/state';
import { panelStyles } from '../ui/styles';

const titles: Record<PanelId, string> = {
  'linked-incidents': 'Linked incidents',
  'customer-impact': 'Customer impact',
  'bug-status': 'Bug status',
};

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
}

/** A `<liaison-panel>` host with an open shadow root (DESIGN.md contract 3), re-rendered on every update. */
export class MountedPanel {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private readonly mountPoint: HTMLElement;

  constructor(
    readonly panel: PanelId,
    subject: string,
    private readonly actions: PanelActions,
  ) {
    this.host = document.createElement('liaison-panel');
    this.host.dataset.panel = panel;
    this.host.dataset.subject = subject;
    this.host.dataset.state = 'loading';
    this.root = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = panelStyles;
    this.mountPoint = document.createElement('div');
    this.root.append(style, this.mountPoint);
  }

  update(input: PanelInput): void {
    const model = linkedIncidents(input.view, input.failure);
    const state: PanelState = model.state;
    this.host.dataset.state = state;
    if (input.view?.stale) this.host.dataset.stale = '';
    else delete this.host.dataset.stale;
    render(
      <PanelFrame
        title={titles[this.panel]}
        state={state}
        theme={input.theme}
        resolvedAt={input.view?.resolvedAt}
        stale={input.view?.stale}
        collapsed={input.collapsed}
        onToggle={() => this.actions.toggle(!input.collapsed)}
        onRefresh={this.actions.refresh}
        onOpenOptions={this.actions.openOptions}
      >
        {state === 'error' && input.failure && (
          <p class="error" role="alert">
            {input.failure}
          </p>
        )}
        {this.panel === 'linked-incidents' && <LinkedIncidentsPanel model={model} view={input.view} />}
      </PanelFrame>,
      this.mountPoint,
    );
  }

  remove(): void {
    render(null, this.mountPoint);
    this.host.remove();
  }
}
