/**
 * The dataset: deterministic, sized by its options, the fixed story present in every variant, and noise
 * that never names a story key.
 */
import { describe, expect, it } from 'vitest';
import { generateDataset, presets } from './dataset/index.ts';
import { hostileText } from './dataset/story-itsm.ts';
import { storyKeys } from './dataset/text.ts';
import type { Dataset } from './dataset/types.ts';

const tiny = {
  incidents: 0,
  tickets: 0,
  bugs: 0,
  pulls: 0,
  ghIssues: 0,
  jsmRequests: 0,
  orgs: 0,
  customers: 0,
  problems: 0,
  changes: 0,
};

function expectStory(ds: Dataset): void {
  const issue = (key: string) => ds.jiraIssues.find((i) => i.key === key);
  const inc = (n: string) => ds.snow.find((r) => r.number === n);
  const org = (key?: string) => ds.orgs.find((o) => o.key === key)?.name;
  expect(issue('SHOP-101')).toMatchObject({
    summary: 'Checkout times out for carts over 50 items',
    status: 'Done',
    statusCategory: 'done',
    priority: 'High',
    fixVersions: ['2.4.1'],
  });
  expect(ds.jiraVersions.find((v) => v.name === '2.4.1')).toMatchObject({
    released: true,
    releaseDate: '2026-03-12',
  });
  const pr42 = ds.pulls.find((p) => p.repo === 'acme/shop-api' && p.number === 42);
  expect(pr42).toMatchObject({
    title: 'SHOP-101: stream cart totals instead of loading every item',
    merged: true,
    headRef: 'fix/SHOP-101-checkout-timeout',
  });
  expect(pr42?.mergedAt?.slice(0, 10)).toBe('2026-03-10');
  const v241 = ds.releases.find((r) => r.tag === 'v2.4.1');
  expect(v241?.publishedAt.slice(0, 10)).toBe('2026-03-12');
  const history = ds.commits.filter((c) => c.repo === 'acme/shop-api');
  const at = (sha?: string) => history.findIndex((c) => c.sha === sha);
  expect(at(pr42?.mergeCommitSha)).toBeGreaterThanOrEqual(0);
  expect(at(pr42?.mergeCommitSha)).toBeLessThanOrEqual(at(v241?.targetSha));
  expect(at(pr42?.mergeCommitSha)).toBeGreaterThan(
    at(ds.releases.find((r) => r.tag === 'v2.4.0')?.targetSha),
  );
  expect([inc('INC0010001')?.priority, inc('INC0010001')?.state, org(inc('INC0010001')?.companyKey)]).toEqual(
    [1, 2, 'Globex Retail'],
  );
  expect([inc('INC0010002')?.priority, inc('INC0010002')?.state, org(inc('INC0010002')?.companyKey)]).toEqual(
    [2, 3, 'Initech'],
  );
  expect([inc('INC0010003')?.priority, inc('INC0010003')?.state, inc('INC0010003')?.jiraKey]).toEqual([
    3,
    6,
    'SHOP-101',
  ]);
  expect(`${inc('INC0010003')?.shortDescription} ${inc('INC0010003')?.description}`).not.toContain(
    'SHOP-101',
  );
  expect(inc('INC0010004')?.shortDescription).toContain('SHOP-102');
  expect(inc('INC0010005')?.description).toContain('OPS-12');
  expect(inc('INC0010006')?.shortDescription).toBe(hostileText);
  const t4711 = ds.tickets.find((t) => t.id === 4711);
  expect(t4711).toMatchObject({
    priority: 'urgent',
    status: 'open',
    orgKey: 'globex',
    jiraKey: 'SHOP-101',
    satisfaction: { score: 'bad' },
  });
  expect(ds.tickets.find((t) => t.id === 4712)).toMatchObject({ priority: 'normal', status: 'pending' });
  const sup7 = issue('SUP-7');
  expect(sup7?.links).toContainEqual(expect.objectContaining({ key: 'SHOP-101' }));
  expect(sup7?.request?.orgKeys).toEqual(['umbrella']);
  expect(sup7?.request?.slas.some((s) => s.breached)).toBe(true);
  expect(issue('SHOP-101')?.remoteLinks.map((l) => l.url)).toEqual([
    `https://acme.service-now.com/incident.do?sys_id=${inc('INC0010001')?.sysId}`,
    'https://acme.zendesk.com/agent/tickets/4711',
  ]);
  expect(issue('SHOP-102')?.status).toBe('In Progress');
  expect(ds.pulls.find((p) => p.number === 43)).toMatchObject({
    state: 'open',
    headRef: 'fix/SHOP-102-mobile-coupons',
  });
  expect(ds.pulls.find((p) => p.number === 44)?.title).toBe('Bump dependencies');
  expect(ds.ghIssues.find((i) => i.repo === 'acme/web' && i.number === 7)?.title).toBe(
    'Login page 500s for SSO users (OPS-12)',
  );
  expect(inc('INC0010001')?.sysId).toMatch(/^[0-9a-f]{32}$/);
}

