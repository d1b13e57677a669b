import type { Impact, ImpactComponent, ImpactComponentId, Ranked } from './impact-schema';
import { customerKinds, type ItemKind } from './kinds';
import type { Item } from './model';

export type { Impact, ImpactComponent, ImpactComponentId } from './impact-schema';

/**
 * Customer impact of a subject (a bug, a pull request): what its linked customer tickets add up to, and one 0–100
 * score with the lines that explain it. Pure: the caller passes the tickets and the clock. The README's
 * "Customer impact" section documents the formula; keep the two in step.
 */

/**
 * How the score is built. Each component earns at most `weight` points, and the weights add up to 100. Counts
 * saturate as `weight × (1 − ½^(x / half))`: half the weight at `x = half`, three quarters at twice that, never the
 * whole weight. Each component is rounded to whole points (half up); the score is their sum.
 */
export const impactWeights = {
  /** Open linked tickets (to do or in progress): x = how many. */
  openTickets: { weight: 25, half: 2 },
  /** Distinct named organisations among the open tickets: x = how many. */
  organizations: { weight: 15, half: 2 },
  /** Worst priority among the open tickets: the share of the weight for rank 1, 2, 3, 4, 5. */
  priority: { weight: 25, byRank: [1, 0.6, 0.3, 0.15, 0.05] },
  /** SLA breaches on any linked ticket, open or closed: x = how many. */
  breaches: { weight: 15, half: 1 },
  /**
   * Satisfaction ratings on any linked ticket (good or bad; offered and unoffered are not ratings):
   * weight × share of bad ratings × (1 − ½^(rated / half)), so a single rating counts for less than many.
   */
  satisfaction: { weight: 10, half: 2 },
  /** The oldest open ticket: x = its age in days. */
  age: { weight: 10, half: 7 },
} as const;

const DAY = 86_400_000;
const isOpen = (t: Item) => t.status.category === 'todo' || t.status.category === 'in_progress';
const saturate = (x: number, half: number) => 1 - 0.5 ** (x / half);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const nouns: Partial<Record<ItemKind, string>> = {
  incident: 'incident',
  problem: 'problem',
  request: 'request',
  ticket: 'ticket',
};

/** "incident(s)" when every ticket counted is one kind, else "ticket(s)". */
function nounFor(kinds: readonly { kind: ItemKind; n: number }[]): string {
  const present = kinds.filter((k) => k.n > 0);
  return (present.length === 1 && present[0] && nouns[present[0].kind]) || 'ticket';
}

/** Names compare without case and extra spaces; the most used spelling is shown. */
function tally(
  names: readonly (string | undefined)[],
): Map<string, { shown: string; spellings: Map<string, number> }> {
  const byKey = new Map<string, { shown: string; spellings: Map<string, number> }>();
  for (const raw of names) {
    const name = raw?.trim().replace(/\s+/g, ' ');
    if (!name) continue;
    const key = name.toLowerCase();
    const entry = byKey.get(key) ?? { shown: name, spellings: new Map<string, number>() };
    entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
    byKey.set(key, entry);
  }
  for (const entry of byKey.values()) {
    let best = -1;
    for (const [spelling, n] of entry.spellings) {
      if (n > best || (n === best && spelling < entry.shown)) {
        entry.shown = spelling;
        best = n;
      }
    }
  }
  return byKey;
}

const nameKey = (name: string | undefined) => name?.trim().replace(/\s+/g, ' ').toLowerCase() || undefined;

const created = (t: Item) => {
  const at = t.createdAt ? Date.parse(t.createdAt) : Number.NaN;
  return Number.isNaN(at) ? undefined : at;
};

/** Most urgent first; among equals the oldest, then by ref, so the answer never depends on input order. */
function worst(tickets: readonly Item[]): Ranked | undefined {
  let best: Item | undefined;
  for (const t of tickets) {
    if (!t.priority) continue;
    if (!best?.priority) {
      best = t;
      continue;
    }
    const byRank = t.priority.rank - best.priority.rank;
    const ta = created(t) ?? Number.POSITIVE_INFINITY;
    const ba = created(best) ?? Number.POSITIVE_INFINITY;
    if (byRank < 0 || (byRank === 0 && (ta < ba || (ta === ba && t.ref < best.ref)))) best = t;
  }
  return best?.priority
    ? { name: best.priority.name, rank: best.priority.rank, ref: best.ref, key: best.key }
    : undefined;
}

