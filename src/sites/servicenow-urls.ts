import { SERVICENOW } from '../systems/servicenow/refs';
import type { PageUrl, SiteUrls } from './types';

/**
 * ServiceNow's page types by their URL (issue 15); what its pages read is ./servicenow.ts, loaded on a ServiceNow
 * page Liaison enhances. Only the form's frame is a page type: the navigator shells' URLs match nothing.
 */

const tables = 'incident|problem|change_request|sc_req_item';
export const classicPath = new RegExp(`^/(${tables})\\.do$`);
export const workspacePath = new RegExp(
  `^/now/(?:sow|workspace/agent)/record/(?:${tables})/([0-9a-f]{32})(?:/params(?:/[^/]+)*)?/?$`,
  'i',
);
const sysId = /^[0-9a-f]{32}$/i;
/** A record number: prefix and digits (INC0010001, RITM0010001, CHG0030039; prefixes are configurable). It may
 *  follow a lower-case letter: the form header's "Incident<br>INC0010001" reads as "IncidentINC0010001". */
export const recordNumber = /(?<![A-Z0-9])([A-Z]{2,10}\d{5,12})(?!\d)/;
const numberQuery = /^number=([A-Za-z]{2,10}\d{5,12})$/;
export const numberIn = (text: string | null | undefined, pattern = recordNumber) =>
  text ? pattern.exec(text)?.[1] : undefined;

/** `incident.do?sysparm_query=number=INC…` names the record by number: the only classic URL that does. */
export const numberInQuery = (url: URL) => numberIn(url.searchParams.get('sysparm_query'), numberQuery);

export const servicenowFormUrl: PageUrl = {
  id: 'servicenow-form',
  // A new record (`sys_id=-1`) has nothing linked yet: not a page type.
  test: (url) =>
    classicPath.test(url.pathname) &&
    (sysId.test(url.searchParams.get('sys_id') ?? '') || numberInQuery(url) !== undefined),
  panels: ['bug-status', 'knowledge'],
};

export const servicenowWorkspaceUrl: PageUrl = {
  id: 'servicenow-workspace',
  test: (url) => workspacePath.test(url.pathname),
  panels: ['bug-status', 'knowledge'],
};

export const servicenowUrls: SiteUrls = {
  site: 'servicenow',
  system: SERVICENOW,
  handlesHost: (host, known) => host.endsWith('.service-now.com') || known.has(host),
  pages: [servicenowFormUrl, servicenowWorkspaceUrl],
};
