import type { System } from '../core/systems';
import type { Site } from '../messaging/protocol';

/** Panels a page can show; each is one file in src/ui/panels. */
export type PanelId = 'linked-incidents' | 'customer-impact' | 'bug-status' | 'release-brief' | 'knowledge';

/**
 * Where panels go: one step of a selector cascade, tried in order. Each step carries a comment in the adapter saying
 * which generation of the site's markup it belongs to and when it was seen. `position` says how the panel sits
 * relative to the element found.
 */
export interface AnchorStep {
  selector: string;
  position: 'prepend' | 'append' | 'before' | 'after';
  /** Also look inside open shadow roots (web-component pages such as the ServiceNow workspace). */
  deep?: boolean;
}
export type Anchor = readonly AnchorStep[];

export interface TextSource {
  /** Selectors whose text is read (all matches, in order). */
  selectors: readonly string[];
  where: string;
  /** Characters kept, so a huge page cannot flood the message. */
  max?: number;
  /** Match inside open shadow roots too, and read the text of the shadow trees under each match. */
  deep?: boolean;
  /** Also read where the links inside point (a pull request shown as "#42" that links to its URL). */
  links?: boolean;
}

/**
 * How a list page marks its rows with `<liaison-badge>`s (DESIGN.md contract 3): every row found by `rows` gets one
 * badge, right after its `title`. Alternatives are tried together (one selector list), each commented in the
 * adapter with the markup generation it belongs to.
 */
export interface ListBadges {
  rows: readonly string[];
  /** Inside a row: the element the badge goes after (the title link or cell). */
  title: readonly string[];
  /**
   * Tried only when no `title` matches in the row: where the badge goes when the title's own landmark cannot be
   * checked against a source a reader can open (a link whose address is the item's, say). Alternatives together.
   */
  fallbackTitle?: readonly string[];
  /** The canonical reference of the row's item, read from its markup; undefined when it names none (yet). */
  ref(row: Element, url: URL): string | undefined;
}

/**
 * A page type as its URL tells it: what every page of a matched host runs to decide whether Liaison enhances it
 * (`src/sites/<site>-urls.ts`, issue 15). The rest of the page type is the site's reader (`src/sites/<site>.ts`),
 * loaded only on a page of that site that Liaison enhances.
 */
export interface PageUrl {
  id: string;
  /** A pure check of the URL. */
  test(url: URL): boolean;
  /** The panels the page shows (none on a list page): their code is loaded as soon as the page type is known. */
  panels: readonly PanelId[];
}

/** One kind of page on a site: a pure URL check, the subject, what to read and where panels go. */
export interface PageType extends PageUrl {
  /** Panels dock in the drawer at the page edge by design (no anchor is looked for, nothing is logged). */
  dock?: boolean;
  /**
   * Where the subject comes from (default `'url'`). `'url'`: `subject` answers from the URL alone. `'page'`: the
   * page shows it (a ServiceNow number when the URL carries only a sys_id), so `subject` returns undefined until
   * the DOM has rendered it and the content script waits for it by observing the DOM. `'none'`: a list page, with
   * no subject and no panels (its rows get `badges`).
   */
  subjectFrom?: 'url' | 'page' | 'none';
  /** The canonical reference of the page's subject, or undefined while the page has not shown it (see above). */
  subject(url: URL, doc: Document): string | undefined;
  /**
   * Does the document show the URL's page yet? A soft navigation (GitHub's Turbo) changes the URL before it renders
   * the new page; until this says yes, texts and anchors would be the previous page's. Without it, at once.
   */
  shows?(url: URL, doc: Document): boolean;
  /**
   * The container of the subject the user sees, when a page renders several at once or beside other items
   * (Zendesk workspace tabs, the Jira board's preview panel, ServiceNow workspace tabs). Anchors and texts are
   * looked up inside it; undefined until it has rendered. Without `scope`, the whole document.
   */
  scope?(url: URL, doc: Document): ParentNode | undefined;
  texts: readonly TextSource[];
  anchor: Anchor;
  /** A list page's rows, badged with their linked customer tickets. */
  badges?: ListBadges;
}

/** A site as its URLs tell it (`src/sites/<site>-urls.ts`): what the entry every matched page runs needs. */
export interface SiteUrls {
  site: Site;
  /** The system whose connections serve the site (its grammar's id: Jira's for Jira Service Management). */
  system: System;
  /** Does this adapter handle this host? (SaaS hosts; self-hosted ones come from settings.) */
  handlesHost(host: string, knownHosts: ReadonlySet<string>): boolean;
  /** Its page types by URL, in the order they are tried. */
  pages: readonly PageUrl[];
  /** Events the site fires on its own soft navigation, besides URL changes. */
  navigationEvents?: readonly string[];
}

/** A site adapter: its URLs and, for each of its page types in the same order, how the page is read. */
export interface SiteAdapter extends SiteUrls {
  pages: readonly PageType[];
}
