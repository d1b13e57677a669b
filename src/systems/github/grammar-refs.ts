import { hostTag, positiveNumberPattern, refHostPattern } from '../../core/refs';
import type { RefGrammar } from '../../core/systems';
import { GITHUB_COM, githubRef } from './refs';

/**
 * GitHub's references as a page needs them (issue 15): read, written, named, linked. The text and URL passes that
 * find them are in ./grammar.ts, which the background loads.
 */

const bodyPattern = new RegExp(
  `^(?:(${refHostPattern})\\/)?([\\w.-]+)\\/([\\w.-]+)(?:#(${positiveNumberPattern})|@([0-9a-f]{7,64}))$`,
  'i',
);

export const githubRefGrammar: RefGrammar<'github'> = {
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
};
