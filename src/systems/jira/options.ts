import { intOption, listOption } from '../../providers/options';
import type { ProviderOptions } from '../../providers/provider';
import type { DiscoveredFields } from './fields';

export interface JiraOptions extends ProviderOptions {
  /**
   * Custom fields (ids like `customfield_10050`) holding Zendesk ticket ids, ServiceNow numbers or PR URLs.
   * Default [].
   */
  referenceFields?: string[];
  /** JSM "Organizations" field ids. Default [] plus what `discover()` finds by type. */
  organizationFields?: string[];
  /** JSM SLA field ids. Default [] plus what `discover()` finds by type. */
  slaFields?: string[];
  /**
   * Issues of a batch whose remote links are read (one request each). Default 10; 0 turns remote links off.
   */
  remoteLinkLimit?: number;
  /**
   * Zendesk subdomain that bare ids in reference fields belong to. Default: the only Zendesk the extract
   * options name.
   */
  zendeskSubdomain?: string;
  /** Issues per search page (and keys per `key in (…)` batch). Default 100. */
  pageSize?: number;
  /** Pages read per search at most. Default 5. */
  maxPages?: number;
}

export const factory = 'createJiraProvider';
const fieldIdPattern = /^(customfield_\d+|[a-z][A-Za-z]*)$/;
const isFieldId = (id: string) => typeof id === 'string' && fieldIdPattern.test(id);

/** The options with their defaults, or a clear error naming the one that is wrong. */
export function checkedOptions(options: JiraOptions) {
  const fieldIds = (name: 'referenceFields' | 'organizationFields' | 'slaFields') =>
    listOption(factory, name, options[name], isFieldId, 'field ids like customfield_10050');
  const configured: DiscoveredFields = {
    reference: fieldIds('referenceFields').map((id) => ({ id, name: id, type: 'string' })),
    organization: fieldIds('organizationFields'),
    sla: fieldIds('slaFields'),
  };
  if (options.zendeskSubdomain !== undefined && !/^[a-z0-9-]+$/i.test(options.zendeskSubdomain)) {
    throw new Error(`${factory}: options.zendeskSubdomain must be a subdomain like "acme"`);
  }
  return {
    configured,
    remoteLinkLimit: intOption(factory, 'remoteLinkLimit', options.remoteLinkLimit, 10, 0, 50),
    pageSize: intOption(factory, 'pageSize', options.pageSize, 100, 1, 100),
    maxPages: intOption(factory, 'maxPages', options.maxPages, 5, 1, 50),
  };
}
