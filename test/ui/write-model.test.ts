import { describe, expect, test } from 'vitest';
import {
  chosenIds,
  confirmLabel,
  initialChoice,
  outcomeSummary,
  outcomesById,
  searchText,
  toggleChoice,
} from '../../src/ui/write/model';
import { plan, step } from './write-fixtures';

/** The preview's pure rules: what starts ticked, what can be ticked, what is sent, what the summary says. */

const mixed = plan([
  step('new'),
  step('unknown-claimed', { state: 'unknown', chosen: true }),
  step('unknown', { state: 'unknown', chosen: false }),
  step('already', { state: 'already', chosen: true }),
  step('blocked', { state: 'blocked', chosen: true }),
  step('new-unchosen', { chosen: false }),
]);

describe('write preview model', () => {
  test('only new steps the plan chose start ticked; already and blocked never can be', () => {
    const start = initialChoice(mixed);
    expect([...start]).toEqual(['new']);
    let chosen = toggleChoice(mixed, start, 'already', true);
    chosen = toggleChoice(mixed, chosen, 'blocked', true);
    chosen = toggleChoice(mixed, chosen, 'unknown', true);
    chosen = toggleChoice(mixed, chosen, 'nonexistent', true);
    chosen = toggleChoice(mixed, chosen, 'new', false);
    expect(chosenIds(mixed, chosen)).toEqual(['unknown']);
    // Even a set that claims them sends neither.
    expect(chosenIds(mixed, new Set(['already', 'blocked', 'new-unchosen']))).toEqual(['new-unchosen']);
  });

  test('the summary counts each result in a fixed order; a step without an answer was not sent', () => {
    const outcomes = outcomesById(mixed, [
      { id: 'new', result: 'written', message: '' },
      { id: 'unknown', result: 'failed', message: '' },
      { id: 'already', result: 'already', message: '' },
      { id: 'blocked', result: 'failed', message: '' },
    ]);
    expect(outcomes.get('new-unchosen')?.result).toBe('skipped');
    expect(outcomeSummary(outcomes.values())).toBe('1 written, 1 already there, 2 failed, 2 skipped');
    expect(outcomeSummary([])).toBe('Nothing was written.');
  });

  test('the confirm says what it does; the picker asks from two characters', () => {
    expect(confirmLabel('tell-tickets', 3)).toBe('Post 3 notes');
    expect(confirmLabel('draft-kb', 1)).toBe('Create 1 draft');
    expect(confirmLabel('link-bug', 0)).toBe('Nothing chosen');
    expect([searchText(' s '), searchText(' sh '), searchText('x'.repeat(250))?.length]).toEqual([
      undefined,
      'sh',
      200,
    ]);
  });
});
