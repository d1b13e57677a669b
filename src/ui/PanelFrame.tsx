import type { ComponentChildren } from 'preact';
import { ago, type PanelState } from './state';

export interface FrameProps {
  title: string;
  state: PanelState;
  theme: 'light' | 'dark';
  resolvedAt?: number | undefined;
  stale?: boolean | undefined;
  collapsed: boolean;
  onToggle(): void;
  onRefresh(): void;
  onOpenOptions(): void;
  children?: ComponentChildren;
}

/** The chrome every panel shares: title, freshness, refresh, collapse, and the loading/unconfigured bodies. */
export function PanelFrame(props: FrameProps) {
  const bodyId = `liaison-${props.title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section
      class="panel"
      data-theme={props.theme}
      aria-label={`Liaison: ${props.title}`}
      aria-busy={props.state === 'loading'}
    >
      <header>
        <h2>{props.title}</h2>
        {props.resolvedAt !== undefined && (
          <span class="meta" title={new Date(props.resolvedAt).toLocaleString()}>
            {props.stale ? 'refreshing… ' : ''}updated {ago(props.resolvedAt)}
          </span>
        )}
        <button
          type="button"
          onClick={props.onRefresh}
          aria-label={`Refresh ${props.title}`}
          title="Refresh (bypasses the cache)"
        >
          ↻
        </button>
        <button
          type="button"
          onClick={props.onToggle}
          aria-expanded={!props.collapsed}
          aria-controls={bodyId}
          aria-label={props.collapsed ? `Expand ${props.title}` : `Collapse ${props.title}`}
        >
          {props.collapsed ? '▸' : '▾'}
        </button>
      </header>
      {!props.collapsed && (
        <div class="body" id={bodyId}>
          {props.state === 'loading' && (
            <div role="status" aria-label="Loading">
              <div class="skeleton" />
              <div class="skeleton short" />
              <div class="skeleton" />
            </div>
          )}
          {props.state === 'unconfigured' && (
            <p>
              No connected system can answer for this page.{' '}
              <button type="button" class="link" onClick={props.onOpenOptions}>
                Connect GitHub, Jira, ServiceNow or Zendesk in Liaison options
              </button>
            </p>
          )}
          {props.state !== 'loading' && props.state !== 'unconfigured' && props.children}
        </div>
      )}
    </section>
  );
}
