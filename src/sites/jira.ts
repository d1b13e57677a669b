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
