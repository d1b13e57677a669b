// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import { type BadgePort, startBadges } from '../../src/content/badges';
import type { Badge } from '../../src/messaging/protocol';
import type { ListBadges } from '../../src/sites/types';
import { githubIssueListPage, githubPullListPage } from '../replica/pages/github';
import { jiraIssueNavigatorPage } from '../replica/pages/jira';
import type { GithubListPageProps, JiraNavigatorPageProps } from '../replica/pages/props';
import { pageOf } from '../sites/page-dom';

/** Row detection on the replica's list pages, and the content side of list badges: batching, observing, teardown. */

const list: GithubListPageProps = {
  host: 'github.com',
  owner: 'acme',
  repo: 'shop-api',
  items: [
    { number: 44, title: 'Bump dependencies', state: 'open', author: 'priya-n' },
    { number: 43, title: '<img src=x onerror=alert(1)> SHOP-102', state: 'open', author: 'hubert-r' },
    {
      number: 42,
      title: 'SHOP-101: stream cart totals',
      state: 'merged',
      author: 'mona-dev',
      labels: ['bug'],
    },
  ],
};
const navigatorProps: JiraNavigatorPageProps = {
  host: 'acme.atlassian.net',
  jql: 'project = SHOP',
  rows: [
    {
      key: 'SHOP-102',
      summary: 'Coupons',
      issueType: 'Bug',
      status: 'To Do',
      statusCategory: 'new',
      priority: 'High',
    },
    {
      key: 'SHOP-101',
      summary: 'Checkout',
      issueType: 'Bug',
      status: 'Done',
      statusCategory: 'done',
      priority: 'Highest',
    },
  ],
};
const navigator = jiraIssueNavigatorPage(navigatorProps);

/** Shows a replica page in the test's document (so styles and observers are the page's own). */
function show(html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
}

const cases: [string, string, string[]][] = [
  [
    'PR list',
    'https://github.com/acme/shop-api/pulls',
    ['#44', '#43', '#42'].map((n) => `github:acme/shop-api${n}`),
  ],
  [
    'React issue list',
    'https://github.com/acme/shop-api/issues',
    ['#44', '#43', '#42'].map((n) => `github:acme/shop-api${n}`),
  ],
  [
    'classic issue list (Enterprise)',
    'https://ghe.acme.test/acme/shop-api/issues',
    ['#44', '#43', '#42'].map((n) => `github:ghe.acme.test/acme/shop-api${n}`),
  ],
  [
    'Jira issue navigator',
    'https://acme.atlassian.net/issues/?jql=project%20%3D%20SHOP',
    ['jira:SHOP-102', 'jira:SHOP-101'],
  ],
];
const html = (name: string, url: string) => {
  const host = new URL(url).host;
  if (name.startsWith('Jira')) return navigator;
  if (name === 'PR list') return githubPullListPage({ ...list, host });
  return githubIssueListPage({ ...list, host }, { markup: name.startsWith('React') ? 'react' : 'classic' });
};

function badgesOf(url: string): ListBadges {
  const spec = pageOf(url, new Set(['ghe.acme.test'])).badges;
  if (!spec) throw new Error(`no badges on ${url}`);
  return spec;
}

