/**
 * A linear main-branch history per repository: every merged pull request contributes its merge commit
 * at its merge time, filler commits keep the history realistic, and each release targets the last
 * commit published before it. "Is this merge commit in release X" is then answerable with
 * GET /repos/{o}/{r}/compare/{merge_sha}...{tag}, exactly as against GitHub.
 */
import { stableHex } from './prng.ts';
import type { GhCommit, GhPull, GhRelease, GhRepo } from './types.ts';

const fillerMessages = [
  'Update README',
  'Refactor pricing module',
  'Tidy logging',
  'Add metrics for cart service',
  'Upgrade CI image',
  'Fix typo in docs',
];

export function buildHistory(repos: GhRepo[], pulls: GhPull[], releases: GhRelease[]): GhCommit[] {
  const all: GhCommit[] = [];
  for (const repo of repos) {
    const full = `${repo.owner}/${repo.name}`;
    const entries: Omit<GhCommit, 'parents'>[] = [];
    // one filler commit every 4 days from the start of the year
    for (let i = 0; i < 20; i++) {
      const date = new Date(Date.parse('2026-01-02T12:00:00Z') + i * 4 * 86400e3)
        .toISOString()
        .replace('.000Z', 'Z');
      entries.push({
        host: repo.host,
        repo: full,
        sha: stableHex(`gh:${full}:filler:${i}`),
        message: fillerMessages[i % fillerMessages.length] as string,
        author: 'priya-n',
        date,
      });
    }
    for (const p of pulls) {
      if (p.repo !== full || p.host !== repo.host || !p.mergedAt || !p.mergeCommitSha) continue;
      entries.push({
        host: repo.host,
        repo: full,
        sha: p.mergeCommitSha,
        message: `Merge pull request #${p.number} from ${repo.owner}/${p.headRef}\n\n${p.title}`,
        author: p.author,
        date: p.mergedAt,
      });
    }
    entries.sort((a, b) => a.date.localeCompare(b.date) || a.sha.localeCompare(b.sha));
    let previous: string | undefined;
    for (const e of entries) {
      const pull = pulls.find((p) => p.mergeCommitSha === e.sha);
      all.push({ ...e, parents: [previous, pull?.headSha].filter((s): s is string => s !== undefined) });
      previous = e.sha;
    }
    for (const rel of releases) {
      if (rel.repo !== full || rel.host !== repo.host) continue;
      const before = entries.filter((e) => e.date <= rel.publishedAt);
      rel.targetSha = before[before.length - 1]?.sha ?? entries[0]?.sha ?? '';
    }
  }
  return all;
}
