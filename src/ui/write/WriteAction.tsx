import { useContext, useId, useRef, useState } from 'preact/hooks';
import type { WriteKind } from '../../core/writes';
import { WriteContext } from './controls';
import { actionLabel } from './model';
import { WritePreview } from './WritePreview';

/**
 * A write action (DESIGN.md contract 7): a button with `data-action` that opens its preview just below it, inside
 * the panel. Only the user's own click opens it (a page's script can call `click()` in the open shadow root);
 * without write controls (nothing to ask) no button is shown.
 */
export function WriteAction({
  kind,
  bug,
  label,
  describe,
}: {
  kind: WriteKind;
  /** link-bug: none (the picker asks); draft-kb: the resolved bug to draft from. */
  bug?: string | undefined;
  label?: string;
  /** Said to assistive technologies with the button ("for SHOP-101"). */
  describe?: string;
}) {
  const controls = useContext(WriteContext);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const id = `liaison-write-${useId()}`;
  if (!controls) return null;
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div class="write-action">
      <button
        ref={button}
        type="button"
        class="action"
        data-action={kind}
        // Not aria-expanded: the panel's collapse toggle is the button with that state (tests and tools find it so).
        aria-haspopup="dialog"
        data-open={open ? '' : undefined}
        aria-controls={open ? id : undefined}
        aria-label={describe ? `${label ?? actionLabel[kind]} ${describe}` : undefined}
        onClick={(e) => {
          if (controls.trusted(e)) setOpen(true);
        }}
      >
        {label ?? actionLabel[kind]}
      </button>
      {open && <WritePreview id={id} kind={kind} bug={bug} controls={controls} onClose={close} />}
    </div>
  );
}
