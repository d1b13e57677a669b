import { useContext, useId, useRef, useState } from 'preact/hooks';
import type { WriteKind } from '../../core/writes';
import { actionLabel, WriteContext } from './controls';
import type { WritePreview as Preview } from './WritePreview';

/**
 * The preview (its picker, plan and outcomes) is a chunk of its own (issue 15): asked when the pointer or the focus
 * reaches an action, so it is usually there by the click; a click before that shows "Loading…" for the moment.
 */
let previewModule: Promise<typeof Preview> | undefined;
let loadedPreview: typeof Preview | undefined;
export function loadWritePreview(): Promise<typeof Preview> {
  previewModule ??= import('./WritePreview').then((m) => {
    loadedPreview = m.WritePreview;
    return m.WritePreview;
  });
  previewModule.catch(() => {
    previewModule = undefined;
  });
  return previewModule;
}

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
  const [WritePreview, setPreview] = useState<typeof Preview | undefined>(() => loadedPreview);
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
        onPointerEnter={() => void loadWritePreview().catch(() => undefined)}
        onFocus={() => void loadWritePreview().catch(() => undefined)}
        onClick={(e) => {
          if (!controls.trusted(e)) return;
          setOpen(true);
          if (loadedPreview) setPreview(() => loadedPreview);
          else
            loadWritePreview().then(
              (component) => setPreview(() => component),
              (error: unknown) => console.error('[liaison] could not load the write preview', error),
            );
        }}
      >
        {label ?? actionLabel[kind]}
      </button>
      {open && WritePreview && (
        <WritePreview id={id} kind={kind} bug={bug} controls={controls} onClose={close} />
      )}
      {open && !WritePreview && (
        <p class="write-loading" role="status" id={id}>
          Loading…
        </p>
      )}
    </div>
  );
}
