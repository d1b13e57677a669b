// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { matchAnchor } from '../../src/content/anchor';
import { github, githubPullFiles, githubPullTab } from '../../src/sites/github';
import { githubPullPage } from '../replica/pages/github';
import { acmePull, loadPage, pageOf } from './page-dom';

/** Issue 11: every tab and diff URL of a pull request is a page type with its panels where the markup has room. */
const pr = acmePull('fix/SHOP-101');

describe('diff URLs of a pull request', () => {
  test.each([
    ['/files/e1aba6f', 'progressive'],
    ['/files/1e27d799..e1aba6f', 'progressive'],
    ['/commits/1e27d7998afdd3608d9fc3bf95ccf27fa5010641', 'progressive'],
    ['/changes', 'virtualized'],
    ['/changes/1e27d79', 'virtualized'],
    ['/changes/1e27d799..e1aba6f', 'virtualized'],
  ] as const)('%s: the files page type, panels above the %s diff list', (suffix, diffs) => {
    const url = `https://github.com/acme/shop-api/pull/42${suffix}`;
    const page = pageOf(url);
    expect(page).toBe(githubPullFiles);
    expect(page.subject(new URL(url), document)).toBe('github:acme/shop-api#42');
    const win = loadPage(githubPullPage(pr, { markup: 'react', tab: 'files', diffs }), url);
    const anchor = matchAnchor(page.anchor, win.document);
    expect(anchor?.element.getAttribute('data-testid')).toBe(`${diffs}-diffs-list`);
    expect(anchor?.step.position).toBe('before');
    win.close();
  });

  test('the classic files tab (Enterprise Server) still has its bucket', () => {
    const url = 'https://ghe.acme.test/acme/shop-api/pull/42/files/e1aba6f';
    const page = pageOf(url, new Set(['ghe.acme.test']));
    const win = loadPage(
      githubPullPage({ ...pr, host: 'ghe.acme.test' }, { markup: 'classic', tab: 'files' }),
      url,
    );
    expect(matchAnchor(page.anchor, win.document)?.element.id).toBe('files_bucket');
    win.close();
  });
});

describe('commits and checks tabs', () => {
  test.each(['/commits', '/checks'])('%s docks its panels on purpose', (suffix) => {
    const page = pageOf(`https://github.com/acme/shop-api/pull/42${suffix}`);
    expect(page).toBe(githubPullTab);
    expect(page.dock).toBe(true);
    expect(page.subject(new URL(`https://github.com/acme/shop-api/pull/42${suffix}`), document)).toBe(
      'github:acme/shop-api#42',
    );
  });

  test('a URL GitHub answers with a 404 is no page type', () => {
    expect(
      github.pages.find((p) => p.test(new URL('https://github.com/acme/shop-api/pull/42/commits/xyz'))),
    ).toBe(undefined);
  });
});

test('GitHub’s React soft navigation restarts the content script (refined-github waits for it too)', () => {
  expect(github.navigationEvents).toContain('soft-nav:react-done');
});
