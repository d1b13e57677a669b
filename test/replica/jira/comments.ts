/**
 * Comments beyond what a search gives. Cloud's enhanced search (`/rest/api/3/search/jql`) returns at most 20
 * comments per issue in `fields.comment`, with the issue's real `total` beside them (as its changelog is cut at
 * 40: https://jira.atlassian.com/browse/JRACLOUD-96459); the rest are read from
 * `GET /rest/api/{3|2}/issue/{key}/comment?startAt=&maxResults=` ("Get comments",
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get),
 * a PageOfComments oldest first. maxResults: default 100 on Cloud, 50 on Data Center
 * (https://docs.atlassian.com/software/jira/docs/api/REST/9.17.0/#api/2/issue-getComments); the replica answers
 * at most 100 a page on both (pycontribs/jira#1938 saw Cloud never give more than 100).
 */
import { indexOf } from '../dataset/lookup.ts';
import type { JiraSite } from '../dataset/types.ts';
import { vendorError } from '../errors.ts';
import { int, json, type ReplicaRequest, type ReplicaResponse } from '../http.ts';
import { commentsJson, type JiraApi } from './serialize.ts';

/** Comments per issue in an enhanced-search answer. */
export const searchCommentCap = 20;
const maxCommentPage = 100;

export function issueComments(
  req: ReplicaRequest,
  api: JiraApi,
  site: JiraSite,
  key: string,
): ReplicaResponse {
  if (req.method !== 'GET')
    return vendorError('jira', '404', { message: `null for uri: ${req.url.toString()}` });
  const idx = indexOf(api.ds);
  const issue = idx.jiraByKey.get(`${site}:${key.toUpperCase()}`) ?? idx.jiraById.get(`${site}:${key}`);
  if (!issue) return vendorError('jira', '404');
  const startAt = Math.max(0, int(req.query.get('startAt'), 0));
  const asked = int(req.query.get('maxResults'), site === 'cloud' ? 100 : 50);
  const maxResults = Math.min(maxCommentPage, Math.max(0, asked));
  const page = commentsJson(api, issue, (k) => idx.person.get(k), {
    startAt: 0,
    maxResults: issue.comments.length,
  });
  // orderBy: created / +created (oldest first, the default) or -created (newest first), as "Get comments" documents
  const list = page.comments as unknown[];
  if ((req.query.get('orderBy') ?? '').trim() === '-created') list.reverse();
  return json(200, { ...page, comments: list.slice(startAt, startAt + maxResults), maxResults, startAt });
}

/** An enhanced-search issue as Cloud gives it: the first 20 comments of `fields.comment`, the real total kept. */
export function capSearchComments(issue: Record<string, unknown>): Record<string, unknown> {
  const fields = issue.fields as Record<string, unknown> | undefined;
  const comment = fields?.comment as { comments: unknown[] } | undefined;
  if (!fields || !comment || comment.comments.length <= searchCommentCap) return issue;
  return {
    ...issue,
    fields: {
      ...fields,
      comment: {
        ...comment,
        comments: comment.comments.slice(0, searchCommentCap),
        maxResults: searchCommentCap,
      },
    },
  };
}
