/**
 * Generated noise on the development side: Jira bugs (SHOP/OPS), JSM requests (SUP), pull requests and
 * GitHub issues. Noise links only to noise: it never names a story key (see text.ts).
 */
import type { Rng } from './prng.ts';
import { stableHex } from './prng.ts';
import { addMs, engineers, isoBetween, isSafeNoiseKey, noiseDescription, noiseSubject } from './text.ts';
import type { GhIssue, GhPull, JiraIssue, Person } from './types.ts';

const statuses: [string, JiraIssue['statusCategory']][] = [
  ['To Do', 'new'],
  ['In Progress', 'indeterminate'],
  ['In Review', 'indeterminate'],
  ['Done', 'done'],
];
const priorities: JiraIssue['priority'][] = ['Highest', 'High', 'Medium', 'Medium', 'Low', 'Lowest'];

/** Allocates issue numbers per project from 200 up, skipping any that would start with a story key. */
export function keyAllocator(): (project: string) => string {
  const next = new Map<string, number>();
  return (project) => {
    let n = next.get(project) ?? 200;
    while (!isSafeNoiseKey(`${project}-${n}`)) n++;
    next.set(project, n + 1);
    return `${project}-${n}`;
  };
}

export function noiseBugs(rng: Rng, count: number, allocKey: (p: string) => string): JiraIssue[] {
  const out: JiraIssue[] = [];
  for (let i = 0; i < count; i++) {
    const projectKey = rng.chance(0.75) ? 'SHOP' : 'OPS';
    const [status, statusCategory] = rng.pick(statuses);
    const created = isoBetween(rng, '2026-01-05T00:00:00Z', '2026-03-14T00:00:00Z');
    const done = statusCategory === 'done';
    const key = allocKey(projectKey);
    out.push({
      site: 'cloud',
      id: String(12000 + i),
      key,
      projectKey,
      type: rng.chance(0.8) ? 'Bug' : 'Task',
      summary: noiseSubject(rng),
      description: noiseDescription(rng),
      status,
      statusCategory,
      priority: rng.pick(priorities),
      assigneeKey: rng.chance(0.7) ? rng.pick(['mona', 'hubert', 'priya']) : undefined,
      reporterKey: rng.pick(['zoe', 'sam', 'priya']),
      created,
      updated: addMs(created, rng.int(1, 96) * 3600e3),
      resolved: done ? addMs(created, rng.int(24, 200) * 3600e3) : undefined,
      fixVersions:
        projectKey === 'SHOP' && done
          ? [rng.pick(['2.4.0', '2.4.1'])]
          : projectKey === 'SHOP' && rng.chance(0.3)
            ? ['2.5.0']
            : [],
      labels: rng.chance(0.3) ? ['customer-impact'] : [],
      links: [],
      remoteLinks: [],
      zendeskTicketIds: [],
      comments: [],
    });
  }
  return out;
}

export function noiseRequests(
  rng: Rng,
  count: number,
  customers: Person[],
  bugs: JiraIssue[],
  allocKey: (p: string) => string,
): JiraIssue[] {
  const out: JiraIssue[] = [];
  for (let i = 0; i < count; i++) {
    const reporter = rng.pick(customers);
    const created = isoBetween(rng, '2026-02-01T00:00:00Z', '2026-03-15T00:00:00Z');
    const key = allocKey('SUP');
    const goal = rng.pick([8, 24, 48]) * 3600e3;
    const elapsed = Math.floor(rng.next() * goal * 1.5);
    const issue: JiraIssue = {
      site: 'cloud',
      id: String(15000 + i),
      key,
      projectKey: 'SUP',
      type: 'Service request',
      summary: noiseSubject(rng),
      description: noiseDescription(rng),
      status: rng.pick(['Waiting for support', 'Waiting for customer', 'Resolved']),
      statusCategory: 'new',
      priority: rng.pick(priorities),
      reporterKey: reporter.key,
      created,
      updated: addMs(created, 3600e3),
      fixVersions: [],
      labels: [],
      links: [],
      remoteLinks: [],
      zendeskTicketIds: [],
      comments: [],
      request: {
        serviceDeskId: 1,
        requestTypeId: rng.pick([10, 11, 12]),
        requestTypeName: '',
        reporterKey: reporter.key,
        orgKeys: reporter.orgKey ? [reporter.orgKey] : [],
        slas: [
          {
            name: 'Time to resolution',
            goalMs: goal,
            startedAt: created,
            elapsedMs: elapsed,
            breached: elapsed > goal,
            paused: false,
          },
        ],
      },
    };
    if (issue.status === 'Resolved') issue.statusCategory = 'done';
    const bug = bugs.length > 0 && rng.chance(0.3) ? rng.pick(bugs) : undefined;
    if (bug) {
      const id = String(40000 + i);
      issue.links.push({ id, type: 'Problem/Incident', direction: 'inward', key: bug.key });
      bug.links.push({ id, type: 'Problem/Incident', direction: 'outward', key });
    }
    out.push(issue);
  }
  return out;
}

