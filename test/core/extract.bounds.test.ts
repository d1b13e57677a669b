import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { extractAll, type TextFind, type TextKind } from '../../src/core/extract';
import { parseRef } from '../../src/core/refs';
import { adversarialFamilies, adversarialText, everyGrammar } from './adversarial-text';

/**
 * Hostile text must not freeze the worker (issue 10): anyone writes a public GitHub issue (65,536 characters) or
 * emails a Zendesk ticket, and the background extracts references from it. Extraction has to finish within the
 * test's normal timeout on 64 KB of the worst text we can think of, and what it finds has to be sane. No timing
 * is asserted: a quadratic step shows as a timeout (a URL followed by 64 KB of `)` took about 110 s).
 */

const SIZE = 65_536;
const kinds: [string, TextKind][] = [
  ['prose', {}],
  ['markdown', { markdown: true }],
];

/** Every find lies inside the text, in order, overlapping no other, and a reference is a canonical one. */
function expectSane(text: string, finds: readonly TextFind[]): void {
  const insane: TextFind[] = [];
  let end = 0;
  for (const find of finds) {
    const canonical = find.kind === 'record' || parseRef(find.canonical) !== undefined;
    if (find.index < end || find.length <= 0 || !canonical) insane.push(find);
    end = find.index + find.length;
  }
  expect(insane).toEqual([]);
  expect(end).toBeLessThanOrEqual(text.length);
}

describe('reference extraction on 64 KB of hostile text', () => {
  for (const family of adversarialFamilies)
    for (const [name, kind] of kinds)
      test(`${family.name}, read as ${name}`, () => {
        const text = adversarialText(family, SIZE);
        expectSane(text, extractAll(text, everyGrammar, kind));
      });

  test('a URL followed by 64 KB of ) is still found, without the brackets', () => {
    const text = `see https://github.com/acme/shop-api/pull/42${')'.repeat(SIZE)}`;
    const [found] = extractAll(text, everyGrammar);
    expect(found).toMatchObject({ kind: 'ref', canonical: 'github:acme/shop-api#42', index: 4 });
    expect(found?.length).toBe('https://github.com/acme/shop-api/pull/42'.length);
  });

  const pieces = [
    ...[
      ')',
      '(',
      '[',
      ']',
      '-',
      '/',
      '#',
      '1',
      '0',
      '`',
      '```',
      '.',
      '_',
      '^',
      '?',
      '&',
      '=',
      ' ',
      '\n',
      '%',
    ],
    ...['https://github.com/a/b/pull/1', 'https://acme.service-now.com/now/', 'https://acme.atlassian.net/'],
    ...['SHOP-1', 'INC0012345', 'a/b#1', 'sysparm_query=', 'selectedIssue=', 'x.do?', 'projects/', 'record/'],
  ];
  const hostileText = fc
    .array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 })
    .map((unit) => adversarialText({ name: 'mix', unit: unit.join('') }, SIZE));

  test('mixtures of the pieces hostile text is made of', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom(...kinds), (text, [, kind]) => {
        expectSane(text, extractAll(text, everyGrammar, kind));
      }),
      { numRuns: 40 },
    );
  });
});
