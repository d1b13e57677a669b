import { z } from 'zod';
import { withSafeUrl } from '../../core/item-links';
import type { Item } from '../../core/model';
import type { ReleaseScope } from '../../core/release';
import { parseRef, type Ref } from '../../core/refs';
import { apiRoot, hostOf } from '../../core/settings';
import { rateLimitFailure, SourceFailure, schemaFailure } from '../../providers/errors';
import { createHttpClient } from '../../providers/http';
import { blockedUntil } from '../../providers/http-rate-limit';
import { mapEach, skippedIn } from '../../providers/items';
import {
  dedupeLinks,
  pointingAt,
  searchTerms,
  type Target,
  verifiedMentions,
} from '../../providers/mentions';
import { intOption, requireConnection, transportOptions } from '../../providers/options';
import {
  chunk,
  type Found,
  type LookupContext,
  type Provider,
  type ProviderOptions,
  type RoundFound,
  referencingOf,
} from '../../providers/provider';
import { newestFirst } from '../../providers/text-search';
import { githubGraphqlUrl, withSafeReleaseUrl } from './endpoints';
import { mapNode, nodeLinks } from './mapping';
import { type RepoItemRef, roundQuery } from './query';
import { githubReleaseScope, type ReleaseScopeDeps } from './release-scope';
import { type PullRelease, type RunGraphql, releasesContaining } from './releases';
import {
  type GraphqlError,
  graphqlErrorsSchema,
  graphqlRoundResponseSchema,
  type ItemNode,
  type SearchAlias,
  searchResponseSchema,
  userSchema,
} from './schemas';
import {
  covers,
  fromSearchQualifiers,
  normalScope,
  scopeOfViewer,
  viewerScopeQuery,
  viewerScopeSchema,
} from './scope';
import { searchQueries } from './search';
import { mapSearchItem, textSearchQueries } from './text-search';

export type { PullRelease, ReleaseInfo } from './releases';

export interface GithubOptions extends ProviderOptions {
  /**
   * Where reverse lookups and quick search look: `org:acme`, `user:mona`, `repo:acme/web` (scope.ts). Default:
   * learned from the token (its organisations and the owners of its repositories) plus the repositories of the
   * items being looked up; never all of GitHub.
   */
  searchScope?: readonly string[];
  /**
   * Former setting, e.g. `org:acme is:open`: its `org:`/`user:`/`repo:` qualifiers are the scope when
   * `searchScope` is not set, its other qualifiers filter every search (scope.ts `fromSearchQualifiers`).
   */
  searchQualifiers?: string;
  /**
   * Whether the host runs GitHub's advanced issue search (parentheses, AND before OR). Default: true on
   * github.com, false elsewhere (Enterprise Server has it from 3.18 only), where each query holds one term.
   */
  advancedSearch?: boolean;
  /** PRs and issues per GraphQL request (each is one alias). Default 50, at most 100. */
  batchSize?: number;
  /**
   * Releases read per repository when looking for the one that shipped a merge. Default 20, at most 100.
   */
  releasesPerRepo?: number;
  /** Pages of 100 commits read per release tag's history when looking for a merge commit. Default 5. */
  historyPages?: number;
}

export interface GithubProvider extends Provider {
  readonly system: 'github';
  /** For merged PRs: the first GitHub release whose tag contains the merge commit. */
  releasesContaining(pulls: Item[], signal?: AbortSignal): Promise<PullRelease[]>;
  /** On a release or compare page of this connection: the release and its merged pull requests. */
  releaseScope(page: URL, signal?: AbortSignal): Promise<ReleaseScope | undefined>;
}

const factory = 'createGithubProvider';
const maxSearchPages = 10; // search answers at most the first 1,000 results
/** A shared promise awaited by one caller, who stops waiting (and only it) when its signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  return Promise.race([promise, aborted]);
}

/** Scope entries searched per round (each adds its queries to every search). */
export const MAX_SCOPE_ENTRIES = 10;

