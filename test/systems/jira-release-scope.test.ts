/**
 * What a Jira fix version holds, read from the replica as from Jira: "Get version", then `fixVersion = ID`.
 * Cloud (REST v3, `search/jql`) and Data Center (REST v2, `search`).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { settingsSchema } from '../../src/core/settings';
import { createJiraProvider, type JiraProvider } from '../../src/systems/jira/provider';
import { jiraVersionPage } from '../../src/systems/jira/release-pages';
import { replicaSettings } from '../replica/credentials';
import type { Replica } from '../replica/server';
import { onReplica } from '../providers/on-replica';

z.config({ jitless: true });

let replica: Replica;
let cloud: JiraProvider;
let dc: JiraProvider;
onReplica({}, (r) => {
  replica = r;
});
beforeAll(() => {
  const [jira, jiraDc] = settingsSchema.parse(replicaSettings({ include: ['jira', 'jira-dc'] })).connections;
  if (!jira || !jiraDc) throw new Error('no jira connections');
  cloud = createJiraProvider({ connection: jira, fetch: replica.fetch, retries: 0, remoteLinkLimit: 0 });
  dc = createJiraProvider({
    connection: jiraDc,
    refHost: 'jira.acme.test',
    fetch: replica.fetch,
    retries: 0,
    remoteLinkLimit: 0,
  });
});

/** The issues whose fix versions name the version, from the dataset. */
const issuesOf = (site: 'cloud' | 'dc', id: string) => {
  const version = replica.dataset.jiraVersions.find((v) => v.site === site && v.id === id);
  return replica.dataset.jiraIssues
    .filter((i) => i.site === site && version && i.fixVersions.includes(version.name))
    .map((i) => i.key)
    .sort();
};

describe('Jira release scope', () => {
  test('a released Cloud version: its name and date, its issues by `fixVersion = ID`', async () => {
    const scope = await cloud.releaseScope(
      new URL('https://acme.atlassian.net/projects/SHOP/versions/10101/tab/release-report-all-issues'),
    );
    expect(scope?.release).toEqual({
      kind: 'version',
      name: '2.4.1',
      scope: 'SHOP',
      upcoming: false,
      date: '2026-03-12',
    });
    expect(scope?.refs).toContain('jira:SHOP-101');
    expect(scope?.refs.map((r) => r.slice('jira:'.length)).sort()).toEqual(issuesOf('cloud', '10101'));
    const sent = replica.requests.map((r) => `${r.method} ${r.path}`);
    expect(sent).toContain('GET /rest/api/3/version/10101');
    expect(sent).toContain('POST /rest/api/3/search/jql');
  });

  test('an unreleased version is upcoming, without a date', async () => {
    const scope = await cloud.releaseScope(
      new URL(
        'https://acme.atlassian.net/jira/software/projects/SHOP/versions/10102/tab/release-report-all-issues',
      ),
    );
    expect(scope?.release).toMatchObject({ name: '2.5.0', upcoming: true });
    expect(scope?.release.date).toBeUndefined();
    expect(scope?.refs).toContain('jira:SHOP-102');
  });

  test('Data Center: REST v2, references carrying the host of a second Jira', async () => {
    const scope = await dc.releaseScope(new URL('https://jira.acme.test/projects/PLAT/versions/11100'));
    expect(scope?.release).toMatchObject({ name: '7.2', scope: 'PLAT', upcoming: false });
    expect(scope?.refs).toEqual(issuesOf('dc', '11100').map((k) => `jira:jira.acme.test/${k}`));
    expect(replica.requests.map((r) => r.path)).toContain('/rest/api/2/version/11100');
  });

  test('a version that does not exist is that source’s error, naming Jira', async () => {
    const error = await cloud
      .releaseScope(new URL('https://acme.atlassian.net/projects/SHOP/versions/99999'))
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/jira/i);
  });
});

describe('Jira version page addresses', () => {
  test.each([
    [
      'https://acme.atlassian.net/projects/SHOP/versions/10101/tab/release-report-all-issues',
      'SHOP',
      '10101',
    ],
    ['https://acme.atlassian.net/jira/software/c/projects/shop/versions/10102', 'SHOP', '10102'],
    ['https://jira.acme.test/jira/projects/PLAT/versions/11100', 'PLAT', '11100'],
  ])('%s', (url, project, id) => {
    expect(jiraVersionPage(new URL(url))).toEqual({ project, id });
  });
  test.each([
    'https://acme.atlassian.net/projects/SHOP/versions',
    'https://acme.atlassian.net/projects/SHOP/versions/abc',
    'https://acme.atlassian.net/browse/SHOP-101',
    'https://acme.atlassian.net/projects/SHOP/versions/10101/tab/release-report-all-issues/extra',
  ])('%s is no version page', (url) => {
    expect(jiraVersionPage(new URL(url))).toBeUndefined();
  });
});
