import { multiTenantDomains } from '../core/host-access';
import type { System } from '../core/settings';
import { type ConnectionKind, kinds } from './connection-kinds';

/**
 * The popup's "Connect this site" opens the options page as `?connect=<system>&url=<https://tenant>`: the add form
 * opens for that system with the tenant's address filled in. Only a tenant of that system's SaaS domain is taken
 * (`acme.zendesk.com` for Zendesk), so a crafted address cannot prefill anything else.
 */
export interface ConnectRequest {
  kind: ConnectionKind;
  baseUrl: string;
}

const kindForSystem: Partial<Record<System, ConnectionKind>> = {
  jira: kinds['jira-cloud'],
  servicenow: kinds.servicenow,
  zendesk: kinds.zendesk,
};

export function connectRequestFrom(search: string): ConnectRequest | undefined {
  const params = new URLSearchParams(search);
  const system = params.get('connect');
  const address = params.get('url');
  if (!system || !address) return undefined;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  const domain = multiTenantDomains().find((d) => d.system === system);
  const host = url.hostname.toLowerCase();
  const kind = domain && kindForSystem[domain.system];
  if (!kind || url.protocol !== 'https:' || !host.endsWith(domain.suffix) || host === domain.suffix.slice(1))
    return undefined;
  return { kind, baseUrl: `https://${host}` };
}
