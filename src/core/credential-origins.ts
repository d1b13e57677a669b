import { apiRoot, type Endpoints } from './settings';
import { originOf } from './urls';

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
