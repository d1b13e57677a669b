/**
 * GitHub primary rate limits, counted per host and bucket like the real service: `core` 5,000/h,
 * `search` 30/min, `graphql` 5,000 points/h (reference/github/rate-limit-headers.md). Every API answer
 * carries x-ratelimit-limit/remaining/used/reset/resource; an exhausted bucket answers 403 with
 * remaining 0 until reset. Conditional requests answered 304 do not count (GitHub docs, "Use conditional
 * requests if appropriate", rate-limits-for-the-rest-api).
 */
import type { RateBucket, ReplicaState } from '../http.ts';

export type GithubResource = 'core' | 'search' | 'graphql';

function limitOf(state: ReplicaState, resource: GithubResource): { limit: number; window: number } {
  if (resource === 'search') return { limit: state.limits.githubSearch, window: 60 };
  if (resource === 'graphql') return { limit: state.limits.githubGraphql, window: 3600 };
  return { limit: state.limits.githubCore, window: 3600 };
}

export function bucket(
  state: ReplicaState,
  host: string,
  resource: GithubResource,
): RateBucket & { limit: number } {
  const key = `${host}:${resource}`;
  const { limit, window } = limitOf(state, resource);
  const now = Math.floor(Date.now() / 1000);
  let b = state.buckets.get(key);
  if (!b || b.resetAt <= now) {
    b = { used: 0, resetAt: now + window };
    state.buckets.set(key, b);
  }
  return Object.assign(b, { limit });
}

export function rateHeaders(
  b: RateBucket & { limit: number },
  resource: GithubResource,
): Record<string, string> {
  return {
    'x-ratelimit-limit': String(b.limit),
    'x-ratelimit-remaining': String(Math.max(0, b.limit - b.used)),
    'x-ratelimit-used': String(b.used),
    'x-ratelimit-reset': String(b.resetAt),
    'x-ratelimit-resource': resource,
  };
}
