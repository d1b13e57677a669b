// @vitest-environment jsdom
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  githubComparePage,
  githubIssueListPage,
  githubIssuePage,
  githubPullListPage,
  githubPullPage,
  githubReleasePage,
} from './github';
import { jiraDataCenterIssuePage, jiraIssueNavigatorPage, jiraIssuePage } from './jira';
import { jsmRequestPage } from './jsm';
import { PAGES, renderLandmarksMarkdown } from './landmarks';
import { escapeHtml, notFound } from './layout';
import type {
  GithubComparePageProps,
  GithubIssuePageProps,
  GithubListPageProps,
  GithubPullPageProps,
  GithubReleasePageProps,
  JiraIssuePageProps,
  JiraNavigatorPageProps,
  JsmRequestPageProps,
  ServiceNowRecordPageProps,
  ZendeskTicketPageProps,
} from './props';
import {
  serviceNowClassicForm,
  serviceNowNavTo,
  serviceNowPolarisShell,
  serviceNowWorkspaceRecord,
} from './servicenow';
import { zendeskTicketPage } from './zendesk';

interface DomWindow {
  document: Document;
  location: Location;
  close(): void;
}
interface JsdomModule {
  JSDOM: new (
    html: string,
    o: { url: string; runScripts?: 'dangerously'; pretendToBeVisual?: boolean },
  ) => { window: DomWindow };
}

// No @types/jsdom in the project: load it untyped through a non-literal specifier.
const JSDOM_SPEC = 'jsdom';
const { JSDOM } = (await import(/* @vite-ignore */ JSDOM_SPEC)) as JsdomModule;

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '"><img src=x onerror=alert(2)>',
  "'><script>alert(3)</script>",
  '</template><img src=x onerror=alert(4)>',
  '</textarea></title><img src=x onerror=alert(5)>',
  '<svg onload=alert(6)>',
  '</script><script>alert(7)</script>',
  'javascript:alert(8)',
];

/** Makes every string prop of a fixture either its normal value or a hostile payload. */
function makeStr(hostile: boolean): (normal: string) => string {
  let i = 0;
  return (normal) => (hostile ? `${HOSTILE[i++ % HOSTILE.length]}${normal}` : normal);
}

interface Case {
  html: string;
  url: string;
  /** Values for `shows` names in the landmark table. */
  shows: Record<string, string>;
  /** The page's `verifiedOnly` variant: without its index-only landmarks (those with `notRelied`). */
  verifiedOnly?: string;
}

