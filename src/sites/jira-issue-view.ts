import { formatRef } from '../core/refs';
import { jiraRef } from '../systems/jira/refs';
import type { AnchorStep, TextSource } from './types';

/**
 * How Jira's issue view is read: shared by the Jira site's reader (./jira.ts) and Jira Service Management's agent
 * view (./jsm.ts), which shows a request with the same Cloud issue view. A chunk both readers import, so a JSM page
 * does not load the Jira site's reader (issue 15).
 */

export const jiraSubject = (issue: string | undefined) =>
  issue ? formatRef(jiraRef(undefined, issue)) : undefined;

export const summarySelector = 'h1[data-testid="issue.views.issue-base.foundation.summary.heading"]';

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
