import type { ComponentChildren } from 'preact';
import { systemNames } from '../core/systems';
import type { PanelId } from '../sites/types';
import { ago, type PanelState } from './state';

export interface FrameProps {
  /** Which panel: its reserved height comes from the styles (`.panel[data-kind]`). */
  kind: PanelId;
  title: string;
  state: PanelState;
  theme: 'light' | 'dark';
  resolvedAt?: number | undefined;
  stale?: boolean | undefined;
  /** References on the page that one resolution left out (it looks up a bounded number). */
  skippedRefs?: number | undefined;
  collapsed: boolean;
  /** Each gets the click, so the content script can tell the user's clicks from a page script's (`isTrusted`). */
  onToggle(event: Event): void;
  onRefresh(event: Event): void;
  onOpenOptions(event: Event): void;
  children?: ComponentChildren;
}

/**
 * The chrome every panel shares: title, freshness, refresh, collapse, and the loading/unconfigured bodies.
 * The body keeps the height its loading skeleton reserved (and scrolls past its cap), so the host page's content
 * moves once, when the panel appears, and not again when the data arrives. A collapsed body stays in the tree,
 * hidden, so the collapse button's `aria-controls` always names an element.
 */
export function PanelFrame(props: FrameProps) {
  const bodyId = `liaison-${props.kind}-body`;
  const titleId = `liaison-${props.kind}-title`;
  const notice = props.state === 'empty' || props.state === 'error' || props.state === 'unconfigured';
  return (
    <section
      class="panel"
      data-kind={props.kind}
      data-theme={props.theme}
      aria-labelledby={titleId}
      aria-busy={props.state === 'loading'}
    >
      <header>
        <h2 id={titleId}>
          {/* Disclosure pattern: the title is the collapse toggle; its state is aria-expanded, its name stays. */}
          <button
            type="button"
            class="toggle"
            onClick={props.onToggle}
            aria-expanded={!props.collapsed}
            aria-controls={bodyId}
            title={props.collapsed ? 'Expand' : 'Collapse'}
          >
            <span class="chevron" aria-hidden="true">
              {props.collapsed ? '▸' : '▾'}
            </span>
            <span class="visually-hidden">Liaison: </span>
            {props.title}
          </button>
        </h2>
        {props.resolvedAt !== undefined && (
          <span class="meta" onPointerEnter={exactTimeOnHover(props.resolvedAt)}>
            {props.stale ? 'refreshing… ' : ''}updated {ago(props.resolvedAt)}
          </span>
        )}
        <button
          type="button"
          onClick={props.onRefresh}
          aria-label={`Refresh ${props.title}`}
          title="Refresh (bypasses the cache)"
        >
          <span aria-hidden="true">↻</span>
        </button>
      </header>
      <div class={`body${notice ? ' notice' : ''}`} id={bodyId} hidden={props.collapsed}>
        {props.state === 'loading' && (
          <div class="skeletons" role="status">
            <span class="visually-hidden">Loading {props.title.toLowerCase()}…</span>
            <div class="skeleton heading" />
            <div class="skeleton" />
            <div class="skeleton short" />
            <div class="skeleton" />
            <div class="skeleton short" />
          </div>
        )}
        {props.state === 'unconfigured' && (
          <p>
            No connected system can answer for this page.{' '}
            <button type="button" class="link" onClick={props.onOpenOptions}>
              Connect {systemNames()} in Liaison options
            </button>
          </p>
        )}
        {props.state !== 'loading' && props.state !== 'unconfigured' && props.children}
        {(props.state === 'ready' || props.state === 'empty') && (
          <SkippedRefs count={props.skippedRefs ?? 0} />
        )}
      </div>
    </section>
  );
}

/**
 * Said quietly, after what was found: the panel is complete for what was looked up, and the rest of a page that
 * names more references than one resolution asks for (a pasted list, a hostile comment) was not looked up.
 */
function SkippedRefs({ count }: { count: number }) {
  if (count <= 0) return null;
  const sentence =
    count === 1
      ? '1 more reference on this page was not looked up.'
      : `${count} more references on this page were not looked up.`;
  return (
    <p class="meta skipped" data-skipped-refs={count}>
      {sentence}
    </p>
  );
}

/**
 * The freshness line's tooltip: the exact time, formatted when the pointer comes to it. The first locale date
 * formatting of a page loads the browser's date tables (40–60 ms on the main thread in Chromium, measured with
 * bench/content-startup.ts), too much to spend on every page load for a tooltip few will read.
 */
function exactTimeOnHover(at: number) {
  return (event: { currentTarget: EventTarget | null }) => {
    if (event.currentTarget instanceof Element)
      event.currentTarget.setAttribute('title', new Date(at).toLocaleString());
  };
}
