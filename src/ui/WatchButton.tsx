import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * The one-click watch control (DESIGN.md contract 6): a toggle button with `data-watch` inside the element that
 * carries the item's `data-ref`, `aria-pressed="true"` while the item is watched. Whoever renders it provides the
 * controls (the content script asks the background; the popup too); without them no button is shown.
 */

export interface WatchControls {
  isWatched(ref: string): boolean;
  /** The click event goes along: the content script acts only on the user's own (trusted) clicks. */
  toggle(ref: string, event: Event): void;
}

export const WatchContext = createContext<WatchControls | undefined>(undefined);

/**
 * `inOption`: the item is an ARIA `option` (the popup's listbox), whose children are presentational: a focusable
 * button there is a nested interactive control (axe-core `nested-interactive`) that assistive technologies never
 * reach. There the control is a pointer target only, not focusable, and the keyboard toggles the active option with
 * Alt+W (src/popup/Popup.tsx).
 */
export function WatchButton({
  itemRef,
  label,
  inOption,
}: {
  itemRef: string;
  label: string;
  inOption?: boolean;
}) {
  const controls = useContext(WatchContext);
  if (!controls) return null;
  const watched = controls.isWatched(itemRef);
  const Tag = inOption ? 'span' : 'button';
  return (
    <Tag
      {...(inOption ? { role: 'button' } : { type: 'button' })}
      class={`watch${watched ? ' on' : ''}`}
      data-watch=""
      aria-pressed={watched ? 'true' : 'false'}
      aria-label={watched ? `Stop watching ${label}` : `Watch ${label}`}
      title={watched ? `Stop watching ${label}` : `Watch ${label}: Liaison tells you when it changes`}
      onClick={(e) => {
        // Inside a popup row or a link's card, the click is the button's alone.
        e.stopPropagation();
        controls.toggle(itemRef, e);
      }}
      onMouseDown={(e) => e.stopPropagation()}
    >
      <span aria-hidden="true">{watched ? '●' : '○'}</span> {watched ? 'Watching' : 'Watch'}
    </Tag>
  );
}

/** Shared by the panels' and the hovercard's shadow roots (each defines --accent, --fg, --muted, --border). */
export const watchButtonStyles = `
button.watch { font: inherit; font-size: 11px; line-height: 1.4; margin-left: auto; padding: 0 6px; color: var(--muted);
  background: transparent; border: 1px solid var(--border); border-radius: 10px; cursor: pointer; white-space: nowrap; }
button.watch:hover { color: var(--fg); }
button.watch.on { color: var(--accent); border-color: var(--accent); font-weight: 600; }
button.watch:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
`;
