import { matchFind } from '../../core/extract';
import { type ExtractOptions, perOptions } from '../../core/extract-options';
import { hostTag, positiveNumberPattern, refHostPattern } from '../../core/refs';
import type { SystemGrammar, UrlParts } from '../../core/systems';
import { GITHUB_COM, githubRef } from './refs';

export { asGithubRef, GITHUB_COM, type GithubRef, githubItemRef, githubRef } from './refs';

declare module '../../core/extract-options' {
  interface ExtractOptions {
    /** GitHub hosts whose URLs count (github.com and configured Enterprise hosts). Default: github.com. */
    githubHosts?: readonly string[];
    /** The host `owner/repo#12` belongs to when no github.com is connected (one Enterprise host). */
    githubShortHost?: string;
  }
}

const bodyPattern = new RegExp(
  `^(?:(${refHostPattern})\\/)?([\\w.-]+)\\/([\\w.-]+)(?:#(${positiveNumberPattern})|@([0-9a-f]{7,64}))$`,
  'i',
);

const itemPath =
  /^\/([A-Za-z0-9][\w.-]*)\/([\w.-]+)\/(?:(?:pull|issues)\/([1-9]\d{0,9})|commit\/([0-9a-f]{7,64}))(?=$|[/?#.])/i;

const shortRef = /(?<![\w/.@-])([A-Za-z0-9][A-Za-z0-9_-]{0,38})\/([\w.-]{1,100})#([1-9]\d{0,9})(?![\w#])/g;

const githubHosts = perOptions(
  (options): ReadonlySet<string> =>
    new Set((options.githubHosts ?? [GITHUB_COM]).map((h) => h.toLowerCase())),
);

function findInUrl({ host, path }: UrlParts, options: ExtractOptions) {
  const h = host === 'www.github.com' ? GITHUB_COM : host;
  if (!githubHosts(options).has(h)) return undefined;
  const m = itemPath.exec(path);
  if (!m) return undefined;
  const [, owner = '', repo = '', number, sha] = m;
  return { ref: githubRef(h, owner, repo, sha ? { sha } : { number: Number(number) }) };
}

export const githubGrammar: SystemGrammar<'github'> = {
  id: 'github',
  name: 'GitHub',
  hostTags: 'site',
  publicHost: GITHUB_COM,
  parse(body) {
    const m = bodyPattern.exec(body);
    if (!m) return undefined;
    const [, h, owner = '', repo = '', n, sha] = m;
    if (sha) return githubRef(h, owner, repo, { sha });
    return Number.isSafeInteger(Number(n)) ? githubRef(h, owner, repo, { number: Number(n) }) : undefined;
  },
  format(ref) {
    const host = ref.host?.toLowerCase() === GITHUB_COM ? '' : hostTag(ref.host);
    const item = ref.sha !== undefined ? `@${ref.sha.toLowerCase()}` : `#${ref.number}`;
    return `${host}${ref.owner.toLowerCase()}/${ref.repo.toLowerCase()}${item}`;
  },
  displayKey: (ref) =>
    ref.sha !== undefined
      ? `${ref.owner}/${ref.repo}@${ref.sha.slice(0, 7)}`
      : `${ref.owner}/${ref.repo}#${ref.number}`,
  // A number alone does not say pull request or issue; the panels are mostly about pull requests.
  nounBeforeKnown: (ref) => (ref.number !== undefined ? 'PR ' : ''),
  itemUrl(ref, baseUrl) {
    const base = baseUrl.replace(/\/+$/, '');
    const path = encodeURIComponent;
    // GitHub answers /issues/N of a pull request with a redirect to /pull/N.
    return ref.sha !== undefined
      ? `${base}/${path(ref.owner)}/${path(ref.repo)}/commit/${ref.sha}`
      : `${base}/${path(ref.owner)}/${path(ref.repo)}/issues/${ref.number}`;
  },
  // DESIGN.md contract 2: github.com's API is api.github.com, an Enterprise Server's /api/v3.
  defaultApiRoot: (baseUrl) =>
    new URL(baseUrl).host === GITHUB_COM ? 'https://api.github.com' : `${baseUrl}/api/v3`,
  groupOrder: 40,
  issuesAreWork: true,
  holdsCode: true,
  // github.com's page scripts are GitHub's own: its pages are served whether or not GitHub itself is connected.
  alwaysServedHosts: [GITHUB_COM],
  urls: { order: 10, find: findInUrl },
  textPasses: [
    {
      order: 10,
      find(text, options) {
        const host = options.githubShortHost;
        return [...text.matchAll(shortRef)].map((m) =>
          matchFind(githubRef(host, m[1] ?? '', m[2] ?? '', { number: Number(m[3]) }), m),
        );
      },
    },
  ],
};
