import { jiraVersionPage } from '../systems/jira/release-pages';
import { jiraContextColumn, jiraIssueTexts, jiraSubject, showsKey, summarySelector } from './jira-issue-view';
import {
  jiraIssueNavigatorUrl,
  jiraIssueUrl,
  jiraSelectedIssueUrl,
  jiraUrls,
  jiraVersionUrl,
  key,
  keyInPath,
  normalizeKey,
  selectedIssue,
} from './jira-urls';
import type { PageType, SiteAdapter } from './types';

export { jiraContextColumn, jiraIssueTexts, jiraSubject, showsKey } from './jira-issue-view';
export { jiraKeyPattern } from './jira-urls';

/**
 * Jira Cloud (`*.atlassian.net`) and Jira Data Center (hosts from settings). Cloud renders the issue view with
 * React and stable `data-testid`s; Data Center still serves the server-rendered view-issue page (`#viewissuesidebar`).
 * An issue opened from a board, backlog, list or the issue navigator keeps the page and names the issue in
 * `?selectedIssue=KEY`; the issue view then sits in a side preview panel (Cloud, 2026) or a modal (2021–2025).
 * Every selector's sources: test/replica/pages/LANDMARKS.md. Jira Service Management's agent view is its own
 * adapter (jsm.ts); a service desk issue at /browse/KEY cannot be told from the URL and stays here.
 */

export const jiraIssue: PageType = {
  ...jiraIssueUrl,
  examples: [
    // brooswit-factory/butchr `test/unit/url-to-resource.test.ts` @ d08948a97747a243080c255546c40fc09f0a073b (a URL
    // resolver's tests); 69115309664 (Data Center host in a parser's tests; search index only)
    'https://acme.atlassian.net/browse/BUTCHR-12',
    'https://jira.mycorp.org/browse/SEC-777',
    // Data Center under a context path: 70954187932 (a ScriptRunner route test: /jira/browse/ABC-1; search index only)
    'https://jira.example.com/jira/browse/ABC-1',
    // the project issue list with one issue open: brooswit-factory/butchr `test/unit/url-to-resource.test.ts`
    // @ d08948a9; 30924779345 (a code comment; search index only)
    'https://acme.atlassian.net/jira/software/c/projects/BUTCHR/issues/BUTCHR-12',
    'https://datastax-oss.atlassian.net/jira/software/c/projects/CSHARP/issues/CSHARP-856',
    // the global navigator with one issue open: Atlassian's smart-link provider tests, pioug/atlassian-frontend-mirror
    // `editor/editor-card-provider/src/__tests__/index.test.ts` @ 58f3545ab96a3cb09d1eac2ab85f4ca2cadfafea
    'https://forge-smart-link-battleground.jira-dev.com/issues/EDJ-3?filter=-4&jql=ORDER%20BY%20assignee%20DESC',
  ],
  subject: (url) => jiraSubject(keyInPath(url)),
  shows: showsKey(keyInPath),
  texts: jiraIssueTexts,
  anchor: [
    ...jiraContextColumn,
    // Data Center right sidebar (Jira Server JSP; DC 2017–2025)
    { selector: '#viewissuesidebar', position: 'prepend' },
  ],
};

/** The preview panel or modal that shows the selected issue, else the page when it shows exactly one issue. */
function selectedIssueView(doc: Document): ParentNode | undefined {
  const container = doc.querySelector(
    [
      'section[data-testid="preview-panels.preview-panel"]', // side preview panel (Cloud, August 2026)
      '[role="dialog"][data-testid="issue.views.issue-details.issue-modal.modal-dialog"]', // modal (2021–2025)
    ].join(', '),
  );
  if (container) return container;
  // The backlog's and timeline's detail panels (markup not recorded): one issue view on the page, so the page.
  return doc.querySelectorAll(summarySelector).length === 1 ? doc : undefined;
}

export const jiraSelectedIssue: PageType = {
  ...jiraSelectedIssueUrl,
  examples: [
    // 69115309664 (a Jira URL parser's tests: board and backlog; search index only)
    'https://acme.atlassian.net/jira/software/c/projects/ENG/boards/42?selectedIssue=ENG-123&quickFilter=10,20&text=backend',
    'https://acme.atlassian.net/jira/software/c/projects/PROD/boards/88/backlog?selectedIssue=PROD-55',
    // team-managed board and timeline: 22647574859, 16380277574, 40080347789 (links in READMEs and comments; search
    // index only)
    'https://generatenu.atlassian.net/jira/software/projects/WT/boards/2?selectedIssue=WT-98',
    'https://youthing.atlassian.net/jira/software/projects/COT/boards/2?selectedIssue=COT-139&sprints=8',
    'https://mail-team-8anht7w3pbww.atlassian.net/jira/software/projects/PP/boards/2/timeline?selectedIssue=PP-2',
    // Jira Work Management board: 54186853895 (a link built in code; the key filled in; search index only)
    'https://dev-scvweb.atlassian.net/jira/core/projects/JIRA2024/board?groupBy=status&selectedIssue=JIRA2024-7',
    // the global navigator: 31320405542 (a popover's tests; search index only)
    'https://something.atlassian.net/jira/issues/?selectedIssue=TICKET-1234',
  ],
  subject: (url) => jiraSubject(selectedIssue(url)),
  shows: showsKey(selectedIssue),
  scope: (_url, doc) => selectedIssueView(doc),
  texts: jiraIssueTexts,
  anchor: [
    ...jiraContextColumn,
    // the preview panel's header: the panel goes right below it (Cloud, August 2026)
    { selector: '[data-testid="platform-issue-preview-panel.preview-panel-header"]', position: 'after' },
  ],
};

