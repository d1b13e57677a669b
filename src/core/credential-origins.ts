import { apiRoot, type Connection, type Endpoints } from './settings';
import { isSameSite, originOf } from './urls';

/**
 * A saved secret belongs to the origins it was entered for: the connection's site and its API. An import or an
 * edit that moves either elsewhere must not carry the secret along, or the next request would hand the token to
 * a host the user never gave it to (a crafted settings file keeping the id `github` but naming another host).
 */

/** The API root, or undefined when the base URL is not a URL at all (a value being typed, a malformed one). */
function apiRootOf(endpoints: Endpoints): string | undefined {
  try {
    return apiRoot(endpoints);
  } catch {
    return undefined;
  }
}

/**
 * Why a secret saved for `before` may not be used for `after`, as the sentence to show; undefined when both its
 * site and its API keep their origins. `secret` names it as the form does ("token", "API token", "password").
 */
export function secretNotKept(before: Endpoints, after: Endpoints, secret = 'token'): string | undefined {
  const pairs: [string | undefined, string | undefined][] = [
    [before.baseUrl, after.baseUrl],
    [apiRootOf(before), apiRootOf(after)],
  ];
  for (const [was, now] of pairs) {
    const from = was === undefined ? undefined : originOf(was);
    const to = now === undefined ? undefined : originOf(now);
    if (from !== undefined && from === to) continue;
    return `The URL changed from ${from ?? was ?? 'none'} to ${to ?? now ?? 'none'}, so the saved ${secret} was not kept: enter it again.`;
  }
  return undefined;
}

/**
 * The origin of a connection's API when it is on another site than the connection itself (`ghe.acme.com` with
 * `api.other.com`): the credentials would leave the site the user connected, so that takes a confirmation.
 * github.com with api.github.com, and every default API root, is the same site and needs none.
 */
export function crossSiteApiOrigin(endpoints: Endpoints): string | undefined {
  const root = apiRootOf(endpoints);
  if (root === undefined || originOf(endpoints.baseUrl) === undefined) return undefined;
  if (isSameSite(endpoints.baseUrl, root)) return undefined;
  return originOf(root);
}

/** A cross-site API origin the user has not confirmed (`apiOriginConfirmed`): no credential may go there. */
export function unconfirmedApiOrigin(connection: Connection): string | undefined {
  const origin = crossSiteApiOrigin(connection);
  return origin !== undefined && connection.apiOriginConfirmed !== origin ? origin : undefined;
}
