// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { githubIssue, githubPull } from '../../src/sites/github';

/**
 * After a Turbo visit GitHub has pushed the new URL while the previous page is still on screen; `shows` tells the
 * two apart by the page title, which Turbo swaps with the page. Titles as github.com and Enterprise Server write
 * them (recorded PR and issue pages; the replica's pages use the same format).
 */
const doc = (title: string) => document.implementation.createHTMLDocument(title);

describe('GitHub pages show the URL’s item only once its title names it', () => {
  const pr = new URL('https://github.com/acme/shop-api/pull/42/files');
  test('a pull request', () => {
    const shows = (title: string) => githubPull.shows?.(pr, doc(title));
    expect(shows('SHOP-101: stream cart totals by mona-dev · Pull Request #42 · acme/shop-api')).toBe(true);
    expect(shows('Fix by octocat · Pull Request #42 · ACME/Shop-API · GitHub')).toBe(true);
    // the previous page, another PR of the repository, another repository's #42, a longer number
    expect(shows('Bump deps by priya-n · Pull Request #43 · acme/shop-api')).toBe(false);
    expect(shows('Fix by octocat · Pull Request #42 · acme/web')).toBe(false);
    expect(shows('Fix by octocat · Pull Request #420 · acme/shop-api')).toBe(false);
    expect(shows('Pull requests · acme/shop-api')).toBe(false);
  });
  test('an issue', () => {
    const url = new URL('https://ghe.acme.test/platform/billing/issues/7');
    expect(githubIssue.shows?.(url, doc('Export misses rows · Issue #7 · platform/billing'))).toBe(true);
    expect(githubIssue.shows?.(url, doc('Export misses rows · Issue #77 · platform/billing'))).toBe(false);
  });
});
