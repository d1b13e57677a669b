/**
 * Structural comparison of JSON documents for the replica's fidelity tests, independent of the
 * extension's own schemas. shapeOf() turns a document into `path → value types` ($.a.b, $.list[].x);
 * Jira's site-specific `customfield_NNNNN` keys collapse to `customfield_*`.
 * compareShapes() reports what the replica INVENTS (paths the reference lacks), CONTRADICTS (types that
 * cannot both hold; null is compatible with anything: the reference shows null where a real record has
 * a value, and vice versa) and, for chosen objects, top-level keys it OMITS.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type JsonType = 'null' | 'string' | 'number' | 'boolean' | 'object' | 'array';
export type Shape = Map<string, Set<JsonType>>;

const typeOf = (v: unknown): JsonType =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType);

export function shapeOf(json: unknown, path = '$', out: Shape = new Map()): Shape {
  const t = typeOf(json);
  const set = out.get(path) ?? new Set<JsonType>();
  set.add(t);
  out.set(path, set);
  if (t === 'array') for (const item of json as unknown[]) shapeOf(item, `${path}[]`, out);
  if (t === 'object') {
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
      shapeOf(v, `${path}.${/^customfield_\d+$/.test(k) ? 'customfield_*' : k}`, out);
    }
  }
  return out;
}

/** Union of several documents' shapes (e.g. a spec example and a recorded response). */
export function mergeShapes(...shapes: Shape[]): Shape {
  const out: Shape = new Map();
  for (const s of shapes) for (const [p, types] of s) out.set(p, new Set([...(out.get(p) ?? []), ...types]));
  return out;
}

/** Re-roots a shape at `prefix` ('$.issues[]' → '$'). */
export function subShape(shape: Shape, prefix: string): Shape {
  const out: Shape = new Map();
  for (const [p, t] of shape)
    if (p === prefix || p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[]`))
      out.set(`$${p.slice(prefix.length)}`, t);
  return out;
}

export interface ShapeDiff {
  extra: string[];
  mismatched: string[];
  missing: string[];
}

export interface CompareOptions {
  /** paths (or path prefixes ending in '*') where the replica may add what the reference lacks, each with a reason */
  allowExtra?: string[];
  /** objects whose direct keys must all be present in the replica's answer (default: the root) */
  completeAt?: string[];
  /** keys that may be absent from those objects */
  allowMissing?: string[];
}

const parentOf = (p: string): string => p.replace(/(\[\]|\.[^.[\]]+)$/, '');

export function compareShapes(actual: Shape, reference: Shape, opts: CompareOptions = {}): ShapeDiff {
  const allowed = (p: string) =>
    (opts.allowExtra ?? []).some((a) => (a.endsWith('*') ? p.startsWith(a.slice(0, -1)) : p === a));
  // below a reference null or an empty array the reference says nothing about the shape
  const unknownBelow = (p: string): boolean => {
    for (let q = parentOf(p); q !== '$' && q !== ''; q = parentOf(q)) {
      const t = reference.get(q);
      if (t && [...t].every((x) => x === 'null')) return true;
      if (t?.has('array') && !reference.has(`${q}[]`)) return true;
    }
    return false;
  };
  const extra = [...actual.keys()].filter((p) => !reference.has(p) && !unknownBelow(p) && !allowed(p));
  const mismatched = [...actual.keys()].filter((p) => {
    const a = [...(actual.get(p) ?? [])].filter((t) => t !== 'null');
    const r = [...(reference.get(p) ?? [])].filter((t) => t !== 'null');
    return a.length > 0 && r.length > 0 && !a.some((t) => r.includes(t));
  });
  const missing: string[] = [];
  for (const at of opts.completeAt ?? ['$']) {
    for (const p of reference.keys()) {
      if (parentOf(p) !== at || actual.has(p) || !actual.get(at)?.has('object')) continue;
      const key = p.slice(at.length + 1);
      if (!(opts.allowMissing ?? []).includes(key)) missing.push(p);
    }
  }
  // report an invented object once, not each of its keys
  return { extra: extra.filter((p) => !extra.includes(parentOf(p))), mismatched, missing };
}

/** The shared reference files: LIAISON_REFERENCE_DIR, else ../shared/reference beside the repository. */
export const referenceDir =
  process.env.LIAISON_REFERENCE_DIR ?? resolve(import.meta.dirname, '../../../shared/reference');

export function reference(file: string): unknown {
  return JSON.parse(readFileSync(resolve(referenceDir, file), 'utf8'));
}
