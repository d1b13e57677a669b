import { describe, expect, test } from 'vitest';
import { resolveDataset } from '../replica/dataset/index';
import type { Dataset } from '../replica/dataset/types';
import { browserKinds, waitForPanel } from './browsers';
import { useExtensionBrowser } from './fixture';

/**
 * Issue 10, SECURITY.md "Bounded work": text anyone can write is read in linear time. A pull request comment and
 * description of 65,536 characters (GitHub's limit for each) built to be the worst case for reference extraction — a URL followed by a long
 * run of closing parentheses, bracket soup and digit runs — used to freeze the background for minutes; the panel
 * must show as usual and the popup in another tab stay responsive meanwhile.
 */

const GITHUB_COMMENT_LIMIT = 65_536;

function hostileComment(): string {
  const head = 'Same as https://github.com/acme/shop-api/issues/7';
  const families = [
    ')'.repeat(40_000),
    '((((['.repeat(1_000),
    ` ${'x1/y#1 '.repeat(1_000)}`,
    ` ${'9'.repeat(3_000)} ${'-'.repeat(3_000)} ${'/#'.repeat(1_000)}`,
  ];
  const text = `${head}${families.join(' https://github.com/acme/shop-api/pull/42')}`;
  return text.padEnd(GITHUB_COMMENT_LIMIT, ')').slice(0, GITHUB_COMMENT_LIMIT);
}

function dataset(): Dataset {
  const ds = resolveDataset();
  const pull = ds.pulls.find((p) => p.repo === 'acme/shop-api' && p.number === 42);
  if (!pull) throw new Error('the dataset has no acme/shop-api#42');
  // In a comment (read from the page: linkified for hovercards) and in the description (read from the API).
  pull.comments.push({ author: 'mallory', body: hostileComment(), at: '2026-03-11T09:00:00Z' });
  pull.body = `${pull.body}\n\n${hostileComment()}`.slice(0, GITHUB_COMMENT_LIMIT);
  return ds;
}

describe.each(browserKinds)('%s', (kind) => {
  const fx = useExtensionBrowser(kind, { dataset: dataset() });

  test('a 65,536-character comment built against the grammar: the panel shows and the popup answers', async () => {
    expect(hostileComment()).toHaveLength(GITHUB_COMMENT_LIMIT);
    const started = Date.now();
    const page = await fx.open('https://github.com/acme/shop-api/pull/42');
    // The popup, in another tab, searches while the PR is being resolved.
    const popup = fx.track(await fx.eb.openExtensionPage('src/popup/index.html'));
    await popup.type('input[type="search"]', 'SHOP-101');
    // Both within a few seconds, as on an ordinary page (1–3 s here), with room for a busy machine; the quadratic
    // extraction took minutes on this comment.
    await popup.waitForSelector('[data-ref="jira:SHOP-101"]', { timeout: 8_000 });
    const popupMs = Date.now() - started;
    await waitForPanel(page, 'linked-incidents', ['ready'], 12_000);
    const panelMs = Date.now() - started;
    console.info(
      `[measure] ${kind}: hostile comment: popup answered in ${popupMs} ms, panel ready in ${panelMs} ms`,
    );
    expect(await page.$$('liaison-panel >>> [data-ref^="servicenow:"]')).not.toHaveLength(0);
  });
});
