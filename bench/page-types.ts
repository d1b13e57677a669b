/**
 * The page types the browser benches visit, one list for all of them: the chains bench (bench/chains.ts: navigation
 * to settled panels, per-hop timeline) and the content script's per-page cost (bench/content-startup.ts: navigation
 * to ready, main-thread script time, long tasks), with the replica they need and how to tell a page has settled.
 */
import type { Frame, Page } from 'puppeteer-core';
import { presets } from '../test/replica/dataset/index.ts';
import type { Replica, ReplicaOptions } from '../test/replica/server.ts';

/** A page type the benches visit (this one, and content-startup.ts's per-page cost). */
export interface PageType {
  name: string;
  url: (replica: Replica) => string;
  /** Panels live in a frame (ServiceNow's classic UI inside nav_to.do). */
  framed?: boolean;
  /** A list page: no panel, a badge on each of its `rows` rows; settled once every row's badge has its count. */
  rows?: number;
  /** A matched host's page that Liaison does not enhance: nothing to wait for after load. */
  notEnhanced?: boolean;
}

/** Rows of the PR list: a page of GitHub's list holds 25. */
export const LIST_ROWS = 25;

/**
 * The replica the page-type benches run on: the demo dataset, plus open pull requests in acme/shop-api made without
 * its RNG (nothing else changes, test/replica/dataset.test.ts) so that its PR list has LIST_ROWS rows (7 open).
 */
export const pageTypesReplica: ReplicaOptions = { dataset: { ...presets.demo, listPulls: LIST_ROWS - 7 } };

/** The page types, enhanced ones: navigation to settled panels (or badges) in the chains bench. */
export const pageTypes: PageType[] = [
  { name: 'GitHub pull request', url: () => 'https://github.com/acme/shop-api/pull/42' },
  {
    name: `GitHub pull request list (${LIST_ROWS} rows)`,
    url: () => 'https://github.com/acme/shop-api/pulls',
    rows: LIST_ROWS,
  },
  { name: 'Jira issue', url: () => 'https://acme.atlassian.net/browse/SHOP-101' },
  {
    name: 'JSM request (agent queue)',
    url: () => 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-7',
  },
  {
    name: 'ServiceNow incident in nav_to.do',
    url: (replica) => {
      const sysId = replica.dataset.snow.find((r) => r.number === 'INC0010001')?.sysId ?? '';
      return `https://acme.service-now.com/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${sysId}`)}`;
    },
    framed: true,
  },
  { name: 'Zendesk ticket', url: () => 'https://acme.zendesk.com/agent/tickets/4711' },
];

/**
 * A page of a matched host that Liaison does not enhance: its content script runs and finds nothing to do. The
 * replica serves no repository page, so this is its GitHub "not found" page (the name is kept for the record).
 */
export const notEnhancedPage: PageType = {
  name: 'GitHub repository page (not enhanced)',
  url: () => 'https://github.com/acme/shop-api',
  notEnhanced: true,
};

/** Whether a page type's panels (or, on a list, every row's badge) are placed and settled in this frame. */
export async function settledIn(
  where: Page | Frame,
  c: PageType,
): Promise<{ placed: boolean; settled: boolean; rows?: number }> {
  return where
    .evaluate((rows) => {
      if (rows !== null) {
        // A row's badge goes in with its count (src/content/badges.ts `place`): `data-count` is its answer.
        const counted = document.querySelectorAll('liaison-badge[data-count]').length;
        // GitHub's list rows (test/replica/pages/github.ts `listRows`, as recorded from github.com).
        const shown = document.querySelectorAll('.js-issue-row').length;
        return { placed: counted > 0, settled: counted >= rows, rows: shown };
      }
      const panels = [...document.querySelectorAll('liaison-panel')];
      const placed = panels.length > 0 && panels.every((p) => p.isConnected);
      const settled =
        placed && panels.every((p) => /^(ready|empty|error)$/.test(p.getAttribute('data-state') ?? ''));
      return { placed, settled };
    }, c.rows ?? null)
    .catch(() => ({ placed: false, settled: false }));
}

/** Waits until a page type has settled (its frames polled, as the chains bench does); throws after `timeout`. */
export async function waitSettled(page: Page, c: PageType, timeout = 30_000): Promise<void> {
  if (c.notEnhanced) return;
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const frames = c.framed ? page.frames().filter((f) => f !== page.mainFrame()) : [page.mainFrame()];
    for (const frame of frames) if ((await settledIn(frame, c)).settled) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${c.name}: not settled within ${timeout / 1000} s`);
}