function cases(hostile: boolean): Record<string, Case> {
  const s = makeStr(hostile);
  const pr: GithubPullPageProps = {
    host: 'github.com',
    owner: s('octo'),
    repo: s('checkout-api'),
    number: 42,
    title: s('Fix crash when INC0010001 reopens'),
    body: s('Fixes PAY-12.\n\nSee INC0010001.'),
    state: 'open',
    draft: false,
    author: s('alice'),
    headRef: s('fix/PAY-12-crash'),
    baseRef: s('main'),
    labels: [s('bug')],
    comments: [{ author: s('bob'), body: s('LGTM'), createdAt: '2026-03-10T10:00:00Z' }],
    createdAt: '2026-03-09T10:00:00Z',
    commits: 3,
    changedFiles: 2,
  };
  const ghe: GithubPullPageProps = { ...pr, host: 'ghe.example.com' };
  const issue: GithubIssuePageProps = {
    host: 'github.com',
    owner: pr.owner,
    repo: pr.repo,
    number: 7,
    title: s('Checkout fails for Globex'),
    body: s('Customer impact: INC0010001'),
    state: 'open',
    author: s('carol'),
    labels: [s('customer')],
    comments: [{ author: s('dave'), body: s('Seen in ZD-4711'), createdAt: '2026-03-11T09:00:00Z' }],
    createdAt: '2026-03-10T09:00:00Z',
  };
  const list: GithubListPageProps = {
    host: 'github.com',
    owner: pr.owner,
    repo: pr.repo,
    items: [
      {
        number: 42,
        title: s('Fix crash when INC0010001 reopens'),
        state: 'open',
        author: s('alice'),
        labels: [s('bug')],
      },
      { number: 41, title: s('Bump deps'), state: 'merged', author: s('bot') },
    ],
  };
  const jira: JiraIssuePageProps = {
    host: 'acme.atlassian.net',
    key: 'PAY-12',
    summary: s('Checkout crashes on retry'),
    description: s('Reported in INC0010001'),
    status: s('In Progress'),
    statusCategory: 'indeterminate',
    issueType: s('Bug'),
    priority: s('High'),
    projectKey: 'PAY',
    projectName: s('Payments'),
    assignee: s('Alice Doe'),
    reporter: s('Bob Roe'),
    fixVersions: [s('2.4.0')],
    labels: [s('customer')],
  };
  const jsm: JsmRequestPageProps = {
    host: 'acme.atlassian.net',
    key: 'SUP-7',
    summary: s('Cannot pay invoices'),
    description: s('Since Monday'),
    status: s('Waiting for support'),
    requestType: s('Get IT help'),
    requester: s('Erin'),
    organizations: [s('Globex Retail')],
    projectKey: 'SUP',
    queueId: 1,
    sla: [
      { name: s('Time to first response'), remaining: s('-2h 10m'), breached: true },
      { name: s('Time to resolution'), remaining: s('3h 20m'), breached: false },
    ],
  };
  const snow: ServiceNowRecordPageProps = {
    host: 'acme.service-now.com',
    table: 'incident',
    sysId: s('9d385017c611228701d22104cc95c371'),
    number: s('INC0010001'),
    shortDescription: s('Checkout down for Globex'),
    description: s('Customers cannot pay'),
    state: s('In Progress'),
    priority: s('1 - Critical'),
    caller: s('Erin Example'),
    company: s('Globex Retail'),
    assignedTo: s('Frank'),
    assignmentGroup: s('Service Desk'),
    workNotes: [s('Linked to PAY-12')],
  };
  const zd = (id: number, subject: string): ZendeskTicketPageProps => ({
    host: 'acme.zendesk.com',
    subdomain: 'acme',
    id,
    subject: s(subject),
    description: s('Payment page shows an error'),
    status: 'open',
    priority: 'high',
    requester: s('Grace'),
    organization: s('Globex Retail'),
    assignee: s('Heidi'),
    tags: [s('checkout'), s('pay-12')],
    comments: [{ author: s('Heidi'), body: s('Escalated to engineering'), public: false }],
  });
  const ticket = zd(4711, 'Cannot check out');
  const other = zd(4712, 'Refund request');

  const prTitle = `${pr.title} by ${pr.author} · Pull Request #${pr.number} · ${pr.owner}/${pr.repo}`;
  const prShows = {
    docTitle: prTitle,
    title: pr.title,
    author: pr.author,
    headRef: pr.headRef,
    baseRef: pr.baseRef,
    repo: pr.repo,
    nwo: `${pr.owner}/${pr.repo}`,
  };
  const issueShows = {
    docTitle: `${issue.title} · Issue #${issue.number} · ${issue.owner}/${issue.repo}`,
    title: issue.title,
    author: issue.author,
    nwo: `${issue.owner}/${issue.repo}`,
  };
  const release: GithubReleasePageProps = {
    host: 'github.com',
    owner: pr.owner,
    repo: pr.repo,
    tag: 'v2.4.1',
    name: s('v2.4.1 checkout fixes'),
    body: s('Fixes the checkout timeout (SHOP-101).'),
    author: s('release-bot'),
    publishedAt: '2026-03-12T10:00:00Z',
    targetSha: '0123456789abcdef0123456789abcdef01234567',
    latest: true,
    previousTag: 'v2.4.0',
    pulls: [{ number: 42, title: s('Stream cart totals'), author: s('alice') }],
  };
  const compare: GithubComparePageProps = {
    host: 'github.com',
    owner: pr.owner,
    repo: pr.repo,
    base: s('v2.4.0'),
    head: 'v2.4.1',
    dots: '...',
    commits: [
      {
        sha: '0123456789abcdef0123456789abcdef01234567',
        message: s('Merge pull request #42 from octo/fix/SHOP-101\n\nStream cart totals'),
        author: s('alice'),
        date: '2026-03-10T15:20:00Z',
      },
    ],
  };
  const releaseShows = {
    docTitle: `Release ${release.name} · ${release.owner}/${release.repo}`,
    name: release.name,
    tag: release.tag,
    shortSha: '0123456',
  };
  const jiraShows = { key: jira.key, summary: jira.summary, status: jira.status };
  const snShows = {
    number: snow.number,
    caller: snow.caller,
    shortDescription: snow.shortDescription,
    docTitle: `${snow.number} | Incident | ServiceNow`,
  };
  const first = list.items[0]?.title ?? '';
  const otherTab = { ...snow, sysId: 'aa385017c611228701d22104cc95c3aa', number: 'INC0010002' };
  const navigator: JiraNavigatorPageProps = {
    host: 'acme.atlassian.net',
    jql: s('project = PAY'),
    rows: [
      { ...jira, status: jira.status, statusCategory: jira.statusCategory },
      {
        key: 'PAY-11',
        summary: s('Refunds slow'),
        issueType: 'Bug',
        status: 'Done',
        statusCategory: 'done',
        priority: 'Low',
      },
    ],
  };
  return {
    'github-pull-react-conversation': {
      html: githubPullPage(pr, { markup: 'react', tab: 'conversation' }),
      url: 'https://github.com/octo/checkout-api/pull/42',
      shows: prShows,
    },
    'github-pull-react-files': {
      html: githubPullPage(pr, { markup: 'react', tab: 'files' }),
      url: 'https://github.com/octo/checkout-api/pull/42/files',
      shows: prShows,
    },
    'github-pull-react-changes': {
      html: githubPullPage(pr, { markup: 'react', tab: 'files', diffs: 'virtualized' }),
      url: 'https://github.com/octo/checkout-api/pull/42/changes',
      shows: prShows,
    },
    'github-pull-react-commits': {
      html: githubPullPage(pr, { markup: 'react', tab: 'commits' }),
      url: 'https://github.com/octo/checkout-api/pull/42/commits',
      shows: prShows,
    },
    'github-pull-classic-conversation': {
      html: githubPullPage(ghe, { markup: 'classic', tab: 'conversation' }),
      url: 'https://ghe.example.com/octo/checkout-api/pull/42',
      shows: prShows,
    },
    'github-pull-classic-files': {
      html: githubPullPage(ghe, { markup: 'classic', tab: 'files' }),
      url: 'https://ghe.example.com/octo/checkout-api/pull/42/files',
      shows: prShows,
    },
    'github-issue-react': {
      html: githubIssuePage(issue, { markup: 'react' }),
      url: 'https://github.com/octo/checkout-api/issues/7',
      shows: issueShows,
    },
    'github-issue-classic': {
      html: githubIssuePage({ ...issue, host: 'ghe.example.com' }, { markup: 'classic' }),
      url: 'https://ghe.example.com/octo/checkout-api/issues/7',
      shows: issueShows,
    },
    'github-pull-list': {
      html: githubPullListPage(list),
      url: 'https://github.com/octo/checkout-api/pulls',
      shows: { docTitle: `Pull requests · ${list.owner}/${list.repo}`, firstItemTitle: first },
    },
    'github-issue-list-react': {
      html: githubIssueListPage(list, { markup: 'react' }),
      url: 'https://github.com/octo/checkout-api/issues',
      shows: { docTitle: `Issues · ${list.owner}/${list.repo}`, firstItemTitle: first },
    },
    'github-issue-list-classic': {
      html: githubIssueListPage(list, { markup: 'classic' }),
      url: 'https://ghe.example.com/octo/checkout-api/issues',
      shows: { firstItemTitle: first },
    },
    'github-release-react': {
      html: githubReleasePage(release, { markup: 'react' }),
      url: 'https://github.com/octo/checkout-api/releases/tag/v2.4.1',
      shows: releaseShows,
    },
    'github-release-classic': {
      html: githubReleasePage({ ...release, host: 'ghe.example.com' }, { markup: 'classic' }),
      url: 'https://ghe.example.com/octo/checkout-api/releases/tag/v2.4.1',
      shows: releaseShows,
    },
    'github-compare': {
      html: githubComparePage(compare),
      url: 'https://github.com/octo/checkout-api/compare/v2.4.0...v2.4.1',
      shows: {
        docTitle: `Comparing ${compare.base}...${compare.head} · ${compare.owner}/${compare.repo}`,
        base: compare.base,
        firstCommit: compare.commits[0]?.message.split('\n')[0] ?? '',
      },
    },
    'jira-browse': {
      html: jiraIssuePage(jira, { view: 'browse' }),
      verifiedOnly: jiraIssuePage(jira, { view: 'browse', verifiedOnly: true }),
      url: 'https://acme.atlassian.net/browse/PAY-12',
      shows: { ...jiraShows, docTitle: `[${jira.key}] ${jira.summary} - Jira` },
    },
    'jira-board-preview': {
      html: jiraIssuePage(jira, { view: 'board' }),
      verifiedOnly: jiraIssuePage(jira, { view: 'board', verifiedOnly: true }),
      url: 'https://acme.atlassian.net/jira/software/c/projects/PAY/boards/1?selectedIssue=PAY-12',
      shows: { ...jiraShows, docTitle: `Board - ${jira.projectName} - Jira` },
    },
    'jira-board-modal': {
      html: jiraIssuePage(jira, { view: 'board', boardVariant: 'modal' }),
      url: 'https://acme.atlassian.net/jira/software/projects/PAY/boards/1?selectedIssue=PAY-12',
      shows: jiraShows,
    },
    'jira-browse-compact': {
      html: jiraIssuePage(jira, { view: 'browse', compact: true }),
      url: 'https://acme.atlassian.net/browse/PAY-12?replica-layout=compact',
      shows: { ...jiraShows, docTitle: `[${jira.key}] ${jira.summary} - Jira` },
    },
    'jira-backlog-compact': {
      html: jiraIssuePage(jira, { view: 'board', boardVariant: 'backlog-compact' }),
      url: 'https://acme.atlassian.net/jira/software/c/projects/PAY/boards/1/backlog?selectedIssue=PAY-12',
      shows: jiraShows,
    },
    'jira-issue-navigator': {
      html: jiraIssueNavigatorPage(navigator),
      verifiedOnly: jiraIssueNavigatorPage(navigator, { verifiedOnly: true }),
      url: 'https://acme.atlassian.net/issues/?jql=project%20%3D%20PAY',
      shows: { docTitle: 'Work item search - Jira', firstKey: jira.key, firstSummary: jira.summary },
    },
    'jira-dc': {
      html: jiraDataCenterIssuePage({ ...jira, host: 'jira.example.com' }),
      url: 'https://jira.example.com/browse/PAY-12',
      shows: { ...jiraShows, docTitle: `[${jira.key}] ${jira.summary} - Jira` },
    },
    'jsm-request': {
      html: jsmRequestPage(jsm),
      url: 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-7',
      shows: {
        key: jsm.key,
        summary: jsm.summary,
        docTitle: `[${jsm.key}] ${jsm.summary} - Jira Service Management`,
      },
    },
    'sn-classic-form': {
      html: serviceNowClassicForm(snow),
      url: 'https://acme.service-now.com/incident.do?sys_id=x',
      shows: snShows,
    },
    'sn-nav-to': {
      html: serviceNowNavTo(snow),
      url: 'https://acme.service-now.com/nav_to.do?uri=%2Fincident.do',
      shows: snShows,
    },
    'sn-polaris': {
      html: serviceNowPolarisShell(snow),
      url: 'https://acme.service-now.com/now/nav/ui/classic/params/target/incident.do',
      shows: snShows,
    },
    'sn-workspace': {
      html: serviceNowWorkspaceRecord(snow),
      verifiedOnly: serviceNowWorkspaceRecord(snow, { verifiedOnly: true }),
      url: 'https://acme.service-now.com/now/sow/record/incident/x',
      shows: snShows,
    },
    'sn-workspace-two-tabs': {
      html: serviceNowWorkspaceRecord(snow, { openTabs: [otherTab] }),
      verifiedOnly: serviceNowWorkspaceRecord(snow, { openTabs: [otherTab], verifiedOnly: true }),
      url: 'https://acme.service-now.com/now/sow/record/incident/x?tabs=aa385017c611228701d22104cc95c3aa',
      shows: { ...snShows, docTitle: `${snow.number} | Service Operations Workspace | ServiceNow` },
    },
    'zendesk-ticket': {
      html: zendeskTicketPage(ticket, { openTabs: [other, ticket] }),
      verifiedOnly: zendeskTicketPage(ticket, { openTabs: [other, ticket], verifiedOnly: true }),
      url: 'https://acme.zendesk.com/agent/tickets/4711',
      shows: {
        docTitle: `${ticket.subject} – Zendesk`,
        id: String(ticket.id),
        subject: ticket.subject,
        requester: ticket.requester,
        organization: ticket.organization ?? '',
      },
    },
    'zendesk-ticket-standard': {
      html: zendeskTicketPage(ticket, { openTabs: [other, ticket], layout: 'standard' }),
      url: 'https://acme.zendesk.com/agent/tickets/4711?replica-layout=standard',
      shows: {
        docTitle: `${ticket.subject} – Zendesk`,
        subject: ticket.subject,
        layoutId: `ticket-${ticket.id}-standard-layout`,
      },
    },
  };
}

