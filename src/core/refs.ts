import type { System } from './settings';

/**
 * References: the canonical string of every item Liaison can point at (DESIGN.md, "References").
 *   github:octo/repo#12            github:ghe.acme.com/octo/repo#12
 *   jira:ABC-123                   jira:jira.acme.com/ABC-123      (a connection other than the first)
 *   servicenow:INC0012345          servicenow:other.service-now.com/INC0012345
 *   zendesk:acme/4711              (always the subdomain)
 */

export type Ref =
  | { system: 'github'; host?: string; owner: string; repo: string; number: number }
  | { system: 'jira'; host?: string; key: string }
  | { system: 'servicenow'; host?: string; number: string }
  | { system: 'zendesk'; subdomain: string; id: number };

export function formatRef(ref: Ref): string {
  switch (ref.system) {
    case 'github': {
      const host = ref.host && ref.host !== 'github.com' ? `${ref.host.toLowerCase()}/` : '';
      return `github:${host}${ref.owner.toLowerCase()}/${ref.repo.toLowerCase()}#${ref.number}`;
    }
    case 'jira':
      return `jira:${ref.host ? `${ref.host.toLowerCase()}/` : ''}${ref.key.toUpperCase()}`;
    case 'servicenow':
      return `servicenow:${ref.host ? `${ref.host.toLowerCase()}/` : ''}${ref.number.toUpperCase()}`;
    case 'zendesk':
      return `zendesk:${ref.subdomain.toLowerCase()}/${ref.id}`;
  }
}

const githubRefPattern = /^github:(?:([a-z0-9.-]+\.[a-z]{2,}(?::\d+)?)\/)?([\w.-]+)\/([\w.-]+)#(\d+)$/i;
const jiraRefPattern = /^jira:(?:([a-z0-9.-]+(?::\d+)?)\/)?([A-Z][A-Z0-9_]+-\d+)$/i;
const servicenowRefPattern = /^servicenow:(?:([a-z0-9.-]+(?::\d+)?)\/)?([A-Z]+\d+)$/i;
const zendeskRefPattern = /^zendesk:([a-z0-9-]+)\/(\d+)$/i;

export function parseRef(text: string): Ref | undefined {
  let m = githubRefPattern.exec(text);
  if (m) {
    const [, host, owner = '', repo = '', n = ''] = m;
    return {
      system: 'github',
      ...(host ? { host: host.toLowerCase() } : {}),
      owner,
      repo,
      number: Number(n),
    };
  }
  m = jiraRefPattern.exec(text);
  if (m)
    return { system: 'jira', ...(m[1] ? { host: m[1].toLowerCase() } : {}), key: (m[2] ?? '').toUpperCase() };
  m = servicenowRefPattern.exec(text);
  if (m) {
    return {
      system: 'servicenow',
      ...(m[1] ? { host: m[1].toLowerCase() } : {}),
      number: (m[2] ?? '').toUpperCase(),
    };
  }
  m = zendeskRefPattern.exec(text);
  if (m) return { system: 'zendesk', subdomain: (m[1] ?? '').toLowerCase(), id: Number(m[2]) };
  return undefined;
}

/** Canonicalises a reference string (lower-cases owners, upper-cases keys); undefined when it is not one. */
export function canonicalRef(text: string): string | undefined {
  const ref = parseRef(text);
  return ref ? formatRef(ref) : undefined;
}

export const systemOfRef = (canonical: string): System | undefined => parseRef(canonical)?.system;

/** The name people use for an item: SHOP-101, INC0010001, acme/shop-api#42, #4711. */
export function displayKey(ref: Ref): string {
  switch (ref.system) {
    case 'github':
      return `${ref.owner}/${ref.repo}#${ref.number}`;
    case 'jira':
      return ref.key;
    case 'servicenow':
      return ref.number;
    case 'zendesk':
      return `#${ref.id}`;
  }
}
