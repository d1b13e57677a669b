import { ZENDESK } from '../systems/zendesk/refs';
import type { PageUrl, SiteUrls } from './types';

/**
 * Zendesk's page types by their URL (issue 15); what its pages read is ./zendesk.ts, loaded on a Zendesk page
 * Liaison enhances.
 */

const ticketPath = /^\/agent\/tickets\/([1-9]\d{0,14})\/?$/;
export const ticketId = (url: URL): number | undefined => {
  const id = ticketPath.exec(url.pathname)?.[1];
  return id ? Number(id) : undefined;
};

export const zendeskTicketUrl: PageUrl = {
  id: 'zendesk-ticket',
  test: (url) => ticketId(url) !== undefined,
  panels: ['bug-status', 'knowledge'],
};

export const zendeskUrls: SiteUrls = {
  site: 'zendesk',
  system: ZENDESK,
  handlesHost: (host) => host.endsWith('.zendesk.com'),
  pages: [zendeskTicketUrl],
};
