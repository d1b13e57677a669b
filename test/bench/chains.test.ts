import { describe, expect, test } from 'vitest';
import { roundsOf } from '../../bench/chains';

/** The chains bench counts hops as rounds of API requests: those starting together, a latency apart from the next. */
describe('roundsOf', () => {
  test('requests a latency apart are separate rounds; those starting together are one, in any order', () => {
    expect(roundsOf([410, 100, 102, 230, 101, 232], 60).map((r) => r.length)).toEqual([3, 2, 1]);
  });
  test('no request, no round', () => {
    expect(roundsOf([], 60)).toEqual([]);
  });
});
