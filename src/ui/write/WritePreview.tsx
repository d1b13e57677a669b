import { useEffect, useRef, useState } from 'preact/hooks';
import type { Item } from '../../core/model';
import type { WriteKind } from '../../core/writes';
import { ArticleMarkdown } from './ArticleMarkdown';
import { BugPicker } from './BugPicker';
import type { WriteControls } from './controls';
import {
  chosenIds,
  confirmLabel,
  initialChoice,
  kindTitle,
  outcomeSummary,
  outcomesById,
  type PreviewPhase,
  toggleChoice,
  wroteSomething,
} from './model';
import { PlanSteps } from './PlanSteps';

/**
 * The preview a write action opens (DESIGN.md contract 7), inside the panel: what will be written where, and the
 * one button that sends it (`data-confirm`). Escape or Cancel closes it and the focus goes back to the action.
 */
export function WritePreview({
  id,
  kind,
  bug,
  controls,
  onClose,
}: {
  id: string;
  kind: WriteKind;
  bug?: string | undefined;
  controls: WriteControls;
  onClose(): void;
}) {
  const picking = kind === 'link-bug' && !bug;
  const [phase, setPhase] = useState<PreviewPhase>(picking ? { phase: 'picking' } : { phase: 'planning' });
  const [chosenBug, setChosenBug] = useState<Item>();
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  const live = useRef(true);

  const plan = (bugRef: string | undefined) => {
    setPhase({ phase: 'planning' });
    void controls
      .preview({ kind, subject: controls.subject, ...(bugRef ? { bug: bugRef } : {}) })
      .then((reply) => {
        if (!live.current) return;
        setPhase(
          reply.ok
            ? { phase: 'plan', plan: reply.plan, chosen: initialChoice(reply.plan), sending: false }
            : { phase: 'failed', error: reply.error },
        );
      });
  };

  useEffect(() => {
    if (!picking) {
      heading.current?.focus();
      plan(bug);
    }
    return () => {
      live.current = false;
    };
  }, []);

  // Where the focus goes when what it was on disappears: the heading once a bug is chosen, the summary once sent.
  useEffect(() => {
    if (phase.phase === 'done') summary.current?.focus();
    else if (phase.phase === 'planning' && chosenBug) heading.current?.focus();
  }, [phase.phase]);

  const choose = (item: Item) => {
    setChosenBug(item);
    plan(item.ref);
  };

  const toggle = (stepId: string, event: Event) => {
    const box = event.currentTarget as HTMLInputElement;
    setPhase((p) => {
      if (p.phase !== 'plan' || p.sending || !controls.trusted(event)) {
        // A page's script ticked it (or it is being sent): the box shows the plan's choice again.
        if (p.phase === 'plan') box.checked = p.chosen.has(stepId);
        return p;
      }
      return { ...p, chosen: toggleChoice(p.plan, p.chosen, stepId, box.checked) };
    });
  };

  const confirm = (event: Event) => {
    if (!controls.trusted(event) || phase.phase !== 'plan' || phase.sending) return;
    const current = phase;
    const ids = chosenIds(current.plan, current.chosen);
    if (ids.length === 0) return;
    setPhase({ ...current, sending: true, error: undefined });
    void controls.confirm(current.plan.planId, ids).then((reply) => {
      if (!live.current) return;
      if (!reply.ok) {
        setPhase({ ...current, sending: false, error: reply.error });
        return;
      }
      const outcomes = outcomesById(current.plan, reply.outcomes);
      setPhase({ phase: 'done', plan: current.plan, outcomes });
      // The new link shows in the panel once it is read again.
      if (kind === 'link-bug' && wroteSomething(outcomes)) controls.refresh();
    });
  };

  const title =
    phase.phase === 'plan' || phase.phase === 'done'
      ? phase.plan.summary
      : chosenBug
        ? `Link this ticket to ${chosenBug.key}`
        : kindTitle[kind];
  const shown = phase.phase === 'plan' || phase.phase === 'done' ? phase.plan : undefined;
  const sending = phase.phase === 'plan' && phase.sending;
  const count = phase.phase === 'plan' ? chosenIds(phase.plan, phase.chosen).length : 0;

  return (
    // A non-modal dialog in the panel's flow: the page around it stays usable, the focus comes back on close.
    <div
      class="write-preview"
      role="dialog"
      id={id}
      aria-labelledby={`${id}-title`}
      data-preview={kind}
      aria-busy={phase.phase === 'planning' || sending}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // The site's own Escape handlers (closing its dialogs) are not for this.
        e.stopPropagation();
        e.preventDefault();
        onClose();
      }}
    >
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {phase.phase === 'picking' && <BugPicker client={controls} labelId={`${id}-title`} onChoose={choose} />}
      {phase.phase === 'planning' && (
        <p class="meta" role="status">
          Checking what is already written…
        </p>
      )}
      {phase.phase === 'failed' && (
        <p class="error" role="alert">
          {phase.error}
        </p>
      )}
      {shown && shown.notes.length > 0 && (
        <ul class="notes">
          {shown.notes.map((note) => (
            <li key={note} class="note">
              {note}
            </li>
          ))}
        </ul>
      )}
      {shown?.markdown !== undefined && <ArticleMarkdown markdown={shown.markdown} />}
      {phase.phase === 'plan' && (
        <PlanSteps
          plan={phase.plan}
          idPrefix={id}
          chosen={phase.chosen}
          disabled={phase.sending}
          onToggle={toggle}
        />
      )}
      {phase.phase === 'done' && <PlanSteps plan={phase.plan} idPrefix={id} outcomes={phase.outcomes} />}
      {phase.phase === 'plan' && phase.error && (
        <p class="error" role="alert">
          {phase.error}
        </p>
      )}
      {phase.phase === 'done' && (
        <p class="summary" ref={summary} tabIndex={-1} role="status" data-summary>
          {outcomeSummary(phase.outcomes.values())}
        </p>
      )}
      <div class="write-buttons">
        {phase.phase === 'plan' && (
          <button
            type="button"
            class="primary"
            data-confirm=""
            disabled={count === 0 || sending}
            onClick={confirm}
          >
            {sending ? 'Writing…' : confirmLabel(kind, count)}
          </button>
        )}
        {chosenBug && phase.phase !== 'done' && !sending && (
          <button
            type="button"
            onClick={() => {
              setChosenBug(undefined);
              setPhase({ phase: 'picking' });
            }}
          >
            Change bug
          </button>
        )}
        <button type="button" onClick={onClose}>
          {phase.phase === 'done' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
