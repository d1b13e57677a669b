// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { matchAnchor } from '../../src/content/anchor';
import { githubIssue, githubPull, githubRelease } from '../../src/sites/github';
import { githubIssuePage, githubPullPage, githubReleasePage } from '../replica/pages/github';
import type { GithubIssuePageProps, GithubReleasePageProps } from '../replica/pages/props';
import { acmePull, loadPage, pageOf, textsOf } from './page-dom';

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

describe('GitHub release page', () => {
  const sha = 'e26d3a01223c96211d47ed5132d2e7a38e9af879';
  const release: GithubReleasePageProps = {
    host: 'github.com',
    owner: 'acme',
    repo: 'shop-api',
    tag: 'v2.4.1',
    name: 'v2.4.1',
    body: 'Hotfix for SHOP-101.',
    author: 'release-bot',
    publishedAt: '2026-03-12T10:00:00Z',
    targetSha: sha,
    latest: true,
    previousTag: 'v2.4.0',
    pulls: [
      { number: 42, title: 'Stream cart totals', author: 'mona-dev' },
      { number: 102, title: 'Retry payment webhooks', author: 'priya-n' },
    ],
  };

  test.each([
    ['react', 'https://github.com/acme/shop-api/releases/tag/v2.4.1', 'github.com', 'github:acme/shop-api'],
    [
      'classic',
      'https://ghe.acme.test/acme/shop-api/releases/tag/v2.4.1',
      'ghe.acme.test',
      'github:ghe.acme.test/acme/shop-api',
    ],
  ] as const)(
    '%s markup: the subject is the tag’s commit, the texts carry the notes’ PR links',
    (markup, url, host, prefix) => {
      const win = loadPage(githubReleasePage({ ...release, host }, { markup }), url);
      const page = pageOf(url, new Map([[host, 'github' as const]]));
      expect(page.id).toBe('github-release');
      expect(page.subject(new URL(url), win.document)).toBe(`${prefix}@${sha}`);
      expect(page.shows?.(new URL(url), win.document)).toBe(true);
      const text = textsOf(page, win.document);
      expect(text).toContain('Hotfix for SHOP-101.');
      // "#42" on the page; its address in the texts.
      expect(text).toContain(`https://${host}/acme/shop-api/pull/42`);
      expect(text).toContain(`https://${host}/acme/shop-api/pull/102`);
      expect(matchAnchor(page.anchor, win.document)?.step).toBe(page.anchor[markup === 'react' ? 0 : 1]);
      win.close();
    },
  );

  test('no subject while the page shows another repository’s commit or none', () => {
    const url = 'https://github.com/acme/shop-api/releases/tag/v2.4.1';
    const other = loadPage(githubReleasePage({ ...release, repo: 'web' }, { markup: 'react' }), url);
    expect(githubRelease.subject(new URL(url), other.document)).toBeUndefined();
    const blank = document.implementation.createHTMLDocument('Release v2.4.1 · acme/shop-api');
    expect(githubRelease.subject(new URL(url), blank)).toBeUndefined();
  });
});

/**
 * Issue 11: the React issue view as a saved github.com issue page nests it (kepano/defuddle
 * `tests/fixtures/general--github.com-issue-56.html` @ 6de16345, 2025; LANDMARKS.md issue-dom-map).
 */
describe('GitHub React issue page, nested as the real page', () => {
  const issue: GithubIssuePageProps = {
    host: 'github.com',
    owner: 'acme',
    repo: 'shop-api',
    number: 7,
    title: 'Checkout fails for Globex',
    body: 'Customer impact: INC0010001',
    state: 'open',
    author: 'carol',
    labels: ['customer'],
    comments: [{ author: 'dave', body: 'Seen in ZD-4711', createdAt: '2026-03-11T09:00:00Z' }],
    createdAt: '2026-03-10T09:00:00Z',
  };
  const url = 'https://github.com/acme/shop-api/issues/7';

  test('the panels go into the metadata pane inside the metadata container (no .Layout-sidebar)', () => {
    const win = loadPage(githubIssuePage(issue, { markup: 'react' }), url);
    const doc = win.document;
    expect(doc.querySelector('.Layout-sidebar, #issue-timeline')).toBeNull();
    const match = matchAnchor(githubIssue.anchor, doc);
    expect(match?.step).toBe(githubIssue.anchor[0]);
    expect(match?.element.parentElement?.getAttribute('data-testid')).toBe('issue-viewer-metadata-container');
    win.close();
  });

  test('the body and each comment are read once, from the outer of the nested .markdown-body', () => {
    const win = loadPage(githubIssuePage(issue, { markup: 'react' }), url);
    const text = textsOf(githubIssue, win.document);
    expect(text.match(/INC0010001/g)).toHaveLength(1);
    expect(text.match(/ZD-4711/g)).toHaveLength(1);
    win.close();
  });
});

/** Issue 11: the PR header's branch links carry no Primer `prc-BranchName-BranchName` class on any openable page. */
describe('GitHub React PR header branches', () => {
  const pr = acmePull('fix/SHOP-101-totals');
  const url = 'https://github.com/acme/shop-api/pull/42';

  test('the head branch is read without the prc-BranchName class', () => {
    const win = loadPage(githubPullPage(pr, { markup: 'react', tab: 'conversation' }), url);
    expect(win.document.querySelector('[class*="prc-BranchName"]')).toBeNull();
    expect(textsOf(githubPull, win.document)).toContain('fix/SHOP-101-totals');
    win.close();
  });

  test('…and by the CSS-module class alone, as refined-github finds them, when data-component is gone', () => {
    const win = loadPage(githubPullPage(pr, { markup: 'react', tab: 'conversation' }), url);
    for (const a of win.document.querySelectorAll('[data-component="BranchName"]'))
      a.removeAttribute('data-component');
    const text = textsOf(githubPull, win.document);
    expect(text).toContain('fix/SHOP-101-totals');
    expect(text.match(/fix\/SHOP-101-totals/g)).toHaveLength(1);
    win.close();
  });
});
