import { beforeEach, describe, expect, test } from 'vitest';
import type { Item } from '../../src/core/model';
import { parseRef, type Ref } from '../../src/core/refs';
import { resetRateLimitState } from '../../src/providers/http';
import { createZendeskProvider } from '../../src/systems/zendesk/provider';
import { meSchema, searchSchema, showManySchema, ticketSchema } from '../../src/systems/zendesk/schemas';
import { maxQueryWords, ticketQueries, ticketSearchPlan, wordCount } from '../../src/systems/zendesk/search';
import { textSearchQuery } from '../../src/systems/zendesk/text-search';
import { connections, context, fakeFetch, json, reference, type Sent } from './fixtures';

beforeEach(() => resetRateLimitState());

const refs = (...list: string[]) => list.map((r) => parseRef(r) as Ref);
const provider = (fetch: typeof globalThis.fetch, extra = {}) =>
  createZendeskProvider({ connection: connections.zendesk, fetch, retries: 0, ...extra });

/** reference/zendesk/tickets-show-many.json's ticket, plus the side-loads the spec example leaves out. */
function showMany(over: Record<string, unknown> = {}) {
  const example = reference<{ tickets: Record<string, unknown>[] }>('zendesk/tickets-show-many.json');
  const ticket = { ...example.tickets[0], ...over };
  return {
    tickets: [ticket],
    users: [
      { id: 20978392, name: 'Alice Buyer', email: 'alice@umbrella.example' },
      { id: 235323, name: 'Zoe Agent', email: 'zoe@acme.com' },
    ],
    organizations: [
      reference<{ organization: object }>('zendesk/organization.json').organization,
      { id: 509974, name: 'Umbrella Corp' },
    ],
  };
}

describe('Zendesk schemas', () => {
  test('parse the reference and recorded responses', () => {
    expect(showManySchema.parse(reference('zendesk/tickets-show-many.json')).tickets[0]?.id).toBe(35436);
    expect(ticketSchema.parse(reference<{ ticket: unknown }>('zendesk/ticket.json').ticket).status).toBe(
      'open',
    );
    expect(
      ticketSchema.parse(reference<{ ticket: unknown }>('recorded/zendesk-ticket-20.recorded.json').ticket)
        .priority,
    ).toBeNull();
    expect(searchSchema.parse(reference('zendesk/search-type-ticket.constructed.json')).results).toHaveLength(
      1,
    );
    expect(searchSchema.parse(reference('zendesk/search.json')).results.map((r) => r.result_type)).toEqual([
      'group',
      'group',
    ]);
  });
});