const normalHost = (host: string | undefined) =>
  !host || host === 'github.com' ? undefined : host.toLowerCase();

export function createGithubProvider(options: GithubOptions): GithubProvider {
  const connection = requireConnection(options, 'github', factory);
  const refHost = normalHost(options.refHost);
  const batchSize = intOption(factory, 'batchSize', options.batchSize, 50, 1, 100);
  const releasesPerRepo = intOption(factory, 'releasesPerRepo', options.releasesPerRepo, 20, 1, 100);
  const historyPages = intOption(factory, 'historyPages', options.historyPages, 5, 1, 20);
  if (options.searchQualifiers !== undefined && typeof options.searchQualifiers !== 'string') {
    throw new Error(`${factory}: options.searchQualifiers must be a string like "org:acme"`);
  }
  const scopeOption = options.searchScope ?? [];
  if (!Array.isArray(scopeOption) || normalScope(scopeOption).length !== scopeOption.length) {
    throw new Error(`${factory}: options.searchScope must list entries like "org:acme" or "repo:acme/web"`);
  }
  const former = fromSearchQualifiers(options.searchQualifiers ?? '');
  const configuredScope = scopeOption.length > 0 ? normalScope(scopeOption) : former.scope;
  const filters = former.filters.join(' ');
  const grouped = options.advancedSearch ?? hostOf(connection).toLowerCase() === 'github.com';
  const transport = { system: 'github' as const, auth: connection.auth, ...transportOptions(options) };
  const rest = createHttpClient({ ...transport, baseUrl: apiRoot(connection) });
  // The GraphQL endpoint is not under the REST root on Enterprise Server (/api/graphql beside /api/v3).
  const graphqlUrl = githubGraphqlUrl(connection);
  const cut = graphqlUrl.lastIndexOf('/');
  const graphql = createHttpClient({ ...transport, baseUrl: graphqlUrl.slice(0, cut) });
  const graphqlPath = graphqlUrl.slice(cut + 1);

  /** One GraphQL request; errors are per alias, so only a response without data is fatal. */
  async function runGraphql<D>(
    query: string,
    schema: z.ZodType<{ data?: D | null | undefined; errors?: GraphqlError[] | undefined }>,
    signal?: AbortSignal,
  ): Promise<{ data: D; errors: GraphqlError[] }> {
    const body = await graphql.post(graphqlPath, { query }, schema, {
      read: true,
      ...(signal ? { signal } : {}),
    });
    const errors = body.errors ?? [];
    // Over its limit GraphQL answers 200, not 403: `errors[].type: "RATE_LIMITED"` beside x-ratelimit-remaining 0,
    // which the HTTP client has already recorded, so its reset is the retry time
    // (https://docs.github.com/en/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#exceeding-the-rate-limit).
    // A secondary limit may also answer 200 with only a message; GitHub's advice then is a minute.
    const limited = errors.find((e) => e.type === 'RATE_LIMITED' || /secondary rate limit/i.test(e.message));
    if (limited) {
      const now = Date.now();
      const retryAt = blockedUntil(graphql.host, 'graphql', now) ?? now + 60_000;
      throw rateLimitFailure('github', graphql.host, retryAt, [limited.message], 200);
    }
    if (!body.data) {
      const message = errors[0]?.message;
      if (!message) throw schemaFailure('github', graphql.host, 'response', 'data', 'missing');
      const sentence = `GitHub (${graphql.host}) rejected the query: ${message}`;
      throw new SourceFailure('github', graphql.host, 'unknown', sentence);
    }
    return { data: body.data, errors };
  }

  /** One GraphQL document whose `data` is validated by `schema` (errors per alias are left to the schema). */
  const run: RunGraphql = async (query, schema, signal) => {
    const response = z.looseObject({ data: schema.nullable().optional(), errors: graphqlErrorsSchema });
    return (await runGraphql(query, response, signal)).data;
  };

  let learning: Promise<string[]> | undefined;
  /** The token's scope, asked once per provider (so once per connection and settings); a failure is asked again. */
  function learnedScope(): Promise<string[]> {
    if (!learning) {
      const response = z.looseObject({ data: viewerScopeSchema.nullish(), errors: graphqlErrorsSchema });
      learning = runGraphql(viewerScopeQuery, response).then(({ data }) => scopeOfViewer(data));
      learning.catch(() => {
        learning = undefined;
      });
    }
    return learning;
  }

  /**
   * The scope entries of a round: the configured ones, or the learned ones plus the repositories the round is
   * about. When learning fails, only those repositories are searched, and a note says so.
   */
  async function scopeOf(repos: readonly { owner: string; repo: string }[], signal?: AbortSignal) {
    if (configuredScope.length > 0) return capScope(configuredScope, repos, []);
    let learned: string[] = [];
    const notes: string[] = [];
    try {
      learned = await untilAborted(learnedScope(), signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      const why = error instanceof SourceFailure ? error.userMessage : String(error);
      notes.push(
        `GitHub (${graphql.host}): searched only this page's repositories; the token's organisations could not be read: ${why}`,
      );
    }
    const own = repos
      .filter((r) => !covers(learned, r.owner, r.repo))
      .map((r) => `repo:${r.owner}/${r.repo}`);
    return capScope(normalScope([...learned, ...own]), repos, notes);
  }

  /**
   * Every scope entry adds its queries to each search round, and a token may belong to a hundred organisations:
   * at most MAX_SCOPE_ENTRIES are searched, those covering the round's own repositories first, and a note says how
   * many were left out and where to choose.
   */
  function capScope(
    scope: readonly string[],
    repos: readonly { owner: string; repo: string }[],
    notes: string[],
  ): { scope: string[]; notes: string[] } {
    if (scope.length <= MAX_SCOPE_ENTRIES) return { scope: [...scope], notes };
    const near = scope.filter((entry) => repos.some((r) => covers([entry], r.owner, r.repo)));
    const kept = [...new Set([...near, ...scope])].slice(0, MAX_SCOPE_ENTRIES);
    notes.push(
      `GitHub (${graphql.host}): searched ${MAX_SCOPE_ENTRIES} of ${scope.length} organisations and repositories (this page's first); choose the ones to search under "GitHub search scope" in Liaison's options.`,
    );
    return { scope: kept, notes };
  }

  /**
   * PRs and issues by number, and every hit of several searches, with the hits' full nodes: each request carries
   * one chunk of the lookup (`batchSize` aliases) and one page of every search still going (100 hits a page;
   * search answers at most 1,000 results), so a hop's lookup and its reverse lookup are usually one request.
   */
  async function lookupAndSearch(refs: RepoItemRef[], queries: string[], signal?: AbortSignal) {
    const parts = chunk(refs, batchSize);
    const fetched: ItemNode[] = [];
    const hits = new Map<string, ItemNode>();
    const notes: string[] = [];
    let pending = new Map(queries.map((q, i) => [`s${i}`, { q } as { q: string; after?: string }]));
    let searchError: SourceFailure | undefined;
    for (let page = 1; parts.length > 0 || (pending.size > 0 && page <= maxSearchPages); ) {
      const part = parts.shift() ?? [];
      const searches = page <= maxSearchPages ? pending : new Map<string, { q: string; after?: string }>();
      const { query, aliases } = roundQuery(part, searches);
      // A missing repository or number is null with a NOT_FOUND error naming its alias; the others resolve.
      const { data, errors } = await runGraphql(query, graphqlRoundResponseSchema, signal);
      // A node that did not validate is left out of its repository alias, with a note (items.ts).
      for (const repoAlias of new Set([...aliases.keys()].map((a) => a.split('.')[0] ?? '')))
        notes.push(...skippedIn(data[repoAlias]));
      for (const alias of aliases.keys()) {
        const [repoAlias = '', itemAlias = ''] = alias.split('.');
        const repository = data[repoAlias] as Record<string, unknown> | null | undefined;
        const node = repository?.[itemAlias];
        if (node && typeof node === 'object' && '__typename' in node) fetched.push(node as ItemNode);
      }
      if (searches.size === 0) continue;
      const next = new Map<string, { q: string; after?: string }>();
      for (const [alias, { q }] of searches) {
        const result = data[alias] as SearchAlias | undefined;
        if (!result || !('issueCount' in result)) {
          // A search GitHub refused (a query it cannot parse, a timeout) fails the reverse lookup like a REST 422
          // would; the items of the same document stand.
          const message = errors.find((e) => e.path?.[0] === alias)?.message ?? 'no result';
          const sentence = `GitHub (${graphql.host}) could not run the search ${q}: ${message}`;
          searchError ??= new SourceFailure('github', graphql.host, 'unknown', sentence);
          continue;
        }
        notes.push(...skippedIn(result.nodes));
        for (const node of result.nodes ?? []) {
          if (node && (node.__typename === 'PullRequest' || node.__typename === 'Issue')) {
            const item = node as ItemNode;
            hits.set(`${item.repository.nameWithOwner}#${item.number}`.toLowerCase(), item);
          }
        }
        const cursor = result.pageInfo.endCursor;
        if (result.pageInfo.hasNextPage && cursor) next.set(alias, { q, after: cursor });
      }
      pending = searchError ? new Map() : next;
      page++;
    }
    return { fetched, hits: [...hits.values()], searchError, notes: [...new Set(notes)] };
  }

  /** Nodes as items with their links, each on its own: one that cannot be read is a note (items.ts). */
  function mapped(nodes: ItemNode[], context: LookupContext) {
    return mapEach(
      nodes,
      (node) => `${node.repository.nameWithOwner}#${node.number}`,
      (node) => {
        const item = withSafeUrl(mapNode(node, refHost), connection);
        return { item, links: nodeLinks(node, item, context.extract, refHost) };
      },
    );
  }

  function toFound(nodes: ItemNode[], context: LookupContext, notes: readonly string[]): Found {
    const { kept, notes: unmapped } = mapped(nodes, context);
    const all = [...notes, ...unmapped];
    return {
      items: kept.map((k) => k.to.item),
      links: kept.flatMap((k) => k.to.links),
      ...(all.length ? { notes: all } : {}),
    };
  }

  /** Search hits that name a target in their title or body, and the links that make them count. */
  function referencing(
    nodes: ItemNode[],
    others: Target[],
    context: LookupContext,
    notes: readonly string[],
  ): Found {
    const { kept, notes: unmapped } = mapped(nodes, context);
    const checked = kept.flatMap(({ from: node, to: { item } }) => {
      const texts = [
        { text: node.title, where: 'title' },
        { text: node.body ?? undefined, where: 'description' },
      ];
      return verifiedMentions(item.ref, texts, others, context.extract);
    });
    const items = kept.map((k) => k.to.item);
    const links = kept.flatMap((k) => k.to.links);
    const all = [...notes, ...unmapped];
    return {
      ...pointingAt(items, dedupeLinks([...links, ...checked]), others),
      ...(all.length ? { notes: all } : {}),
    };
  }

  const owns = (ref: Ref) => ref.system === 'github' && normalHost(ref.host) === refHost;

  /** The repositories a round is about: the items looked up and the GitHub items searched for. */
  function roundRepos(refs: Iterable<RepoItemRef>, targets: readonly Target[]) {
    const fromTargets = targets.flatMap((t) => {
      const ref = t.system === 'github' ? parseRef(t.ref) : undefined;
      return ref?.system === 'github' && owns(ref) ? [ref] : [];
    });
    return [...refs, ...fromTargets];
  }

  async function fetchAndFind(refs: Ref[], targets: Target[], context: LookupContext): Promise<RoundFound> {
    const wanted = new Map<string, RepoItemRef>();
    for (const ref of refs) {
      // Commits (github:owner/repo@sha, from commit URLs) are not items this provider reads yet.
      if (ref.system !== 'github' || ref.sha !== undefined || !owns(ref)) continue;
      wanted.set(`${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase(), ref);
    }
    // GitHub-to-GitHub links come from the items themselves (closing references, mentions), not from search.
    const others = targets.filter((t) => t.system !== 'github');
    const terms = [...new Set(others.flatMap(searchTerms))];
    // Terms are OR-ed in parentheses, at most six to a query, one scope entry each (search.ts), every query an
    // alias of the round's GraphQL request. Search matches loosely, so only PRs whose title or body names a
    // target count (checked below); the search looks only there.
    const { scope, notes: scopeNotes } =
      terms.length > 0
        ? await scopeOf(roundRepos(wanted.values(), targets), context.signal)
        : { scope: [], notes: [] };
    const queries = searchQueries(terms, {
      filters: `is:pr in:title,body ${filters}`.trim(),
      scope,
      grouped,
    });
    const none: Found = { items: [], links: [] };
    if (wanted.size === 0 && queries.length === 0) return { fetched: none, referencing: none };
    const round = await lookupAndSearch([...wanted.values()], queries, context.signal);
    const { fetched, hits, searchError } = round;
    const notes = [...round.notes, ...scopeNotes];
    // One document answered both halves: what it left out is told with each, and told once (resolver.ts).
    if (searchError)
      return { fetched: toFound(fetched, context, notes), referencing: none, referencingError: searchError };
    return {
      fetched: toFound(fetched, context, notes),
      referencing: referencing(hits, others, context, notes),
    };
  }

  return {
    system: 'github',
    connection,
    refHost,
    owns,

    async fetchItems(refs, context): Promise<Found> {
      return (await fetchAndFind(refs, [], context)).fetched;
    },

    async findReferencing(targets, context): Promise<Found> {
      return referencingOf(await fetchAndFind([], targets, context));
    },

    fetchAndFind,

    async search(text, { limit, signal }) {
      const { scope } = await scopeOf([], signal);
      if (scope.length === 0) {
        const sentence = `GitHub (${rest.host}): no organisation or repository to search in. Set the search scope in Liaison options.`;
        throw new SourceFailure('github', rest.host, 'config', sentence);
      }
      const pages = await Promise.all(
        textSearchQueries(text, filters, scope).map((q) =>
          rest.get('/search/issues', searchResponseSchema, {
            // advanced_search: the syntax github.com runs anyway since September 2025, asked for by name
            // (search.ts); Enterprise Server ignores a parameter it does not know.
            searchParams: {
              q,
              sort: 'updated',
              order: 'desc',
              per_page: limit,
              ...(grouped ? { advanced_search: 'true' } : {}),
            },
            ...(signal ? { signal } : {}),
          }),
        ),
      );
      const { kept } = mapEach(
        pages.flatMap((page) => page.items),
        (hit) => hit.html_url,
        (hit) => {
          const item = mapSearchItem(hit, refHost);
          return item && withSafeUrl(item, connection);
        },
      );
      return newestFirst(kept.map((k) => k.to)).slice(0, limit);
    },

    async discover() {
      const { scope } = await scopeOf([]);
      return { githubSearchScope: scope };
    },

    releaseScope(page, signal) {
      const getJson: ReleaseScopeDeps['getJson'] = (path, schema, signal, searchParams) =>
        rest.get(path, schema, { ...(signal ? { signal } : {}), ...(searchParams ? { searchParams } : {}) });
      return githubReleaseScope({ refHost, getJson, graphql: run }, page, signal);
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
      const found = releasesContaining(run, own, {
        perRepo: releasesPerRepo,
        historyPages,
        ...(signal ? { signal } : {}),
      });
      return found.then((list) => list.map((r) => withSafeReleaseUrl(r, connection)));
    },
  };
}
