import type { System } from './settings';

/**
 * References: the canonical string of every item Liaison can point at (DESIGN.md, "References").
 *   github:octo/repo#12            github:ghe.acme.com/octo/repo#12
 *   github:octo/repo@1a2b3c4…      (a commit: what a commit URL names; lower-case hex, as long as it was given)
 *   jira:ABC-123                   jira:jira.acme.com/ABC-123      (a connection other than the first)
 *   servicenow:INC0012345          servicenow:other.service-now.com/INC0012345
 *   zendesk:acme/4711              (always the subdomain)
 * `parseRef(formatRef(ref))` gives the ref back (hosts, owners and hex lower-cased, keys upper-cased), and
 * `formatRef(parseRef(s))` is `s` for every canonical `s`.
 */

export type GithubRef =
  | { system: 'github'; host?: string; owner: string; repo: string; number: number; sha?: undefined }
  | { system: 'github'; host?: string; owner: string; repo: string; sha: string; number?: undefined };

export type Ref =
  | GithubRef
  | { system: 'jira'; host?: string; key: string }
  | { system: 'servicenow'; host?: string; number: string }
  | { system: 'zendesk'; subdomain: string; id: number };

const hostTag = (host: string | undefined) => (host ? `${host.toLowerCase()}/` : '');

export function formatRef(ref: Ref): string {
  switch (ref.system) {
    case 'github': {
      const host = ref.host?.toLowerCase() === 'github.com' ? '' : hostTag(ref.host);
      const item = ref.sha !== undefined ? `@${ref.sha.toLowerCase()}` : `#${ref.number}`;
      return `github:${host}${ref.owner.toLowerCase()}/${ref.repo.toLowerCase()}${item}`;
    }
    case 'jira':
      return `jira:${hostTag(ref.host)}${ref.key.toUpperCase()}`;
    case 'servicenow':
      return `servicenow:${hostTag(ref.host)}${ref.number.toUpperCase()}`;
    case 'zendesk':
      return `zendesk:${ref.subdomain.toLowerCase()}/${ref.id}`;
  }
}

/** A host as refs carry it: DNS name or IPv4, optional port. */
const host = '[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\\d{1,5})?';
/** Issue, PR and ticket numbers: positive integers (and, checked below, safe ones: they live in JS numbers). */
const positive = '[1-9]\\d{0,15}';
const githubRefPattern = new RegExp(
  `^github:(?:(${host})\\/)?([\\w.-]+)\\/([\\w.-]+)(?:#(${positive})|@([0-9a-f]{7,64}))$`,
  'i',
);
const jiraRefPattern = new RegExp(`^jira:(?:(${host})\\/)?([A-Z][A-Z0-9_]+-\\d+)$`, 'i');
const servicenowRefPattern = new RegExp(`^servicenow:(?:(${host})\\/)?([A-Z]+\\d+)$`, 'i');
const zendeskRefPattern = new RegExp(`^zendesk:([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\\/(${positive})$`, 'i');

const withHost = (h: string | undefined) => (h ? { host: h.toLowerCase() } : {});

export function parseRef(text: string): Ref | undefined {
  let m = githubRefPattern.exec(text);
  if (m) {
    const [, h, owner = '', repo = '', n, sha] = m;
    const where = { system: 'github', ...withHost(h === 'github.com' ? undefined : h), owner, repo } as const;
    if (sha) return { ...where, sha: sha.toLowerCase() };
    return Number.isSafeInteger(Number(n)) ? { ...where, number: Number(n) } : undefined;
  }
  m = jiraRefPattern.exec(text);
  if (m) return { system: 'jira', ...withHost(m[1]), key: (m[2] ?? '').toUpperCase() };
  m = servicenowRefPattern.exec(text);
  if (m) return { system: 'servicenow', ...withHost(m[1]), number: (m[2] ?? '').toUpperCase() };
  m = zendeskRefPattern.exec(text);
  if (m && Number.isSafeInteger(Number(m[2])))
    return { system: 'zendesk', subdomain: (m[1] ?? '').toLowerCase(), id: Number(m[2]) };
  return undefined;
}

/** Canonicalises a reference string (lower-cases owners, upper-cases keys); undefined when it is not one. */
export function canonicalRef(text: string): string | undefined {
  const ref = parseRef(text);
  return ref ? formatRef(ref) : undefined;
}

export const systemOfRef = (canonical: string): System | undefined => parseRef(canonical)?.system;

/** The name people use for an item: SHOP-101, INC0010001, acme/shop-api#42, acme/shop-api@1a2b3c4, #4711. */
export function displayKey(ref: Ref): string {
  switch (ref.system) {
    case 'github':
      return ref.sha !== undefined
        ? `${ref.owner}/${ref.repo}@${ref.sha.slice(0, 7)}`
        : `${ref.owner}/${ref.repo}#${ref.number}`;
    case 'jira':
      return ref.key;
    case 'servicenow':
      return ref.number;
    case 'zendesk':
      return `#${ref.id}`;
  }
}