/** Markdown compared modulo formatting: table cell padding, separator dashes and blank lines. */
function normalizeMarkdown(md: string): string {
  return md
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0)
    .map((line) => {
      if (!line.startsWith('|')) return line;
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
      return cells.every((c) => /^:?-+:?$/.test(c)) ? '---' : cells.join('|');
    })
    .join('\n');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function load(c: Case, scripted: boolean): Promise<DomWindow> {
  const dom = new JSDOM(c.html, {
    url: c.url,
    ...(scripted ? { runScripts: 'dangerously' as const, pretendToBeVisual: true } : {}),
  });
  if (scripted) await sleep(350);
  return dom.window;
}

function queryPath(doc: Document, path: string[]): Element | null {
  let root: ParentNode = doc;
  let el: Element | null = null;
  for (const [i, sel] of path.entries()) {
    if (i > 0) {
      const sr: ShadowRoot | null | undefined = el?.shadowRoot;
      if (!sr) return null;
      root = sr;
    }
    el = root.querySelector(sel);
    if (!el) return null;
  }
  return el;
}

/** Everything an element shows: text, input value, and the attributes values are read from. */
function shown(el: Element): string {
  const parts = [el.textContent ?? ''];
  for (const a of ['value', 'title', 'content', 'href', 'data-entity-id', 'data-test-id'])
    parts.push(el.getAttribute(a) ?? '');
  if ('value' in el && typeof (el as HTMLInputElement).value === 'string')
    parts.push((el as HTMLInputElement).value);
  return parts.join('\n');
}