/** "12 days", "5 hours", "40 minutes". */
export function formatAge(ms: number): string {
  if (ms >= 2 * DAY) return plural(Math.floor(ms / DAY), 'day');
  if (ms >= 3_600_000) return plural(Math.floor(ms / 3_600_000), 'hour');
  return plural(Math.floor(ms / 60_000), 'minute');
}

/** "1 - Critical" as it is; "Urgent" becomes "Urgent (P1)". */
const priorityText = (p: { name: string; rank: number }) =>
  p.name.includes(String(p.rank)) ? p.name : `${p.name} (P${p.rank})`;

/**
 * The customer impact of the customer tickets linked to a subject. Items that are not customer tickets (bugs,
 * pulls, …) are ignored, and a ticket listed twice (same ref) counts once. `now` is epoch milliseconds.
 */
export function customerImpact(items: readonly Item[], now: number): Impact {
  const seen = new Set<string>();
  const tickets = items.filter((t) => customerKinds.has(t.kind) && !seen.has(t.ref) && seen.add(t.ref));
  const open = tickets.filter(isOpen);

  const kinds = [...new Set(tickets.map((t) => t.kind))].sort();
  const byKind = kinds.map((kind) => ({
    kind,
    total: tickets.filter((t) => t.kind === kind).length,
    open: open.filter((t) => t.kind === kind).length,
  }));

  const orgNames = tally(tickets.map((t) => t.organization));
  const organizations = [...orgNames]
    .map(([key, { shown }]) => ({
      name: shown,
      tickets: tickets.filter((t) => nameKey(t.organization) === key).length,
      open: open.filter((t) => nameKey(t.organization) === key).length,
    }))
    .sort(
      (a, b) => b.tickets - a.tickets || b.open - a.open || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
  const openOrganizations = organizations.filter((o) => o.open > 0).length;

  const requesters = {
    total: tally(tickets.map((t) => t.requester)).size,
    open: tally(open.map((t) => t.requester)).size,
  };

  const sla = {
    breached: tickets.filter((t) => t.sla?.breached).length,
    breachedOpen: open.filter((t) => t.sla?.breached).length,
  };

  const good = tickets.filter((t) => t.satisfaction === 'good').length;
  const bad = tickets.filter((t) => t.satisfaction === 'bad').length;
  const rated = good + bad;
  const satisfaction = {
    rated,
    good,
    bad,
    offered: tickets.filter((t) => t.satisfaction === 'offered').length,
    ...(rated > 0 ? { average: good / rated, goodPercent: Math.round((100 * good) / rated) } : {}),
  };

  let oldest: { ticket: Item; at: number } | undefined;
  for (const t of open) {
    const at = created(t);
    if (at === undefined) continue;
    if (!oldest || at < oldest.at || (at === oldest.at && t.ref < oldest.ticket.ref))
      oldest = { ticket: t, at };
  }
  const oldestOpen = oldest && {
    ref: oldest.ticket.ref,
    key: oldest.ticket.key,
    title: oldest.ticket.title,
    createdAt: oldest.ticket.createdAt as string,
    ageMs: Math.max(0, now - oldest.at),
  };

  const oldestNoun = (oldest && nouns[oldest.ticket.kind]) || 'ticket';
  const worstPriority = worst(tickets);
  const worstOpenPriority = worst(open);

  // The score: nothing open and no broken promise is finished business, worth 0 whatever else happened.
  const counts = open.length > 0 || sla.breached > 0;
  const w = impactWeights;
  const openNoun = nounFor(byKind.map((k) => ({ kind: k.kind, n: k.open })));
  const component = (id: ImpactComponentId, raw: number, reason: string): ImpactComponent => ({
    id,
    weight: w[id].weight,
    points: counts ? Math.round(raw) : 0,
    reason,
  });
  const breachWhere =
    sla.breachedOpen === sla.breached
      ? sla.breached === 1
        ? 'on an open ticket'
        : 'all on open tickets'
      : sla.breachedOpen === 0
        ? sla.breached === 1
          ? 'on a closed ticket'
          : 'all on closed tickets'
        : sla.breachedOpen === 1
          ? '1 on an open ticket'
          : `${sla.breachedOpen} on open tickets`;
  const components: ImpactComponent[] = [
    component(
      'openTickets',
      w.openTickets.weight * saturate(open.length, w.openTickets.half),
      open.length > 0 ? `${plural(open.length, `open ${openNoun}`)}` : 'no open tickets',
    ),
    component(
      'organizations',
      w.organizations.weight * saturate(openOrganizations, w.organizations.half),
      openOrganizations > 0
        ? `${plural(openOrganizations, 'organisation')} with open tickets`
        : 'no organisation named on open tickets',
    ),
    component(
      'priority',
      w.priority.weight * (worstOpenPriority ? (w.priority.byRank[worstOpenPriority.rank - 1] ?? 0) : 0),
      worstOpenPriority
        ? `worst open priority is ${priorityText(worstOpenPriority)}`
        : 'no priority on open tickets',
    ),
    component(
      'breaches',
      w.breaches.weight * saturate(sla.breached, w.breaches.half),
      sla.breached > 0
        ? `${plural(sla.breached, 'SLA breach', 'SLA breaches')}, ${breachWhere}`
        : 'no SLA breaches',
    ),
    component(
      'satisfaction',
      rated > 0 ? w.satisfaction.weight * (bad / rated) * saturate(rated, w.satisfaction.half) : 0,
      rated > 0 ? `${bad} of ${plural(rated, 'satisfaction rating')} bad` : 'no satisfaction ratings',
    ),
    component(
      'age',
      oldestOpen ? w.age.weight * saturate(oldestOpen.ageMs / DAY, w.age.half) : 0,
      oldestOpen
        ? `oldest open ${oldestNoun}, ${oldestOpen.key}, is ${formatAge(oldestOpen.ageMs)} old`
        : 'no creation date on open tickets',
    ),
  ];

  const sum = components.reduce((s, c) => s + c.points, 0);
  const score = Math.min(100, sum);
  const explanation = components.filter((c) => c.points > 0).map((c) => `${c.reason} (+${c.points})`);
  if (sum > score) explanation.push(`capped at 100 (-${sum - score})`);
  if (explanation.length === 0) {
    explanation.push(
      tickets.length === 0
        ? 'No linked customer tickets'
        : `No open tickets and no SLA breaches: ${plural(tickets.length, 'linked ticket')} ${tickets.length === 1 ? 'is' : 'are'} done or cancelled`,
    );
  }

  return {
    total: tickets.length,
    open: open.length,
    byKind,
    organizations,
    requesters,
    ...(worstPriority ? { worstPriority } : {}),
    ...(worstOpenPriority ? { worstOpenPriority } : {}),
    sla,
    satisfaction,
    ...(oldestOpen ? { oldestOpen } : {}),
    score,
    components,
    explanation,
  };
}

/**
 * One line for the popup: "3 open incidents · 2 customers · worst P1". Customers are the organisations with open
 * tickets, or the requesters of open tickets where no organisation is named. Unknown parts are left out.
 */
export function formatImpactLine(impact: Impact): string {
  if (impact.total === 0) return 'No linked customer tickets';
  if (impact.open === 0) {
    const noun = nounFor(impact.byKind.map((k) => ({ kind: k.kind, n: k.total })));
    return `No open ${noun}s · ${impact.total} closed`;
  }
  const noun = nounFor(impact.byKind.map((k) => ({ kind: k.kind, n: k.open })));
  const orgs = impact.organizations.filter((o) => o.open > 0).length;
  const customers = orgs > 0 ? orgs : impact.requesters.open;
  const parts = [plural(impact.open, `open ${noun}`)];
  if (customers > 0) parts.push(plural(customers, 'customer'));
  if (impact.worstOpenPriority) parts.push(`worst P${impact.worstOpenPriority.rank}`);
  return parts.join(' · ');
}
