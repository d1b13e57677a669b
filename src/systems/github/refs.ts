import { formatRef, withHost } from '../../core/refs';

/** GitHub's references: pull requests and issues by number, commits by hash, on github.com or an Enterprise host. */
export type GithubRef =
  | { system: 'github'; host?: string; owner: string; repo: string; number: number; sha?: undefined }
  | { system: 'github'; host?: string; owner: string; repo: string; sha: string; number?: undefined };

declare module '../../core/systems' {
  interface RefShapes {
    github: GithubRef;
  }
}

export const GITHUB_COM = 'github.com';
export const GITHUB = 'github';

/** A pull request, issue or commit reference; github.com's carry no host. */
export function githubRef(
  host: string | undefined,
  owner: string,
  repo: string,
  item: { number: number } | { sha: string },
): GithubRef {
  const h = host?.toLowerCase();
  const where = { system: 'github', ...withHost(h === GITHUB_COM ? undefined : h), owner, repo } as const;
  return 'sha' in item ? { ...where, sha: item.sha.toLowerCase() } : { ...where, number: item.number };
}

/** The canonical reference of a pull request or issue. */
export const githubItemRef = (
  host: string | undefined,
  owner: string,
  repo: string,
  number: number,
): string => formatRef(githubRef(host, owner, repo, { number }));

/** `Ref` narrowed to GitHub's, or undefined. */
export const asGithubRef = (ref: { system: string } | undefined): GithubRef | undefined =>
  ref?.system === 'github' ? (ref as GithubRef) : undefined;
