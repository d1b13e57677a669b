import { SourceFailure } from '../../providers/errors';
import type { HttpClient } from '../../providers/http';
import { skippedIn } from '../../providers/items';
import { keyInJql, unknownKeys } from './jql';
import { type JiraIssue, searchResponseSchema } from './schemas';

/**
 * One JQL search, paged to the end (bounded). Cloud: `POST /rest/api/3/search/jql` with `nextPageToken` until
 * `isLast` (reference/jira/search-jql.json; the old `/rest/api/3/search` answers 410). Data Center: `POST
 * /rest/api/2/search` with `startAt` until `total` (recorded/jira-search-two-issues.recorded.json envelope).
 * Both are reads sent as POST, so they are retried like GETs. Data Center is sent `validateQuery: false`, so a
 * key that does not exist matches nothing rather than failing the search with a 400; the POST body's field is a
 * Boolean there (a string such as "warn" is itself refused with a 400: ljay79/jira-tools#12, 2017).
 */

export interface SearchPage {
  maxResults: number;
  maxPages: number;
  signal?: AbortSignal | undefined;
  /** Told what each answer left out (issues that did not validate, items.ts). */
  skipped?: string[];
}

export type JqlSearch = (jql: string, fields: readonly string[], page: SearchPage) => Promise<JiraIssue[]>;

export function jqlSearch(http: HttpClient, flavor: 'cloud' | 'datacenter'): JqlSearch {
  return async (jql, fields, { maxResults, maxPages, signal, skipped }) => {
    const issues: JiraIssue[] = [];
    const request = signal ? { read: true, signal } : { read: true };
    if (flavor === 'cloud') {
      let nextPageToken: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const body = { jql, fields, maxResults, ...(nextPageToken ? { nextPageToken } : {}) };
        const answer = await http.post('/rest/api/3/search/jql', body, searchResponseSchema, request);
        issues.push(...answer.issues);
        skipped?.push(...skippedIn(answer.issues));
        nextPageToken = answer.nextPageToken ?? undefined;
        if (answer.isLast === true || !nextPageToken) break;
      }
      return issues;
    }
    let startAt = 0;
    for (let page = 0; page < maxPages; page++) {
      const body = { jql, fields, startAt, maxResults, validateQuery: false };
      const answer = await http.post('/rest/api/2/search', body, searchResponseSchema, request);
      issues.push(...answer.issues);
      const left = skippedIn(answer.issues);
      skipped?.push(...left);
      // What was skipped still counts as read: the next page starts after it.
      const read = answer.issues.length + left.length;
      startAt += read;
      if (read === 0 || startAt >= (answer.total ?? 0)) break;
    }
    return issues;
  };
}

/**
 * How many times a `key in (…)` search is re-asked without the keys a 400 named (one per answer on some
 * sites).
 */
const maxKeyRetries = 5;

/**
 * `key in (…)`. Jira answers 400 when a key does not exist ("An issue with key 'SHOP-9999' does not exist for
 * field 'key'." — for a missing project too); the keys it names (in the failure's `messages`, one per key) are
 * dropped and the rest asked again, so one bad key never loses the others. Cloud names every bad key in one
 * answer; others name one per answer, hence a bound.
 */
export async function searchByKeys(
  search: JqlSearch,
  keys: readonly string[],
  fields: readonly string[],
  page: SearchPage,
  /** The JQL for the keys left (default `key in (…)`; a round adds its reverse-lookup clauses). */
  jqlFor: (keys: readonly string[]) => string = keyInJql,
): Promise<JiraIssue[]> {
  let rest = [...keys];
  for (let attempt = 0; rest.length > 0; attempt++) {
    const jql = jqlFor(rest);
    try {
      return await search(jql, fields, page);
    } catch (error) {
      if (!(error instanceof SourceFailure) || error.status !== 400 || attempt >= maxKeyRetries) throw error;
      const bad = new Set(unknownKeys(error.messages));
      const left = rest.filter((k) => !bad.has(k));
      if (left.length === rest.length) throw error;
      rest = left;
    }
  }
  return [];
}
