import { readFileSync } from 'node:fs';
import type { ExtractOptions } from '../../src/core/extract';
import type { Connection } from '../../src/core/settings';
import type { LookupContext } from '../../src/providers/provider';

/**
 * Shared pieces of the provider tests: the curated reference responses in ../shared/reference (read from
 * disk, never copied), a fake fetch that records what was asked and answers from a handler, and connections.
 */

export function reference<T = unknown>(path: string): T {
  const url = new URL(`../../../shared/reference/${path}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

export interface Sent {
  method: string;
  url: URL;
  /** Parsed JSON body of a POST. */
  body: unknown;
  headers: Headers;
}

export type Answer = Response | 'hang' | 'network-error';

export function fakeFetch(answer: (sent: Sent) => Answer | Promise<Answer>) {
  const requests: Sent[] = [];
  const replay = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    const sent = {
      method: request.method,
      url: new URL(request.url),
      body: text ? JSON.parse(text) : undefined,
      headers: request.headers,
    };
    requests.push(sent);
    const reply = await answer(sent);
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    }
    return reply;
  }) as typeof globalThis.fetch;
  return { fetch: replay, requests };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const extract: ExtractOptions = {
  jiraProjectKeys: new Set(['SHOP', 'OPS', 'SUP', 'COMPANYSA', 'PLAT']),
  githubHosts: ['github.com'],
  zendeskSubdomains: ['acme'],
};

export const context: LookupContext = { extract };

export const connections = {
  github: {
    id: 'gh',
    system: 'github',
    baseUrl: 'https://github.com',
    auth: { type: 'token', token: 'ghp_test' },
  },
  ghe: {
    id: 'ghe',
    system: 'github',
    baseUrl: 'https://ghe.acme.test',
    auth: { type: 'token', token: 'ghp_ghe' },
  },
  jira: {
    id: 'jira',
    system: 'jira',
    baseUrl: 'https://acme.atlassian.net',
    auth: { type: 'basic', username: 'me@acme.com', password: 'tok' },
  },
  jiraDc: {
    id: 'jira-dc',
    system: 'jira',
    baseUrl: 'https://jira.acme.test',
    auth: { type: 'token', token: 'pat' },
  },
  zendesk: {
    id: 'zd',
    system: 'zendesk',
    baseUrl: 'https://acme.zendesk.com',
    auth: { type: 'basic', username: 'me@acme.com/token', password: 'tok' },
  },
  servicenow: {
    id: 'snow',
    system: 'servicenow',
    baseUrl: 'https://acme.service-now.com',
    auth: { type: 'basic', username: 'me', password: 'pw' },
  },
} satisfies Record<string, Connection>;
