// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { findAnchor, matchAnchor } from '../../src/content/anchor';
import { pageTypeFor } from '../../src/sites/index';
import { jiraIssue, jiraIssueNavigator, jiraSelectedIssue } from '../../src/sites/jira';
import { jiraDataCenterIssuePage, jiraIssueNavigatorPage, jiraIssuePage } from '../replica/pages/jira';
import type { JiraIssuePageProps } from '../replica/pages/props';
import { loadPage, pageOf, scrambleMarkup, textsOf } from './page-dom';

const bug: JiraIssuePageProps = {
  host: 'acme.atlassian.net',
  key: 'PAY-12',
  summary: 'Checkout crashes when a saved card is retried',
  description: 'Seen by Globex Retail in INC0010001.\n\nStack trace attached to ZD-4711.',
  status: 'In Progress',
  statusCategory: 'indeterminate',
  issueType: 'Bug',
  priority: 'High',
  projectKey: 'PAY',
  projectName: 'Payments',
  assignee: 'Alice Doe',
  reporter: 'Bob Roe',
  fixVersions: ['2.4.0'],
  labels: ['customer'],
};

describe('Jira issue view', () => {
  test('/browse/KEY on Cloud: subject from the URL, texts from the issue, panels in the right column', () => {
    const url = 'https://acme.atlassian.net/browse/PAY-12';
    const win = loadPage(jiraIssuePage(bug, { view: 'browse' }), url);
    const page = pageOf(url);
    expect(page).toBe(jiraIssue);
    expect(page.subject(new URL(url), win.document)).toBe('jira:PAY-12');
    // The page shows the URL's issue (its title); after a soft move to another issue it would not yet.
    expect(page.shows?.(new URL(url), win.document)).toBe(true);
    expect(page.shows?.(new URL('https://acme.atlassian.net/browse/PAY-13'), win.document)).toBe(false);
    const texts = textsOf(page, win.document);
    expect(texts).toContain(bug.summary);
    expect(texts).toContain('INC0010001');
    const anchor = matchAnchor(page.anchor, win.document);
    expect(anchor?.step).toBe(page.anchor[0]);
    expect(anchor?.element.getAttribute('data-testid')).toBe(
      'issue.views.issue-details.issue-layout.container-right',
    );
    win.close();
  });

  test('upper-cases the key', () => {
    expect(jiraIssue.subject(new URL('https://acme.atlassian.net/browse/pay-12'), document)).toBe(
      'jira:PAY-12',
    );
  });

  test('Data Center: a host from settings, the server-rendered sidebar', () => {
    const url = 'https://jira.example.com/browse/PAY-12';
    expect(pageTypeFor(new URL(url))).toBeUndefined();
    const page = pageOf(url, new Map([['jira.example.com', 'jira' as const]]));
    expect(page).toBe(jiraIssue);
    // A host known as another system's is not Jira's: the map says which adapter a self-hosted host is for.
    expect(pageTypeFor(new URL(url), new Map([['jira.example.com', 'github']]))).toBeUndefined();
    const win = loadPage(jiraDataCenterIssuePage({ ...bug, host: 'jira.example.com' }), url);
    expect(page.shows?.(new URL(url), win.document)).toBe(true);
    expect(textsOf(page, win.document)).toContain(bug.summary);
    const anchor = matchAnchor(page.anchor, win.document);
    expect(anchor?.step.selector).toBe('#viewissuesidebar');
    win.close();
  });
});

