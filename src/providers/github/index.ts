import type { Item } from '../../core/model';
import { parseRef, type Ref } from '../../core/refs';
import { apiRoot, githubGraphqlUrl } from '../../core/settings';
import { SourceFailure, schemaFailure } from '../errors';
import { createHttpClient } from '../http';
import { dedupeLinks, pointingAt, searchTerms, verifiedMentions } from '../mentions';
import { intOption, requireConnection, transportOptions } from '../options';
import { chunk, type Found, type LookupContext, type Provider, type ProviderOptions } from '../provider';
import { newestFirst } from '../text-search';
import { mapNode, nodeLinks, splitRepo } from './mapping';
import { batchQuery, type RepoItemRef } from './query';
import { type PullRelease, releasesContaining } from './releases';
import {
  graphqlResponseSchema,
  type ItemNode,
  type SearchItem,
  searchResponseSchema,
  userSchema,
} from './schemas';
import { searchQueries } from './search';
import { mapSearchItem, textSearchQueries } from './text-search';

export type { PullRelease, ReleaseInfo } from './releases';

export interface GithubOptions extends ProviderOptions {
  /**
   * Qualifiers added to reverse-lookup searches, e.g. `org:acme`. Default: none (everything the token sees).
   */
  searchQualifiers?: string;
  /** PRs and issues per GraphQL request (each is one alias). Default 50, at most 100. */
  batchSize?: number;
  /**
   * Releases listed per repository when looking for the one that shipped a merge. Default 20, at most 100.
   */
  releasesPerRepo?: number;
  /** Compare requests per merged PR at most. Default 6. */
  maxCompares?: number;
}

export interface GithubProvider extends Provider {
  readonly system: 'github';
  /** For merged PRs: the first GitHub release whose tag contains the merge commit. */
  releasesContaining(pulls: Item[], signal?: AbortSignal): Promise<PullRelease[]>;
}

const factory = 'createGithubProvider';
const searchPageSize = 100; // per_page at most 100
const maxSearchPages = 10; // search answers at most the first 1,000 results
const normalHost = (host: string | undefined) =>
  !host || host === 'github.com' ? undefined : host.toLowerCase();

