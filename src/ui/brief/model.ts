import { dateText } from '../../core/chain';
import { byPriorityThenAge } from '../../core/graph';
import { customerKinds } from '../../core/kinds';
import type { Item, Link, SourceStatus } from '../../core/model';
import type { ReleaseSummary } from '../../core/release';
import type { ContextView } from '../../messaging/protocol';
import type { PanelState } from '../state';

/**
 * The service desk brief (issue 13, DESIGN.md contract 6): what a release fixes, grouped work item → linked work
 * → customer tickets. On a GitHub release or compare view the work items are its pull requests, each with the Jira
 * issues and GitHub issues it is linked to; on a Jira fix version they are its issues, each with its pull requests.
 * Tickets are leaves, most urgent first. Pure: the panel, the Markdown and the rich text are all built from it.
 */

export interface BriefNode {
  item: Item;
  /** Customer tickets linked to this item itself, most urgent first. */
  tickets: Item[];
  /** Work linked to it (a pull request's issues; an issue's pull requests), each with its own tickets. */
  linked: BriefNode[];
}

export interface ReleaseBrief {
  state: PanelState;
  /** "Service desk brief" or "Upcoming release brief", with the release's name when it is known. */
  heading: string;
  upcoming: boolean;
  release: ReleaseSummary | undefined;
  work: BriefNode[];
  /** "Fixes 1 bug reported in 3 tickets by 2 customers." */
  summary: string;
  /** "Released 12 March 2026.", "Not released yet." or empty. */
  when: string;
  /** Distinct tickets and customers, as counted in `summary`. */
  tickets: Item[];
  customers: string[];
  failed: SourceStatus[];
  answered: SourceStatus[];
  /** What the release's system left out ("The comparison holds 412 commits; the first 250 were read."). */
  capped: string[];
  /** Work items of the release beyond what one resolution looks up (the panel frame says so too). */
  skipped: number;
}

/** Work shown at most, and tickets per item: a hostile release naming thousands of items stays a readable brief. */
export const MAX_BRIEF_WORK = 50;
export const MAX_BRIEF_TICKETS = 50;

const workOrder: Record<string, number> = { pull: 0, bug: 1, issue: 2 };

/** `acme/shop-api#42` before `#102`, `SHOP-9` before `SHOP-10`: the key's text, then its trailing number. */
function byKey(a: string, b: string): number {
  const [, ta = a, na = ''] = /^(.*?)(\d*)$/.exec(a) ?? [];
  const [, tb = b, nb = ''] = /^(.*?)(\d*)$/.exec(b) ?? [];
  if (ta !== tb) return ta < tb ? -1 : 1;
  return Number(na || 0) - Number(nb || 0);
}

