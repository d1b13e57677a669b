/**
 * Injected faults, matched per request on host, method and pathname; the first matching rule wins.
 * A rule with `times` expires after that many requests. Rules can also arrive as JSON over the control
 * endpoint, where a RegExp is sent as `pathPattern` (a string, compiled here).
 */

export type FaultKind =
  | 'latency'
  | '401'
  | '403'
  | '404'
  | '429'
  | '500'
  | 'malformed'
  | 'hang'
  // a valid answer with hostile items (item-faults.ts)
  | 'bad-item'
  | 'hostile-url'
  // a 302 (to `location`), which credentialed requests must not follow
  | 'redirect';

export interface FaultRule {
  host?: string;
  method?: string;
  path: string | RegExp; // matched against the pathname
  kind: FaultKind;
  ms?: number; // latency
  retryAfter?: number; // seconds, for 429
  location?: string; // for redirect: where a 302 points (default https://elsewhere.test/)
  times?: number; // how many requests it applies to; default: all
  url?: string; // hostile-url: what the items' links say (default javascript:alert(1))
}

interface ActiveFault {
  id: number;
  rule: FaultRule;
  remaining: number;
}

const kinds: FaultKind[] = [
  'latency',
  '401',
  '403',
  '404',
  '429',
  '500',
  'malformed',
  'hang',
  'bad-item',
  'hostile-url',
  'redirect',
];

export class FaultTable {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  add(rule: FaultRule): { id: number; remove: () => void } {
    if (!kinds.includes(rule.kind)) throw new Error(`unknown fault kind ${String(rule.kind)}`);
    const id = this.nextId++;
    this.rules.push({ id, rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return { id, remove: () => this.remove(id) };
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule for this request, consuming one of its `times`. */
  take(host: string, method: string, pathname: string): FaultRule | undefined {
    const hit = this.rules.find(({ rule }) => {
      if (rule.host && rule.host.toLowerCase() !== host) return false;
      if (rule.method && rule.method.toUpperCase() !== method) return false;
      return typeof rule.path === 'string' ? rule.path === pathname : rule.path.test(pathname);
    });
    if (!hit) return undefined;
    hit.remaining--;
    if (hit.remaining <= 0) this.remove(hit.id);
    return hit.rule;
  }

  list(): Record<string, unknown>[] {
    return this.rules.map(({ id, rule, remaining }) => ({
      id,
      ...rule,
      path: typeof rule.path === 'string' ? rule.path : undefined,
      pathPattern: rule.path instanceof RegExp ? rule.path.source : undefined,
      remaining: Number.isFinite(remaining) ? remaining : null,
    }));
  }
}

/** A rule from the control endpoint's JSON body. */
export function ruleFromJson(body: unknown): FaultRule {
  if (typeof body !== 'object' || body === null) throw new Error('fault rule must be a JSON object');
  const b = body as Record<string, unknown>;
  const path = typeof b.pathPattern === 'string' ? new RegExp(b.pathPattern) : b.path;
  if (typeof path !== 'string' && !(path instanceof RegExp))
    throw new Error('fault rule needs "path" (string) or "pathPattern" (regular expression source)');
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return {
    host: typeof b.host === 'string' ? b.host : undefined,
    method: typeof b.method === 'string' ? b.method : undefined,
    path,
    kind: b.kind as FaultKind,
    ms: num(b.ms),
    retryAfter: num(b.retryAfter),
    location: typeof b.location === 'string' ? b.location : undefined,
    times: num(b.times),
    url: typeof b.url === 'string' ? b.url : undefined,
  };
}
