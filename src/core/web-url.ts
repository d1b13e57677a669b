/**
 * The one test every link built from data passes first (./item-links.ts re-exports it), apart from item-links'
 * settings imports so the page's UI (SafeLink) loads no zod (issue 15).
 */

/** The URL when it is http(s), else undefined: nothing else is ever a link. */
export function webUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
