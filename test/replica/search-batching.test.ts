/**
 * What batched reverse lookups rely on: GitHub search evaluates OR (and rejects queries over its limits the
 * way GitHub does), Zendesk search ORs a property named several times, and Zendesk side-loads users and
 * organisations with tickets, in show_many and in search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, type ReplicaSystem } from './credentials.ts';
import { type Replica, startReplica } from './server.ts';

// biome-ignore lint/suspicious/noExplicitAny: API answers are asserted field by field
type Json = any;

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.close());

async function call(system: ReplicaSystem, url: string): Promise<{ status: number; json: Json }> {
  const res = await replica.fetch(url, { headers: { authorization: authHeader(system) } });
  return { status: res.status, json: await res.json() };
}

describe('GitHub search: OR, phrases, qualifiers, limits', () => {
  const search = (q: string) =>
    call('github', `https://api.github.com/search/issues?q=${encodeURIComponent(q)}`);
  const found = async (q: string) => {
    const { status, json } = await search(q);
    expect(status).toBe(200);
    return (json.items as { repository_url: string; number: number }[])
      .map((i) => `${i.repository_url.split('/repos/')[1]}#${i.number}`)
      .sort();
  };

  it('OR finds what mentions any term; without OR every term must match', async () => {
    expect(await found('("SHOP-101" OR "SHOP-102") is:pr org:acme')).toEqual([
      'acme/shop-api#42',
      'acme/shop-api#43',
    ]);
    expect(await found('"SHOP-101" "SHOP-102" is:pr')).toEqual(['other-co/app#7']);
    expect(await found('"SHOP-101" AND "SHOP-102" is:pr org:acme')).toEqual([]);
    // lower-case "or" is a word, not an operator
    expect(await found('"SHOP-101" or "SHOP-102" is:pr')).toEqual([]);
  });

  it('advanced search: AND binds tighter than OR, a qualifier does not distribute over OR', async () => {
    const everywhere = ['acme/shop-api#42', 'acme/web#7', 'other-co/app#7'];
    expect(await found('"SHOP-101" OR "OPS-12"')).toEqual(everywhere);
    // "SHOP-101" OR ("OPS-12" AND is:issue): every PR naming SHOP-101 matches on its own
    expect(await found('"SHOP-101" OR "OPS-12" is:issue')).toEqual(everywhere);
    expect(await found('"SHOP-101" OR "OPS-12" is:pr')).toEqual(['acme/shop-api#42', 'other-co/app#7']);
    expect(await found('("SHOP-101" OR "OPS-12") is:issue')).toEqual(['acme/web#7']);
    expect(await found('("SHOP-101" OR "OPS-12") repo:acme/web')).toEqual(['acme/web#7']);
    expect(await found('("SHOP-101" OR "SHOP-102") is:pr in:title,body repo:acme/shop-api')).toEqual([
      'acme/shop-api#42',
      'acme/shop-api#43',
    ]);
    expect(await found('"SHOP-101" in:comments')).toEqual([]);
  });

  it('the unparenthesised form reaches other organisations; the grouped one stays in its org', async () => {
    const loose = await found('"SHOP-101" OR "SHOP-102" is:pr in:title,body org:acme');
    expect(loose.some((r) => r.startsWith('other-co/'))).toBe(true);
    const grouped = await found('("SHOP-101" OR "SHOP-102") is:pr in:title,body org:acme');
    expect(grouped).toEqual(['acme/shop-api#42', 'acme/shop-api#43']);
  });

  it('refuses what GitHub refuses or leaves undocumented: owners in parentheses, two owners, deep or unbalanced parentheses', async () => {
    const refused = async (q: string) => {
      const res = await search(q);
      expect(res.status, q).toBe(422);
      return res.json.errors[0].message as string;
    };
    expect(await refused('("SHOP-101" org:acme) OR "SHOP-102"')).toMatch(
      /org: qualifier cannot be used within/,
    );
    expect(await refused('"SHOP-101" org:acme org:other-co')).toMatch(/More than one repo:, org: or user:/);
    expect(await refused('((((((("SHOP-101")))))))')).toMatch(/five levels/);
    expect(await refused('("SHOP-101" OR "SHOP-102" is:pr')).toMatch(/Unbalanced/);
    expect(await refused('"SHOP-101" OR')).toMatch(/ends with an operator|OR must stand/);
    expect((await search('(((("SHOP-101")))) -repo:other-co/app repo:acme/shop-api')).status).toBe(200);
  });

  it('NOT excludes, and quoted phrases match whole tokens', async () => {
    expect(await found('("SHOP-101" OR "SHOP-102") NOT "SHOP-102" is:pr org:acme')).toEqual([
      'acme/shop-api#42',
    ]);
    expect(await found('"SHOP-10" OR "SHOP-1010" is:pr')).toEqual([]);
  });

  it('more than five AND/OR/NOT operators: 422 Validation Failed', async () => {
    const six = Array.from({ length: 7 }, (_, i) => `"SHOP-${100 + i}"`).join(' OR ');
    const five = Array.from({ length: 6 }, (_, i) => `"SHOP-${100 + i}"`).join(' OR ');
    expect((await search(`${five} is:pr`)).status).toBe(200);
    expect(await search(`${six} is:pr`)).toEqual({
      status: 422,
      json: {
        message: 'Validation Failed',
        errors: [
          {
            message: 'More than five AND / OR / NOT operators were used.',
            resource: 'Search',
            field: 'q',
            code: 'invalid',
          },
        ],
        documentation_url: 'https://docs.github.com/rest/search/search#search-issues-and-pull-requests',
        status: '422',
      },
    });
  });

  it('more than 256 characters, not counting operators and qualifiers: 422 Validation Failed', async () => {
    const text = `"${'x'.repeat(254)}"`; // 256 characters of search text
    const qualifiers = 'is:pr in:title,body repo:acme/shop-api';
    expect((await search(`${text} ${qualifiers}`)).status).toBe(200);
    const long = await search(`${text} OR y ${qualifiers}`);
    expect(long.status).toBe(422);
    expect(long.json.message).toBe('Validation Failed');
    expect(long.json.errors).toEqual([
      {
        message: 'The search is longer than 256 characters.',
        resource: 'Search',
        field: 'q',
        code: 'invalid',
      },
    ]);
  });
});

describe('Zendesk search: one property named several times is OR-ed', () => {
  const ids = async (q: string) => {
    const { status, json } = await call(
      'zendesk',
      `https://acme.zendesk.com/api/v2/search.json?query=${encodeURIComponent(q)}`,
    );
    expect(status).toBe(200);
    return (json.results as { id: number }[]).map((t) => t.id).sort();
  };

  it('subject:, description: (description and comments), custom_field_<id>:, tags:', async () => {
    expect(await ids('type:ticket subject:spins subject:basket')).toEqual([4711, 4712]);
    expect(await ids('type:ticket description:"SHOP-101"')).toEqual([4712]);
    expect(await ids('type:ticket description:"SHOP-101" description:"never finishes"')).toEqual([
      4711, 4712,
    ]);
    expect(await ids('type:ticket description:"engineering bug"')).toEqual([4711]); // a comment
    expect(await ids('type:ticket subject:"SHOP-101"')).toEqual([]);
    expect(
      await ids('type:ticket custom_field_360012345001:SHOP-101 custom_field_360012345001:SHOP-999'),
    ).toEqual([4711]);
    expect(await ids('type:ticket tags:enterprise tags:nope')).toEqual([4711]);
  });

  it('a query past 64 words is refused, words counted the strictest way (keywords and each part of a URL)', async () => {
    const search = (q: string) =>
      call('zendesk', `https://acme.zendesk.com/api/v2/search.json?query=${encodeURIComponent(q)}`);
    // type:ticket (2) + 20 × subject:"SHOP-n" (3 each) + description:"SHOP-101" (3) = 65 words
    const keys = Array.from({ length: 20 }, (_, i) => `subject:"SHOP-${200 + i}"`).join(' ');
    const refused = await search(`type:ticket ${keys} description:"SHOP-101"`);
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      error: 'invalid',
      description: 'Invalid search: the query has 65 words; the limit is 64',
    });
    // 64 words: answered
    expect((await search(`type:ticket ${keys} "SHOP-101"`)).status).toBe(200);
    // a URL is as many words as it has parts: 7 of them are 2 + 7 × 9 = 65
    const url = (n: number) => `description:"https://github.com/acme/shop-api/pull/${n}"`;
    const urls = Array.from({ length: 7 }, (_, i) => url(40 + i)).join(' ');
    expect((await search(`type:ticket ${urls}`)).status).toBe(400);
    expect(await ids(`type:ticket ${Array.from({ length: 6 }, (_, i) => url(40 + i)).join(' ')}`)).toEqual(
      [],
    );
  });

  it('different properties, free words and ranges stay AND-ed', async () => {
    expect(await ids('type:ticket subject:spins description:"SHOP-101"')).toEqual([]);
    expect(await ids('type:ticket SHOP-101 basket')).toEqual([4712]);
    expect(await ids('type:ticket SHOP-101 spins')).toEqual([]);
    expect(await ids('type:ticket subject:spins created>2026-03-02 created<2026-03-04')).toEqual([4711]);
    expect(await ids('type:ticket subject:spins created>2026-03-04 created<2026-03-10')).toEqual([]);
  });
});

describe('Zendesk side-loads', () => {
  const zd = 'https://acme.zendesk.com/api/v2';
  const person = (key: string) => replica.dataset.people.find((p) => p.key === key)?.zendeskId;
  const org = (key: string) => replica.dataset.orgs.find((o) => o.key === key)?.zendeskId;
  const idsOf = (list: { id: number }[] | undefined) => list?.map((x) => x.id).sort((a, b) => a - b);
  const sorted = (...list: (number | undefined)[]) => [...list].sort((a, b) => (a ?? 0) - (b ?? 0));

  it('show_many with include=users,organizations answers users and organizations', async () => {
    const { json } = await call(
      'zendesk',
      `${zd}/tickets/show_many.json?ids=4711,4712&include=users,organizations`,
    );
    expect(json.tickets.map((t: { id: number }) => t.id)).toEqual([4711, 4712]);
    expect(idsOf(json.users)).toEqual(sorted(person('carla'), person('bill'), person('zoe')));
    expect(idsOf(json.organizations)).toEqual(sorted(org('globex'), org('initech')));
    expect(json.users[0]).toMatchObject({ id: expect.any(Number), name: expect.any(String) });
    expect(json.organizations[0]).toMatchObject({ id: expect.any(Number), name: expect.any(String) });
    const plain = await call('zendesk', `${zd}/tickets/show_many.json?ids=4711`);
    expect(plain.json.users).toBeUndefined();
    expect(plain.json.organizations).toBeUndefined();
  });

  it('search with include=tickets(users,organizations) side-loads the hits’ users and organizations', async () => {
    const q = encodeURIComponent('type:ticket description:"SHOP-101"');
    const { json } = await call(
      'zendesk',
      `${zd}/search.json?query=${q}&include=tickets(users,organizations)`,
    );
    expect(json.results.map((t: { id: number }) => t.id)).toEqual([4712]);
    expect(idsOf(json.users)).toEqual(sorted(person('bill'), person('zoe')));
    expect(idsOf(json.organizations)).toEqual([org('initech')]);
    const only = await call('zendesk', `${zd}/search.json?query=${q}&include=tickets(users)`);
    expect(idsOf(only.json.users)).toEqual(sorted(person('bill'), person('zoe')));
    expect(only.json.organizations).toBeUndefined();
    const plain = await call('zendesk', `${zd}/search.json?query=${q}`);
    expect(plain.json.users).toBeUndefined();
  });
});