export function createGithubProvider(options: GithubOptions): GithubProvider {
  const connection = requireConnection(options, 'github', factory);
  const refHost = normalHost(options.refHost);
  const batchSize = intOption(factory, 'batchSize', options.batchSize, 50, 1, 100);
  const releasesPerRepo = intOption(factory, 'releasesPerRepo', options.releasesPerRepo, 20, 1, 100);
  const maxCompares = intOption(factory, 'maxCompares', options.maxCompares, 6, 1, 20);
  if (options.searchQualifiers !== undefined && typeof options.searchQualifiers !== 'string') {
    throw new Error(`${factory}: options.searchQualifiers must be a string like "org:acme"`);
  }
  const qualifiers = options.searchQualifiers?.trim() ?? '';
  const transport = { system: 'github' as const, auth: connection.auth, ...transportOptions(options) };
  const rest = createHttpClient({ ...transport, baseUrl: apiRoot(connection) });
  // The GraphQL endpoint is not under the REST root on Enterprise Server (/api/graphql beside /api/v3).
  const graphqlUrl = githubGraphqlUrl(connection);
  const cut = graphqlUrl.lastIndexOf('/');
  const graphql = createHttpClient({ ...transport, baseUrl: graphqlUrl.slice(0, cut) });
  const graphqlPath = graphqlUrl.slice(cut + 1);

  async function fetchNodes(refs: RepoItemRef[], signal?: AbortSignal): Promise<ItemNode[]> {
    const nodes: ItemNode[] = [];
    for (const part of chunk(refs, batchSize)) {
      const { query, aliases } = batchQuery(part);
      const body = await graphql.post(graphqlPath, { query }, graphqlResponseSchema, {
        read: true,
        ...(signal ? { signal } : {}),
      });
      const { data, errors = [] } = body;
      // Errors are per alias (NOT_FOUND for a missing repo or number); only a response without data is fatal.
      if (!data) {
        const message = errors[0]?.message;
        if (!message) throw schemaFailure('github', graphql.host, 'response', 'data', 'missing');
        const sentence = `GitHub (${graphql.host}) rejected the query: ${message}`;
        throw new SourceFailure('github', graphql.host, 'unknown', sentence);
      }
      for (const alias of aliases.keys()) {
        const [repoAlias = '', itemAlias = ''] = alias.split('.');
        const node = data[repoAlias]?.[itemAlias];
        if (node && typeof node === 'object' && '__typename' in node) nodes.push(node);
      }
    }
    return nodes;
  }

  /**
   * Every hit of one search, page by page (100 a page; search answers at most 1,000 results), so an OR-ed
   * query with many hits loses none of them.
   */
  async function searchAll(q: string, signal?: AbortSignal): Promise<SearchItem[]> {
    const items: SearchItem[] = [];
    for (let page = 1; page <= maxSearchPages; page++) {
      const result = await rest.get('/search/issues', searchResponseSchema, {
        searchParams: page === 1 ? { q, per_page: searchPageSize } : { q, per_page: searchPageSize, page },
        ...(signal ? { signal } : {}),
      });
      items.push(...result.items);
      if (result.items.length < searchPageSize || items.length >= result.total_count) break;
    }
    return items;
  }

  function toFound(nodes: ItemNode[], context: LookupContext): Found {
    const items = nodes.map((node) => mapNode(node, refHost));
    const links = nodes.flatMap((node, i) => {
      const item = items[i];
      return item ? nodeLinks(node, item, context.extract, refHost) : [];
    });
    return { items, links };
  }

  const owns = (ref: Ref) => ref.system === 'github' && normalHost(ref.host) === refHost;

  return {
    system: 'github',
    connection,
    refHost,
    owns,

    async fetchItems(refs, context): Promise<Found> {
      const wanted = new Map<string, RepoItemRef>();
      for (const ref of refs) {
        // Commits (github:owner/repo@sha, from commit URLs) are not items this provider reads yet.
        if (ref.system !== 'github' || ref.sha !== undefined || !owns(ref)) continue;
        wanted.set(`${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase(), ref);
      }
      if (wanted.size === 0) return { items: [], links: [] };
      return toFound(await fetchNodes([...wanted.values()], context.signal), context);
    },

    async findReferencing(targets, context): Promise<Found> {
      // GitHub-to-GitHub links come from the items themselves (closing references, mentions), not from
      // search.
      const others = targets.filter((t) => t.system !== 'github');
      const terms = [...new Set(others.flatMap(searchTerms))];
      if (terms.length === 0) return { items: [], links: [] };
      const hits = new Map<string, { ref: RepoItemRef; title: string; body: string }>();
      // Terms are OR-ed, at most six to a query (five operators, 256 characters: search.ts); the hits are
      // verified below against the title and body, so the search looks only there.
      for (const q of searchQueries(terms, `is:pr in:title,body ${qualifiers}`.trim())) {
        for (const hit of await searchAll(q, context.signal)) {
          const { owner, repo } = splitRepo(hit.repository_url.split('/repos/')[1] ?? '');
          if (!owner || !repo) continue;
          const key = `${owner}/${repo}#${hit.number}`.toLowerCase();
          hits.set(key, { ref: { owner, repo, number: hit.number }, title: hit.title, body: hit.body ?? '' });
        }
      }
      // Search matches loosely; keep only PRs whose text names a target, then read them in full (one GraphQL
      // call).
      const verified = [...hits.values()].filter(
        (h) =>
          verifiedMentions('', [{ text: `${h.title}\n${h.body}`, where: 'text' }], others, context.extract)
            .length > 0,
      );
      if (verified.length === 0) return { items: [], links: [] };
      const nodes = await fetchNodes(
        verified.map((h) => h.ref),
        context.signal,
      );
      const found = toFound(nodes, context);
      const checked = nodes.flatMap((node, i) => {
        const item = found.items[i];
        if (!item) return [];
        const texts = [
          { text: node.title, where: 'title' },
          { text: node.body ?? undefined, where: 'description' },
        ];
        return verifiedMentions(item.ref, texts, others, context.extract);
      });
      return pointingAt(found.items, dedupeLinks([...found.links, ...checked]), others);
    },

    async search(text, { limit, signal }) {
      const pages = await Promise.all(
        textSearchQueries(text, qualifiers).map((q) =>
          rest.get('/search/issues', searchResponseSchema, {
            searchParams: { q, sort: 'updated', order: 'desc', per_page: limit },
            ...(signal ? { signal } : {}),
          }),
        ),
      );
      const items = pages.flatMap((page) => page.items.flatMap((hit) => mapSearchItem(hit, refHost) ?? []));
      return newestFirst(items).slice(0, limit);
    },

    async whoAmI() {
      const user = await rest.get('/user', userSchema);
      return user.name ? `${user.name} (${user.login})` : user.login;
    },

    releasesContaining(pulls, signal) {
      const own = pulls.filter((p) => {
        const ref = parseRef(p.ref);
        return p.kind === 'pull' && ref !== undefined && owns(ref);
      });
      return releasesContaining(rest, own, {
        perRepo: releasesPerRepo,
        maxCompares,
        ...(signal ? { signal } : {}),
      });
    },
  };
}
