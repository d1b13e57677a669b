/**
 * What the background has shown each tab: the references of the contexts it resolved for the tab's frames (one
 * entry per open context port) and of the hovercard previews it answered. A content script may watch only those
 * (SECURITY.md: a page's script cannot make Liaison watch, poll and notify about an item the page never showed).
 */

/** References remembered per source; a context holds at most a few hundred items (resolver bounds). */
const MAX_REFS_PER_SOURCE = 1000;
/** Previews remembered per tab (a reader can hover many links on a long page). */
const MAX_PREVIEWS = 200;

export class ServedRefs {
  readonly #tabs = new Map<number, Map<object, Set<string>>>();
  readonly #previews = new Map<number, Set<string>>();

  /** The context a port (one mounted page) was last served replaces what that port was served before. */
  setContext(tabId: number, source: object, refs: Iterable<string>): void {
    let sources = this.#tabs.get(tabId);
    if (!sources) {
      sources = new Map();
      this.#tabs.set(tabId, sources);
    }
    sources.set(source, new Set([...refs].slice(0, MAX_REFS_PER_SOURCE)));
  }

  /** A port closed (the page navigated away or the tab closed): its context is no longer shown. */
  dropContext(tabId: number, source: object): void {
    const sources = this.#tabs.get(tabId);
    sources?.delete(source);
    if (sources?.size === 0) this.#tabs.delete(tabId);
  }

  addPreview(tabId: number, ref: string): void {
    let refs = this.#previews.get(tabId);
    if (!refs) {
      refs = new Set();
      this.#previews.set(tabId, refs);
    }
    refs.delete(ref);
    refs.add(ref);
    while (refs.size > MAX_PREVIEWS) {
      const oldest = refs.values().next().value;
      if (oldest === undefined) break;
      refs.delete(oldest);
    }
  }

  has(tabId: number, ref: string): boolean {
    if (this.#previews.get(tabId)?.has(ref)) return true;
    for (const refs of this.#tabs.get(tabId)?.values() ?? []) if (refs.has(ref)) return true;
    return false;
  }

  forgetTab(tabId: number): void {
    this.#tabs.delete(tabId);
    this.#previews.delete(tabId);
  }
}
