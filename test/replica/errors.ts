/**
 * Error responses in each vendor's own shape, used for auth failures, missing records and injected faults.
 * Sources for the bodies:
 * - GitHub: {"message","documentation_url","status"} — e.g. 401 `{"message":"Bad credentials","documentation_url":
 *   "https://docs.github.com/rest","status":"401"}` (github.com/hisxo/gitGraber/issues/54, 2026).
 * - Jira: {"errorMessages":[...],"errors":{}} (Atlassian REST error collection; e.g. atlassian-python-api PR #752).
 * - ServiceNow: {"error":{"message","detail"},"status":"failure"} — 401 "User Not Authenticated" /
 *   "Required to provide Auth information"; 404 "No Record found".
 * - Zendesk: {"error","description"}; a failed login answers {"error":"Couldn't authenticate you"}
 *   (github.com/Speedygeek/ZendeskApi_v2/issues/505).
 * Rate-limit (429) headers: reference/README.md API-FACTS and github/rate-limit-headers.md.
 */
import { json, type ReplicaResponse, type Vendor } from './http.ts';

export type ErrorKind = '401' | '403' | '404' | '429' | '500';

const githubMessages: Record<ErrorKind, string> = {
  '401': 'Bad credentials',
  '403': 'Resource not accessible by personal access token',
  '404': 'Not Found',
  '429': 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  '500': 'Server Error',
};

const jiraMessages: Record<ErrorKind, string> = {
  '401': 'You are not authenticated. Authentication required to perform this operation.',
  '403': 'You do not have permission to perform this operation.',
  '404': 'Issue does not exist or you do not have permission to see it.',
  '429': 'Rate limit exceeded.',
  '500': 'Internal server error.',
};

const snowMessages: Record<ErrorKind, [string, string | null]> = {
  '401': ['User Not Authenticated', 'Required to provide Auth information'],
  '403': [
    'Insufficient rights to query records',
    'Fields present in the query do not have permission to be read',
  ],
  '404': ['No Record found', "Record doesn't exist or ACL restricts the record retrieval"],
  '429': ['Rate limit exceeded', 'Too many requests; the rate limit rule for this user was exceeded'],
  '500': ['Internal Server Error', null],
};

const zendeskMessages: Record<ErrorKind, [string, string]> = {
  '401': ["Couldn't authenticate you", 'The credentials were rejected'],
  '403': [
    'Forbidden',
    'You do not have access to this page. Please contact the account owner of this help desk for further help.',
  ],
  '404': ['RecordNotFound', 'Not found'],
  '429': ['TooManyRequests', 'You have exceeded the rate limit for your account'],
  '500': ['InternalServerError', 'Something went wrong on our side'],
};

export interface ErrorOptions {
  retryAfter?: number;
  message?: string;
  /** GitHub: which docs page; REST vs GraphQL */
  graphql?: boolean;
}

export function vendorError(vendor: Vendor, kind: ErrorKind, opts: ErrorOptions = {}): ReplicaResponse {
  const status = Number(kind);
  const retryAfter = opts.retryAfter ?? 30;
  const headers: Record<string, string> = {};
  if (kind === '429') headers['retry-after'] = String(retryAfter);
  switch (vendor) {
    case 'github': {
      const docs =
        kind === '429'
          ? 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits'
          : opts.graphql
            ? 'https://docs.github.com/graphql'
            : 'https://docs.github.com/rest';
      return json(
        status,
        { message: opts.message ?? githubMessages[kind], documentation_url: docs, status: kind },
        headers,
      );
    }
    case 'jira':
      if (kind === '429') {
        // Jira Cloud: Retry-After (s), X-RateLimit-Reset (ISO 8601), RateLimit-Reason (reference/README.md)
        headers['x-ratelimit-limit'] = '100';
        headers['x-ratelimit-remaining'] = '0';
        headers['x-ratelimit-reset'] = new Date(Date.now() + retryAfter * 1000).toISOString();
        headers['ratelimit-reason'] = 'jira-burst-based';
      }
      return json(status, { errorMessages: [opts.message ?? jiraMessages[kind]], errors: {} }, headers);
    case 'servicenow': {
      if (kind === '429') {
        headers['x-ratelimit-limit'] = '100';
        headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + retryAfter);
        headers['x-ratelimit-rule'] = 'liaison-replica-rule';
      }
      const [message, detail] = snowMessages[kind];
      return json(
        status,
        { error: { message: opts.message ?? message, detail }, status: 'failure' },
        headers,
      );
    }
    case 'zendesk': {
      const [error, description] = zendeskMessages[kind];
      if (kind === '401') return json(status, { error }, headers);
      return json(status, { error, description: opts.message ?? description }, headers);
    }
  }
}
