/**
 * GitHub's release pages, by their address (pure: the site adapter and the provider both read them).
 * - A release: `/OWNER/REPO/releases/tag/TAG` (a tag may hold slashes: `release/2026-03`).
 * - A compare of two refs: `/OWNER/REPO/compare/BASE...HEAD` or `BASE..HEAD` (github-url-detection's `isCompare`,
 *   refined-github/github-url-detection `index.ts` @ 02daa6a0, August 2026: `…/compare/master...branch-name`).
 *   A compare naming one ref (`/compare/branch`) or opened to create a pull request (`?quick_pull=1`,
 *   `?expand=1`: its `isQuickPR`) is no release and is left alone.
 */
export type GithubReleasePage =
  | { kind: 'release'; owner: string; repo: string; tag: string }
  | { kind: 'compare'; owner: string; repo: string; base: string; head: string };

export const releaseTagPath = /^\/([\w.-]+)\/([\w.-]+)\/releases\/tag\/(.+)$/;
export const comparePath = /^\/([\w.-]+)\/([\w.-]+)\/compare\/(.+?)(\.{2,3})(.+?)\/?$/;
const quickPull = /[?&](?:quick_pull|expand)=1(?:&|$)/;

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function githubReleasePage(url: URL): GithubReleasePage | undefined {
  const release = releaseTagPath.exec(url.pathname);
  if (release) {
    const [, owner = '', repo = '', tag = ''] = release;
    const name = decoded(tag);
    return name ? { kind: 'release', owner, repo, tag: name } : undefined;
  }
  const compare = comparePath.exec(url.pathname);
  if (!compare || quickPull.test(url.search)) return undefined;
  const [, owner = '', repo = '', base = '', , head = ''] = compare;
  const b = decoded(base);
  const h = decoded(head);
  // A ref never starts or ends with a dot (git check-ref-format), so `a....b` is no compare of two refs.
  if (!b || !h || /^\.|\.$/.test(b) || /^\.|\.$/.test(h)) return undefined;
  return { kind: 'compare', owner, repo, base: b, head: h };
}
