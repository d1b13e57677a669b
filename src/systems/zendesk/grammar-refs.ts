import { positiveNumberPattern } from '../../core/refs';
import type { RefGrammar } from '../../core/systems';
import { HELP_CENTER_SCHEME, helpCenterArticleRef, zendeskRef, zendeskSubdomainOf } from './refs';

/**
 * Zendesk's references as a page needs them (issue 15): read, written, named, linked. The text and URL passes that
 * find them are in ./grammar.ts, which the background loads.
 */

const bodyPattern = new RegExp(`^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\\/(${positiveNumberPattern})$`, 'i');

export const zendeskRefGrammar: RefGrammar<'zendesk'> = {
  id: 'zendesk',
  name: 'Zendesk',
  hostTags: 'none',
  // Help Center articles live on a Zendesk connection too, under a prefix of their own.
  schemes: [HELP_CENTER_SCHEME],
  schemeOf: (ref) => (ref.article ? HELP_CENTER_SCHEME : 'zendesk'),
  parse(body, scheme) {
    const m = bodyPattern.exec(body);
    if (!m || !Number.isSafeInteger(Number(m[2]))) return undefined;
    const make = scheme === HELP_CENTER_SCHEME ? helpCenterArticleRef : zendeskRef;
    return make(m[1] ?? '', Number(m[2]));
  },
  format: (ref) => `${ref.subdomain.toLowerCase()}/${ref.id}`,
  displayKey: (ref) => (ref.article ? `Article ${ref.id}` : `#${ref.id}`),
  // `/hc/articles/ID` redirects to the article in the visitor's locale (the Help Center's own short links).
  itemUrl: (ref) =>
    ref.article
      ? `https://${ref.subdomain}.zendesk.com/hc/articles/${ref.id}`
      : `https://${ref.subdomain}.zendesk.com/agent/tickets/${ref.id}`,
  // A ticket's canonical address is on its subdomain, whatever host the connection names.
  extraItemHosts: (host) => [`${zendeskSubdomainOf(host)}.zendesk.com`],
  groupOrder: 20,
  tenantDomain: '.zendesk.com',
};
