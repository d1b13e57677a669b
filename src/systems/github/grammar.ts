import { matchFind } from '../../core/extract';
import { type ExtractOptions, perOptions } from '../../core/extract-options';
import type { SystemGrammar, UrlParts } from '../../core/systems';
import { githubRefGrammar } from './grammar-refs';
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

/** GitHub's whole grammar: the reference part (./grammar-refs.ts) and the passes that find references. */
export const githubGrammar: SystemGrammar<'github'> = {
  ...githubRefGrammar,
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
