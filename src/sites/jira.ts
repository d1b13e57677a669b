import { formatRef } from '../core/refs';
import { JIRA, jiraRef } from '../systems/jira/refs';
import { jiraVersionPage } from '../systems/jira/release-pages';
import type { AnchorStep, PageType, SiteAdapter, TextSource } from './types';

/**
 * Jira Cloud (`*.atlassian.net`) and Jira Data Center (hosts from settings). Cloud renders the issue view with
 * React and stable `data-testid`s; Data Center still serves the server-rendered view-issue page (`#viewissuesidebar`).
 * An issue opened from a board, backlog, list or the issue navigator keeps the page and names the issue in
 * `?selectedIssue=KEY`; the issue view then sits in a side preview panel (Cloud, 2026) or a modal (2021–2025).
 * Every selector's sources: test/replica/pages/LANDMARKS.md. Jira Service Management's agent view is its own
 * adapter (jsm.ts); a service desk issue at /browse/KEY cannot be told from the URL and stays here.
 */

/** A Jira issue key: a project key (a letter, then letters, digits, _) and a number without a leading 0. */
export const jiraKeyPattern = /^([A-Za-z][A-Za-z0-9_]+-[1-9]\d*)$/;
const key = '([A-Za-z][A-Za-z0-9_]+-[1-9]\\d*)';
const project = '[A-Za-z][A-Za-z0-9_]*';

/** Issue pages, key in the path: /browse/KEY (Data Center may add a context path: /jira/browse/KEY); a project's
 *  issue list or the new global navigator with one issue open: /jira/software/c/projects/P/issues/KEY, /issues/KEY. */
const issuePaths = [
  new RegExp(`^(?:/[\\w.-]+)?/browse/${key}/?$`),
  new RegExp(`^/jira/(?:software(?:/c)?|core)/projects/${project}/issues/${key}/?$`),
  new RegExp(`^/issues/${key}/?$`),
];
/** Pages that open an issue beside themselves with ?selectedIssue=KEY: boards, backlogs, timelines, JWM views, the
 *  issue navigator. */
const selectedIssueHosts = [
  new RegExp(`^/jira/software(?:/c)?/projects/${project}/boards/\\d+(?:/(?:backlog|timeline|roadmap))?/?$`),
  new RegExp(`^/jira/core/projects/${project}/(?:board|list|timeline|calendar|issues)/?$`),
  new RegExp(`^/jira/software(?:/c)?/projects/${project}/(?:list|issues)/?$`),
  /^(?:\/[\w.-]+)?\/issues\/?$/,
];
/** The issue navigator and project issue lists (global: /issues/?jql=…, /jira/issues/?filter=…; Data Center:
 *  /CONTEXT/issues/?filter=…): list pages, no subject. */
const navigatorPaths = [
  /^(?:\/[\w.-]+)?\/issues\/?$/,
  new RegExp(`^/jira/(?:software(?:/c)?|core)/projects/${project}/issues/?$`),
];

const normalizeKey = (k: string | null | undefined): string | undefined =>
  k && jiraKeyPattern.test(k) ? k.toUpperCase() : undefined;
const keyInPath = (url: URL): string | undefined => {
  for (const p of issuePaths) {
    const m = p.exec(url.pathname);
    if (m) return normalizeKey(m[1]);
  }
  return undefined;
};
const selectedIssue = (url: URL): string | undefined => normalizeKey(url.searchParams.get('selectedIssue'));
export const jiraSubject = (issue: string | undefined) =>
  issue ? formatRef(jiraRef(undefined, issue)) : undefined;

const summarySelector = 'h1[data-testid="issue.views.issue-base.foundation.summary.heading"]';

/**
 * Whether the document shows the URL's issue yet (Jira's single-page app pushes the new URL before it renders the
 * issue): its title names it as "[KEY] Summary - Jira", or a current-issue breadcrumb does (a board's preview
 * panel, where the title is the board's). Only a title naming the key counts; what a board's title says otherwise
 * ("Board - PROJECT - Jira" has only search-index sources) is never read, so any title falls to the breadcrumb.
 */
