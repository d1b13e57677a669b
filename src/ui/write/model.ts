import type { Item } from '../../core/model';
import type { WriteKind, WriteOutcome, WritePlan, WriteStep } from '../../core/writes';

/**
 * What a write preview shows (DESIGN.md contract 7), as pure functions of what the background answered: which
 * steps start chosen, which can be chosen at all, what the confirm button says and the summary after it. The
 * components in this folder only render these and forward the user's clicks.
 */

/** Where a preview is: picking a bug (link-bug), waiting for the plan, showing it, sending it, or done. */
export type PreviewPhase =
  | { phase: 'picking' }
  | { phase: 'planning' }
  | { phase: 'plan'; plan: WritePlan; chosen: ReadonlySet<string>; sending: boolean; error?: string }
  | { phase: 'done'; plan: WritePlan; outcomes: ReadonlyMap<string, WriteOutcome> }
  | { phase: 'failed'; error: string };

/** A step the user may tick: `already` is there, `blocked` cannot be sent; neither is ever sent. */
export const choosable = (step: WriteStep): boolean =>
  step.state === 'new' || step.state === 'unknown' || step.state === 'replace';

/**
 * The steps ticked when the plan is shown: the `new` ones the background chose. An `unknown` one (Liaison could not
 * read whether it is there) or a `replace` one (a field holding another value) is left for the user to tick, as
 * `WriteStep.chosen` says, whatever the plan claims.
 */
export const initialChoice = (plan: WritePlan): Set<string> =>
  new Set(plan.steps.filter((s) => s.chosen && s.state === 'new').map((s) => s.id));

/** Ticks or unticks a step; a step that cannot be chosen stays unticked. */
export function toggleChoice(
  plan: WritePlan,
  chosen: ReadonlySet<string>,
  id: string,
  on: boolean,
): Set<string> {
  const next = new Set(chosen);
  const step = plan.steps.find((s) => s.id === id);
  if (on && step && choosable(step)) next.add(id);
  else next.delete(id);
  return next;
}

/** The ids sent with `write-confirm`, in the plan's order. */
export const chosenIds = (plan: WritePlan, chosen: ReadonlySet<string>): string[] =>
  plan.steps.filter((s) => chosen.has(s.id) && choosable(s)).map((s) => s.id);

/** The confirm button's words: what a click does. */
export function confirmLabel(kind: WriteKind, count: number): string {
  if (count === 0) return 'Nothing chosen';
  const plural = count === 1 ? '' : 's';
  if (kind === 'draft-kb') return `Create ${count} draft${plural}`;
  if (kind === 'tell-tickets') return `Post ${count} note${plural}`;
  return `Confirm ${count} write${plural}`;
}

/** How a step's state reads in the preview. */
export function stateText(step: WriteStep): string {
  switch (step.state) {
    case 'new':
      return 'New';
    case 'already':
      return 'Already written';
    case 'unknown':
      return 'Cannot tell whether it is there';
    case 'blocked':
      return 'Blocked';
    case 'replace':
      return 'Replaces the current value';
  }
}

const resultOrder: readonly WriteOutcome['result'][] = ['written', 'already', 'failed', 'skipped'];
const resultWords: Record<WriteOutcome['result'], string> = {
  written: 'written',
  already: 'already there',
  failed: 'failed',
  skipped: 'skipped',
};

/** "2 written, 1 failed": each result that happened, in a fixed order. */
export function outcomeSummary(outcomes: Iterable<WriteOutcome>): string {
  const counts = new Map<WriteOutcome['result'], number>();
  for (const o of outcomes) counts.set(o.result, (counts.get(o.result) ?? 0) + 1);
  const parts = resultOrder.filter((r) => counts.has(r)).map((r) => `${counts.get(r)} ${resultWords[r]}`);
  return parts.length > 0 ? parts.join(', ') : 'Nothing was written.';
}

/** The outcomes by step id; one the background did not answer for was not sent. */
export function outcomesById(plan: WritePlan, outcomes: readonly WriteOutcome[]): Map<string, WriteOutcome> {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  for (const step of plan.steps)
    if (!byId.has(step.id)) byId.set(step.id, { id: step.id, result: 'skipped', message: 'Not sent.' });
  return byId;
}

/** Did anything change on the target systems (so the panel should look again)? */
export const wroteSomething = (outcomes: ReadonlyMap<string, WriteOutcome>): boolean =>
  [...outcomes.values()].some((o) => o.result === 'written');

/** The picker's search: at least this many characters, asked this long after the last keystroke. */
export const MIN_SEARCH = 2;
export const SEARCH_DEBOUNCE_MS = 250;

/** What the picker shows for its box. */
export type PickerState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'results'; items: Item[]; errors: string[] }
  | { state: 'error'; error: string };

/** The words to search for, or undefined while too short. */
export function searchText(typed: string): string | undefined {
  const text = typed.trim().slice(0, 200);
  return text.length >= MIN_SEARCH ? text : undefined;
}

/** Headings per kind, before a plan (which brings its own summary) arrives. */
export const kindTitle: Record<WriteKind, string> = {
  'link-bug': 'Link this ticket to a bug',
  'tell-tickets': 'Tell the linked tickets',
  'draft-kb': 'Draft a knowledge article',
};

export { actionLabel } from './controls';