describe('Jira issue opened on a board', () => {
  test('preview panel: texts and panels inside the preview, not the board behind it', () => {
    const url = 'https://acme.atlassian.net/jira/software/c/projects/PAY/boards/1?selectedIssue=PAY-12';
    const win = loadPage(jiraIssuePage(bug, { view: 'board' }), url);
    const page = pageOf(url);
    expect(page).toBe(jiraSelectedIssue);
    expect(page.subject(new URL(url), win.document)).toBe('jira:PAY-12');
    // The board's title names no issue: the preview's breadcrumb says which one is open.
    expect(page.shows?.(new URL(url), win.document)).toBe(true);
    expect(page.shows?.(new URL(url.replace('PAY-12', 'PAY-13')), win.document)).toBe(false);
    const scope = page.scope?.(new URL(url), win.document) as Element | undefined;
    expect(scope?.getAttribute('data-testid')).toBe('preview-panels.preview-panel');
    if (!scope) return;
    expect(textsOf(page, scope)).toContain(bug.summary);
    const anchor = matchAnchor(page.anchor, scope);
    expect(anchor?.step).toBe(page.anchor[0]);
    expect(scope.contains(anchor?.element ?? null)).toBe(true);
    win.close();
  });

  test('older modal dialog', () => {
    const url = 'https://acme.atlassian.net/jira/software/projects/PAY/boards/1?selectedIssue=PAY-12';
    const win = loadPage(jiraIssuePage(bug, { view: 'board', boardVariant: 'modal' }), url);
    const page = pageOf(url);
    expect(page).toBe(jiraSelectedIssue);
    const scope = page.scope?.(new URL(url), win.document) as Element | undefined;
    expect(scope?.getAttribute('role')).toBe('dialog');
    expect(page.shows?.(new URL(url), win.document)).toBe(true);
    expect(matchAnchor(page.anchor, scope ?? win.document)?.step).toBe(page.anchor[0]);
    win.close();
  });

  test('a board without a selected issue is no issue page', () => {
    expect(pageTypeFor(new URL('https://acme.atlassian.net/jira/software/c/projects/PAY/boards/1'))).toBe(
      undefined,
    );
    expect(
      pageTypeFor(
        new URL('https://acme.atlassian.net/jira/software/c/projects/PAY/boards/1?selectedIssue=x'),
      ),
    ).toBe(undefined);
  });
});

describe('Jira issue navigator', () => {
  test('is a list page: no subject, no panels', () => {
    const url = new URL('https://acme.atlassian.net/issues/?jql=project%20%3D%20PAY');
    const page = pageOf(url);
    expect(page).toBe(jiraIssueNavigator);
    expect(page.subject(url, document)).toBeUndefined();
    expect(page.panels).toEqual([]);
  });
});

describe('changed markup', () => {
  test('without its landmarks the issue view has no anchor, so the drawer is used', async () => {
    const url = 'https://acme.atlassian.net/browse/PAY-12';
    const win = loadPage(jiraIssuePage(bug, { view: 'browse' }), url);
    scrambleMarkup(win.document, ['data-testid']);
    expect(matchAnchor(jiraIssue.anchor, win.document)).toBeUndefined();
    expect(
      await findAnchor(jiraIssue.anchor, new AbortController().signal, 50, win.document),
    ).toBeUndefined();
    win.close();
  });
});

describe('the compact issue layout (one column, no container-right)', () => {
  const compact = '[data-testid="issue.views.issue-details.issue-layout.compact-layout"]';

  test('a /browse page in the compact layout gets its panels at the top of it, not the drawer', () => {
    const url = 'https://acme.atlassian.net/browse/PAY-12';
    const win = loadPage(jiraIssuePage(bug, { view: 'browse', compact: true }), url);
    expect(win.document.querySelector('[data-testid$="container-right"]')).toBeNull();
    const anchor = matchAnchor(jiraIssue.anchor, win.document);
    expect(anchor?.element.matches(compact)).toBe(true);
    expect(anchor?.step.position).toBe('prepend');
    expect(textsOf(jiraIssue, win.document)).toContain(bug.summary);
    win.close();
  });

  test("the backlog's preview: panels inside the compact layout, not under the panel header", () => {
    const url =
      'https://acme.atlassian.net/jira/software/c/projects/PAY/boards/1/backlog?selectedIssue=PAY-12';
    const win = loadPage(jiraIssuePage(bug, { view: 'board', boardVariant: 'backlog-compact' }), url);
    const page = pageOf(url);
    expect(page).toBe(jiraSelectedIssue);
    const scope = page.scope?.(new URL(url), win.document);
    const anchor = scope && matchAnchor(page.anchor, scope);
    expect(anchor?.element.matches(compact)).toBe(true);
    win.close();
  });
});

/**
 * The pages without the landmarks whose only sources are search-index files (LANDMARKS.md "index only; not relied
 * on"): the replica's `verifiedOnly` variants. Each test fails if the fallback it names is taken away.
 */
