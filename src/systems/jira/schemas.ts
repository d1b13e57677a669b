import { z } from 'zod';
import { field, listOf, scalar } from '../../providers/items';

/**
 * Jira responses: Cloud REST v3 and Data Center REST v2. Shapes follow ../shared/reference/jira (Atlassian's
 * OpenAPI examples) and recorded/jira-search-two-issues.recorded.json (a real Cloud response with JSM custom
 * fields). Rich text is plain in v2 and an Atlassian Document Format tree in v3, so text fields accept both.
 */

export interface AdfNode {
  type: string;
  text?: string | undefined;
  attrs?: Record<string, unknown> | undefined;
  marks?: { type: string; attrs?: Record<string, unknown> | undefined }[] | undefined;
  content?: AdfNode[] | undefined;
}

export const adfNodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    text: z.string().optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    marks: z
      .array(z.looseObject({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() }))
      .optional(),
    content: z.array(adfNodeSchema).optional(),
  }),
);

/**
 * How deep an ADF tree is read. Real documents nest a dozen levels (doc > table > row > cell > list > item >
 * paragraph > text); the check above recurses once per level, so a document nested thousands deep (a hostile
 * author, a broken server) would exhaust the stack and, before issue 10, fail the whole search. Below this depth
 * nodes lose their content: the text above still reads.
 */
export const maxAdfDepth = 32;

/** The tree cut at `maxAdfDepth` (copied, never changed in place); anything not a node is left as it is. */
export function cutDeepAdf(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const node = value as Record<string, unknown>;
  if (!Array.isArray(node.content)) return node;
  if (depth >= maxAdfDepth) {
    const { content: _cut, ...rest } = node;
    return rest;
  }
  return { ...node, content: node.content.map((child) => cutDeepAdf(child, depth + 1)) };
}

/** An ADF document as the server sent it, cut to a depth the check and `adfToText` can walk. */
export const adfDocumentSchema = z.preprocess((value) => cutDeepAdf(value), adfNodeSchema);

/** v2 plain text or a v3 ADF document. */
export const richTextSchema = z.union([z.string(), adfDocumentSchema]).nullable().optional();
export type RichText = z.infer<typeof richTextSchema>;

const userSchema = z.looseObject({ displayName: z.string().optional(), emailAddress: z.string().optional() });
const namedSchema = z.looseObject({ name: z.string() });
const linkedIssueSchema = z.looseObject({ key: z.string() });

export const issueLinkSchema = z.looseObject({
  type: z
    .looseObject({
      name: z.string().optional(),
      inward: z.string().optional(),
      outward: z.string().optional(),
    })
    .optional(),
  inwardIssue: linkedIssueSchema.optional(),
  outwardIssue: linkedIssueSchema.optional(),
});

export const commentSchema = z.looseObject({ body: richTextSchema });
export type JiraComment = z.infer<typeof commentSchema>;

export const fieldsSchema = z.looseObject({
  summary: z.string().nullable().optional(),
  description: richTextSchema,
  status: z
    .looseObject({ name: z.string(), statusCategory: z.looseObject({ key: z.string() }).optional() })
    .nullable()
    .optional(),
  resolution: namedSchema.nullable().optional(),
  priority: z.looseObject({ name: z.string().optional() }).nullable().optional(),
  assignee: userSchema.nullable().optional(),
  reporter: userSchema.nullable().optional(),
  issuetype: namedSchema.nullable().optional(),
  project: z.looseObject({ key: z.string(), projectTypeKey: z.string().optional() }).nullable().optional(),
  created: z.string().nullable().optional(),
  // The OpenAPI example carries `"updated": 1`; real instances send a date string.
  updated: z.union([z.string(), z.number()]).nullable().optional(),
  fixVersions: z
    .array(
      z.looseObject({
        name: z.string(),
        released: z.boolean().optional(),
        releaseDate: z.string().optional(),
      }),
    )
    .nullable()
    .optional(),
  issuelinks: z.array(issueLinkSchema).nullable().optional(),
  // Real responses wrap comments ({comments: [...]}); the OpenAPI example lists them bare.
  // `total` beside a shorter list: the search left comments out (Cloud's enhanced search gives 20, comments.ts).
  comment: z
    .union([
      z.looseObject({ comments: z.array(commentSchema), total: z.number().int().optional() }),
      z.array(commentSchema),
    ])
    .nullable()
    .optional(),
});
export type JiraFields = z.infer<typeof fieldsSchema>;

export const issueSchema = z.looseObject({
  id: z.string().optional(),
  key: z.string(),
  fields: fieldsSchema,
});
export type JiraIssue = z.infer<typeof issueSchema>;

/**
 * Cloud `POST /rest/api/3/search/jql` (nextPageToken / isLast) and DC `POST /rest/api/2/search` (startAt /
 * total).
 */
export const searchResponseSchema = z.looseObject({
  // Each issue on its own: one that does not match costs that issue alone (items.ts).
  issues: listOf(issueSchema, (raw) => scalar(field(raw, 'key'))),
  nextPageToken: z.string().nullable().optional(),
  isLast: z.boolean().optional(),
  startAt: z.number().int().optional(),
  maxResults: z.number().int().optional(),
  total: z.number().int().optional(),
  names: z.record(z.string(), z.string()).optional(),
});

