import { grammarOf, grammarOfScheme, type Ref, type System } from './systems';

export type { Ref } from './systems';

/**
 * References: the canonical string of every item Liaison can point at (DESIGN.md, "References"): the system's id,
 * a colon, and a body each system's grammar defines (src/systems/<id>/grammar.ts):
 *   github:octo/repo#12            github:ghe.acme.com/octo/repo#12
 *   github:octo/repo@1a2b3c4…      (a commit: what a commit URL names; lower-case hex, as long as it was given)
 *   jira:ABC-123                   jira:jira.acme.com/ABC-123      (a connection other than the first)
 *   servicenow:INC0012345          servicenow:other.service-now.com/INC0012345
 *   zendesk:acme/4711              (always the subdomain)
 *   zendesk-hc:acme/360001234567   (a Zendesk Help Center article: a grammar's other `schemes`)
 * `parseRef(formatRef(ref))` gives the ref back (hosts, owners and hex lower-cased, keys upper-cased), and
 * `formatRef(parseRef(s))` is `s` for every canonical `s`.
 */

/** A host as refs carry it: DNS name or IPv4, optional port (for the systems' patterns). */
export const refHostPattern = '[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\\d{1,5})?';
/** Issue, PR and ticket numbers: positive integers (safe ones are checked by each grammar). */
export const positiveNumberPattern = '[1-9]\\d{0,15}';

/** `host/` as a reference body starts with it, or '' without a host. */
export const hostTag = (host: string | undefined): string => (host ? `${host.toLowerCase()}/` : '');
/** `{host}` lower-cased, or nothing: for building references. */
export const withHost = (host: string | undefined): { host?: string } =>
  host ? { host: host.toLowerCase() } : {};

export function formatRef(ref: Ref): string {
  const grammar = grammarOf(ref.system);
  if (!grammar) throw new Error(`[liaison] no system "${ref.system}" is registered`);
  return `${grammar.schemeOf?.(ref) ?? ref.system}:${grammar.format(ref)}`;
}

export function parseRef(text: string): Ref | undefined {
  const colon = text.indexOf(':');
  if (colon < 1) return undefined;
  const scheme = text.slice(0, colon).toLowerCase();
  return grammarOfScheme(scheme)?.parse(text.slice(colon + 1), scheme);
}

/** Canonicalises a reference string (lower-cases owners, upper-cases keys); undefined when it is not one. */
export function canonicalRef(text: string): string | undefined {
  const ref = parseRef(text);
  return ref ? formatRef(ref) : undefined;
}

export const systemOfRef = (canonical: string): System | undefined => parseRef(canonical)?.system;

/** The name people use for an item: SHOP-101, INC0010001, acme/shop-api#42, acme/shop-api@1a2b3c4, #4711. */
export function displayKey(ref: Ref): string {
  return grammarOf(ref.system)?.displayKey(ref) ?? formatRef(ref);
}
