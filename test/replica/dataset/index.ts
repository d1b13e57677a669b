/**
 * generateDataset: the fixed story (story-*.ts) plus seeded noise around it. Same options, same dataset,
 * byte for byte. Presets: `demo` (small, for the demo and browser tests) and `bench` (5,000 incidents).
 */

import { buildHistory } from './history.ts';
import {
  keyAllocator,
  listPulls,
  noiseBugs,
  noiseGhIssues,
  noisePulls,
  noiseRequests,
  numberAllocator,
} from './noise-dev.ts';
import { noiseSlas, noiseSnow, noiseTickets } from './noise-itsm.ts';
import { noiseCustomers, noiseOrgs, storyOrgs, storyPeople } from './people.ts';
import { mulberry32 } from './prng.ts';
import { storyGhIssues, storyPulls, storyReleases, storyRepos } from './story-github.ts';
import { storySlas, storySnow, storyTickets } from './story-itsm.ts';
import { jiraProjects, jiraVersions, storyJiraIssues } from './story-jira.ts';
import { storyHelpCenterArticles, storyKbArticles } from './story-knowledge.ts';
import type { Dataset, DatasetOptions } from './types.ts';

export type { Dataset, DatasetOptions } from './types.ts';

export const presets = {
  demo: {
    name: 'demo',
    seed: 42,
    incidents: 40,
    tickets: 30,
    bugs: 20,
    pulls: 16,
    ghIssues: 8,
    jsmRequests: 8,
    orgs: 8,
    customers: 24,
    problems: 3,
    changes: 3,
    listPulls: 0,
  },
  bench: {
    name: 'bench',
    seed: 7,
    incidents: 5000,
    tickets: 3000,
    bugs: 600,
    pulls: 800,
    ghIssues: 300,
    jsmRequests: 400,
    orgs: 60,
    customers: 800,
    problems: 100,
    changes: 100,
    listPulls: 0,
  },
} satisfies Record<string, Required<DatasetOptions>>;

export type PresetName = keyof typeof presets;

export function generateDataset(options: DatasetOptions = {}): Dataset {
  const o = { ...presets.demo, ...options };
  const rng = mulberry32(o.seed);
  const orgs = [...storyOrgs, ...noiseOrgs(Math.max(0, o.orgs))];
  const noiseOrgList = orgs.slice(storyOrgs.length);
  const customers = noiseCustomers(
    rng,
    Math.max(0, o.customers),
    noiseOrgList.length > 0 ? noiseOrgList : storyOrgs,
  );
  const people = [...storyPeople, ...customers];
  const customerPool = people.filter((p) => p.kind === 'customer');

  const allocKey = keyAllocator();
  const story = storyJiraIssues();
  const softwareStory = story.filter((i) => i.site === 'cloud' && i.projectKey !== 'SUP').length;
  const bugs = noiseBugs(rng, Math.max(0, o.bugs - softwareStory), allocKey);
  const requests = noiseRequests(rng, Math.max(0, o.jsmRequests - 1), customerPool, bugs, allocKey);

  const snowStory = storySnow();
  const storyIncidents = snowStory.filter((r) => r.table === 'incident').length;
  const incidents = noiseSnow(rng, 'incident', Math.max(0, o.incidents - storyIncidents), customerPool, bugs);
  const problems = noiseSnow(rng, 'problem', Math.max(0, o.problems), customerPool, bugs);
  const changes = noiseSnow(rng, 'change_request', Math.max(0, o.changes), customerPool, []);
  const tickets = [...storyTickets()];
  tickets.push(...noiseTickets(rng, Math.max(0, o.tickets - tickets.length), customerPool, bugs));

  const pulls = storyPulls();
  const ghIssues = storyGhIssues();
  const taken = { 'acme/shop-api': [42, 43, 44], 'acme/web': [7] };
  const allocNumber = numberAllocator({ 'acme/shop-api': 100, 'acme/web': 20 }, taken);
  const githubStory = pulls.filter((p) => p.host === 'github.com').length;
  pulls.push(...noisePulls(rng, Math.max(0, o.pulls - githubStory), bugs, allocNumber));
  ghIssues.push(...noiseGhIssues(rng, Math.max(0, o.ghIssues - ghIssues.length), allocNumber));
  pulls.push(...listPulls(Math.max(0, o.listPulls), bugs, allocNumber));
  const releases = storyReleases();
  const commits = buildHistory(storyRepos, pulls, releases);

  const snow = [...snowStory, ...incidents, ...problems, ...changes];
  return {
    name: o.name,
    seed: o.seed,
    now: '2026-03-16T09:00:00Z',
    orgs,
    people,
    snow,
    snowSlas: [...storySlas(), ...noiseSlas(incidents)],
    tickets,
    jiraProjects: jiraProjects.map((p) => ({ ...p })),
    jiraVersions: jiraVersions.map((v) => ({ ...v })),
    jiraIssues: [...story, ...bugs, ...requests],
    repos: storyRepos.map((r) => ({ ...r })),
    pulls,
    ghIssues,
    commits,
    releases,
    kbArticles: storyKbArticles(),
    helpCenterArticles: storyHelpCenterArticles(),
  };
}

/** Accepts a ready dataset, options, or a preset name. */
export function resolveDataset(input?: Dataset | DatasetOptions | PresetName): Dataset {
  if (input === undefined) return generateDataset(presets.demo);
  if (typeof input === 'string') return generateDataset(presets[input]);
  if ('jiraIssues' in input) return input;
  return generateDataset(input);
}
