import { type ExtractOptions, extractRefs } from '../core/extract';
import { itemUrl } from '../core/item-links';
import type { FoundPageRef, PageText } from '../messaging/protocol';
import type { Provider } from '../providers/provider';
import { systemOf } from '../systems/index';
import { extractOptionsFor, getConfig } from './config';
import { jiraProjectKeys } from './discovery';

/**
 * References in a page's prose, for the content script's hovercards. The content script cannot tell a Jira key
 * from `UTF-8` (it does not know which projects exist) and sees no settings, so it sends the text and the
 * background answers with the grammar the resolver uses (`extractOptionsFor` + discovery): per text, where each
 * reference of a connected system is, its canonical form and the item's address. References no connection
 * answers for are left as text (a hovercard could show nothing for them).
 */

export async function findPageRefs(texts: readonly PageText[], pageUrl: string | undefined) {
  const config = await getConfig();
  if (config.providers.length === 0 || config.error) return texts.map(() => []);
  const extract = forPage(
    extractOptionsFor(config, await jiraProjectKeys(config)),
    pageUrl,
    config.providers,
  );
  return texts.map(({ text, code }) => refsInText(text, code, extract, config.providers));
}

export function refsInText(
  text: string,
  code: boolean,
  extract: ExtractOptions,
  providers: readonly Provider[],
): FoundPageRef[] {
  return extractRefs(text, extract, { code }).flatMap((found) => {
    const provider = providers.find((p) => p.owns(found.ref));
    if (!provider) return [];
    const written = text.slice(found.index, found.index + found.length);
    const url = /^https?:\/\//i.test(written) ? written : itemUrl(found.ref, provider.connection.baseUrl);
    return url ? [{ index: found.index, length: found.length, ref: found.canonical, url }] : [];
  });
}

const pageOptionsOf = (p: Provider) => systemOf(p.system)?.backend.pageOptions;

/**
 * On a page of a connection whose system reads it differently (`SystemBackend.pageOptions`): on a connected
 * Zendesk's own pages, `#123` is one of its tickets.
 */
export function forPage(
  extract: ExtractOptions,
  pageUrl: string | undefined,
  providers: readonly Provider[],
): ExtractOptions {
  let host: string;
  try {
    host = new URL(pageUrl ?? '').host.toLowerCase();
  } catch {
    return extract;
  }
  const owner = providers.find(
    (p) => pageOptionsOf(p) && new URL(p.connection.baseUrl).host.toLowerCase() === host,
  );
  const own = owner && pageOptionsOf(owner)?.(host);
  return own ? { ...extract, ...own } : extract;
}

/** Kept here for its callers; it lives in core/item-links.ts, beside the check of links from server data. */
export { itemUrl };

/**
 * Was `ref` found in this text of this page? A hovercard's preview names the text its link was made from, and the
 * background previews only a reference its own grammar finds there (SECURITY.md: a page cannot ask for an item it
 * does not show, by forging a link or editing one's attribute).
 */
export async function foundInText(
  ref: string,
  text: string,
  code: boolean,
  pageUrl: string | undefined,
): Promise<boolean> {
  const config = await getConfig();
  if (config.providers.length === 0 || config.error) return false;
  const extract = forPage(
    extractOptionsFor(config, await jiraProjectKeys(config)),
    pageUrl,
    config.providers,
  );
  return refsInText(text, code, extract, config.providers).some((f) => f.ref === ref);
}
