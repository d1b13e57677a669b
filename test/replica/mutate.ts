/**
 * Moves the replica's world on while a browser runs (POST /__replica/mutate, `Replica.mutate`): what a watch test
 * needs to see change. Each mutation edits the dataset's records in place and the list indexes (lookup.ts) with
 * them, so REST, GraphQL, search and the pages all see the same new state at once:
 *
 * - `mergePull`: a pull request is merged as GitHub merges one: `state: closed`, `merged`, `merged_at`, a merge
 *   commit on the base branch (appended to the linear history, parents: the previous head and the PR's head).
 * - `publishRelease`: a release is published for the default branch's newest commit (so it contains every merge
 *   before it: `Release.tagCommit.history` and `compare` answer accordingly).
 * - `linkTicket`: the Zendesk ticket's "Jira issue" custom field is set (what an agent does when linking a bug).
 * - `setTicketStatus`: a Zendesk ticket's status changes (e.g. to `closed`, after which every update is refused with
 *   422 "Status: closed prevents ticket update", zendesk/writes.ts).
 * - `lockIssue`: a GitHub issue or pull request's conversation is locked (or unlocked with `locked: false`), so a
 *   comment is refused with 403 "Unable to create comment because issue is locked." (github/comments.ts).
 *
 * Shapes as in the dataset (types.ts) and its sources; see ROUTES.md ("Control").
 */

import { indexOf, itemKey, repoKey } from './dataset/lookup.ts';
import { mergeSha } from './dataset/story-github.ts';
import type { Dataset, GhCommit, GhRelease, ZendeskStatus } from './dataset/types.ts';

const zendeskStatuses: ZendeskStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];

export type Mutation =
  | { mergePull: { host?: string; repo: string; number: number; at: string } }
  | { publishRelease: { host?: string; repo: string; tag: string; at: string; body?: string } }
  | { linkTicket: { ticket: number; jiraKey: string; at: string } }
  | { lockIssue: { host?: string; repo: string; number: number; locked?: boolean } }
  | { setTicketStatus: { ticket: number; status: ZendeskStatus; at: string } };

const iso = (text: unknown): string => {
  if (typeof text !== 'string' || Number.isNaN(Date.parse(text)))
    throw new Error('`at` must be an ISO 8601 time');
  return new Date(text).toISOString().replace('.000Z', 'Z');
};

/** Applies one mutation; throws (a 400 from the route) when it names nothing or does not apply. */
export function mutate(ds: Dataset, mutation: unknown): { ok: true; applied: string } {
  const m = (mutation ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const idx = indexOf(ds);
  if (m.mergePull) {
    const { repo, number } = m.mergePull;
    const host = typeof m.mergePull.host === 'string' ? m.mergePull.host : 'github.com';
    if (typeof repo !== 'string' || typeof number !== 'number')
      throw new Error('mergePull needs repo and number');
    const pull = idx.pull.get(itemKey(host, repo, number));
    if (!pull) throw new Error(`no pull request ${repo}#${number} on ${host}`);
    if (pull.merged) throw new Error(`${repo}#${number} is already merged`);
    const commits = idx.commitsByRepo.get(repoKey(host, repo)) ?? [];
    const last = commits[commits.length - 1];
    // The history stays linear and ordered: a merge is never dated before the branch's newest commit.
    const wanted = iso(m.mergePull.at);
    const at = last && last.date > wanted ? last.date : wanted;
    const sha = mergeSha(pull.repo, pull.number);
    Object.assign(pull, {
      merged: true,
      state: 'closed',
      mergedAt: at,
      closedAt: at,
      updatedAt: at,
      mergeCommitSha: sha,
    });
    const commit: GhCommit = {
      host: pull.host,
      repo: pull.repo,
      sha,
      message: `Merge pull request #${pull.number} from ${pull.repo.split('/')[0]}/${pull.headRef}\n\n${pull.title}`,
      author: pull.author,
      date: at,
      parents: [last?.sha, pull.headSha].filter((s): s is string => s !== undefined),
    };
    ds.commits.push(commit);
    if (!idx.commitsByRepo.has(repoKey(host, repo))) idx.commitsByRepo.set(repoKey(host, repo), commits);
    commits.push(commit);
    return { ok: true, applied: `merged ${repo}#${number} at ${at}` };
  }
  if (m.publishRelease) {
    const { repo, tag } = m.publishRelease;
    const host = typeof m.publishRelease.host === 'string' ? m.publishRelease.host : 'github.com';
    if (typeof repo !== 'string' || typeof tag !== 'string')
      throw new Error('publishRelease needs repo and tag');
    const releases = idx.releasesByRepo.get(repoKey(host, repo)) ?? [];
    if (releases.some((r) => r.tag === tag)) throw new Error(`${repo} already has a release ${tag}`);
    const commits = idx.commitsByRepo.get(repoKey(host, repo)) ?? [];
    const head = commits[commits.length - 1];
    if (!head) throw new Error(`${repo} has no commits`);
    const at = iso(m.publishRelease.at);
    const release: GhRelease = {
      host: head.host,
      repo: head.repo,
      id: 69000 + ds.releases.length,
      tag,
      name: tag,
      body: typeof m.publishRelease.body === 'string' ? m.publishRelease.body : '',
      createdAt: at,
      publishedAt: at,
      targetSha: head.sha,
      draft: false,
      prerelease: false,
    };
    ds.releases.push(release);
    if (!idx.releasesByRepo.has(repoKey(host, repo))) idx.releasesByRepo.set(repoKey(host, repo), releases);
    releases.push(release);
    return { ok: true, applied: `published ${repo} ${tag} at ${at} (${head.sha.slice(0, 7)})` };
  }
  if (m.linkTicket) {
    const { ticket, jiraKey } = m.linkTicket;
    if (typeof ticket !== 'number' || typeof jiraKey !== 'string')
      throw new Error('linkTicket needs ticket and jiraKey');
    const record = idx.ticket.get(ticket);
    if (!record) throw new Error(`no Zendesk ticket ${ticket}`);
    record.jiraKey = jiraKey;
    record.updatedAt = iso(m.linkTicket.at);
    return { ok: true, applied: `ticket ${ticket} linked to ${jiraKey}` };
  }
  if (m.lockIssue) {
    const { repo, number } = m.lockIssue;
    const host = typeof m.lockIssue.host === 'string' ? m.lockIssue.host : 'github.com';
    if (typeof repo !== 'string' || typeof number !== 'number')
      throw new Error('lockIssue needs repo and number');
    const key = itemKey(host, repo, number);
    const item = idx.pull.get(key) ?? idx.ghIssue.get(key);
    if (!item) throw new Error(`no issue or pull request ${repo}#${number} on ${host}`);
    item.locked = m.lockIssue.locked !== false;
    return { ok: true, applied: `${repo}#${number} ${item.locked ? 'locked' : 'unlocked'}` };
  }
  if (m.setTicketStatus) {
    const { ticket, status } = m.setTicketStatus;
    if (typeof ticket !== 'number' || !zendeskStatuses.includes(status as ZendeskStatus))
      throw new Error(`setTicketStatus needs ticket and a status (${zendeskStatuses.join(', ')})`);
    const record = idx.ticket.get(ticket);
    if (!record) throw new Error(`no Zendesk ticket ${ticket}`);
    record.status = status as ZendeskStatus;
    record.updatedAt = iso(m.setTicketStatus.at);
    return { ok: true, applied: `ticket ${ticket} is ${status}` };
  }
  throw new Error('a mutation is one of mergePull, publishRelease, linkTicket, lockIssue, setTicketStatus');
}
