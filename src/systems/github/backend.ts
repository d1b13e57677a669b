import { z } from 'zod';
import { type SystemBackend, settingsSection } from '../backend';
import { GITHUB_COM } from './grammar';
import { createGithubProvider } from './provider';
import { scopeEntrySchema } from './scope';
import { createGithubWriter } from './writes';

/** `settings.github`, read here until settings.ts declares it (unknown fields are kept, DESIGN.md contract 2). */
const sectionSchema = z.looseObject({
  searchQualifiers: z.string().optional(),
  /**
   * Where GitHub reverse lookups search, per GitHub connection id (a list alone applies to every one);
   * absent or empty: learned from the token (github/scope.ts).
   */
  searchScope: z
    .union([z.array(scopeEntrySchema).max(100), z.record(z.string(), z.array(scopeEntrySchema).max(100))])
    .optional(),
});

export const githubBackend: SystemBackend<'github'> = {
  createProvider(base, settings) {
    const github = settingsSection(settings, 'github', sectionSchema);
    const scope = github?.searchScope;
    const searchScope = Array.isArray(scope) ? scope : scope?.[base.connection.id];
    return createGithubProvider({
      ...base,
      ...(github?.searchQualifiers ? { searchQualifiers: github.searchQualifiers } : {}),
      ...(searchScope?.length ? { searchScope } : {}),
    });
  },

  // Comments on issues and pull requests (issue 14): asked only for a connection with `"write": true`.
  createWriter: (base) => createGithubWriter(base),

  mentions: {
    // A number's kind is not known before it is fetched: its URL is the pull request's (`sameSearch` in
    // mentions.ts tells whether the item turned out to be searched for as it is). Commits are not searched for.
    target: (ref, base) =>
      ref.number === undefined
        ? undefined
        : {
            key: `${ref.owner}/${ref.repo}#${ref.number}`,
            url: `${base}/${ref.owner}/${ref.repo}/pull/${ref.number}`,
          },
    matchBy: 'ref',
    searchBy: ['key', 'url'],
    // A reference field holds a pull request as its URL.
    fieldValue: (target) => target.url,
  },

  extractOptions({ connections, providers }) {
    const githubHosts = [GITHUB_COM];
    for (const c of connections) {
      const host = new URL(c.baseUrl).host.toLowerCase();
      if (!githubHosts.includes(host)) githubHosts.push(host);
    }
    // `owner/repo#12` is github.com's unless only Enterprise is connected.
    const short =
      providers.length > 0 && providers.every((p) => p.refHost) ? providers[0]?.refHost : undefined;
    return { githubHosts, ...(short ? { githubShortHost: short } : {}) };
  },

  discovery: { searchScope: (found) => found.githubSearchScope },

  // On a GitHub item's tab, `#12` is also that repository's #12.
  bareNumbers: {
    order: 20,
    refs: (id, near) =>
      near?.system === 'github'
        ? [
            {
              system: 'github',
              ...(near.host ? { host: near.host } : {}),
              owner: near.owner,
              repo: near.repo,
              number: id,
            },
          ]
        : [],
  },

  // Search allows 30 requests a minute: spending it must not stop the GraphQL and REST reads.
  quotaBucket(url) {
    const path = url.pathname;
    if (/\/search\/code$/.test(path)) return 'code_search';
    if (/\/search\//.test(path)) return 'search';
    if (/\/graphql$/.test(path)) return 'graphql';
    return 'core';
  },
};
