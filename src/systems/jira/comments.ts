import { SourceFailure } from '../../providers/errors';
import type { HttpClient } from '../../providers/http';
import { skippedIn } from '../../providers/items';
import { commentPageSchema, type JiraComment, type JiraIssue } from './schemas';

/**
 * Comments a search left out. Cloud's enhanced search (`POST /rest/api/3/search/jql`) gives at most 20 comments
 * an issue in `fields.comment`, with the issue's real `total` beside them (as it cuts the changelog at 40:
 * https://jira.atlassian.com/browse/JRACLOUD-96459). A hit whose mention is in a later comment could not be
 * verified and would be dropped, so such hits have their comments read with "Get comments"
 * (`GET /rest/api/{3|2}/issue/{key}/comment`, startAt/maxResults, oldest first:
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get),
 * bounded: a few issues a round, a few pages each.
 */

/** Issues a round reads more comments for, and pages of 100 read for each. */
export const commentReads = { maxIssues: 5, maxPages: 3, pageSize: 100 };

/** The comments a search gave, and how many the issue has (the same when the search gave them all). */
function commentsOf(issue: JiraIssue): { list: JiraComment[]; total: number } {
  const comment = issue.fields.comment;
  if (!comment) return { list: [], total: 0 };
  if (Array.isArray(comment)) return { list: comment, total: comment.length };
  return { list: comment.comments, total: Math.max(comment.total ?? 0, comment.comments.length) };
}

/** Whether the search left some of the issue's comments out. */
export function hasMoreComments(issue: JiraIssue): boolean {
  const { list, total } = commentsOf(issue);
  return total > list.length;
}

/**
 * The issues with the comments read beside the ones the search gave, for at most `maxIssues` of them. Read from
 * the start (which 20 the search gives is not documented), up to `maxPages` pages; what is left past the
 * bound, and the issues past it, stay as they were, and a note says so.
 */
export async function readMoreComments(
  http: HttpClient,
  version: '2' | '3',
  issues: readonly JiraIssue[],
  signal?: AbortSignal,
): Promise<{ issues: JiraIssue[]; notes: string[] }> {
  const chosen = issues.slice(0, commentReads.maxIssues);
  const notes: string[] = [];
  if (issues.length > chosen.length)
    notes.push(
      `${issues.length - chosen.length} Jira issues found by a search had more comments than it returned and were not checked further`,
    );
  const read = await Promise.all(chosen.map((issue) => readComments(http, version, issue, signal)));
  return { issues: read.map((r) => r.issue), notes: [...notes, ...read.flatMap((r) => r.notes)] };
}

async function readComments(
  http: HttpClient,
  version: '2' | '3',
  issue: JiraIssue,
  signal: AbortSignal | undefined,
): Promise<{ issue: JiraIssue; notes: string[] }> {
  const path = `/rest/api/${version}/issue/${encodeURIComponent(issue.key)}/comment`;
  const read: JiraComment[] = [];
  const notes: string[] = [];
  let total = commentsOf(issue).total;
  let offset = 0;
  try {
    for (let page = 0; page < commentReads.maxPages && offset < total; page++) {
      const searchParams = { startAt: offset, maxResults: commentReads.pageSize };
      const answer = await http.get(
        path,
        commentPageSchema,
        signal ? { searchParams, signal } : { searchParams },
      );
      const left = skippedIn(answer.comments);
      notes.push(...left.map((note) => `${issue.key}: ${note}`));
      read.push(...answer.comments);
      total = answer.total ?? total;
      // What was skipped still counts as read: the next page starts after it.
      const count = answer.comments.length + left.length;
      offset += count;
      if (count === 0) break;
    }
  } catch (error) {
    // One issue's comments being hidden or gone does not hide the round: it stays as the search gave it.
    if (error instanceof SourceFailure && (error.kind === 'not-found' || error.kind === 'forbidden'))
      return { issue, notes };
    throw error;
  }
  if (offset < total) notes.push(`${issue.key}: only its first ${offset} of ${total} comments were checked`);
  const comments = [...read, ...commentsOf(issue).list];
  return { issue: { ...issue, fields: { ...issue.fields, comment: { comments, total } } }, notes };
}
