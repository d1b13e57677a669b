import { multiTenantDomains } from '../core/host-access';
import { type ConnectionKind, kindOf } from './connection-kinds';

/**
 * The popup's "Connect this site" opens the options page as `?connect=<system>&url=<https://tenant>`: the add form
 * opens for that system with the tenant's address filled in. Only a tenant of that system's SaaS domain is taken
 * (`acme.zendesk.com` for Zendesk), so a crafted address cannot prefill anything else.
 */
export interface ConnectRequest {
  kind: ConnectionKind;
  baseUrl: string;
}

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
  if (
    !domain ||
    url.protocol !== 'https:' ||
    !host.endsWith(domain.suffix) ||
    host === domain.suffix.slice(1)
  )
    return undefined;
  const baseUrl = `https://${host}`;
  // The kind that edits a connection to this tenant (a Jira on *.atlassian.net is a Cloud one).
  const kind = kindOf({ id: 'new', system: domain.system, baseUrl, auth: { type: 'token', token: 'new' } });
  return { kind, baseUrl };
}