describe('Zendesk fetchItems', () => {
  test('one show_many request with side-loads, mapped into Items', async () => {
    const { fetch, requests } = fakeFetch(() =>
      json(showMany({ description: 'Checkout is broken, see SHOP-101.' })),
    );
    const found = await provider(fetch).fetchItems(
      refs('zendesk:acme/35436', 'zendesk:acme/35437', 'zendesk:other/1'),
      context,
    );
    expect(requests).toHaveLength(1);
    const url = requests[0]?.url as URL;
    expect(url.origin + url.pathname).toBe('https://acme.zendesk.com/api/v2/tickets/show_many.json');
    expect(url.searchParams.get('ids')).toBe('35436,35437');
    expect(url.searchParams.get('include')).toBe('users,organizations');
    expect(requests[0]?.headers.get('authorization')).toBe(`Basic ${btoa('me@acme.com/token:tok')}`);
    expect(found.items).toEqual([
      {
        ref: 'zendesk:acme/35436',
        system: 'zendesk',
        kind: 'ticket',
        key: '#35436',
        title: 'Help, my printer is on fire!',
        url: 'https://acme.zendesk.com/agent/tickets/35436',
        status: { name: 'Open', category: 'in_progress' },
        priority: { name: 'High', rank: 2 },
        requester: 'Alice Buyer',
        assignee: 'Zoe Agent',
        organization: 'Umbrella Corp',
        createdAt: '2009-07-20T22:55:29Z',
        updatedAt: '2011-05-05T10:38:52Z',
        satisfaction: 'good',
      },
    ]);
    expect(found.links).toEqual([
      { from: 'zendesk:acme/35436', to: 'jira:SHOP-101', via: 'mention', detail: 'description' },
    ]);
  });

  test('the recorded ticket (nulls everywhere) maps; new is to do', async () => {
    const ticket = reference<{ ticket: object }>('recorded/zendesk-ticket-20.recorded.json').ticket;
    const { fetch } = fakeFetch(() => json({ tickets: [ticket], users: [], organizations: [] }));
    const [item] = (await provider(fetch).fetchItems(refs('zendesk:acme/20'), context)).items;
    expect(item).toMatchObject({
      ref: 'zendesk:acme/20',
      status: { name: 'New', category: 'todo' },
      title: 'Voicemail from: Caller +1 (717) 171-7171',
    });
    expect(item?.priority).toBeUndefined();
    expect(item?.satisfaction).toBeUndefined();
  });

  test('statuses and priorities', async () => {
    const tickets = ['pending', 'hold', 'solved', 'closed'].map((status, i) => ({
      id: i + 1,
      status,
      priority: ['urgent', 'normal', 'low', null][i],
    }));
    const { fetch } = fakeFetch(() => json({ tickets }));
    const found = await provider(fetch).fetchItems(
      refs('zendesk:acme/1', 'zendesk:acme/2', 'zendesk:acme/3', 'zendesk:acme/4'),
      context,
    );
    expect(found.items.map((i) => [i.status.category, i.priority?.rank])).toEqual([
      ['in_progress', 1],
      ['in_progress', 3],
      ['done', 4],
      ['done', undefined],
    ]);
  });

  test('150 ids make two requests (show_many takes 100)', async () => {
    const { fetch, requests } = fakeFetch(() => json({ tickets: [] }));
    await provider(fetch).fetchItems(
      refs(...Array.from({ length: 150 }, (_, i) => `zendesk:acme/${i + 1}`)),
      context,
    );
    expect(requests.map((r) => r.url.searchParams.get('ids')?.split(',').length)).toEqual([100, 50]);
  });

  test('configured custom fields and external_id hold keys outright (even lower-case tags)', async () => {
    const { fetch } = fakeFetch(() =>
      json({
        tickets: [
          {
            id: 4711,
            status: 'open',
            subject: 'Checkout spins',
            custom_fields: [
              { id: 360001, value: 'shop-101' },
              { id: 27642, value: 'OPS-12' },
            ],
            external_id: 'INC0010001',
          },
        ],
      }),
    );
    const found = await provider(fetch, { referenceFieldIds: [360001] }).fetchItems(
      refs('zendesk:acme/4711'),
      context,
    );
    expect(found.links).toEqual([
      { from: 'zendesk:acme/4711', to: 'jira:SHOP-101', via: 'field', detail: 'custom field 360001' },
      { from: 'zendesk:acme/4711', to: 'servicenow:INC0010001', via: 'field', detail: 'external_id' },
    ]);
  });

  test('options are checked at construction', () => {
    expect(() => createZendeskProvider({ connection: connections.zendesk, referenceFieldIds: [0] })).toThrow(
      /referenceFieldIds/,
    );
    expect(() => createZendeskProvider({ connection: connections.github })).toThrow(/github, not zendesk/);
  });
});

const bug: Item = {
  ref: 'jira:SHOP-101',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-101',
  title: 'Checkout times out',
  url: 'https://acme.atlassian.net/browse/SHOP-101',
  status: { name: 'Done', category: 'done' },
};

/** A ticket's comments (none past the description), for searches whose hits are checked in their comments. */
const noComments = (sent: Sent) =>
  /\/api\/v2\/tickets\/\d+\/comments\.json$/.test(sent.url.pathname)
    ? json({ comments: [], next_page: null, previous_page: null, count: 0 })
    : undefined;

