/**
 * POST /graphql (GHE: /api/graphql): queries are EXECUTED with graphql-js 16 against GitHub's official
 * schema (@octokit/graphql-schema 15.26.1 schema.json via buildClientSchema; its schema.graphql has a
 * duplicated field, see TOOLCHAIN.md). So a document GitHub would reject (e.g. unaliased `state` on both
 * PullRequest and Issue in one selection, graphql-notes.md) is rejected here the same way: HTTP 200 with
 * `{"errors": [...]}` and no data. Missing aliased items resolve to null with a NOT_FOUND error whose
 * `path` is the alias path, while the other aliases still resolve, as GitHub does.
 */
import type { GraphQLError, GraphQLSchema, IntrospectionQuery } from 'graphql';
import type { Dataset } from '../dataset/types.ts';
import type { RateBucket } from '../http.ts';
import { json, type ReplicaResponse } from '../http.ts';
import { connection, NotFoundError, type PageArgs, PaginationError } from './graphql-connection.ts';
import { GraphNodes } from './graphql-nodes.ts';
import type { GithubItem } from './items.ts';
import { viewerLogin, viewerOrgs } from './rest.ts';
import { searchItems, searchLimitError } from './search.ts';
import type { Roots } from './serialize.ts';

let schemaPromise: Promise<GraphQLSchema> | undefined;

/** Built once per process (about half a second: a 5 MB introspection result). */
export function githubSchema(): Promise<GraphQLSchema> {
  schemaPromise ??= (async () => {
    const [{ buildClientSchema }, { schema }] = await Promise.all([
      import('graphql'),
      import('@octokit/graphql-schema'),
    ]);
    return buildClientSchema(schema.json as unknown as IntrospectionQuery);
  })();
  return schemaPromise;
}

function formatError(e: GraphQLError): Record<string, unknown> {
  const original = e.originalError;
  const out: Record<string, unknown> = {};
  if (original instanceof NotFoundError || original instanceof PaginationError) out.type = original.type;
  if (e.path) out.path = e.path;
  if (e.locations) out.locations = e.locations;
  if (e.extensions && Object.keys(e.extensions).length > 0) out.extensions = e.extensions;
  out.message = e.message;
  return out;
}

export interface GraphqlBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export async function executeGithubGraphql(
  ds: Dataset,
  host: string,
  roots: Roots,
  body: GraphqlBody,
  rate: RateBucket & { limit: number },
): Promise<ReplicaResponse> {
  const { parse, validate, execute, GraphQLError: GqlError } = await import('graphql');
  const schema = await githubSchema();
  if (typeof body.query !== 'string')
    return json(200, { errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
  let document: ReturnType<typeof parse>;
  try {
    document = parse(body.query);
  } catch (e) {
    if (e instanceof GqlError) return json(200, { errors: [formatError(e)] });
    throw e;
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return json(200, { errors: invalid.map(formatError) });
  const nodes = new GraphNodes(ds, host, roots);
  const rootValue = {
    // User.organizations and User.repositories (ownerAffiliations ignored: every repository of the viewer's
    // organisations), for Liaison's scope discovery.
    viewer: () => {
      const orgs = viewerOrgs(host);
      const repos = ds.repos.filter((r) => r.host === host && orgs.includes(r.owner));
      return {
        ...nodes.actor(viewerLogin(host)),
        organizations: (args: PageArgs) =>
          connection('organizations', orgs, args, (login) => ({
            __typename: 'Organization',
            id: `O_${login}`,
            login,
            url: `${roots.web}/${login}`,
          })),
        repositories: (args: PageArgs) => connection('repositories', repos, args, (r) => nodes.repo(r)),
      };
    },
    // cost 1 per query: GitHub charges ceil(requested nodes / 100), minimum 1, for the batch sizes used here
    rateLimit: () => ({
      cost: 1,
      limit: rate.limit,
      nodeCount: 1,
      remaining: Math.max(0, rate.limit - rate.used),
      used: rate.used,
      resetAt: new Date(rate.resetAt * 1000).toISOString(),
    }),
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const r = ds.repos.find(
        (x) =>
          x.host === host &&
          x.owner.toLowerCase() === owner.toLowerCase() &&
          x.name.toLowerCase() === name.toLowerCase(),
      );
      if (!r) throw new NotFoundError(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return nodes.repo(r);
    },
    node: ({ id }: { id: string }) => nodes.byNodeId(id),
    nodes: ({ ids }: { ids: string[] }) =>
      ids.map((id) => {
        try {
          return nodes.byNodeId(id);
        } catch (e) {
          return e; // an Error in a list becomes null at that index plus an error entry
        }
      }),
    search: (args: { query: string; type: string; first?: number; last?: number; after?: string }) => {
      // A query REST would answer 422 fails its alias alone (null + an error naming the path), as GitHub does
      // for a search it cannot run; the other aliases still resolve.
      const refused = args.type === 'ISSUE' ? searchLimitError(args.query) : undefined;
      if (refused) throw new PaginationError(refused, 'INVALID');
      const hits: GithubItem[] = args.type === 'ISSUE' ? searchItems(ds, host, args.query) : [];
      return {
        issueCount: hits.length,
        repositoryCount: 0,
        userCount: 0,
        discussionCount: 0,
        codeCount: 0,
        wikiCount: 0,
        ...connection('search', hits, args, (i) =>
          i.kind === 'pull' ? nodes.pull(i.pull) : nodes.issue(i.issue),
        ),
      };
    },
  };
  const variables =
    body.variables && typeof body.variables === 'object'
      ? (body.variables as Record<string, unknown>)
      : undefined;
  const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
  const result = await execute({ schema, document, rootValue, variableValues: variables, operationName });
  const out: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors && result.errors.length > 0) out.errors = result.errors.map(formatError);
  return json(200, out);
}
