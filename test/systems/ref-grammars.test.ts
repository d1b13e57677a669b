import { describe, expect, test } from 'vitest';
import { grammarOf, registerSystem } from '../../src/core/systems';
import { grammars } from '../../src/systems/grammars';
import { refGrammars } from '../../src/systems/ref-grammars';

/**
 * The page registers each system's reference grammar only (issue 15): the same systems, in the same order, with
 * everything a page reads of a grammar, and none of the passes that find references in text and URLs.
 */
describe('the reference grammars the page registers', () => {
  const textPart = ['urls', 'textPasses', 'strictOptions', 'referenceFieldOptions'];

  test('are the whole grammars without their text part, in the same order', () => {
    expect(refGrammars.map((g) => g.id)).toEqual(grammars.map((g) => g.id));
    grammars.forEach((whole, i) => {
      const refs = refGrammars[i] as unknown as Record<string, unknown>;
      const kept = Object.fromEntries(Object.entries(whole).filter(([key]) => !textPart.includes(key)));
      expect(refs).toEqual(kept);
      for (const key of textPart) expect(refs[key], `${whole.id}.${key}`).toBeUndefined();
    });
  });

  test('each whole grammar has a text part to leave out', () => {
    for (const whole of grammars) expect(whole.textPasses?.length, whole.id).toBeGreaterThan(0);
  });

  // The background and the popup load the page's chunk, which registers these, beside the whole grammars.
  test('whichever registers first, the whole grammars are what stays registered', () => {
    // Imported above in this order: the whole grammars first, then the reference ones, which leave them.
    for (const whole of grammars) expect(grammarOf(whole.id)).toBe(whole);
    // The other order: the whole grammar registered after the reference one replaces it.
    for (const [i, refs] of refGrammars.entries()) {
      registerSystem(refs);
      registerSystem(grammars[i] as (typeof grammars)[number]);
      expect(grammarOf(refs.id)).toBe(grammars[i]);
    }
  });
});