export const jiraIssueNavigator: PageType = {
  ...jiraIssueNavigatorUrl,
  examples: [
    // 69115309664 (a Jira URL parser's tests), 70075324282, 52640854724 (links in docs) (search index only)
    'https://acme.atlassian.net/issues/?jql=project%20%3D%20ENG%20AND%20status%20%3D%20Open',
    'https://appfire.atlassian.net/issues/?filter=17844',
    'https://whd.atlassian.net/jira/issues/?jql=project=CSM',
    // Data Center under a context path: 110103727 (a release note; search index only)
    'https://issues.apache.org/jira/issues/?filter=12352767',
    // project issue lists: Atlassian's smart-link provider tests, pioug/atlassian-frontend-mirror
    // `editor/editor-card-provider/src/__tests__/index.test.ts` @ 58f3545ab96a3cb09d1eac2ab85f4ca2cadfafea
    'https://jdog.jira-dev.com/jira/software/c/projects/DL39857/issues',
    'https://jdog.jira-dev.com/jira/core/projects/NPM5/issues',
  ],
  // A list page: no subject, no panels; its rows get badges. The detail view always carries ?selectedIssue=KEY
  // and is a jira-selected-issue page.
  subjectFrom: 'none',
  subject: () => undefined,
  texts: [],
  anchor: [],
  badges: {
    rows: [
      // Cloud list view (2024–2026; hartmutboekhoff/tampermonkey UI.js @ 1896d3a6, LANDMARKS.md jira-hb-userscript)
      'tr[data-testid="native-issue-table.ui.issue-row"]',
    ],
    // The summary cell and the key cell below have only search-index sources (LANDMARKS.md "index only; not relied
    // on"): without them the row's item is read from its links' addresses and the badge goes after the first of
    // them (test/sites/jira.test.ts, test/content/badges.test.ts).
    title: [
      '[data-testid="native-issue-table.common.ui.issue-cells.issue-summary.issue-summary-cell"]', // (2024–2026)
    ],
    fallbackTitle: ['a[href*="/browse/"]'],
    ref(row, url) {
      const link = row.querySelector(
        'a[data-testid="native-issue-table.common.ui.issue-cells.issue-key.issue-key-cell"]',
      );
      if (link) {
        const fromHref = /\/browse\/([^/?#]+)/.exec(link.getAttribute('href') ?? '')?.[1];
        return jiraSubject(normalizeKey(fromHref ?? link.textContent?.trim()));
      }
      // Without the key cell: the issue the row's links point at, when they all point at one (a row may also link
      // a parent issue; then it names two and gets no badge rather than a wrong one).
      const keys = keysLinkedFrom(row, url);
      return keys.size === 1 ? jiraSubject([...keys][0]) : undefined;
    },
  },
};

/** Links read in one list row, at most: a row is a handful of cells. */
const MAX_ROW_LINKS = 50;
const browsePath = new RegExp(`^(?:/[\\w.-]+)?/browse/${key}/?$`);

/** The issue keys a row's links name by their address, `/browse/KEY` on the page's own host. */
function keysLinkedFrom(row: Element, url: URL): Set<string> {
  const keys = new Set<string>();
  for (const a of [...row.querySelectorAll('a[href]')].slice(0, MAX_ROW_LINKS)) {
    let target: URL;
    try {
      target = new URL(a.getAttribute('href') ?? '', url);
    } catch {
      continue;
    }
    const found = target.host === url.host ? normalizeKey(browsePath.exec(target.pathname)?.[1]) : undefined;
    if (found) keys.add(found);
  }
  return keys;
}

/**
 * A fix version's release page (Cloud `/projects/KEY/versions/ID/tab/release-report-all-issues`, also under
 * `/jira/software/[c/]projects/`; Data Center `/projects/KEY/versions/ID`): the release brief of the version's
 * issues. The subject is the version, which is no item: `jira:KEY/versions/ID`. No public source records a landmark
 * of this page (it is a React page without the issue view's test ids), so the brief docks in the drawer by design
 * rather than guess one and warn on every visit.
 */
export const jiraVersion: PageType = {
  ...jiraVersionUrl,
  dock: true,
  examples: [
    // release links pasted into public release checklists (DEFRA flood services, 2024–2026; xillio, egalvanic)
    'https://eaflood.atlassian.net/projects/FSR/versions/16851/tab/release-report-all-issues',
    'https://xillio.atlassian.net/projects/CTC/versions/12700/tab/release-report-all-issues',
    'https://egalvanic.atlassian.net/projects/ZP/versions/14236/tab/release-report-all-issues',
    'https://acme.atlassian.net/jira/software/projects/SHOP/versions/10101/tab/release-report-all-issues',
    'https://acme.atlassian.net/jira/software/c/projects/SHOP/versions/10102',
    // Data Center (a self-hosted host from settings), under a context path too
    'https://jira.acme.test/projects/PLAT/versions/11100',
    'https://jira.acme.test/jira/projects/PLAT/versions/11100',
  ],
  subject: (url) => {
    const page = jiraVersionPage(url);
    return page ? `jira:${page.project}/versions/${page.id}` : undefined;
  },
  // The version's issue list, for hovercards; the brief's issues come from the API (`fixVersion = ID`).
  texts: [{ selectors: ['main', '#content'], where: 'version', max: 20_000 }],
  anchor: [],
};

export const jira: SiteAdapter = {
  ...jiraUrls,
  pages: [jiraIssue, jiraSelectedIssue, jiraIssueNavigator, jiraVersion],
};
