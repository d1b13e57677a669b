import { z } from 'zod';
import { field, listOf, recordOf, scalar } from '../../providers/items';

/**
 * GitHub responses. GraphQL shapes follow the query in query.ts (fields checked against
 * @octokit/graphql-schema, reference/github/graphql-notes.md); REST shapes follow @octokit/openapi examples
 * in ../shared/reference/github (search-issues.json). Only what Liaison
 * reads is declared; the rest passes.
 */

const actorSchema = z.looseObject({ login: z.string() }).nullable();
const repositoryNameSchema = z.looseObject({ nameWithOwner: z.string() });

export const pullNodeSchema = z.looseObject({
  __typename: z.literal('PullRequest'),
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable().optional(),
  url: z.string(),
  // `state` is aliased: PullRequestState and IssueState conflict inside one union selection
  // (graphql-notes.md).
  prState: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  isDraft: z.boolean().optional(),
  merged: z.boolean(),
  mergedAt: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  headRefName: z.string().optional(),
  baseRefName: z.string().optional(),
  reviewDecision: z.string().nullable().optional(),
  mergeCommit: z.looseObject({ oid: z.string() }).nullable().optional(),
  author: actorSchema.optional(),
  repository: repositoryNameSchema,
  closingIssuesReferences: z
    .looseObject({
      nodes: z
        .array(
          z
            .looseObject({ number: z.number().int(), url: z.string(), repository: repositoryNameSchema })
            .nullable(),
        )
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
});
export type PullNode = z.infer<typeof pullNodeSchema>;

export const issueNodeSchema = z.looseObject({
  __typename: z.literal('Issue'),
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable().optional(),
  url: z.string(),
  issueState: z.enum(['OPEN', 'CLOSED']),
  stateReason: z.string().nullable().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  author: actorSchema.optional(),
  repository: repositoryNameSchema,
});
export type IssueNode = z.infer<typeof issueNodeSchema>;

export const itemNodeSchema = z.discriminatedUnion('__typename', [pullNodeSchema, issueNodeSchema]);
export type ItemNode = z.infer<typeof itemNodeSchema>;

/** `acme/shop-api#42`, as far as a node that did not validate tells it, for the note that it was skipped. */
export function nodeName(raw: unknown): string | undefined {
  const repo = scalar(field(raw, 'repository', 'nameWithOwner'));
  const number = scalar(field(raw, 'number'));
  return repo && number ? `${repo}#${number}` : (scalar(field(raw, 'url')) ?? number);
}

/** GraphQL `errors`: per alias (a NOT_FOUND repository or number) beside the data that did resolve. */
export const graphqlErrorsSchema = z
  .array(
    z.looseObject({
      type: z.string().optional(),
      message: z.string(),
      path: z.array(z.union([z.string(), z.number()])).optional(),
    }),
  )
  .optional();

/** A GraphQL `data` object: the `rateLimit` every query asks for, and its aliases of one shape. */
const graphqlData = <A extends z.ZodType>(alias: A) =>
  z
    .object({
      rateLimit: z
        .looseObject({ cost: z.number().optional(), remaining: z.number().optional() })
        .nullable()
        .optional(),
    })
    .catchall(alias)
    .nullable()
    .optional();

/**
 * `data.rN` is a repository alias holding item aliases; a missing repository or item is null (plus an error).
 */
const repositoryAliasSchema = recordOf(itemNodeSchema.nullable(), nodeName).nullable();

export const graphqlResponseSchema = z.looseObject({
  data: graphqlData(repositoryAliasSchema),
  errors: graphqlErrorsSchema,
});
export type GraphqlResponse = z.infer<typeof graphqlResponseSchema>;
export type GraphqlError = NonNullable<GraphqlResponse['errors']>[number];

/**
 * `data.sN` of a search query (query.ts `searchQuery`): one page of hits. Search of type ISSUE answers Issue
 * and PullRequest nodes; anything else comes back as a bare `__typename` and is skipped.
 */
const otherNodeSchema = z.looseObject({
  __typename: z
    .string()
    .refine((t) => t !== 'PullRequest' && t !== 'Issue', 'an incomplete Issue or PullRequest'),
});
const searchAliasSchema = z
  .looseObject({
    issueCount: z.number().int(),
    pageInfo: z.looseObject({ hasNextPage: z.boolean(), endCursor: z.string().nullable().optional() }),
    nodes: listOf(z.union([itemNodeSchema, otherNodeSchema]).nullable(), nodeName).nullable(),
  })
  .nullable();
export type SearchAlias = z.infer<typeof searchAliasSchema>;

export const graphqlSearchResponseSchema = z.looseObject({
  data: graphqlData(searchAliasSchema),
  errors: graphqlErrorsSchema,
});

/** A round (query.ts `roundQuery`): repository aliases (`rN`) beside search aliases (`sN`). */
export const graphqlRoundResponseSchema = z.looseObject({
  data: graphqlData(z.union([searchAliasSchema, repositoryAliasSchema])),
  errors: graphqlErrorsSchema,
});

/** GET /search/issues (reference/github/search-issues.json, recorded/github-search-issues.recorded.json). */
export const searchItemSchema = z.looseObject({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.string(),
  repository_url: z.string(),
  state: z.string(),
  // What the popup's quick search shows without a second request (text-search.ts).
  state_reason: z.string().nullable().optional(),
  draft: z.boolean().optional(),
  user: z.looseObject({ login: z.string() }).nullable().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  pull_request: z
    .looseObject({ html_url: z.string().nullable().optional(), merged_at: z.string().nullable().optional() })
    .optional(),
});
export type SearchItem = z.infer<typeof searchItemSchema>;

export const searchResponseSchema = z.looseObject({
  total_count: z.number().int(),
  incomplete_results: z.boolean().optional(),
  items: listOf(searchItemSchema, (raw) => scalar(field(raw, 'html_url'))),
});

/** GET /user */
export const userSchema = z.looseObject({ login: z.string(), name: z.string().nullable().optional() });

/**
 * Write-back (issue 14). `GET /repos/{o}/{r}/issues/{n}` as the precheck reads it (reference/github/issue.json):
 * a locked conversation takes comments from collaborators only.
 */
export const issueLockSchema = z.looseObject({
  locked: z.boolean().optional(),
  pull_request: z.looseObject({}).nullable().optional(),
});

/** `GET /repos/{o}/{r}`: `permissions` of the authenticated user (absent for anonymous or app reads). */
export const repoPermissionsSchema = z.looseObject({
  permissions: z
    .looseObject({
      admin: z.boolean().optional(),
      maintain: z.boolean().optional(),
      push: z.boolean().optional(),
    })
    .optional(),
});

/** `GET /repos/{o}/{r}/issues/{n}/comments`: the raw `body` (the default media type keeps HTML comments). */
export const issueCommentsSchema = listOf(z.looseObject({ body: z.string().nullable().optional() }), (raw) =>
  scalar(field(raw, 'html_url')),
);

/** `POST /repos/{o}/{r}/issues/{n}/comments` → 201 with the comment. */
export const createdCommentSchema = z.looseObject({
  id: z.number().optional(),
  html_url: z.string().optional(),
});