/** Per-repo number allocator shared by pulls and issues (they share one sequence on GitHub). */
export function numberAllocator(
  start: Record<string, number>,
  taken: Record<string, number[]>,
): (repo: string) => number {
  const next = new Map(Object.entries(start));
  return (repo) => {
    let n = next.get(repo) ?? 1;
    while (taken[repo]?.includes(n)) n++;
    next.set(repo, n + 1);
    return n;
  };
}

export function noisePulls(
  rng: Rng,
  count: number,
  bugs: JiraIssue[],
  allocNumber: (repo: string) => number,
): GhPull[] {
  const out: GhPull[] = [];
  for (let i = 0; i < count; i++) {
    const repo = rng.chance(0.7) ? 'acme/shop-api' : 'acme/web';
    const number = allocNumber(repo);
    const bug = bugs.length > 0 && rng.chance(0.7) ? rng.pick(bugs) : undefined;
    const subject = noiseSubject(rng).toLowerCase();
    const created = isoBetween(rng, '2026-01-10T00:00:00Z', '2026-03-14T00:00:00Z');
    const merged = rng.chance(0.6);
    const closed = merged || rng.chance(0.1);
    const mergedAt = merged ? addMs(created, rng.int(2, 120) * 3600e3) : undefined;
    out.push({
      host: 'github.com',
      repo,
      id: 910000 + i,
      number,
      title: bug ? `${bug.key}: fix ${subject}` : `Improve ${subject}`,
      body: bug ? `Addresses ${bug.key}.` : 'Housekeeping.',
      state: closed ? 'closed' : 'open',
      merged,
      draft: !closed && rng.chance(0.15),
      author: rng.pick(engineers),
      createdAt: created,
      updatedAt: mergedAt ?? created,
      closedAt: closed ? (mergedAt ?? addMs(created, 7200e3)) : undefined,
      mergedAt,
      headRef: bug ? `fix/${bug.key}-${i}` : `chore/tidy-${i}`,
      baseRef: 'main',
      headSha: stableHex(`gh:${repo}:pull:${number}:head`),
      baseSha: stableHex(`gh:${repo}:pull:${number}:base`),
      mergeCommitSha: merged ? stableHex(`gh:${repo}:pull:${number}:merge`) : undefined,
      labels: bug ? ['bug'] : [],
      reviews: rng.chance(0.6)
        ? [{ author: rng.pick(engineers), state: rng.pick(['APPROVED', 'COMMENTED'] as const), at: created }]
        : [],
      comments: [],
      commits: rng.int(1, 6),
      additions: rng.int(1, 400),
      deletions: rng.int(0, 200),
      changedFiles: rng.int(1, 12),
      closingIssues: [],
    });
  }
  return out;
}

/**
 * Open pull requests in acme/shop-api made without the RNG (`DatasetOptions.listPulls`), so adding them changes
 * nothing else in the dataset: the chains bench's PR list needs 25 rows, more than the demo preset's repository
 * holds. Each fixes one of the noise bugs in turn (never a story one, so the story's chains find none of them).
 */
export function listPulls(count: number, bugs: JiraIssue[], allocNumber: (repo: string) => number): GhPull[] {
  const repo = 'acme/shop-api';
  return Array.from({ length: count }, (_, i): GhPull => {
    const number = allocNumber(repo);
    const bug = bugs.length > 0 ? bugs[i % bugs.length] : undefined;
    const created = addMs('2026-03-01T09:00:00Z', i * 3600e3);
    return {
      host: 'github.com',
      repo,
      id: 960000 + i,
      number,
      title: bug ? `${bug.key}: fix ${bug.summary.toLowerCase()}` : `Tidy module ${i + 1}`,
      body: bug ? `Addresses ${bug.key}.` : 'Housekeeping.',
      state: 'open',
      merged: false,
      draft: false,
      author: engineers[i % engineers.length] ?? 'dev',
      createdAt: created,
      updatedAt: created,
      headRef: bug ? `fix/${bug.key}-list-${i}` : `chore/list-${i}`,
      baseRef: 'main',
      headSha: stableHex(`gh:${repo}:pull:${number}:head`),
      baseSha: stableHex(`gh:${repo}:pull:${number}:base`),
      labels: bug ? ['bug'] : [],
      reviews: [],
      comments: [],
      commits: 1 + (i % 5),
      additions: 10 + i * 7,
      deletions: i * 3,
      changedFiles: 1 + (i % 9),
      closingIssues: [],
    };
  });
}

export function noiseGhIssues(rng: Rng, count: number, allocNumber: (repo: string) => number): GhIssue[] {
  const out: GhIssue[] = [];
  for (let i = 0; i < count; i++) {
    const repo = rng.chance(0.5) ? 'acme/shop-api' : 'acme/web';
    const created = isoBetween(rng, '2026-01-10T00:00:00Z', '2026-03-14T00:00:00Z');
    const closed = rng.chance(0.4);
    out.push({
      host: 'github.com',
      repo,
      id: 810000 + i,
      number: allocNumber(repo),
      title: noiseSubject(rng),
      body: noiseDescription(rng),
      state: closed ? 'closed' : 'open',
      stateReason: closed ? 'completed' : undefined,
      author: rng.pick(engineers),
      createdAt: created,
      updatedAt: created,
      closedAt: closed ? addMs(created, 86400e3) : undefined,
      labels: [],
      comments: [],
    });
  }
  return out;
}