export function showsKey(keyOf: (url: URL) => string | undefined) {
  return (url: URL, doc: Document): boolean => {
    const key = keyOf(url)?.toUpperCase();
    if (!key) return false;
    if (doc.title.toUpperCase().includes(`[${key}]`)) return true;
    const crumbs = doc.querySelectorAll(
      [
        '[data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"]', // Cloud (2020–2026)
        '#key-val', // Data Center view issue (2017–2025)
      ].join(', '),
    );
    return [...crumbs].some((el) => el.textContent?.trim().toUpperCase() === key);
  };
}

/** What the issue view shows; shared by Jira Service Management's agent view. */
export const jiraIssueTexts: TextSource[] = [
  {
    selectors: [
      summarySelector, // Cloud issue view (2020–2026)
      'h1#summary-val', // Data Center view issue (2017–2025)
    ],
    where: 'summary',
    max: 1000,
  },
  {
    selectors: [
      '[data-testid="issue.views.field.rich-text.description"]', // Cloud (2023–2026)
      '#description-val', // Data Center (2017–2025)
    ],
    where: 'description',
    max: 10_000,
  },
  {
    selectors: [
      '[data-testid="issue.activity.comments-list"]', // Cloud comments (2023–2026)
    ],
    where: 'comments',
    max: 20_000,
  },
];

/** The right-hand context column of the Cloud issue view; shared by Jira Service Management's agent view. */
export const jiraContextColumn: AnchorStep[] = [
  // Cloud issue view right column (2023–2026)
  { selector: '[data-testid="issue.views.issue-details.issue-layout.container-right"]', position: 'prepend' },
  // Cloud context fields: above the Details group (2024–2026). Index only (LANDMARKS.md "not relied on"): reached
  // only when container-right is missing; without it the compact layout below, else the drawer.
  {
    selector:
      '[data-testid="issue-view-layout-templates-views.ui.context.visible-hidden.ui.context-group.details-group"]',
    position: 'before',
  },
  // Cloud compact layout, one column without container-right: the board's and backlog's preview, some /browse pages
  // (2023–2026; jrockefeller/utility-qase-jira-tampermonkey aviator.js @ c7719d30, LANDMARKS.md jira-compact)
  { selector: '[data-testid="issue.views.issue-details.issue-layout.compact-layout"]', position: 'prepend' },
];

export const jiraIssue: PageType = {
  id: 'jira-issue',
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
  test: (url) => keyInPath(url) !== undefined,
  subject: (url) => jiraSubject(keyInPath(url)),
  shows: showsKey(keyInPath),
  texts: jiraIssueTexts,
  panels: ['linked-incidents', 'customer-impact', 'knowledge'],
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
  id: 'jira-selected-issue',
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
  test: (url) => selectedIssue(url) !== undefined && selectedIssueHosts.some((p) => p.test(url.pathname)),
  subject: (url) => jiraSubject(selectedIssue(url)),
  shows: showsKey(selectedIssue),
  scope: (_url, doc) => selectedIssueView(doc),
  texts: jiraIssueTexts,
  panels: ['linked-incidents', 'customer-impact', 'knowledge'],
  anchor: [
    ...jiraContextColumn,
    // the preview panel's header: the panel goes right below it (Cloud, August 2026)
    { selector: '[data-testid="platform-issue-preview-panel.preview-panel-header"]', position: 'after' },
  ],
};

export const jiraIssueNavigator: PageType = {
  id: 'jira-issue-navigator',
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
  test: (url) => selectedIssue(url) === undefined && navigatorPaths.some((p) => p.test(url.pathname)),
  // A list page: no subject, no panels; its rows get badges. The detail view always carries ?selectedIssue=KEY
  // and is a jira-selected-issue page.
  subjectFrom: 'none',
  subject: () => undefined,
  texts: [],
  panels: [],
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
  id: 'jira-version',
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
  test: (url) => jiraVersionPage(url) !== undefined,
  subject: (url) => {
    const page = jiraVersionPage(url);
    return page ? `jira:${page.project}/versions/${page.id}` : undefined;
  },
  // The version's issue list, for hovercards; the brief's issues come from the API (`fixVersion = ID`).
  texts: [{ selectors: ['main', '#content'], where: 'version', max: 20_000 }],
  panels: ['release-brief'],
  anchor: [],
};

export const jira: SiteAdapter = {
  site: 'jira',
  system: JIRA,
  handlesHost: (host, known) => host.endsWith('.atlassian.net') || known.has(host),
  pages: [jiraIssue, jiraSelectedIssue, jiraIssueNavigator, jiraVersion],
};
