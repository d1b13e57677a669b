// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { pageTypeFor } from '../../src/sites';
import { githubCompare } from '../../src/sites/github';
import { jiraVersion } from '../../src/sites/jira';

const doc = (title: string) => document.implementation.createHTMLDocument(title);

describe('release pages', () => {
  test('a compare view: the range is the subject, and the page shows it once its title says "Comparing"', () => {
    const url = new URL('https://github.com/Acme/Shop-API/compare/v2.4.0...v2.4.1');
    expect(pageTypeFor(url)?.page.id).toBe('github-compare');
    expect(githubCompare.subject(url, document)).toBe('github:acme/shop-api/compare/v2.4.0...v2.4.1');
    expect(githubCompare.shows?.(url, doc('Comparing v2.4.0...v2.4.1 · acme/shop-api'))).toBe(true);
    // the previous page of a soft navigation
    expect(githubCompare.shows?.(url, doc('Release v2.4.1 · acme/shop-api'))).toBe(false);
    expect(githubCompare.shows?.(url, doc('Comparing v2.4.0...v2.4.1 · acme/web'))).toBe(false);
  });

  test('a compare on Enterprise Server carries its host; a pull-request form is no compare view', () => {
    const ghe = new URL('https://ghe.acme.test/platform/billing/compare/v7.1.0...v7.2.0');
    expect(githubCompare.subject(ghe, document)).toBe(
      'github:ghe.acme.test/platform/billing/compare/v7.1.0...v7.2.0',
    );
    expect(
      pageTypeFor(new URL('https://github.com/acme/shop-api/compare/main...fix-coupons?expand=1')),
    ).toBeUndefined();
  });

  test('a Jira fix version: the version is the subject, its brief docks by design', () => {
    const url = new URL(
      'https://acme.atlassian.net/projects/SHOP/versions/10101/tab/release-report-all-issues',
    );
    expect(pageTypeFor(url)?.page.id).toBe('jira-version');
    expect(jiraVersion.subject(url, document)).toBe('jira:SHOP/versions/10101');
    expect(jiraVersion.dock).toBe(true);
    expect(jiraVersion.panels).toEqual(['release-brief']);
  });
});
