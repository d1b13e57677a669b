import type { Item } from '../../core/model';
import { markersIn } from '../../core/writes';
import { SourceFailure } from '../../providers/errors';
import type { HttpClient } from '../../providers/http';
import { skippedIn } from '../../providers/items';
import type { MarkerRead } from '../writer';
import { richText } from './adf';
import { commentPageSchema, issueProjectSchema, jsmCommentPageSchema, jsmRequestSchema } from './schemas';

/**
 * Reading back Liaison's markers from an issue's comments before writing (docs/write-back-research.md §1.2,
 * §1.3, §1.5), bounded: at most `maxPages` pages of `pageSize`. Past the bound, or with a comment that could not
 * be read, the answer is "cannot tell", never "absent": a wrong "absent" posts the same note twice.
 */

export const noteReads = { pageSize: 100, maxPages: 5 };

const withSignal = <T extends object>(options: T, signal: AbortSignal | undefined) =>
  signal ? { ...options, signal } : options;

const unknown = (reason: string): MarkerRead => ({ known: false, reason });

/**
 * Where an item's notes go. A JSM request takes internal comments through the servicedeskapi: a platform comment
 * on it is public to its customer. So an item mapped as a request (mapping.ts: a service project's issue, or an
 * issue type named like one) is asked for as a request first, which is also what makes its empty comment list
 * mean "none". Only when that answers 404 and the issue is in a software or business project (a "Support" issue
 * type there: no customer can see it) do its notes go to the platform; anything else (a service project's request
 * the account cannot reach through JSM, a project type not given) fails as that 404.
 */
export async function noteKind(
  http: HttpClient,
  version: '2' | '3',
  item: Pick<Item, 'kind'>,
  key: string,
  signal: AbortSignal | undefined,
): Promise<'request' | 'issue'> {
  if (item.kind !== 'request') return 'issue';
  try {
    await http.get(
      `/rest/servicedeskapi/request/${encodeURIComponent(key)}`,
      jsmRequestSchema,
      withSignal({}, signal),
    );
    return 'request';
  } catch (error) {
    if (!(error instanceof SourceFailure) || error.kind !== 'not-found') throw error;
    const issue = await http.get(
      `/rest/api/${version}/issue/${encodeURIComponent(key)}`,
      issueProjectSchema,
      withSignal({ searchParams: { fields: 'project' } }, signal),
    );
    if (
      issue.fields.project?.projectTypeKey !== 'software' &&
      issue.fields.project?.projectTypeKey !== 'business'
    )
      throw error;
    return 'issue';
  }
}

/**
 * A platform issue's comments, newest first: `GET /rest/api/{3|2}/issue/{key}/comment?orderBy=-created&maxResults=100`
 * (Jira OAS getComments, `PageOfComments`), paged with `startAt` until `total`.
 */
export async function issueCommentMarkers(
  http: HttpClient,
  version: '2' | '3',
  key: string,
  signal: AbortSignal | undefined,
): Promise<MarkerRead> {
  const path = `/rest/api/${version}/issue/${encodeURIComponent(key)}/comment`;
  const tokens = new Set<string>();
  let startAt = 0;
  for (let page = 0; page < noteReads.maxPages; page++) {
    const searchParams = {
      orderBy: '-created',
      maxResults: noteReads.pageSize,
      ...(startAt > 0 ? { startAt } : {}),
    };
    const answer = await http.get(path, commentPageSchema, withSignal({ searchParams }, signal));
    const skipped = skippedIn(answer.comments).length;
    if (skipped > 0) return unknown(unreadable(key, skipped));
    for (const comment of answer.comments)
      for (const token of markersIn(richText(comment.body))) tokens.add(token);
    const count = answer.comments.length;
    startAt += count;
    const done = answer.total !== undefined ? startAt >= answer.total : count < noteReads.pageSize;
    if (count === 0 || done) return { known: true, tokens };
  }
  return unknown(pastBound(key));
}

/**
 * A JSM request's comments: `GET /rest/servicedeskapi/request/{key}/comment?start=0&limit=100`, paged until
 * `isLastPage`. Asked only once the request itself answered (`noteKind`): the comment list of a request the
 * account cannot see is empty, not refused ("No permissions error is provided", JSM docs).
 */
export async function requestCommentMarkers(
  http: HttpClient,
  key: string,
  signal: AbortSignal | undefined,
): Promise<MarkerRead> {
  const request = `/rest/servicedeskapi/request/${encodeURIComponent(key)}`;
  const tokens = new Set<string>();
  let start = 0;
  for (let page = 0; page < noteReads.maxPages; page++) {
    const searchParams = { start, limit: noteReads.pageSize };
    const answer = await http.get(
      `${request}/comment`,
      jsmCommentPageSchema,
      withSignal({ searchParams }, signal),
    );
    const skipped = skippedIn(answer.values).length;
    if (skipped > 0) return unknown(unreadable(key, skipped));
    for (const comment of answer.values) for (const token of markersIn(comment.body ?? '')) tokens.add(token);
    const count = answer.values.length;
    start += count;
    const last = answer.isLastPage ?? count < noteReads.pageSize;
    if (count === 0 || last) return { known: true, tokens };
  }
  return unknown(pastBound(key));
}

const unreadable = (key: string, count: number) =>
  `${count === 1 ? 'A comment' : `${count} comments`} on ${key} could not be read, so Liaison cannot tell whether its note is already there.`;

const pastBound = (key: string) =>
  `${key} has more than ${noteReads.pageSize * noteReads.maxPages} comments; Liaison reads only that many, so it cannot tell whether its note is already there.`;

/**
 * A note's text as Jira wiki markup that does only what plain text does (v2 comments and JSM comments are read as
 * wiki markup; v3 ADF text nodes are literal already). Titles come from tickets anyone can write and Liaison posts
 * as the user, so `[` (links, `[~user]` mentions), `!` (images) and `{` (macros) are escaped with a backslash
 * (https://jira.atlassian.com/secure/WikiRendererHelpAction.jspa?section=all: a backslash escapes); backslashes
 * already before one are dropped, since two of them are a line break there. Keys, refs and URLs hold none of them.
 */
export function inertWiki(text: string): string {
  return text.replace(/\\*([[{!])/g, '\\$1');
}
