/**
 * What a GitHub token may write, from what GitHub says in headers (docs/write-back-research.md §2.1):
 * - classic tokens: `X-OAuth-Scopes` on every answer lists the token's scopes; a comment needs `repo`, or
 *   `public_repo` on public repositories (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps);
 * - fine-grained tokens: no header lists what they may do; an answer to them carries
 *   `X-Accepted-GitHub-Permissions`, what that endpoint needs (`issues=write; pull_requests=write`, `;` between
 *   alternatives, changelog 2023-08-10), which is how a refused write names the fix.
 */

/** The scopes a classic token has, or undefined when the answer had no `X-OAuth-Scopes` (a fine-grained token). */
export function oauthScopes(headers: Headers): Set<string> | undefined {
  const header = headers.get('x-oauth-scopes');
  if (header === null) return undefined;
  return new Set(
    header
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** Whether classic scopes let the token comment: on every repository it sees, on public ones only, or not at all. */
export function commentScope(scopes: ReadonlySet<string>): 'all' | 'public' | 'none' {
  if (scopes.has('repo')) return 'all';
  return scopes.has('public_repo') ? 'public' : 'none';
}

/** GitHub's permission names as its settings page shows them. */
const permissionNames: Record<string, string> = {
  issues: 'Issues',
  pull_requests: 'Pull requests',
  contents: 'Contents',
  metadata: 'Metadata',
};

const permissionName = (id: string) =>
  permissionNames[id] ?? `${id.charAt(0).toUpperCase()}${id.slice(1).replace(/_/g, ' ')}`;

/**
 * `X-Accepted-GitHub-Permissions` for people: "Issues: write and Pull requests: write". Every permission of every
 * alternative is named: a token with only Issues: write has been refused on a pull request's comments
 * (actions/github-script#323), so asking for all is what works. Undefined when the header is absent or empty.
 */
export function acceptedPermissions(headers: Headers): string | undefined {
  const header = headers.get('x-accepted-github-permissions');
  if (!header) return undefined;
  const needs = new Map<string, string>();
  for (const part of header.split(/[;,]/).slice(0, 20)) {
    const [id, level] = part.split('=').map((s) => s.trim().toLowerCase());
    if (!id || !/^[a-z_]{1,40}$/.test(id) || !level || !/^[a-z]{1,10}$/.test(level)) continue;
    // The strongest level asked for a permission is the one to grant.
    if (needs.get(id) !== 'admin' && needs.get(id) !== 'write') needs.set(id, level);
  }
  const named = [...needs].map(([id, level]) => `${permissionName(id)}: ${level}`);
  if (named.length === 0) return undefined;
  return named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

export const fineGrainedNeeds = 'Issues: write and Pull requests: write';
