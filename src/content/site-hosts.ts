import { formatRef, parseRef } from '../core/refs';
import type { System } from '../core/settings';
import { grammarOf } from '../core/systems';
import { isSiteHostsReply } from '../messaging/page-replies';
import { runtime } from './runtime';

/**
 * What the settings say about hosts, asked of the background once per page with a one-shot `site-hosts` message:
 * the system of each configured host (self-hosted instances: GitHub Enterprise, Jira Data Center, ServiceNow on a
 * custom domain) and the hosts whose references carry their host. Empty when the background cannot answer.
 */
export interface SiteHosts {
  systems: ReadonlyMap<string, System>;
  refHosts: ReadonlySet<string>;
}

export async function siteHosts(): Promise<SiteHosts> {
  try {
    const reply = await runtime().sendMessage({ type: 'site-hosts' });
    if (isSiteHostsReply(reply) && reply.ok)
      return { systems: new Map(Object.entries(reply.hosts)), refHosts: new Set(reply.refHosts) };
    console.warn('[liaison] site-hosts: the background sent no hosts');
  } catch (error) {
    console.warn('[liaison] site-hosts: no answer from the background', error);
  }
  return { systems: new Map(), refHosts: new Set() };
}

/**
 * A page's subject as DESIGN.md spells it: on the pages of a second Jira or ServiceNow (a system whose references
 * carry their connection's host), `jira:KEY` is `jira:HOST/KEY` (site adapters read the key from the page, not
 * which connection the host is).
 */
export function subjectOnHost(subject: string, host: string, refHosts: ReadonlySet<string>): string {
  const ref = parseRef(subject);
  const tag = host.toLowerCase();
  if (!ref || !refHosts.has(tag)) return subject;
  // Such a system's references all may carry a host (its grammar's `hostTags`).
  if (grammarOf(ref.system)?.hostTags === 'connection' && !ref.host)
    return formatRef({ ...ref, host: tag } as typeof ref);
  return subject;
}