/** All elements, including those in open shadow roots and template contents. */
function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    out.push(el);
    if (el.shadowRoot) out.push(...allElements(el.shadowRoot));
    if (el.tagName === 'TEMPLATE') out.push(...allElements((el as HTMLTemplateElement).content));
  }
  return out;
}

const NORMAL = cases(false);
const HOSTILE_CASES = cases(true);

describe('replica pages', () => {
  it('covers every page of the landmark table', () => {
    expect(PAGES.map((p) => p.id).sort()).toEqual(Object.keys(NORMAL).sort());
  });

  it('LANDMARKS.md is generated from the landmark table', () => {
    const file = join(__dirname, 'LANDMARKS.md');
    const expected = renderLandmarksMarkdown();
    if (process.env.UPDATE_LANDMARKS) {
      // Written as rendered: biome.json leaves Markdown unformatted, so nothing re-pads it.
      writeFileSync(file, expected);
    }
    expect(normalizeMarkdown(readFileSync(file, 'utf8'))).toBe(normalizeMarkdown(expected));
  });

  it('every index-only landmark is one Liaison does not rely on, with a test that loads the page without it', () => {
    const root = join(__dirname, '..', '..', '..');
    for (const page of PAGES)
      for (const l of page.landmarks) {
        const where = `${page.id}: ${l.path.join(' >>> ')}`;
        if (l.status !== 'indexed') continue;
        expect(l.notRelied, `${where} is index only: make Liaison cope without it (notRelied)`).toBeDefined();
        if (!l.notRelied) continue;
        const test = join(root, l.notRelied.test);
        expect(existsSync(test), `${where}: ${l.notRelied.test}`).toBe(true);
        expect(readFileSync(test, 'utf8'), `${where}: ${l.notRelied.test} loads a variant`).toContain(
          'verifiedOnly',
        );
        expect(NORMAL[page.id]?.verifiedOnly, `${page.id} has a verifiedOnly variant`).toBeDefined();
      }
  });

  for (const page of PAGES) {
    describe(page.id, () => {
      const variant = NORMAL[page.id]?.verifiedOnly;
      if (variant !== undefined)
        it('has a verifiedOnly variant without exactly its not-relied-on landmarks', async () => {
          const c = NORMAL[page.id];
          if (!c) throw new Error(`no fixture for ${page.id}`);
          const win = await load({ ...c, html: variant }, page.scripted === true);
          const doc = win.document;
          for (const l of page.landmarks) {
            if (l.absent) continue;
            const where = `${page.id} (verifiedOnly): ${l.path.join(' >>> ')}`;
            if (l.path.length === 1 && l.path[0] === 'title') {
              if (l.notRelied) expect(doc.title, where).not.toBe(c.shows.docTitle);
              else expect(doc.title, where).toBe(c.shows.docTitle);
              continue;
            }
            const el = queryPath(doc, l.path);
            if (l.notRelied) expect(el, `${where} is left out`).toBeNull();
            else expect(el, `${where} stays`).not.toBeNull();
          }
          win.close();
        });

      it('parses and shows every landmark of LANDMARKS.md', async () => {
        const c = NORMAL[page.id];
        if (!c) throw new Error(`no fixture for ${page.id}`);
        const win = await load(c, page.scripted === true);
        const doc = win.document;
        if (!page.scripted) expect(doc.querySelectorAll('script')).toHaveLength(0);
        for (const l of page.landmarks) {
          if (l.path.length === 1 && l.path[0] === 'title') {
            expect(doc.title, `${page.id}: document title`).toBe(c.shows.docTitle);
            continue;
          }
          const el = queryPath(doc, l.path);
          if (l.absent) {
            expect(el, `${page.id}: the real page has no ${l.path.join(' >>> ')}`).toBeNull();
            continue;
          }
          expect(el, `${page.id}: ${l.path.join(' >>> ')}`).not.toBeNull();
          if (el && l.shows) {
            const want = c.shows[l.shows];
            expect(want, `${page.id}: fixture value for ${l.shows}`).toBeDefined();
            expect(shown(el), `${page.id}: ${l.path.join(' >>> ')} shows ${l.shows}`).toContain(want);
          }
        }
        win.close();
      });

      it('never turns hostile props into markup', async () => {
        const c = HOSTILE_CASES[page.id];
        if (!c) throw new Error(`no fixture for ${page.id}`);
        const win = await load(c, page.scripted === true);
        const doc = win.document;
        const els = allElements(doc);
        expect(els.filter((el) => el.localName === 'img')).toHaveLength(0);
        for (const el of els) {
          for (const a of Array.from(el.attributes)) {
            expect(a.name.startsWith('on'), `${page.id}: ${el.tagName} has ${a.name}`).toBe(false);
            if (['href', 'src', 'action'].includes(a.name))
              expect(a.value.trim().toLowerCase().startsWith('javascript:')).toBe(false);
          }
          if (el.tagName === 'SCRIPT') expect(el.textContent ?? '').not.toMatch(/alert\(/);
        }
        // The hostile strings are shown as text where the landmarks show props.
        for (const l of page.landmarks) {
          if (!l.shows) continue;
          if (l.path.length === 1 && l.path[0] === 'title') {
            expect(doc.title).toBe(c.shows.docTitle);
            continue;
          }
          const el = queryPath(doc, l.path);
          const want = c.shows[l.shows];
          if (el && want) expect(shown(el)).toContain(want);
        }
        win.close();
      });
    });
  }

  it('mounts the workspace and the Zendesk app only after a delay, as the SPAs do', async () => {
    for (const id of ['sn-workspace', 'zendesk-ticket']) {
      const c = NORMAL[id];
      if (!c) throw new Error(id);
      const dom = new JSDOM(c.html, { url: c.url, runScripts: 'dangerously' });
      const doc = dom.window.document;
      expect(doc.querySelector('sn-workspace-content, [data-test-id="header-toolbar"]')).toBeNull();
      await sleep(350);
      expect(doc.querySelector('sn-workspace-content, [data-test-id="header-toolbar"]')).not.toBeNull();
      expect(doc.documentElement.hasAttribute('data-replica-ready')).toBe(true);
      dom.window.close();
    }
  });

  it('shows only the active Zendesk ticket and switches tabs in place', async () => {
    const c = NORMAL['zendesk-ticket'];
    if (!c) throw new Error('zendesk');
    const win = await load(c, true);
    const doc = win.document;
    const visible = (): string[] =>
      Array.from(doc.querySelectorAll('.ticket'))
        .filter((t) => !(t as HTMLElement).hidden)
        .map((t) => t.querySelector('.ticket-panes-grid-layout')?.getAttribute('data-test-id') ?? '');
    expect(visible()).toEqual(['ticket-4711-custom-layout']);
    expect(doc.querySelectorAll('[data-test-id="header-tab"]')).toHaveLength(2);
    const tab = doc.querySelector('[data-test-id="header-tab"][data-entity-id="4712"]') as HTMLElement;
    tab.click();
    expect(visible()).toEqual(['ticket-4712-custom-layout']);
    expect(win.location.pathname).toBe('/agent/tickets/4712');
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(doc.title).toBe('Refund request – Zendesk');
    win.close();
  });

  it('serves a plain 404 that escapes the path', () => {
    const html = notFound('<img src=x onerror=alert(1)>');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.title).toBe('Not Found');
    expect(doc.querySelector('img')).toBeNull();
    expect(doc.querySelector('code')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('escapes text and attribute values', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;',
    );
  });
});