describe('Zendesk findReferencing', () => {
  test('terms are OR-ed per property (subject, description, custom field); hits are verified', async () => {
    const constructed = reference<{ results: Record<string, unknown>[] }>(
      'zendesk/search-type-ticket.constructed.json',
    );
    const hit = {
      ...constructed.results[0],
      id: 4712,
      description: 'Same as the known checkout bug SHOP-101.',
      organization_id: 509974,
      requester_id: 20978392,
    };
    const viaField = {
      ...constructed.results[0],
      id: 4711,
      description: 'Checkout never finishes.',
      custom_fields: [{ id: 360001, value: 'shop-101' }],
      organization_id: null,
      requester_id: null,
    };
    const noise = { ...constructed.results[0], id: 9, description: 'SHOP-1010 is different' };
    const { fetch, requests } = fakeFetch(
      (sent) =>
        noComments(sent) ??
        json({
          results: [hit, viaField, noise],
          users: [{ id: 20978392, name: 'Alice Buyer' }],
          organizations: [{ id: 509974, name: 'Umbrella Corp' }],
          count: 3,
        }),
    );
    const pr: Item = {
      ...bug,
      ref: 'github:acme/shop-api#42',
      system: 'github',
      kind: 'pull',
      key: 'acme/shop-api#42',
      url: 'https://github.com/acme/shop-api/pull/42',
    };
    const found = await provider(fetch, { referenceFieldIds: [360001] }).findReferencing([bug, pr], context);
    const searches = requests.filter((r) => r.url.pathname === '/api/v2/search.json');
    expect(searches.map((r) => r.url.searchParams.get('query'))).toEqual([
      'type:ticket subject:"SHOP-101" subject:"acme/shop-api#42" subject:"https://github.com/acme/shop-api/pull/42"',
      'type:ticket description:"SHOP-101" description:"acme/shop-api#42" description:"https://github.com/acme/shop-api/pull/42"',
      'type:ticket custom_field_360001:SHOP-101',
    ]);
    expect(searches.map((r) => r.url.searchParams.get('include'))).toEqual(
      Array(3).fill('tickets(users,organizations)'),
    );
    // side-loaded: no users/organizations show_many follow-ups; the unverified hit's comments are read
    expect(
      requests.filter((r) => r.url.pathname !== '/api/v2/search.json').map((r) => r.url.pathname),
    ).toEqual(['/api/v2/tickets/9/comments.json']);
    expect(found.items.map((i) => [i.ref, i.organization])).toEqual([
      ['zendesk:acme/4712', 'Umbrella Corp'],
      ['zendesk:acme/4711', undefined],
    ]);
    expect(found.links).toEqual(
      expect.arrayContaining([
        { from: 'zendesk:acme/4712', to: 'jira:SHOP-101', via: 'mention', detail: 'description' },
        { from: 'zendesk:acme/4711', to: 'jira:SHOP-101', via: 'field', detail: 'custom field 360001' },
      ]),
    );
  });

  test('names a search did not side-load are read with show_many, for verified hits only', async () => {
    const { fetch, requests } = fakeFetch((sent: Sent) => {
      if (sent.url.pathname === '/api/v2/users/show_many.json') return json({ users: showMany().users });
      if (sent.url.pathname === '/api/v2/organizations/show_many.json')
        return json({ organizations: showMany().organizations });
      return (
        noComments(sent) ??
        json({
          results: [
            {
              result_type: 'ticket',
              id: 4712,
              status: 'open',
              subject: 'SHOP-101 again',
              requester_id: 20978392,
              organization_id: 509974,
            },
            {
              result_type: 'ticket',
              id: 9,
              status: 'open',
              subject: 'SHOP-1010',
              requester_id: 1,
              organization_id: 2,
            },
          ],
        })
      );
    });
    const found = await provider(fetch).findReferencing([bug], context);
    expect(requests.map((r) => `${r.url.pathname}?${r.url.searchParams.get('ids') ?? ''}`)).toEqual([
      '/api/v2/search.json?',
      '/api/v2/search.json?',
      '/api/v2/tickets/9/comments.json?',
      '/api/v2/users/show_many.json?20978392',
      '/api/v2/organizations/show_many.json?509974',
    ]);
    expect(found.items[0]).toMatchObject({
      ref: 'zendesk:acme/4712',
      requester: 'Alice Buyer',
      organization: 'Umbrella Corp',
    });
  });

  test('no target is dropped: 40 targets fit a few queries of at most 64 words', async () => {
    const many: Item[] = Array.from({ length: 40 }, (_, i) => ({
      ...bug,
      key: `SHOP-${i + 1}`,
      ref: `jira:SHOP-${i + 1}`,
    }));
    const queries = ticketQueries(many, [360001]);
    for (const q of queries) expect(wordCount(q)).toBeLessThanOrEqual(maxQueryWords);
    for (const { key } of many) {
      for (const property of ['subject:', 'description:']) {
        expect(queries.filter((q) => q.includes(`${property}"${key}"`))).toHaveLength(1);
      }
      expect(queries.filter((q) => q.split(' ').includes(`custom_field_360001:${key}`))).toHaveLength(1);
    }
    // 40 phrases of 3 words each (keyword + SHOP + n) and the 2 words of type:ticket: 3 queries a property
    expect(queries.length).toBe(6 + 2);

    const { fetch, requests } = fakeFetch((sent: Sent) => {
      const query = sent.url.searchParams.get('query') ?? '';
      // the last key of the list is named only in the last description query
      const results = query.includes('description:"SHOP-40"')
        ? [{ result_type: 'ticket', id: 4040, status: 'open', description: 'Broken again: SHOP-40' }]
        : [];
      return json({ results, users: [], organizations: [], count: results.length, next_page: null });
    });
    const found = await provider(fetch, { referenceFieldIds: [360001] }).findReferencing(many, context);
    expect(requests).toHaveLength(queries.length);
    expect(found.items.map((i) => i.ref)).toEqual(['zendesk:acme/4040']);
    expect(found.links).toContainEqual({
      from: 'zendesk:acme/4040',
      to: 'jira:SHOP-40',
      via: 'mention',
      detail: 'description',
    });
  });

  test('a hop of 10 pull requests and 15 keys: 3 queries a property (4 in page order), every term once, none past 64 words', () => {
    const pulls: Item[] = Array.from({ length: 10 }, (_, i) => ({
      ...bug,
      system: 'github',
      kind: 'pull',
      ref: `github:acme/shop-api#${100 + i}`,
      key: `acme/shop-api#${100 + i}`,
      url: `https://github.com/acme/shop-api/pull/${100 + i}`,
    }));
    const keys: Item[] = Array.from({ length: 15 }, (_, i) => ({
      ...bug,
      ref: `jira:SHOP-${200 + i}`,
      key: `SHOP-${200 + i}`,
    }));
    // the order a page names them in: a pull request, then the keys, then the other pull requests
    const targets = [pulls[0] as Item, ...keys, ...pulls.slice(1)];
    const queries = ticketQueries(targets, []);
    for (const q of queries) expect(wordCount(q), q).toBeLessThanOrEqual(maxQueryWords);
    for (const property of ['subject:', 'description:']) {
      const mine = queries.filter((q) => q.includes(` ${property}`));
      // URLs are 9 words with the keyword, owner/repo#n 5, keys 3: 185 words, and 62 a query after type:ticket
      const words = mine.reduce((n, q) => n + wordCount(q) - 2, 0);
      expect(words).toBe(10 * 9 + 10 * 5 + 15 * 3);
      expect(mine).toHaveLength(Math.ceil(words / (maxQueryWords - 2)));
      for (const t of targets) {
        for (const term of t.system === 'github' ? [t.key, t.url] : [t.key]) {
          const named = mine.flatMap((q) => q.split(' ')).filter((w) => w === `${property}"${term}"`);
          expect(named, term).toHaveLength(1);
        }
      }
    }
  });

  test('a term too long for any query is told in the notes, not sent; the rest is searched', async () => {
    const repo = Array.from({ length: 70 }, (_, i) => `p${i}`).join('-'); // 70 words on its own
    const huge: Item = {
      ...bug,
      system: 'github',
      kind: 'pull',
      ref: `github:acme/${repo}#1`,
      key: `acme/${repo}#1`,
      url: `https://github.com/acme/${repo}/pull/1`,
    };
    const plan = ticketSearchPlan([huge, bug], []);
    expect(plan.queries).toEqual(['type:ticket subject:"SHOP-101"', 'type:ticket description:"SHOP-101"']);
    expect(plan.unsearchable).toHaveLength(4); // key and URL, in subject and description
    const { fetch, requests } = fakeFetch(
      (sent) =>
        noComments(sent) ??
        json({
          results: [{ result_type: 'ticket', id: 7, status: 'open', description: 'Again SHOP-101' }],
          users: [],
          organizations: [],
          count: 1,
          next_page: null,
        }),
    );
    const found = await provider(fetch).findReferencing([huge, bug], context);
    for (const r of requests)
      expect(wordCount(r.url.searchParams.get('query') ?? '')).toBeLessThanOrEqual(64);
    expect(found.items.map((i) => i.ref)).toEqual(['zendesk:acme/7']);
    expect(found.notes).toContainEqual(expect.stringMatching(/too long for Zendesk's 64-word search/));
  });

  test('a quick search of long pasted words stays within 64 words, keeping the first ones', () => {
    const url = (n: number) => `https://github.com/acme/shop-api/pull/${n}`; // 8 words each
    const query = textSearchQuery([1, 2, 3, 4, 5, 6, 7, 8].map(url).join(' ')) ?? '';
    expect(wordCount(query)).toBeLessThanOrEqual(maxQueryWords);
    expect(query).toBe(`type:ticket ${[1, 2, 3, 4, 5, 6, 7].map((n) => `"${url(n)}"`).join(' ')}`);
    expect(textSearchQuery('checkout spins')).toBe('type:ticket "checkout" "spins"');
  });

  test('a hit naming the target only in a comment is kept; comments are read for 5 unverified hits, 3 pages each', async () => {
    const hits = [1, 2, 3, 4, 5, 6, 7].map((id) => ({
      result_type: 'ticket',
      id,
      status: 'open',
      subject: 'x',
    }));
    const { fetch, requests } = fakeFetch((sent: Sent) => {
      const m = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(sent.url.pathname);
      if (!m)
        return json({ results: hits, users: [], organizations: [], count: hits.length, next_page: null });
      const page = Number(sent.url.searchParams.get('page'));
      // #2 names SHOP-101 in its 250th comment; #7 (past the five read) in its first
      const comments = Array.from({ length: 100 }, (_, i) => ({
        id: page * 1000 + i,
        body: (m[1] === '2' && (page - 1) * 100 + i === 249) || m[1] === '7' ? 'Caused by SHOP-101' : 'hm',
      }));
      return json({ comments, next_page: 'https://acme.zendesk.com/next', count: 1000 });
    });
    const found = await provider(fetch).findReferencing([bug], context);
    expect(found.items.map((i) => i.ref)).toEqual(['zendesk:acme/2']);
    expect(found.links).toContainEqual({
      from: 'zendesk:acme/2',
      to: 'jira:SHOP-101',
      via: 'mention',
      detail: 'comment',
    });
    const reads = requests.filter((r) => r.url.pathname.endsWith('/comments.json'));
    expect(reads).toHaveLength(15);
    expect(new Set(reads.map((r) => r.url.pathname))).not.toContain('/api/v2/tickets/7/comments.json');
    expect(found.notes).toContainEqual(
      '2 Zendesk tickets found by a search were not checked in their comments',
    );
  });

  test('a search with more than one page of hits is read to the end (next_page)', async () => {
    const page = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        result_type: 'ticket',
        id: 1000 + i + (n === 100 ? 0 : 100),
        status: 'open',
        subject: i === 0 ? 'Still SHOP-101' : 'unrelated',
      }));
    const { fetch, requests } = fakeFetch((sent: Sent) => {
      const comments = noComments(sent);
      if (comments) return comments;
      if (!(sent.url.searchParams.get('query') ?? '').includes('description:')) return json({ results: [] });
      const second = sent.url.searchParams.get('page') === '2';
      return json({
        results: second ? page(3) : page(100),
        users: [],
        organizations: [],
        count: 103,
        next_page: second ? null : 'https://acme.zendesk.com/api/v2/search.json?page=2',
      });
    });
    const found = await provider(fetch).findReferencing([bug], context);
    const searches = requests.filter((r) => r.url.pathname === '/api/v2/search.json');
    expect(searches.map((r) => r.url.searchParams.get('page'))).toEqual([null, null, '2']);
    expect(found.items.map((i) => i.ref).sort()).toEqual(['zendesk:acme/1000', 'zendesk:acme/1100']);
  });

  test('show_many without side-loads (the server ignored include): names are read separately', async () => {
    const { fetch, requests } = fakeFetch((sent: Sent) => {
      if (sent.url.pathname === '/api/v2/users/show_many.json') return json({ users: showMany().users });
      if (sent.url.pathname === '/api/v2/organizations/show_many.json')
        return json({ organizations: showMany().organizations });
      return json({ tickets: showMany().tickets });
    });
    const found = await provider(fetch).fetchItems(refs('zendesk:acme/35436'), context);
    expect(requests).toHaveLength(3);
    expect(found.items[0]).toMatchObject({
      requester: 'Alice Buyer',
      assignee: 'Zoe Agent',
      organization: 'Umbrella Corp',
    });
  });
});

describe('Zendesk whoAmI', () => {
  test('names the user; an anonymous answer (id null) is an auth failure', async () => {
    const me = fakeFetch(() => json({ user: { id: 7, name: 'Zoe Agent', email: 'zoe@acme.com' } }));
    expect(await provider(me.fetch).whoAmI()).toBe('Zoe Agent (zoe@acme.com)');
    expect(me.requests[0]?.url.pathname).toBe('/api/v2/users/me.json');
    expect(
      meSchema.parse({ user: { id: null, name: 'Anonymous user', email: 'invalid@example.com' } }).user.id,
    ).toBeNull();
    const anonymous = fakeFetch(() =>
      json({ user: { id: null, name: 'Anonymous user', email: 'invalid@example.com' } }),
    );
    const error = await provider(anonymous.fetch)
      .whoAmI()
      .catch((e) => e);
    expect(error.kind).toBe('auth');
    expect(error.userMessage).toMatch(/Zendesk \(acme\.zendesk\.com\) rejected the credentials/);
  });
});
