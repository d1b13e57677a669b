import type { Item, PullRelease } from '../core/model';
import { formatRef, parseRef, type Ref } from '../core/refs';
import type { Found, LookupContext, Provider, RoundFound, Target } from '../providers/provider';

/**
 * A provider that gathers the lookups several resolutions make at about the same time (a watch check resolves
 * many watches side by side, src/background/watch.ts) into shared requests: calls arriving within `windowMs` of
 * the first go to the provider together, at most `maxRefs` references and `maxTargets` targets a call (more make
 * more calls), and every caller gets the shared answer. It sits under the entity cache (cached-provider.ts), which
 * keeps of an answer only what each caller asked for, per item and per target, so a caller sees what its own
 * request would have found. One failed shared request fails each of its callers, as their own would have.
 */

export interface CoalesceOptions {
  /** How long the first call of a batch waits for others. */
  windowMs: number;
  /** References one shared call fetches at most. */
  maxRefs: number;
  /** Targets one shared call searches for at most (a search's hits are capped per request: Jira's 50). */
  maxTargets: number;
}

export const watchCoalescing: CoalesceOptions = { windowMs: 25, maxRefs: 100, maxTargets: 25 };

interface Call<T> {
  refs: Ref[];
  targets: Target[];
  context: LookupContext;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/** One caller's context for all: links followed where any caller follows them, one signal-free request. */
function mergedContext<T>(calls: readonly Call<T>[]): LookupContext {
  const first = calls[0]?.context;
  const follows = calls.map((c) => c.context.followsLinksOf);
  const followed = new Set(calls.flatMap((c) => [...(c.context.followedRefs ?? [])]));
  return {
    extract: first?.extract ?? {},
    ...(follows.some((f) => f !== undefined)
      ? { followsLinksOf: (item: Item) => follows.some((f) => f?.(item) ?? true) }
      : {}),
    ...(followed.size > 0 ? { followedRefs: followed } : {}),
  };
}

/** Calls in order, in groups whose distinct references and targets stay within the bounds (a call is never split). */
function batches<T>(calls: Call<T>[], options: CoalesceOptions): Call<T>[][] {
  const out: Call<T>[][] = [];
  let group: Call<T>[] = [];
  let refs = new Set<string>();
  let targets = new Set<string>();
  for (const call of calls) {
    const nextRefs = new Set([...refs, ...call.refs.map(formatRef)]);
    const nextTargets = new Set([...targets, ...call.targets.map((t) => t.ref)]);
    if (group.length > 0 && (nextRefs.size > options.maxRefs || nextTargets.size > options.maxTargets)) {
      out.push(group);
      group = [];
      refs = new Set(call.refs.map(formatRef));
      targets = new Set(call.targets.map((t) => t.ref));
    } else {
      refs = nextRefs;
      targets = nextTargets;
    }
    group.push(call);
  }
  if (group.length > 0) out.push(group);
  return out;
}

const distinctRefs = <T>(calls: readonly Call<T>[]) => [
  ...new Map(calls.flatMap((c) => c.refs.map((r) => [formatRef(r), r] as const))).values(),
];
const distinctTargets = <T>(calls: readonly Call<T>[]) => [
  ...new Map(calls.flatMap((c) => c.targets.map((t) => [t.ref, t] as const))).values(),
];

/** A queue of calls of one kind, sent together `windowMs` after the first. */
function queue<T>(
  options: CoalesceOptions,
  send: (refs: Ref[], targets: Target[], context: LookupContext) => Promise<T>,
) {
  let pending: Call<T>[] = [];
  const flush = () => {
    const calls = pending;
    pending = [];
    for (const group of batches(calls, options)) {
      // Called in a promise: a provider that throws at once fails its callers rather than this timer.
      Promise.resolve()
        .then(() => send(distinctRefs(group), distinctTargets(group), mergedContext(group)))
        .then(
          (value) => {
            for (const c of group) c.resolve(value);
          },
          (error: unknown) => {
            for (const c of group) c.reject(error);
          },
        );
    }
  };
  return (refs: Ref[], targets: Target[], context: LookupContext): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (pending.length === 0) setTimeout(flush, options.windowMs);
      pending.push({ refs, targets, context, resolve, reject });
    });
}

export function coalescing(provider: Provider, options: CoalesceOptions = watchCoalescing): Provider {
  const items = queue<Found>(options, (refs, _targets, context) => provider.fetchItems(refs, context));
  const referencing = queue<Found>(options, (_refs, targets, context) =>
    provider.findReferencing(targets, context),
  );
  const round = provider.fetchAndFind?.bind(provider);
  const rounds = round
    ? queue<RoundFound>(options, (refs, targets, context) => round(refs, targets, context))
    : undefined;
  const releases = provider.releasesContaining?.bind(provider);
  // The pull requests a release lookup is asked for, by reference (the queue carries references).
  const pullsByRef = new Map<string, Item>();
  const releaseQueue = releases
    ? queue<PullRelease[]>(options, async (refs) => {
        const wanted = new Set(refs.map(formatRef));
        return releases([...pullsByRef.values()].filter((p) => wanted.has(p.ref)));
      })
    : undefined;
  return {
    ...provider,
    fetchItems: (refs, context) => items(refs, [], context),
    findReferencing: (targets, context) => referencing([], targets, context),
    ...(rounds ? { fetchAndFind: (refs, targets, context) => rounds(refs, targets, context) } : {}),
    ...(releaseQueue
      ? {
          releasesContaining: (pulls) => {
            const refs: Ref[] = [];
            for (const pull of pulls) {
              pullsByRef.set(pull.ref, pull);
              const ref = parseRef(pull.ref);
              if (ref) refs.push(ref);
            }
            return releaseQueue(refs, [], { extract: {} });
          },
        }
      : {}),
  };
}