/** Pull requests first, then Jira issues, then GitHub issues; by key within each. */
function byWork(a: Item, b: Item): number {
  const d = (workOrder[a.kind] ?? 3) - (workOrder[b.kind] ?? 3);
  return d !== 0 ? d : byKey(a.key, b.key);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Who a ticket's customer is: its organisation, else who raised it. */
export const customerOf = (ticket: Item): string | undefined => ticket.organization ?? ticket.requester;

export function releaseBrief(view: ContextView | undefined, failure?: string): ReleaseBrief {
  const release = view?.release;
  const upcoming = release?.upcoming ?? false;
  const base = upcoming ? 'Upcoming release brief' : 'Service desk brief';
  const heading = release ? `${base}: ${release.scope} ${release.name}` : base;
  const none = {
    heading,
    upcoming,
    release,
    work: [],
    summary: '',
    when: '',
    tickets: [],
    customers: [],
    failed: [],
    answered: [],
    capped: [],
    skipped: 0,
  };
  if (failure) return { state: 'error', ...none };
  if (!view) return { state: 'loading', ...none };
  if (!view.configured) return { state: 'unconfigured', ...none };

  const byRef = new Map(view.items.map((i) => [i.ref, i]));
  const neighbours = neighboursOf(view.links);
  const isTicket = (i: Item) => customerKinds.has(i.kind);
  const near = (ref: string) => [...(neighbours.get(ref) ?? [])].flatMap((r) => byRef.get(r) ?? []);
  const ticketsOf = (ref: string) =>
    near(ref).filter(isTicket).sort(byPriorityThenAge).slice(0, MAX_BRIEF_TICKETS);

  // The release's work: what its page or its system names. An issue named beside a pull request that is linked to
  // it goes under that pull request, not beside it (release notes and squashed commit titles name both).
  const named = near(view.subject).filter((i) => !isTicket(i));
  const pulls = new Set(named.filter((i) => i.kind === 'pull').map((i) => i.ref));
  const roots = named
    .filter((i) => i.kind === 'pull' || ![...(neighbours.get(i.ref) ?? [])].some((r) => pulls.has(r)))
    .sort(byWork)
    .slice(0, MAX_BRIEF_WORK);
  const rootRefs = new Set(roots.map((r) => r.ref));
  const work: BriefNode[] = roots.map((root) => ({
    item: root,
    tickets: ticketsOf(root.ref),
    linked: near(root.ref)
      .filter((i) => !isTicket(i) && !rootRefs.has(i.ref) && i.ref !== view.subject)
      .sort(byWork)
      .slice(0, MAX_BRIEF_WORK)
      .map((item) => ({ item, tickets: ticketsOf(item.ref), linked: [] })),
  }));

  const tickets = distinct(work.flatMap((w) => [...w.tickets, ...w.linked.flatMap((l) => l.tickets)])).sort(
    byPriorityThenAge,
  );
  const customers = [...new Set(tickets.flatMap((t) => customerOf(t) ?? []))].sort();
  const bugs = distinct(
    work.flatMap((w) => [w.item, ...w.linked.map((l) => l.item)]).filter((i) => i.kind !== 'pull'),
  );
  const failed = view.sources.filter((s) => s.error);
  const answered = view.sources.filter((s) => !s.error);
  const capped = release?.capped ? [release.capped] : [];

  let state: PanelState = 'ready';
  if (work.length === 0 && answered.length === 0) state = 'error';
  else if (work.length === 0 && failed.length === 0) state = 'empty';
  return {
    ...none,
    state,
    work,
    tickets,
    customers,
    failed,
    answered,
    capped,
    skipped: view.skippedRefs ?? 0,
    summary: summaryOf(upcoming, work.length, bugs.length, tickets.length, customers.length),
    when: whenOf(release),
  };
}

function summaryOf(
  upcoming: boolean,
  work: number,
  bugs: number,
  tickets: number,
  customers: number,
): string {
  if (work === 0) return '';
  const verb = upcoming ? 'Will fix' : 'Fixes';
  if (bugs === 0 && tickets === 0) return `${verb} no linked bug or customer ticket.`;
  const what = bugs > 0 ? plural(bugs, 'bug') : plural(work, 'change');
  if (tickets === 0) return `${verb} ${what}; no customer ticket is linked.`;
  const by = customers > 0 ? ` by ${plural(customers, 'customer')}` : '';
  return `${verb} ${what} reported in ${plural(tickets, 'ticket')}${by}.`;
}

function whenOf(release: ReleaseSummary | undefined): string {
  if (!release) return '';
  if (release.upcoming) return 'Not released yet.';
  const date = dateText(release.date);
  return date ? `Released ${date}.` : '';
}

function neighboursOf(links: readonly Link[]): Map<string, Set<string>> {
  const neighbours = new Map<string, Set<string>>();
  const connect = (a: string, b: string) => {
    const set = neighbours.get(a) ?? new Set<string>();
    set.add(b);
    neighbours.set(a, set);
  };
  for (const l of links) {
    connect(l.from, l.to);
    connect(l.to, l.from);
  }
  return neighbours;
}

function distinct(items: readonly Item[]): Item[] {
  return [...new Map(items.map((i) => [i.ref, i])).values()];
}