/** `GET /rest/api/{3|2}/issue/{key}/remotelink` (reference/jira/remote-links.json). */
export const remoteLinkSchema = z.looseObject({
  id: z.number().optional(),
  globalId: z.string().optional(),
  application: z.looseObject({ name: z.string().optional(), type: z.string().optional() }).optional(),
  relationship: z.string().optional(),
  object: z.looseObject({ url: z.string(), title: z.string().optional(), summary: z.string().optional() }),
});
export type RemoteLink = z.infer<typeof remoteLinkSchema>;
export const remoteLinksSchema = listOf(remoteLinkSchema, (raw) => {
  const title = scalar(field(raw, 'object', 'title'));
  return title ? `The remote link “${title}”` : 'A remote link';
});

/**
 * Cloud `GET /rest/api/3/project/search` (reference/jira/project-search.json); DC `GET /rest/api/2/project`
 * is a bare array.
 */
const projectSchema = z.looseObject({ key: z.string(), projectTypeKey: z.string().optional() });
export const projectPageSchema = z.looseObject({
  values: z.array(projectSchema),
  isLast: z.boolean().optional(),
  startAt: z.number().int().optional(),
  maxResults: z.number().int().optional(),
  total: z.number().int().optional(),
});
export const projectListSchema = z.array(projectSchema);

/**
 * `GET /rest/api/{3|2}/field`: to find JSM organisation and SLA fields and a "Zendesk Ticket IDs" field by
 * type or name.
 */
export const fieldListSchema = z.array(
  z.looseObject({
    id: z.string(),
    name: z.string(),
    custom: z.boolean().optional(),
    schema: z.looseObject({ type: z.string().optional(), custom: z.string().optional() }).optional(),
  }),
);

export const myselfSchema = z.looseObject({ displayName: z.string(), emailAddress: z.string().optional() });

/**
 * A JSM SLA, as a custom field value and in `GET /rest/servicedeskapi/request/{key}/sla`
 * (reference/jira/jsm-sla.json).
 */
export const slaSchema = z.looseObject({
  name: z.string().optional(),
  ongoingCycle: z.looseObject({ breached: z.boolean() }).nullable().optional(),
  completedCycles: z.array(z.looseObject({ breached: z.boolean() })).optional(),
});
export type Sla = z.infer<typeof slaSchema>;
export const slaPageSchema = z.looseObject({
  values: z.array(slaSchema),
  isLastPage: z.boolean().optional(),
});

/** JSM "Organizations" field value (type com.atlassian.servicedesk:sd-customer-organizations). */
export const organizationsValueSchema = z.array(z.looseObject({ name: z.string() }));

/**
 * Write-back (issue 14). `GET /rest/api/{3|2}/mypermissions` (Jira OAS getMyPermissions): each asked key with
 * `havePermission`.
 */
export const myPermissionsSchema = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean().optional() })),
});

/** A remote link as write-back reads it: only its `globalId` (the marker), so no other field can hide one. */
export const remoteLinkIdsSchema = z
  .array(z.unknown())
  .transform((links) => links.map((raw) => field(raw, 'globalId')));

/** `POST …/remotelink` answers `{id, self}` (reference/jira/remote-link-upsert.json), 201 created, 200 updated. */
export const remoteLinkSavedSchema = z.looseObject({ id: z.union([z.number(), z.string()]).optional() });

/** "Get comments" (`orderBy=-created`): a page of comments, each read on its own (items.ts). */
export const commentPageSchema = z.looseObject({
  comments: listOf(commentSchema, (raw) => {
    const id = scalar(field(raw, 'id'));
    return id ? `Comment ${id}` : 'A comment';
  }),
  startAt: z.number().int().optional(),
  maxResults: z.number().int().optional(),
  total: z.number().int().optional(),
});

/** A created comment (platform 201, servicedeskapi 201): its id for the comment's address. */
export const savedCommentSchema = z.looseObject({ id: z.union([z.string(), z.number()]).optional() });

/** `GET /rest/api/{3|2}/issue/{key}?fields=project`: whether the issue is in a service project. */
export const issueProjectSchema = z.looseObject({
  fields: z.looseObject({
    project: z.looseObject({ projectTypeKey: z.string().optional() }).nullable().optional(),
  }),
});

/** JSM `GET /rest/servicedeskapi/request/{key}`: that it answers is what matters. */
export const jsmRequestSchema = z.looseObject({ issueKey: z.string().optional() });

/**
 * JSM `GET /rest/servicedeskapi/request/{key}/comment` (PagedDTO of CommentDTO): `{size, start, limit, isLastPage,
 * values: [{id, body, public, …}]}`; `body` is a string.
 */
export const jsmCommentPageSchema = z.looseObject({
  values: listOf(z.looseObject({ body: z.string().nullable().optional() }), (raw) => {
    const id = scalar(field(raw, 'id'));
    return id ? `Comment ${id}` : 'A comment';
  }),
  size: z.number().int().optional(),
  start: z.number().int().optional(),
  isLastPage: z.boolean().optional(),
});
