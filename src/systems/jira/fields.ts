import type { HttpClient } from '../../providers/http';
import type { FieldIds } from './mapping';
import type { ReferenceField } from './reference-fields';
import { fieldListSchema } from './schemas';

/**
 * Custom fields found by type or name in `GET /rest/api/{3|2}/field`, so nobody has to look up ids: JSM
 * organisations (`com.atlassian.servicedesk:sd-customer-organizations`), JSM SLAs
 * (`com.atlassian.servicedesk:sd-sla-field`: "Time to resolution", "Time to first response"…), and the
 * "Zendesk Ticket IDs" field the Zendesk Support for Jira integration writes. The recorded Cloud response
 * (recorded/jira-search-two-issues.recorded.json, `names`) shows these as customfield_10002 "Organizations"
 * and customfield_10071/10072 SLAs; ids differ per site, hence discovery.
 */

export interface DiscoveredFields extends FieldIds {
  reference: ReferenceField[];
}

const organizationType = 'com.atlassian.servicedesk:sd-customer-organizations';
const slaType = 'com.atlassian.servicedesk:sd-sla-field';
const referenceNames = /^zendesk ticket ids?$/i;
// By name too, for sites (and proxies) that report custom fields without their JSM type. A field whose value
// turns out not to be shaped like organisations or an SLA is ignored when mapping, so a wrong guess costs
// nothing.
const organizationNames = /^organi[sz]ations$/i;
const slaNames = /^time to /i;

export async function discoverFields(
  http: HttpClient,
  version: '2' | '3',
  signal?: AbortSignal,
): Promise<DiscoveredFields> {
  const fields = await http.get(`/rest/api/${version}/field`, fieldListSchema, signal ? { signal } : {});
  const found: DiscoveredFields = { reference: [], organization: [], sla: [] };
  for (const field of fields) {
    const type = field.schema?.custom;
    const name = field.name.trim();
    if (type === organizationType || organizationNames.test(name)) found.organization.push(field.id);
    else if (type === slaType || slaNames.test(name)) found.sla.push(field.id);
    else if (referenceNames.test(name)) {
      found.reference.push({ id: field.id, name: field.name, type: field.schema?.type ?? 'string' });
    }
  }
  return found;
}

export function mergeFields(
  configured: DiscoveredFields,
  discovered: DiscoveredFields | undefined,
): DiscoveredFields {
  if (!discovered) return configured;
  const reference = [...configured.reference];
  for (const field of discovered.reference)
    if (!reference.some((f) => f.id === field.id)) reference.push(field);
  return {
    reference,
    organization: [...new Set([...configured.organization, ...discovered.organization])],
    sla: [...new Set([...configured.sla, ...discovered.sla])],
  };
}