describe.each(cases)('rows of the %s', (name, url, refs) => {
  test('every row is found, with its title and its reference', () => {
    show(html(name, url));
    const spec = badgesOf(url);
    const rows = [...document.querySelectorAll(spec.rows.join(', '))];
    expect(rows.map((row) => spec.ref(row, new URL(url))).filter(Boolean)).toEqual(refs);
    for (const row of rows) expect(row.querySelector(spec.title.join(', '))).not.toBeNull();
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settle = () => sleep(220); // past the 150 ms batching window

function fakePort() {
  const sent: { type: string; requestId: number; refs: string[] }[] = [];
  let listener: (m: unknown) => void = () => {};
  let disconnected = false;
  const port: BadgePort = {
    postMessage: (m) => sent.push(m as (typeof sent)[number]),
    onMessage: {
      addListener: (l) => {
        listener = l;
      },
    },
    onDisconnect: { addListener: () => {} },
    disconnect: () => {
      disconnected = true;
    },
  };
  return {
    port,
    sent,
    reply: (requestId: number, badges: Badge[], failed: string[] = []) =>
      listener({ type: 'badges', requestId, badges, failed }),
    disconnected: () => disconnected,
  };
}

const answer: Record<string, Badge> = {
  'github:acme/shop-api#42': {
    ref: 'github:acme/shop-api#42',
    count: 6,
    worst: { name: '1 - Critical', rank: 1 },
  },
  'github:acme/shop-api#43': {
    ref: 'github:acme/shop-api#43',
    count: 2,
    worst: { name: '2 - High', rank: 2 },
  },
  'github:acme/shop-api#44': { ref: 'github:acme/shop-api#44', count: 0 },
  'github:acme/shop-api#45': { ref: 'github:acme/shop-api#45', count: 1 },
};

const prList = 'https://github.com/acme/shop-api/pulls';
let controller = new AbortController();
afterEach(() => controller.abort());

function start(url = prList) {
  controller = new AbortController();
  const fake = fakePort();
  startBadges('github', badgesOf(url), new URL(url), controller.signal, () => fake.port);
  return fake;
}

const badges = () => [...document.querySelectorAll('liaison-badge')] as HTMLElement[];

function appendRow(number: number, title: string): void {
  const container = document.querySelector('.js-navigation-container');
  const parsed = new DOMParser().parseFromString(
    githubPullListPage({ ...list, items: [{ number, title, state: 'open', author: 'x' }] }),
    'text/html',
  );
  const row = parsed.querySelector('.js-issue-row');
  if (!container || !row) throw new Error('no list');
  container.append(document.importNode(row, true));
}

describe('list badges in the page', () => {
  test('one batched request for every row; each row gets one badge after its title', async () => {
    show(html('PR list', prList));
    const fake = start();
    await settle();
    expect(fake.sent).toEqual([{ type: 'badges', requestId: 1, refs: cases[0]?.[2] }]);
    fake.reply(1, Object.values(answer).slice(0, 3));
    const els = badges();
    expect(els.map((b) => b.dataset.ref)).toEqual(cases[0]?.[2]);
    for (const el of els) expect(el.previousElementSibling?.matches('a.js-navigation-open')).toBe(true);
    const [b44, b43, b42] = els;
    expect(b42?.dataset).toMatchObject({ count: '6', priority: '1' });
    expect(b42?.getAttribute('aria-label')).toBe('6 linked tickets, worst priority 1 - Critical');
    expect(b42?.shadowRoot?.textContent).toContain('6 · P1');
    expect(b43?.getAttribute('aria-label')).toBe('2 linked tickets, worst priority 2 - High');
    expect(b44?.dataset.count).toBe('0');
    expect(b44?.dataset.priority).toBeUndefined();
    expect(b44?.getAttribute('aria-label')).toBe('No linked tickets');
    expect(b44?.shadowRoot?.querySelector('.badge.none')?.textContent).toBe('0');
  });

  test('rows that appear later are batched again (only refs not asked yet); no row is badged twice', async () => {
    show(html('PR list', prList));
    const fake = start();
    await settle();
    fake.reply(1, Object.values(answer).slice(0, 3));
    appendRow(45, 'A new row');
    appendRow(42, 'The same PR shown again');
    await settle();
    expect(fake.sent.map((m) => m.refs)).toEqual([cases[0]?.[2], ['github:acme/shop-api#45']]);
    // The known ref is badged from the answer already in hand.
    expect(badges().filter((b) => b.dataset.ref === 'github:acme/shop-api#42')).toHaveLength(2);
    fake.reply(2, [answer['github:acme/shop-api#45'] as Badge]);
    await settle();
    expect(badges()).toHaveLength(5);
    for (const row of document.querySelectorAll('.js-issue-row'))
      expect(row.querySelectorAll('liaison-badge')).toHaveLength(1);
    expect(fake.sent).toHaveLength(2);
  });

  test('a fresher answer repaints the badges in place; a failed system is named', async () => {
    show(html('PR list', prList));
    const fake = start();
    await settle();
    fake.reply(1, Object.values(answer).slice(0, 3));
    fake.reply(
      1,
      [{ ref: 'github:acme/shop-api#42', count: 3, worst: { name: 'High', rank: 2 } }],
      ['servicenow'],
    );
    const b42 = badges().find((b) => b.dataset.ref === 'github:acme/shop-api#42');
    expect(b42?.dataset).toMatchObject({ count: '3', priority: '2', partial: 'servicenow' });
    expect(b42?.getAttribute('aria-label')).toBe(
      '3 linked tickets, worst priority High (ServiceNow did not answer)',
    );
    expect(badges()).toHaveLength(3);
  });

  test('more than 100 rows go in batches of 100', async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({
      number: 1000 + i,
      title: `Row ${i}`,
      state: 'open' as const,
      author: 'x',
    }));
    show(githubPullListPage({ ...list, items: many }));
    const fake = start();
    await settle();
    expect(fake.sent.map((m) => m.refs.length)).toEqual([100, 30]);
  });

  test('soft navigation (the signal) removes the badges, closes the port and stops observing', async () => {
    show(html('PR list', prList));
    const fake = start();
    await settle();
    fake.reply(1, Object.values(answer).slice(0, 3));
    controller.abort();
    expect(badges()).toHaveLength(0);
    expect(fake.disconnected()).toBe(true);
    appendRow(45, 'After navigating away');
    await settle();
    expect(fake.sent).toHaveLength(1);
  });

  test('Jira navigator rows: the badge follows the summary', async () => {
    const url = 'https://acme.atlassian.net/issues/?jql=project%20%3D%20SHOP';
    show(navigator);
    controller = new AbortController();
    const fake = fakePort();
    startBadges('jira', badgesOf(url), new URL(url), controller.signal, () => fake.port);
    await settle();
    expect(fake.sent[0]?.refs).toEqual(['jira:SHOP-102', 'jira:SHOP-101']);
    fake.reply(1, [{ ref: 'jira:SHOP-101', count: 4, worst: { name: 'Urgent', rank: 1 } }]);
    const badge = document.querySelector('liaison-badge');
    expect(badge?.previousElementSibling?.getAttribute('data-testid')).toBe(
      'native-issue-table.common.ui.issue-cells.issue-summary.issue-summary-cell',
    );
    expect(badge?.closest('tr')?.querySelector('a')?.textContent).toBe('SHOP-101');
  });

  test('Jira navigator rows without the summary and key cells (index only): the badge follows the key link', async () => {
    const url = 'https://acme.atlassian.net/issues/?jql=project%20%3D%20SHOP';
    show(jiraIssueNavigatorPage(navigatorProps, { verifiedOnly: true }));
    expect(
      document.querySelector('[data-testid*="issue-summary-cell"], [data-testid*="issue-key-cell"]'),
    ).toBeNull();
    controller = new AbortController();
    const fake = fakePort();
    startBadges('jira', badgesOf(url), new URL(url), controller.signal, () => fake.port);
    await settle();
    expect(fake.sent[0]?.refs).toEqual(['jira:SHOP-102', 'jira:SHOP-101']);
    fake.reply(1, [
      { ref: 'jira:SHOP-102', count: 0 },
      { ref: 'jira:SHOP-101', count: 4, worst: { name: 'Urgent', rank: 1 } },
    ]);
    const placed = badges();
    expect(placed.map((b) => b.dataset.ref)).toEqual(['jira:SHOP-102', 'jira:SHOP-101']);
    for (const badge of placed) {
      const link = badge.previousElementSibling;
      expect(link?.tagName).toBe('A');
      expect(link?.getAttribute('href')).toBe(`/browse/${badge.dataset.ref?.slice('jira:'.length)}`);
    }
  });
});
