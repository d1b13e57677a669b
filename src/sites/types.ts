import type { Site } from '../messaging/protocol';

/** Panels a page can show; each is one file in src/ui/panels. */
export type PanelId = 'linked-incidents' | 'customer-impact' | 'bug-status';

/**
 * Where panels go: one step of a selector cascade, tried in order. Each step carries a comment in the adapter saying
 * which generation of the site's markup it belongs to and when it was seen. `position` says how the panel sits
 * relative to the element found.
 */
export interface AnchorStep {
  selector: string;
  position: 'prepend' | 'append' | 'before' | 'after';
}
export type Anchor = readonly AnchorStep[];

export interface TextSource {
  /** Selectors whose text is read (all matches, in order). */
  selectors: readonly string[];
  where: string;
  /** Characters kept, so a huge page cannot flood the message. */
  max?: number;
}

/** One kind of page on a site: a pure URL check, the subject, what to read and where panels go. */
export interface PageType {
  id: string;
  /** Real URLs this page type must accept (and every other page type must reject); tested. */
  examples: readonly string[];
  test(url: URL): boolean;
  /** The canonical reference of the page's subject, from the URL first. */
  subject(url: URL, doc: Document): string | undefined;
  texts: readonly TextSource[];
  panels: readonly PanelId[];
  anchor: Anchor;
}

export interface SiteAdapter {
  site: Site;
  /** Does this adapter handle this host? (SaaS hosts; self-hosted ones come from settings.) */
  handlesHost(host: string, knownHosts: ReadonlySet<string>): boolean;
  pages: readonly PageType[];
  /** Events the site fires on its own soft navigation, besides URL changes. */
  navigationEvents?: readonly string[];
}
