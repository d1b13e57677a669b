/**
 * Deterministic randomness for the dataset. mulberry32 (Tommy Ettinger's public-domain 32-bit PRNG,
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c): tiny, fast, and good enough
 * for test data; the same seed always yields the same dataset on every machine.
 */
import { createHash } from 'node:crypto';

export interface Rng {
  next(): number; // [0, 1)
  int(min: number, max: number): number; // inclusive
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  hex(length: number): string;
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    chance: (p) => next() < p,
    hex: (length) => {
      let out = '';
      while (out.length < length) out += Math.floor(next() * 16).toString(16);
      return out;
    },
  };
  return rng;
}

/** Stable ids for the fixed story, independent of the seed, so tests can name them. */
export function stableHex(label: string, length = 40): string {
  return createHash('sha256').update(label).digest('hex').slice(0, length);
}
