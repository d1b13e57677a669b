import { z } from 'zod';

/**
 * The per-item trust boundary (issue 10): a server's answer is checked as an envelope, but the items listed in it
 * are checked one by one, so one malformed item (a field of the wrong type, a value nested deep enough to
 * exhaust the stack, a mapping that throws) costs that item alone: it is left out, and a note naming it tells
 * people what they are not seeing. The rest of the source still shows.
 */

const skippedKey = Symbol('liaison.skipped');

/** A list or record as `listOf` / `recordOf` give it: what was kept, and the notes for what was left out. */
type Skipping = { readonly [skippedKey]?: readonly string[] };
export type Listed<T> = T[] & Skipping;
export type Keyed<T> = Record<string, T> & Skipping;

/** Names in notes come from the server: kept short, and one line. */
const maxNameChars = 80;

/** "SHOP-12 was skipped: its data did not match what Liaison expects", for the source's notes in the panel. */
export function skippedNote(name: string | undefined, cause: 'mismatch' | unknown): string {
  const why =
    cause === 'mismatch' || cause instanceof z.ZodError
      ? 'its data did not match what Liaison expects'
      : 'Liaison could not read it';
  const shown = name?.replace(/\s+/g, ' ').trim().slice(0, maxNameChars);
  return `${shown || 'An item'} was skipped: ${why}`;
}

/** A name for an item that may be anything: a failing `nameOf` names nothing. */
function nameSafely<T>(nameOf: (raw: T) => string | undefined, raw: T): string | undefined {
  try {
    return nameOf(raw);
  } catch {
    return undefined;
  }
}

function checkOne<S extends z.ZodType>(
  item: S,
  raw: unknown,
  nameOf: (raw: unknown) => string | undefined,
): { ok: true; value: z.output<S> } | { ok: false; note: string } {
  try {
    const parsed = item.safeParse(raw);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, note: skippedNote(nameSafely(nameOf, raw), 'mismatch') };
  } catch (error) {
    // A RangeError from a value nested too deep for the (recursive) check, or any other throw.
    return { ok: false, note: skippedNote(nameSafely(nameOf, raw), error) };
  }
}

/** In place of `z.array(item)` for a list of items: each is checked alone (see `skippedIn`). */
export function listOf<S extends z.ZodType>(item: S, nameOf: (raw: unknown) => string | undefined) {
  return z.array(z.unknown()).transform((raws): Listed<z.output<S>> => {
    const kept: z.output<S>[] = [];
    const notes: string[] = [];
    for (const raw of raws) {
      const one = checkOne(item, raw, nameOf);
      if (one.ok) kept.push(one.value);
      else notes.push(one.note);
    }
    return notes.length > 0 ? Object.assign(kept, { [skippedKey]: notes }) : kept;
  });
}

/** In place of `z.record(z.string(), item)` for items by key (GraphQL aliases): each is checked alone. */
export function recordOf<S extends z.ZodType>(item: S, nameOf: (raw: unknown) => string | undefined) {
  return z.record(z.string(), z.unknown()).transform((raws): Keyed<z.output<S>> => {
    const kept: Record<string, z.output<S>> = {};
    const notes: string[] = [];
    for (const [key, raw] of Object.entries(raws)) {
      const one = checkOne(item, raw, nameOf);
      if (one.ok) kept[key] = one.value;
      else notes.push(one.note);
    }
    return notes.length > 0 ? Object.assign(kept, { [skippedKey]: notes }) : kept;
  });
}

/** The notes for what `listOf` / `recordOf` left out of this value (none for anything else). */
export function skippedIn(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return [...((value as Skipping)[skippedKey] ?? [])];
}

/**
 * Maps each item on its own: one whose mapping throws (a TypeError on a shape the schema let through) is left
 * out with a note, the others are kept, each beside what it was mapped from.
 */
export function mapEach<T, R>(
  list: readonly T[],
  nameOf: (item: T) => string | undefined,
  map: (item: T) => R | undefined,
): { kept: { from: T; to: R }[]; notes: string[] } {
  const kept: { from: T; to: R }[] = [];
  const notes: string[] = [];
  for (const from of list) {
    try {
      const to = map(from);
      if (to !== undefined) kept.push({ from, to });
    } catch (error) {
      notes.push(skippedNote(nameSafely(nameOf, from), error));
    }
  }
  return { kept, notes };
}

/** A property of an unknown value, for naming what did not validate. */
export function field(raw: unknown, ...path: string[]): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A name part that is a string or a number, else undefined. */
export function scalar(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