describe('dataset', () => {
  it('holds the fixed story in every variant', () => {
    expectStory(generateDataset(tiny));
    expectStory(generateDataset(presets.demo));
    expectStory(generateDataset({ ...presets.demo, seed: 1234 }));
  });
  it('is deterministic and sized by its options', () => {
    expect(JSON.stringify(generateDataset(presets.demo))).toBe(JSON.stringify(generateDataset(presets.demo)));
    expect(JSON.stringify(generateDataset({ seed: 1 }))).not.toBe(
      JSON.stringify(generateDataset({ seed: 2 })),
    );
    const ds = generateDataset({ ...presets.demo, incidents: 60, tickets: 10 });
    expect(ds.snow.filter((r) => r.table === 'incident')).toHaveLength(60);
    expect(ds.tickets).toHaveLength(10);
    expect(generateDataset(presets.demo).snow.filter((r) => r.table === 'incident')).toHaveLength(40);
  });
  it('listPulls adds open pull requests to acme/shop-api and changes nothing else', () => {
    const demo = generateDataset(presets.demo);
    const listed = generateDataset({ ...presets.demo, listPulls: 18 });
    const open = (ds: Dataset) =>
      ds.pulls.filter((p) => p.host === 'github.com' && p.repo === 'acme/shop-api' && p.state === 'open');
    expect(open(listed)).toHaveLength(open(demo).length + 18);
    const added = listed.pulls.slice(demo.pulls.length);
    expect(new Set(added.map((p) => p.number)).size).toBe(18);
    for (const p of added)
      expect(demo.pulls.some((q) => q.repo === p.repo && q.number === p.number)).toBe(false);
    // What the story's chains find is unchanged: the added pull requests name no story key.
    for (const key of storyKeys) expect(JSON.stringify(added)).not.toContain(key);
    expect(JSON.stringify({ ...listed, pulls: listed.pulls.slice(0, demo.pulls.length) })).toBe(
      JSON.stringify(demo),
    );
  });
  it('bench has 5,000 incidents', () => {
    expect(generateDataset(presets.bench).snow.filter((r) => r.table === 'incident')).toHaveLength(5000);
  });
  it('noise never names a story key, but carries key look-alikes', () => {
    const story = JSON.stringify({
      ...generateDataset(tiny),
      people: [],
      orgs: [],
      commits: [],
      snowSlas: [],
    });
    const full = JSON.stringify({
      ...generateDataset({ ...presets.demo, incidents: 800, tickets: 400, bugs: 200 }),
      people: [],
      orgs: [],
      commits: [],
      snowSlas: [],
    });
    for (const key of storyKeys) expect(full.split(key).length, key).toBe(story.split(key).length);
    for (const lookAlike of ['UTF-8', 'SHA-256', 'ISO-8601', 'CVE-2024-12345'])
      expect(full).toContain(lookAlike);
    const numbers = generateDataset(presets.bench).snow.map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
