/**
 * The popup's keyboard model, a combobox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): focus stays in
 * the search box, so typing never stops, and the active option is pointed at with `aria-activedescendant`.
 *
 *   ArrowDown / ArrowUp     next / previous option (from the box, ArrowDown is the first, ArrowUp the last;
 *                           ArrowUp on the first goes back to the box)
 *   Enter                   open the active option (or the first) in the current tab
 *   Ctrl+Enter / Cmd+Enter  open it in a new tab, keeping the popup open
 *   Escape                  clear the box; when it is already empty, close the popup
 *
 * The active option is kept by reference, not index, so results arriving from a slower system above it never
 * move the selection to another item.
 */

export type KeyAction =
  | { type: 'move'; active: string | undefined }
  | { type: 'open'; ref: string; newTab: boolean }
  | { type: 'clear' }
  | { type: 'close' }
  | { type: 'none' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

export function moveActive(refs: readonly string[], active: string | undefined, down: boolean) {
  if (refs.length === 0) return undefined;
  const at = active === undefined ? -1 : refs.indexOf(active);
  if (at === -1) return down ? refs[0] : refs.at(-1);
  if (down) return refs[Math.min(at + 1, refs.length - 1)];
  return at === 0 ? undefined : refs[at - 1];
}

/** What a key in the search box does, given the options shown, the active one and the box's text. */
export function keyAction(
  event: KeyInput,
  refs: readonly string[],
  active: string | undefined,
  text: string,
): KeyAction {
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowUp':
      if (event.altKey || refs.length === 0) return { type: 'none' };
      return { type: 'move', active: moveActive(refs, active, event.key === 'ArrowDown') };
    case 'Enter': {
      const ref = active !== undefined && refs.includes(active) ? active : refs[0];
      if (ref === undefined) return { type: 'none' };
      return { type: 'open', ref, newTab: Boolean(event.ctrlKey || event.metaKey) };
    }
    case 'Escape':
      return text !== '' ? { type: 'clear' } : { type: 'close' };
    default:
      return { type: 'none' };
  }
}
