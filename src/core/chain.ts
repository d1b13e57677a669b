import { connectedItems } from './graph';
import type { Item, Link, PullRelease } from './model';
import { isWorkItem } from './systems';

/**
 * The bug status a support agent needs: ticket → Jira bug → pull request → review → merged → released, and one
 * sentence to paste to the customer. Pure: computed from a context view's items, links and releases.
 */

export type StepState = 'done' | 'current' | 'pending';

export interface ChainStep {
  step: 'bug' | 'pull' | 'review' | 'merged' | 'released';
  state: StepState;
  label: string;
  /** The item the step is about, when it is one (bugs and pull requests carry data-ref). */
  item?: Item;
  date?: string;
}

export interface BugChain {
  bug: Item;
  pull?: Item;
  steps: ChainStep[];
  /** For the customer: "The fix was released in 2.4.1 on 12 March 2026." */
  sentence: string;
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * "12 March 2026" (UTC), as `toLocaleDateString('en-GB', { day, month: 'long', year })` writes it, without it: the
 * first locale formatting of a page loads the browser's date tables (40–60 ms on the main thread in Chromium), and
 * this runs in the content script. An unreadable date gives no text.
 */
export function dateText(iso: string | undefined): string {
  const date = iso ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function releaseOf(bug: Item, pull: Item | undefined, releases: readonly PullRelease[]) {
  const github = pull ? releases.find((r) => r.pull === pull.ref)?.release : undefined;
  if (github) return { name: github.name || github.tag, date: github.publishedAt };
  const version = bug.fixVersions?.find((v) => v.released);
  return version ? { name: version.name, date: version.releaseDate } : undefined;
}

/** Prefers the merged pull request, then an open one, then any. */
function mainPull(pulls: Item[]): Item | undefined {
  return (
    pulls.find((p) => p.pull?.merged) ?? pulls.find((p) => p.status.category !== 'cancelled') ?? pulls[0]
  );
}

export function bugChain(bug: Item, pulls: Item[], releases: readonly PullRelease[]): BugChain {
  const pull = mainPull(pulls);
  const merged = pull?.pull?.merged === true;
  const release = releaseOf(bug, pull, releases);
  const planned = bug.fixVersions?.find((v) => !v.released);
  const bugDone = bug.status.category === 'done' || bug.status.category === 'cancelled';
  const steps: ChainStep[] = [
    {
      step: 'bug',
      state: bugDone || pull ? 'done' : 'current',
      label: `${bug.key} · ${bug.status.name}`,
      item: bug,
    },
  ];
  if (pull) {
    const approved = pull.pull?.reviewDecision === 'APPROVED';
    steps.push({ step: 'pull', state: 'done', label: `${pull.key} · ${pull.status.name}`, item: pull });
    steps.push({
      step: 'review',
      state: merged || approved ? 'done' : 'current',
      label: merged
        ? 'Reviewed'
        : approved
          ? 'Approved'
          : reviewText(pull.pull?.reviewDecision, pull.pull?.draft),
    });
  } else {
    steps.push({ step: 'pull', state: bugDone ? 'done' : 'pending', label: 'No pull request linked yet' });
  }
  steps.push({
    step: 'merged',
    state: merged ? 'done' : pull ? 'pending' : bugDone ? 'done' : 'pending',
    label: merged ? `Merged ${dateText(pull?.pull?.mergedAt)}` : 'Not merged yet',
    ...(pull?.pull?.mergedAt ? { date: pull.pull.mergedAt } : {}),
  });
  steps.push({
    step: 'released',
    state: release ? 'done' : merged ? 'current' : 'pending',
    label: release
      ? `Released in ${release.name}${release.date ? ` on ${dateText(release.date)}` : ''}`
      : planned
        ? `Planned for ${planned.name}`
        : 'Not released yet',
    ...(release?.date ? { date: release.date } : {}),
  });
  return { bug, ...(pull ? { pull } : {}), steps, sentence: sentenceFor(bug, pull, release, planned?.name) };
}

function reviewText(decision: string | undefined, draft: boolean | undefined): string {
  if (draft) return 'Draft';
  if (decision === 'CHANGES_REQUESTED') return 'Changes requested';
  return 'In review';
}

function sentenceFor(
  bug: Item,
  pull: Item | undefined,
  release: { name: string; date?: string | undefined } | undefined,
  planned?: string,
): string {
  if (release)
    return `The fix was released in ${release.name}${release.date ? ` on ${dateText(release.date)}` : ''}.`;
  if (pull?.pull?.merged) {
    return `The fix is done and will ship in ${planned ? `version ${planned}` : 'the next release'}.`;
  }
  if (pull && pull.status.category !== 'cancelled') return 'A fix has been written and is being reviewed.';
  if (bug.status.category === 'cancelled')
    return `The engineering team closed the issue (${bug.status.name}).`;
  if (bug.status.category === 'done') return 'Engineering has marked the issue as resolved.';
  if (bug.status.category === 'in_progress') return 'Engineering is working on a fix.';
  return 'The issue is logged with engineering and waiting to be picked up.';
}

/** Every bug the subject ticket waits on, each with its chain. */
export function bugChains(
  subject: string,
  items: readonly Item[],
  links: readonly Link[],
  releases: readonly PullRelease[],
): BugChain[] {
  const context = connectedItems(subject, items, links);
  const bugs = context.filter(isWorkItem);
  return bugs.map((bug) => {
    const pulls = connectedItems(bug.ref, items, links).filter((i) => i.kind === 'pull');
    return bugChain(bug, pulls, releases);
  });
}
