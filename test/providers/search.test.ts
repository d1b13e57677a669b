import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Connection, type Settings, settingsSchema } from '../../src/core/settings';
import { SourceFailure } from '../../src/providers/errors';
import { resetRateLimitState } from '../../src/providers/http';
import { refHostFor } from '../../src/providers/index';
import type { Provider } from '../../src/providers/provider';
import { createGithubProvider } from '../../src/systems/github/provider';
import { maxQueryLength } from '../../src/systems/github/search';
import { textSearchQueries } from '../../src/systems/github/text-search';
import { createJiraProvider } from '../../src/systems/jira/provider';
import { textSearchJql } from '../../src/systems/jira/text-search';
import { createServiceNowProvider } from '../../src/systems/servicenow/provider';
import { textSearchQuery as servicenowQuery } from '../../src/systems/servicenow/text-search';
import { createZendeskProvider } from '../../src/systems/zendesk/provider';
import { textSearchQuery as zendeskQuery } from '../../src/systems/zendesk/text-search';
import { replicaSettings } from '../replica/credentials';
import { type Replica, startReplica } from '../replica/server';

/**
 * Quick search (`Provider.search`, issue 5) on the replica, for every provider: words find what the replica's
 * search engines would, nothing finds nothing, the limit holds, a hostile text reaches each query language as
 * words and never as syntax, and an abort stops the request.
 */

let replica: Replica;
let settings: Settings;

const connection = (id: string): Connection => {
  const found = settings.connections.find((c) => c.id === id);
  if (!found) throw new Error(`replica settings have no ${id}`);
  return found;
};
const base = (id: string) => ({
  connection: connection(id),
  refHost: refHostFor(connection(id), settings.connections),
  fetch: replica.fetch,
  timeoutMs: 5_000,
  retries: 0,
});

interface Case {
  id: string;
  apiHost: string;
  create(): Provider;
  /** What `checkout` finds at least. */
  checkout: string[];
  /** The query text a request carried (a URL parameter or the JSON body). */
  sent(path: string, body: string): string;
  /** The query holds no syntax but ours: what is left once the quoted or escaped words are taken out. */
  syntax(query: string): string[];
}

/** Tokens outside double quotes. */
const unquoted = (query: string) =>
  query
    .replace(/"[^"]*"/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

const param = (name: string) => (path: string) => new URL(`https://x${path}`).searchParams.get(name) ?? '';

const cases: Case[] = [
  {
    id: 'gh',
    apiHost: 'api.github.com',
    create: () => createGithubProvider(base('gh')),
    checkout: ['github:acme/shop-api#43'],
    sent: param('q'),
    syntax: unquoted,
  },
  {
    id: 'jira',
    apiHost: 'acme.atlassian.net',
    create: () => createJiraProvider(base('jira')),
    checkout: ['jira:SHOP-101', 'jira:SHOP-102'],
    sent: (_path, body) => (JSON.parse(body) as { jql: string }).jql,
    // One JQL string; inside it, Lucene's operator characters and upper-case operators are gone.
    syntax: (jql) => {
      const literal = /^text ~ "((?:[^"\\]|\\.)*)" ORDER BY updated DESC$/.exec(jql)?.[1];
      if (literal === undefined) return [jql];
      return [
        /[+\-&|!(){}[\]^~*?\\:/"]/.test(literal) ? literal : '',
        /\b(AND|OR|NOT)\b/.test(literal) ? literal : '',
      ];
    },
  },
  {
    id: 'snow',
    apiHost: 'acme.service-now.com',
    create: () => createServiceNowProvider(base('snow')),
    checkout: ['servicenow:INC0010001'],
    sent: param('sysparm_query'),
    // Every condition starts with a searched field (or OR and one), the last orders: no condition of the text's.
    syntax: (q) =>
      q
        .split('^')
        .filter(
          (term) =>
            !/^(OR)?(short_description|description|number)LIKE/.test(term) &&
            term !== 'ORDERBYDESCsys_updated_on',
        ),
  },
  {
    id: 'zd',
    apiHost: 'acme.zendesk.com',
    create: () => createZendeskProvider(base('zd')),
    checkout: ['zendesk:acme/4711', 'zendesk:acme/4712'],
    sent: param('query'),
    syntax: unquoted,
  },
];

beforeAll(async () => {
  replica = await startReplica();
  settings = settingsSchema.parse(replicaSettings());
});
afterAll(() => replica?.close());
afterEach(() => {
  replica.clearFaults();
  replica.clearLog();
  resetRateLimitState();
});

const sentQueries = (c: Case) =>
  replica.requests.filter((r) => r.host === c.apiHost).map((r) => c.sent(r.path, r.body ?? ''));

