import type { WriteOutcome, WritePlan } from '../../core/writes';
import { SafeLink } from '../SafeLink';
import { choosable, stateText } from './model';

/**
 * The steps of a plan: where each write goes, its target (`data-ref`), exactly what is sent (marker line included),
 * whether it is new, and a checkbox; after the confirm, each step's outcome (`data-outcome`). Titles and texts
 * come from other people's tickets: rendered as text only.
 */
export function PlanSteps({
  plan,
  idPrefix,
  chosen,
  outcomes,
  disabled,
  onToggle,
}: {
  plan: WritePlan;
  idPrefix: string;
  /** While choosing: the ticked steps. Absent once sent. */
  chosen?: ReadonlySet<string> | undefined;
  outcomes?: ReadonlyMap<string, WriteOutcome> | undefined;
  disabled?: boolean;
  onToggle?(id: string, event: Event): void;
}) {
  return (
    <ol class="write-steps">
      {plan.steps.map((step, index) => {
        const outcome = outcomes?.get(step.id);
        const box = `${idPrefix}-step-${index}`;
        return (
          <li
            key={step.id}
            class={`write-step ${step.state}`}
            data-ref={step.ref}
            data-step={step.id}
            data-state={step.state}
            data-outcome={outcome?.result}
          >
            <div class="line">
              {chosen && (
                <input
                  type="checkbox"
                  id={box}
                  checked={chosen.has(step.id)}
                  disabled={disabled || !choosable(step)}
                  onChange={(e) => onToggle?.(step.id, e)}
                />
              )}
              <label for={chosen ? box : undefined} class="where">
                {step.where}
              </label>
              <span class={`chip state ${step.state}`}>{stateText(step)}</span>
            </div>
            <div class="line">
              <SafeLink href={step.url}>{step.key}</SafeLink>
              <span class="title">{step.title}</span>
            </div>
            {step.note && <p class="note">{step.note}</p>}
            <pre class="write-text">{step.text}</pre>
            {outcome && (
              <p class={`outcome ${outcome.result}`}>
                <span class="chip">{outcome.result}</span> {outcome.message}
                {outcome.url && (
                  <>
                    {' '}
                    <SafeLink href={outcome.url}>Open</SafeLink>
                  </>
                )}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
