/**
 * Rules about the URLs credentials are sent to, as pure functions of the URL: https only, and which hosts count
 * as the same site. Plain loopback http is allowed so a developer can point a connection at a local server.
 */

// URL.hostname keeps the brackets of an IPv6 address.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const parse = (text: string): URL | undefined => {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
};

/** An https:// URL, or an http:// one on this machine (localhost, 127.0.0.1, [::1]). */
export function isSecureUrl(text: string): boolean {
  const url = parse(text);
  if (!url) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

/** `https://host[:port]` of a URL, or undefined when it is not one. */
export const originOf = (text: string): string | undefined => parse(text)?.origin;

/**
 * Is `other` on the same site as `home`: the same host, or a subdomain of it (github.com → api.github.com)?
 * Stricter than "same registrable domain" on purpose: without the public suffix list (a 100 KB download to keep
 * current) a sibling host (ghe.acme.com → api.acme.com) cannot be told from one on a shared suffix
 * (acme.herokuapp.com → evil.herokuapp.com), so a sibling asks the user once instead of being trusted.
 */
export function isSameSite(home: string, other: string): boolean {
  const a = parse(home)?.hostname.toLowerCase();
  const b = parse(other)?.hostname.toLowerCase();
  if (!a || !b) return false;
  return a === b || b.endsWith(`.${a}`);
}