describe.each(cases)('search: $id', (c) => {
  test('words find the items whose text has them, newest first, each a complete item', async () => {
    const items = await c.create().search?.('checkout', { limit: 5 });
    expect(items?.map((i) => i.ref)).toEqual(expect.arrayContaining(c.checkout));
    for (const item of items ?? []) {
      expect(item.url).toMatch(/^https:\/\//);
      expect(item.status.name.length).toBeGreaterThan(0);
    }
    const updated = (items ?? []).flatMap((i) => (i.updatedAt ? [i.updatedAt] : []));
    expect(updated).toEqual([...updated].sort().reverse());
  });

  test('a malformed result costs only itself; a javascript: link from the server is no item link', async () => {
    const whole = (await c.create().search?.('checkout', { limit: 20 })) ?? [];
    replica.fault({ host: c.apiHost, path: /./, kind: 'bad-item', times: 1 });
    const found = (await c.create().search?.('checkout', { limit: 20 })) ?? [];
    expect(found.length).toBeGreaterThanOrEqual(whole.length - 1);
    expect(found.length).toBeGreaterThan(0);
    replica.fault({ host: c.apiHost, path: /./, kind: 'hostile-url' });
    const hostile = (await c.create().search?.('checkout', { limit: 20 })) ?? [];
    expect(hostile.length).toBe(whole.length);
    for (const item of hostile) expect(item.url).toMatch(/^https:\/\//);
  });

  test('text that matches nothing returns nothing', async () => {
    expect(await c.create().search?.('zzqx nothing-like-this', { limit: 5 })).toEqual([]);
  });

  test('the limit holds', async () => {
    const items = await c.create().search?.('checkout', { limit: 1 });
    expect(items).toHaveLength(1);
  });

  test('hostile text reaches the query as words, never as syntax, and still answers', async () => {
    const hostile = 'checkout" OR x^ORDERBYnumber^NQactive=true repo:evil/x status:closed';
    const items = await c.create().search?.(hostile, { limit: 5 });
    expect(items).toEqual([]);
    const sent = sentQueries(c);
    expect(sent.length).toBeGreaterThan(0);
    // org:acme: the GitHub scope learned from the replica's token (github/scope.ts)
    const ours = new Set(['is:issue', 'is:pr', 'type:ticket', 'org:acme', '']);
    for (const query of sent) expect(c.syntax(query).filter((t) => !ours.has(t))).toEqual([]);
  });

  test('an abort stops the request at once, as the abort, not as a source failure', async () => {
    replica.fault({ host: c.apiHost, path: /./, kind: 'hang' });
    const controller = new AbortController();
    const search = c.create().search?.('checkout', { limit: 5, signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException('newer search', 'AbortError')), 50);
    const error = await search?.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(SourceFailure);
    expect((error as DOMException).name).toBe('AbortError');
  });
});

describe('query building: what people type is words', () => {
  test('GitHub: every word is a quoted phrase; quotes, qualifiers and operators are inert', () => {
    expect(textSearchQueries('checkout "x" OR repo:evil/x -label:a (y)', '', ['org:acme'])).toEqual([
      '"checkout" "x" "OR" "repo:evil/x" "-label:a" "(y)" is:issue org:acme',
      '"checkout" "x" "OR" "repo:evil/x" "-label:a" "(y)" is:pr org:acme',
    ]);
    expect(textSearchQueries(' " ', '', ['org:acme'])).toEqual([]);
    // one scope entry per query (search.ts): two entries, four queries
    expect(textSearchQueries('checkout', 'is:open', ['org:acme', 'repo:globex/app'])).toEqual([
      '"checkout" is:issue is:open org:acme',
      '"checkout" is:pr is:open org:acme',
      '"checkout" is:issue is:open repo:globex/app',
      '"checkout" is:pr is:open repo:globex/app',
    ]);
    const long = textSearchQueries(Array.from({ length: 8 }, () => 'w'.repeat(60)).join(' '), '', [
      'org:acme',
    ]);
    for (const q of long) expect(q.length).toBeLessThanOrEqual(maxQueryLength);
  });

  test('Jira: the JQL string is closed only by us; Lucene operators become word breaks', () => {
    expect(textSearchJql('checkout" OR project = X')).toBe(
      'text ~ "checkout or project = x" ORDER BY updated DESC',
    );
    expect(textSearchJql('a\\" AND b')).toBe('text ~ "a and b" ORDER BY updated DESC');
    expect(textSearchJql('SHOP-101 (cart)* ~2 title:x')).toBe(
      'text ~ "shop 101 cart 2 title x" ORDER BY updated DESC',
    );
    expect(textSearchJql('"*?"')).toBeUndefined();
  });

  test('ServiceNow: ^ never reaches the encoded query; every word in any field, words AND-ed', () => {
    expect(servicenowQuery('cart^ORDERBYnumber^NQactive=true', ['short_description'])).toBe(
      'short_descriptionLIKEcart^ORnumberLIKEcart^short_descriptionLIKEORDERBYnumber^ORnumberLIKEORDERBYnumber' +
        '^short_descriptionLIKENQactive=true^ORnumberLIKENQactive=true^ORDERBYDESCsys_updated_on',
    );
    expect(servicenowQuery('^^', ['short_description'])).toBeUndefined();
  });

  test('Zendesk: every word is a quoted phrase, so keywords and negation are inert', () => {
    expect(zendeskQuery('checkout status:closed -type:user "x')).toBe(
      'type:ticket "checkout" "status:closed" "-type:user" "x"',
    );
    expect(zendeskQuery('""')).toBeUndefined();
  });
});
