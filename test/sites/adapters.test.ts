// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { pageExamples } from '../../src/sites/examples';
import { adapters } from '../../src/sites/index';
import { loadSite } from '../../src/sites/readers';
import { siteUrls } from '../../src/sites/urls';

/** CONVENTIONS.md: page checks are pure functions of the URL, each with real URLs; a test about the codebase itself. */
const pageTypes = adapters.flatMap((adapter) => adapter.pages.map((page) => ({ adapter, page })));
const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8'); // vitest runs at the repo root

// Issue 15: the entry matches URLs with `siteUrls`, the content script then loads the site's reader; both must agree
// with the adapters the tests read, page for page, in the same order.
test("each adapter is its site's URL checks and its reader, page for page, and the reader loads per site", async () => {
  expect(siteUrls.map((s) => s.site)).toEqual(adapters.map((a) => a.site));
  for (const [i, urls] of siteUrls.entries()) {
    const adapter = adapters[i];
    expect(adapter?.system).toBe(urls.system);
    expect(adapter?.handlesHost).toBe(urls.handlesHost);
    expect(adapter?.navigationEvents).toBe(urls.navigationEvents);
    expect(adapter?.pages.map((p) => [p.id, p.test, p.panels])).toEqual(
      urls.pages.map((p) => [p.id, p.test, p.panels]),
    );
    expect(await loadSite(urls.site)).toBe(adapter);
  }
});

test('every page type has its examples, and every example list a page type', () => {
  expect(Object.keys(pageExamples).sort()).toEqual(pageTypes.map((p) => p.page.id).sort());
});

test('page type ids are unique', () => {
  const ids = pageTypes.map((p) => p.page.id);
  expect(new Set(ids).size).toBe(ids.length);
});

describe.each(pageTypes.map((p) => [p.page.id, p] as const))('%s', (_id, { page }) => {
  test('accepts each of its example URLs and yields a subject (from the URL, unless the page shows it)', () => {
    const examples = pageExamples[page.id] ?? [];
    expect(examples.length).toBeGreaterThan(0);
    const blank = document.implementation.createHTMLDocument('');
    for (const example of examples) {
      const url = new URL(example);
      expect(page.test(url), example).toBe(true);
      const subject = page.subject(url, blank);
      if (page.subjectFrom === 'none') expect(subject, example).toBeUndefined();
      else if (page.subjectFrom === 'page' && subject === undefined)
        continue; // read once the page renders it
      else expect(subject, example).toMatch(/^(github|jira|servicenow|zendesk):/);
    }
  });

  test("rejects every other page type's examples", () => {
    for (const other of pageTypes.filter((p) => p.page !== page)) {
      for (const example of pageExamples[other.page.id] ?? [])
        expect(page.test(new URL(example)), example).toBe(false);
    }
  });

  test('is documented in the README', () => {
    expect(readme).toContain(`\`${page.id}\``);
  });

  test('has an anchor cascade (or docks by design) and knows what to read, or is a list page without panels', () => {
    if (page.subjectFrom === 'none') {
      expect(page.panels).toEqual([]);
      return;
    }
    expect(page.panels.length).toBeGreaterThan(0);
    expect(page.anchor.length > 0 || page.dock).toBe(true);
    expect(page.texts.length).toBeGreaterThan(0);
  });
});
