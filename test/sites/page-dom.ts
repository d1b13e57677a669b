/**
 * Loads a replica page (test/replica/pages) into its own jsdom window at its real URL, the way the site tests need
 * it: static pages as served, scripted ones (ServiceNow workspace and Polaris shell, Zendesk) with their inline
 * scripts run, so they hydrate their shadow roots and mount late like the real single-page apps.
 */
import { readTexts } from '../../src/content/anchor';
import type { System } from '../../src/core/settings';
import { pageTypeFor } from '../../src/sites/index';
import type { PageType } from '../../src/sites/types';
import type { GithubPullPageProps } from '../replica/pages/props';

export interface PageWindow {
  document: Document;
  location: Location;
  close(): void;
}
interface JsdomModule {
  JSDOM: new (
    html: string,
    o: { url: string; runScripts?: 'dangerously'; pretendToBeVisual?: boolean },
  ) => { window: PageWindow };
}

// No @types/jsdom in the project: load it untyped through a non-literal specifier (as pages.test.ts does).
const JSDOM_SPEC = 'jsdom';
const { JSDOM } = (await import(/* @vite-ignore */ JSDOM_SPEC)) as JsdomModule;

export function loadPage(html: string, url: string, o: { scripts?: boolean } = {}): PageWindow {
  const dom = new JSDOM(html, {
    url,
    ...(o.scripts ? { runScripts: 'dangerously' as const, pretendToBeVisual: true } : {}),
  });
  return dom.window;
}

/** The page type of a URL, failing the test when there is none. */
export function pageOf(
  url: string | URL,
  known: ReadonlyMap<string, System> | ReadonlySet<string> = new Map(),
): PageType {
  // A set of hosts (no system named) is tried as each system's in turn.
  const maps =
    known instanceof Map
      ? [known]
      : (['github', 'jira', 'servicenow', 'zendesk'] as const).map(
          (system) => new Map([...known.keys()].map((host) => [host, system])),
        );
  const match = maps.map((m) => pageTypeFor(new URL(url), m)).find((m) => m !== undefined);
  if (!match) throw new Error(`no page type for ${url}`);
  return match.page;
}

/** Removes every attribute whose name or value a site's landmarks rely on: the page after a redesign. */
export function scrambleMarkup(root: ParentNode, attributes: readonly string[]): void {
  const all = [root as unknown as Element, ...root.querySelectorAll('*')];
  for (const el of all) {
    if (!el.getAttribute) continue;
    for (const name of attributes) el.removeAttribute(name);
    if (el.shadowRoot) scrambleMarkup(el.shadowRoot, attributes);
  }
}

/** Everything a page's texts read inside `root`, as the content script sends it. */
export function textsOf(page: PageType, root: ParentNode): string {
  return page.texts.map((t) => readTexts(t.selectors, t.max ?? 2000, root, t.deep, t.links)).join('\n');
}

/** acme/shop-api#42 as the site tests load it: an open PR whose body names SHOP-101, from the given branch. */
export const acmePull = (headRef: string): GithubPullPageProps => ({
  host: 'github.com',
  owner: 'acme',
  repo: 'shop-api',
  number: 42,
  title: 'Stream cart totals',
  body: 'Fixes SHOP-101.',
  state: 'open',
  draft: false,
  author: 'alice',
  headRef,
  baseRef: 'main',
  labels: [],
  comments: [],
  createdAt: '2026-03-01T10:00:00Z',
  commits: 2,
  changedFiles: 2,
});
