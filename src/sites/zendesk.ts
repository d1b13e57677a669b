import { formatRef } from '../core/refs';
import { zendeskRef } from '../systems/zendesk/refs';
import type { PageType, SiteAdapter } from './types';
import { ticketId, zendeskTicketUrl, zendeskUrls } from './zendesk-urls';

/**
 * Zendesk Agent Workspace (`*.zendesk.com/agent/tickets/N`). A single-page app that mounts ~200 ms after load and
 * keeps every ticket opened in a workspace tab rendered, hidden, beside the active one: ids such as
 * `#ticket_sidebar` repeat once per tab. So everything is looked up inside the active ticket's container, found
 * from the ticket id in the URL. Switching tabs is a `history.pushState` navigation (a new page for the content
 * script). Every selector's sources: test/replica/pages/LANDMARKS.md (zendesk-ticket).
 */

const isShown = (el: Element): boolean => {
  if (el.closest('[hidden]')) return false;
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  return style?.display !== 'none' && style?.visibility !== 'hidden';
};

/** The active ticket's container; undefined until the app has rendered it. */
function activeTicket(url: URL, doc: Document): Element | undefined {
  const id = ticketId(url);
  return (
    // the ticket's own layout, by the id in the URL: the agent's custom layout (June 2026) or the standard one
    // (Hefestos-F/cc-result-monk EmUso/LoginZendeskTimer.user.js @ 5a7d5e5a, August 2026; Automattic/support-toolkit
    // extension/customizer-apply.js @ 94354c13, 2026)
    doc.querySelector(
      `[data-test-id="ticket-${id}-custom-layout"], [data-test-id="ticket-${id}-standard-layout"]`,
    ) ??
    // the active layout of the tabbed workspace (2023–2026)
    doc.querySelector('.ticket-panes-grid-layout.active, .ticket-panes-grid-layout[data-is-active="true"]') ??
    // the visible pane among the workspace's panes (older workspace; DeepL's Zendesk integration finds it so)
    [...doc.querySelectorAll('#main_panes > *')].find(isShown) ??
    undefined
  );
}

export const zendeskTicket: PageType = {
  ...zendeskTicketUrl,
  subject: (url) => {
    const id = ticketId(url);
    const subdomain = url.hostname.split('.')[0];
    return id && subdomain ? formatRef(zendeskRef(subdomain, id)) : undefined;
  },
  scope: activeTicket,
  texts: [
    {
      selectors: [
        'input[data-test-id="omni-header-subject"]', // ticket subject (2022–2026)
      ],
      where: 'subject',
      max: 1000,
    },
    {
      selectors: [
        '[data-test-id="omni-log-item-message"]', // conversation: each public reply and internal note (2022–2026)
      ],
      where: 'conversation',
      max: 20_000,
    },
  ],
  anchor: [
    // the context panel (customer, user info), found by its test id, not by its column: agents arrange their panes,
    // so `column-3` may hold another one (June 2026; Automattic/support-toolkit's Zendesk design spec @ 0c52dcea)
    { selector: '[data-test-id="component-type-ContextPanel"]', position: 'prepend' },
    // below the context panel's tabs (2021–2023)
    { selector: '[data-test-id="customer-context-tab-navigation"]', position: 'after' },
    // the ticket fields sidebar (2022–2026), the only landmark of the standard layout (Hefestos-F/cc-result-monk
    // @ 5a7d5e5a, August 2026). One per open ticket, so matched by attribute: some engines answer a scoped `#id`
    // query with the document's first element of that id and then find it outside the scope.
    { selector: '[id="ticket_sidebar"]', position: 'prepend' },
  ],
};

export const zendesk: SiteAdapter = { ...zendeskUrls, pages: [zendeskTicket] };
