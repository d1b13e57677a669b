/**
 * The replica's tiny HTTP vocabulary: a parsed request, a buffered response, and helpers every
 * system module uses. Handlers are pure functions of (request, context) → response, which keeps them
 * testable without sockets and lets the server apply faults and rate-limit headers in one place.
 */
import type { Dataset } from './dataset/types.ts';

export type Vendor = 'github' | 'jira' | 'servicenow' | 'zendesk';

export interface ReplicaRequest {
  host: string;
  method: string;
  url: URL; // https://<host><path>
  path: string; // pathname, decoded segments untouched
  query: URLSearchParams;
  headers: Record<string, string>; // lower-case names
  body: string;
}

export interface ReplicaResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RateLimits {
  githubCore: number; // per hour
  githubSearch: number; // per minute
  githubGraphql: number; // points per hour
  zendesk: number; // per minute
}

export interface RateBucket {
  used: number;
  resetAt: number; // epoch seconds
}

export interface ReplicaState {
  githubMarkup: 'react' | 'classic';
  limits: RateLimits;
  /** rate-limit windows keyed `${host}:${resource}` */
  buckets: Map<string, RateBucket>;
}

export interface HandlerContext {
  dataset: Dataset;
  state: ReplicaState;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): ReplicaResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function html(status: number, body: string): ReplicaResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function parseJsonBody(req: ReplicaRequest): unknown {
  if (req.body.trim() === '') return undefined;
  try {
    return JSON.parse(req.body);
  } catch {
    return Symbol.for('invalid-json');
  }
}

export const invalidJson = Symbol.for('invalid-json');

/** Basic credentials from an Authorization header, or undefined. */
export function basicAuth(req: ReplicaRequest): { username: string; password: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/** Bearer (or GitHub's legacy `token`) credentials, or undefined. */
export function bearerToken(req: ReplicaRequest): string | undefined {
  const m = /^(?:Bearer|token)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/** Matches `pattern` like '/repos/:owner/:repo/pulls/:n' against a path; returns params or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i] as string;
    const val = s[i] as string;
    if (seg.startsWith(':')) {
      if (val === '') return undefined;
      out[seg.slice(1)] = decodeURIComponent(val);
    } else if (seg !== val) return undefined;
  }
  return out;
}

export function int(value: string | null | undefined, fallback: number): number {
  if (value === null || value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : fallback;
}

/** The time a write is stamped with: the wall clock, to the second, as the vendors' APIs show it. */
export function writeTime(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