describe('without the index-only landmarks (verifiedOnly)', () => {
  const detailsGroup =
    '[data-testid="issue-view-layout-templates-views.ui.context.visible-hidden.ui.context-group.details-group"]';
  const pinned =
    '[data-testid="issue-view-layout-templates-views.ui.context.visible-hidden.ui.primary-items"]';

  test('the issue view without pinned fields or the Details group: panels at the top of the right column', () => {
    const url = 'https://acme.atlassian.net/browse/PAY-12';
    const win = loadPage(jiraIssuePage(bug, { view: 'browse', verifiedOnly: true }), url);
    expect(win.document.querySelector(`${detailsGroup}, ${pinned}`)).toBeNull();
    const anchor = matchAnchor(jiraIssue.anchor, win.document);
    expect(anchor?.element.getAttribute('data-testid')).toBe(
      'issue.views.issue-details.issue-layout.container-right',
    );
    expect(anchor?.step.position).toBe('prepend');
    expect(textsOf(jiraIssue, win.document)).toContain(bug.summary);
    win.close();
  });

  test('a board whose title is not "Board - PROJECT - Jira": the preview\'s breadcrumb says the issue is shown', () => {
    const url = 'https://acme.atlassian.net/jira/software/c/projects/PAY/boards/1?selectedIssue=PAY-12';
    const win = loadPage(jiraIssuePage(bug, { view: 'board', verifiedOnly: true }), url);
    expect(win.document.title).toBe('Jira');
    const page = pageOf(url);
    expect(page.subject(new URL(url), win.document)).toBe('jira:PAY-12');
    expect(page.shows?.(new URL(url), win.document)).toBe(true);
    // Another issue selected (a soft move the preview has not rendered yet): not shown.
    expect(page.shows?.(new URL(url.replace('PAY-12', 'PAY-13')), win.document)).toBe(false);
    const scope = page.scope?.(new URL(url), win.document);
    expect(scope && matchAnchor(page.anchor, scope)?.step).toBe(page.anchor[0]);
    win.close();
  });

  const navigatorUrl = 'https://acme.atlassian.net/issues/?jql=project%20%3D%20PAY';
  const rows = [
    {
      key: 'PAY-12',
      summary: bug.summary,
      issueType: 'Bug',
      status: 'In Progress',
      statusCategory: 'indeterminate' as const,
      priority: 'High',
    },
    {
      key: 'PAY-11',
      summary: 'Refunds slow',
      issueType: 'Bug',
      status: 'Done',
      statusCategory: 'done' as const,
      priority: 'Low',
    },
  ];

  test('the issue navigator without its table, key, summary, lozenge and footer test ids: rows, keys, titles', () => {
    const html = jiraIssueNavigatorPage(
      { host: 'acme.atlassian.net', jql: 'project = PAY', rows },
      { verifiedOnly: true },
    );
    const win = loadPage(html, navigatorUrl);
    const doc = win.document;
    expect(doc.title).toBe('Jira');
    expect(
      doc.querySelector('[data-testid*="issue-key-cell"], [data-testid*="issue-summary-cell"]'),
    ).toBeNull();
    expect(doc.querySelector('table[data-vc="issue-table"], [data-testid*="footer"]')).toBeNull();
    // The page type comes from the URL, not the title or the table.
    const page = pageOf(navigatorUrl);
    expect(page).toBe(jiraIssueNavigator);
    const spec = page.badges;
    if (!spec) throw new Error('no badges');
    const found = [...doc.querySelectorAll(spec.rows.join(', '))];
    expect(found).toHaveLength(2);
    // The key from the row's /browse/ link, when the key cell is gone.
    expect(found.map((row) => spec.ref(row, new URL(navigatorUrl)))).toEqual(['jira:PAY-12', 'jira:PAY-11']);
    win.close();
  });

  test('a row that links two issues (a parent column) gets no reference rather than a guessed one', () => {
    const html = jiraIssueNavigatorPage(
      { host: 'acme.atlassian.net', jql: 'project = PAY', rows },
      { verifiedOnly: true },
    );
    const win = loadPage(html, navigatorUrl);
    const spec = jiraIssueNavigator.badges;
    const row = win.document.querySelector(spec?.rows.join(', ') ?? 'tr');
    if (!spec || !row) throw new Error('no row');
    const parent = win.document.createElement('td');
    parent.innerHTML = '<a href="/browse/PAY-1">PAY-1</a>';
    row.append(parent);
    expect(spec.ref(row, new URL(navigatorUrl))).toBeUndefined();
    // Links to another site's /browse/ pages name nothing here.
    parent.innerHTML = '<a href="https://other.atlassian.net/browse/OPS-9">OPS-9</a>';
    expect(spec.ref(row, new URL(navigatorUrl))).toBe('jira:PAY-12');
    win.close();
  });
});
