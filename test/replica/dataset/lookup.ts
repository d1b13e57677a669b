/**
 * Indexes over a dataset for O(1) lookups from request handlers; built once per dataset object.
 * Only list membership is indexed; records themselves stay in the dataset (a POSTed remote link is
 * pushed onto its issue and is visible at once).
 */
import type {
  Dataset,
  GhCommit,
  GhIssue,
  GhPull,
  GhRelease,
  JiraIssue,
  Organization,
  Person,
  SnowRecord,
  ZendeskTicket,
} from './types.ts';

export interface DatasetIndex {
  person: Map<string, Person>;
  personBySnowId: Map<string, Person>;
  personByZendeskId: Map<number, Person>;
  org: Map<string, Organization>;
  orgBySnowId: Map<string, Organization>;
  orgByZendeskId: Map<number, Organization>;
  snowByNumber: Map<string, SnowRecord>;
  snowBySysId: Map<string, SnowRecord>;
  ticket: Map<number, ZendeskTicket>;
  jiraByKey: Map<string, JiraIssue>; // `${site}:${KEY}`
  jiraById: Map<string, JiraIssue>; // `${site}:${id}`
  pull: Map<string, GhPull>; // `${host}/${owner/repo}#${n}` lower-case repo
  ghIssue: Map<string, GhIssue>;
  commitsByRepo: Map<string, GhCommit[]>; // `${host}/${repo}`
  releasesByRepo: Map<string, GhRelease[]>;
}

const cache = new WeakMap<Dataset, DatasetIndex>();

export const repoKey = (host: string, repo: string): string => `${host}/${repo.toLowerCase()}`;
export const itemKey = (host: string, repo: string, n: number): string => `${repoKey(host, repo)}#${n}`;

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export function indexOf(ds: Dataset): DatasetIndex {
  const hit = cache.get(ds);
  if (hit) return hit;
  const idx: DatasetIndex = {
    person: new Map(ds.people.map((p) => [p.key, p])),
    personBySnowId: new Map(ds.people.map((p) => [p.snowSysId, p])),
    personByZendeskId: new Map(ds.people.map((p) => [p.zendeskId, p])),
    org: new Map(ds.orgs.map((o) => [o.key, o])),
    orgBySnowId: new Map(ds.orgs.map((o) => [o.snowSysId, o])),
    orgByZendeskId: new Map(ds.orgs.map((o) => [o.zendeskId, o])),
    snowByNumber: new Map(ds.snow.map((r) => [r.number, r])),
    snowBySysId: new Map(ds.snow.map((r) => [r.sysId, r])),
    ticket: new Map(ds.tickets.map((t) => [t.id, t])),
    jiraByKey: new Map(ds.jiraIssues.map((i) => [`${i.site}:${i.key}`, i])),
    jiraById: new Map(ds.jiraIssues.map((i) => [`${i.site}:${i.id}`, i])),
    pull: new Map(ds.pulls.map((p) => [itemKey(p.host, p.repo, p.number), p])),
    ghIssue: new Map(ds.ghIssues.map((i) => [itemKey(i.host, i.repo, i.number), i])),
    commitsByRepo: group(ds.commits, (c) => repoKey(c.host, c.repo)),
    releasesByRepo: group(ds.releases, (r) => repoKey(r.host, r.repo)),
  };
  cache.set(ds, idx);
  return idx;
}
