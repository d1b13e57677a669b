import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ExtractOptions } from '../../src/core/extract';
import type { ErrorKind, Item } from '../../src/core/model';
import { parseRef, type Ref } from '../../src/core/refs';
import { type Connection, type Settings, settingsSchema } from '../../src/core/settings';
import { SourceFailure } from '../../src/providers/errors';
import { resetRateLimitState } from '../../src/providers/http';
import { refHostFor } from '../../src/providers/index';
import { targetOf } from '../../src/providers/mentions';
import { type Found, lookupRound, type Provider, type Target } from '../../src/providers/provider';
import { createGithubProvider, type GithubProvider } from '../../src/systems/github/provider';
import { createJiraProvider, type JiraProvider } from '../../src/systems/jira/provider';
import { createServiceNowProvider } from '../../src/systems/servicenow/provider';
import { createZendeskProvider } from '../../src/systems/zendesk/provider';
import { replicaSettings } from '../replica/credentials';
import type { FaultRule } from '../replica/faults';
import { type Replica, startReplica } from '../replica/server';

/**
 * ONE contract, run against all four providers on the replica (test/replica): known refs come back, unknown
 * refs are absent, a batch is one request, reverse lookups find the story (SHOP-101 is mentioned by
 * INC0010001..3, Zendesk 4711/4712 and PR acme/shop-api#42), and every fault the replica injects becomes the
 * right failure. Each provider's own cases follow.
 */

let replica: Replica;
let settings: Settings;
// the replica's "Jira issue" ticket field (test/replica/zendesk/serialize.ts)
const zendeskJiraField = 360012345001;
const extract: ExtractOptions = {
  jiraProjectKeys: 'any',
  githubHosts: ['github.com', 'ghe.acme.test'],
  zendeskSubdomains: ['acme'],
};
const context = { extract };

interface Transport {
  timeoutMs?: number;
  retries?: number;
}

interface Contract {
  system: string;
  /** The API host faults are injected on. */
  apiHost: string;
  /** The one endpoint a batch of refs is read from. */
  batchPath: RegExp;
  create(transport?: Transport): Provider;
  known: string[];
  unknown: string[];
  /** Reverse lookup: targets (fetched from their own providers) and what must point at them. */
  story: { targets: string[]; finds: string[] };
}

const connection = (id: string): Connection => {
  const found = settings.connections.find((c) => c.id === id);
  if (!found) throw new Error(`replica settings have no ${id}`);
  return found;
};
const base = (id: string, t: Transport = {}) => ({
  connection: connection(id),
  refHost: refHostFor(connection(id), settings.connections),
  fetch: replica.fetch,
  timeoutMs: t.timeoutMs ?? 5_000,
  retries: t.retries ?? 0,
});

const contracts: Contract[] = [
  {
    system: 'github',
    apiHost: 'api.github.com',
    batchPath: /^\/graphql$/,
    create: (t) => createGithubProvider(base('gh', t)),
    known: ['github:acme/shop-api#42', 'github:acme/shop-api#43', 'github:acme/web#7'],
    unknown: ['github:acme/shop-api#9999', 'github:nope/nope#1'],
    story: { targets: ['jira:SHOP-101'], finds: ['github:acme/shop-api#42'] },
  },
  {
    system: 'jira',
    apiHost: 'acme.atlassian.net',
    batchPath: /^\/rest\/api\/3\/search\/jql$/,
    create: (t) => createJiraProvider({ ...base('jira', t), zendeskSubdomain: 'acme' }),
    known: ['jira:SHOP-101', 'jira:SHOP-102', 'jira:SUP-7', 'jira:OPS-12'],
    unknown: ['jira:SHOP-9999', 'jira:NOPE-1'],
    story: { targets: ['github:acme/shop-api#42'], finds: ['jira:SHOP-101'] },
  },
  {
    system: 'servicenow',
    apiHost: 'acme.service-now.com',
    batchPath: /^\/api\/now\/table\/incident$/,
    create: (t) => createServiceNowProvider({ ...base('snow', t), keyFields: ['u_jira_key'] }),
    known: ['servicenow:INC0010001', 'servicenow:INC0010002', 'servicenow:INC0010003'],
    unknown: ['servicenow:INC9999999'],
    story: {
      targets: ['jira:SHOP-101'],
      finds: ['servicenow:INC0010001', 'servicenow:INC0010002', 'servicenow:INC0010003'],
    },
  },
  {
    system: 'zendesk',
    apiHost: 'acme.zendesk.com',
    batchPath: /^\/api\/v2\/tickets\/show_many\.json$/,
    create: (t) => createZendeskProvider({ ...base('zd', t), referenceFieldIds: [zendeskJiraField] }),
    known: ['zendesk:acme/4711', 'zendesk:acme/4712'],
    unknown: ['zendesk:acme/999999', 'zendesk:other/4711'],
    story: { targets: ['jira:SHOP-101'], finds: ['zendesk:acme/4711', 'zendesk:acme/4712'] },
  },
];

const refs = (list: string[]) => list.map((r) => parseRef(r) as Ref);
const providerFor = (ref: string) => contracts.find((c) => c.create().owns(parseRef(ref) as Ref));
const batchRequests = (c: Contract) =>
  replica.requests.filter((r) => r.host === c.apiHost && c.batchPath.test(r.path.split('?')[0] ?? ''));

async function itemsOf(list: string[]): Promise<Item[]> {
  const out: Item[] = [];
  for (const ref of list) {
    const owner = providerFor(ref);
    if (!owner) throw new Error(`no provider owns ${ref}`);
    out.push(...(await owner.create().fetchItems(refs([ref]), context)).items);
  }
  return out;
}

beforeAll(async () => {
  replica = await startReplica();
  settings = settingsSchema.parse(
    replicaSettings({ include: ['github', 'jira', 'servicenow', 'zendesk', 'ghe', 'jira-dc'] }),
  );
});
afterAll(() => replica?.close());
afterEach(() => {
  replica.clearFaults();
  replica.clearLog();
  resetRateLimitState();
});

const faults: { kind: FaultRule['kind']; retryAfter?: number; expected: ErrorKind }[] = [
  { kind: '401', expected: 'auth' },
  { kind: '403', expected: 'forbidden' },
  { kind: '404', expected: 'not-found' },
  { kind: '429', retryAfter: 120, expected: 'rate-limited' },
  { kind: '500', expected: 'unavailable' },
  { kind: 'malformed', expected: 'schema' },
  { kind: 'hang', expected: 'timeout' },
];

describe.each(contracts)('provider contract: $system', (c) => {
  test('fetchItems returns the known refs, leaves unknown ones out, in one request', async () => {
    const found = await c.create().fetchItems(refs([...c.known, ...c.unknown]), context);
    expect(found.items.map((i) => i.ref).sort()).toEqual([...c.known].sort());
    for (const item of found.items) {
      expect(item.system).toBe(c.system);
      expect(item.url).toMatch(/^https:\/\//);
      expect(item.title.length).toBeGreaterThan(0);
    }
    // Jira refuses `key in (…)` naming a key that does not exist; the rest are asked again without it.
    expect(batchRequests(c).length).toBeLessThanOrEqual(1 + (c.system === 'jira' ? c.unknown.length : 0));
  });

  test('a batch of known refs is exactly one request to the batch endpoint', async () => {
    await c.create().fetchItems(refs(c.known), context);
    expect(batchRequests(c)).toHaveLength(1);
  });

  test('findReferencing finds the story, and only what really points at it', async () => {
    const targets = await itemsOf(c.story.targets);
    replica.clearLog();
    const found = await c.create().findReferencing(targets, context);
    expect(found.items.map((i) => i.ref).sort()).toEqual([...c.story.finds].sort());
    for (const ref of c.story.finds) {
      expect(found.links.some((l) => l.from === ref && c.story.targets.includes(l.to))).toBe(true);
    }
  });

  test('a round answers as a lookup and a reverse lookup apart do, in one request where the API allows', async () => {
    // Targets as a hop's first round has them: built from the references alone, still being fetched.
    const targets = c.story.targets.map((r) => {
      const ref = parseRef(r) as Ref;
      return targetOf(ref, providerFor(r)?.create().connection as Connection) as Target;
    });
    const provider = c.create();
    await provider.discover?.(); // what the worker learns first (ServiceNow: which key fields exist)
    const fetched = await provider.fetchItems(refs([...c.known, ...c.unknown]), context);
    const referencing = await provider.findReferencing(targets, context);
    replica.clearLog();
    const round = await lookupRound(provider, refs([...c.known, ...c.unknown]), targets, context);
    const refsOf = (f: Found) => f.items.map((i) => i.ref).sort();
    const linksOf = (f: Found) => f.links.map((l) => `${l.from}>${l.to}>${l.via}`).sort();
    expect(refsOf(round.fetched)).toEqual(refsOf(fetched));
    expect(linksOf(round.fetched)).toEqual(linksOf(fetched));
    expect(refsOf(round.referencing)).toEqual([...c.story.finds].sort());
    expect(linksOf(round.referencing)).toEqual(linksOf(referencing));
    const asked = replica.requests.filter((r) => r.host === c.apiHost && !r.path.includes('/remotelink'));
    // Jira refuses `key in (…)` naming a key that does not exist; the rest are asked again without it.
    const retries = c.system === 'jira' ? c.unknown.length : 0;
    expect(Boolean(provider.fetchAndFind), 'a round of its own').toBe(c.system !== 'zendesk');
    if (provider.fetchAndFind) expect(asked.length).toBeLessThanOrEqual(1 + retries);
    else expect(asked.length).toBeGreaterThan(1); // Zendesk: show_many, then searches (no endpoint does both)
  });

  test('whoAmI names the replica user; wrong credentials are an auth failure', async () => {
    expect((await c.create().whoAmI()).length).toBeGreaterThan(0);
    const { connection: good, ...rest } = base(c.create().connection.id);
    const bad = {
      ...good,
      auth:
        good.auth.type === 'token'
          ? { type: 'token' as const, token: 'wrong' }
          : { ...good.auth, password: 'wrong' },
    };
    const provider = contracts.find((x) => x.system === c.system)?.create() as Provider;
    const factory = {
      github: createGithubProvider,
      jira: createJiraProvider,
      servicenow: createServiceNowProvider,
      zendesk: createZendeskProvider,
    }[provider.system];
    const error = await factory({ ...rest, connection: bad })
      .fetchItems(refs(c.known), context)
      .catch((e: unknown) => e);
    expect((error as SourceFailure).kind).toBe('auth');
  });

  test.each(faults)(
    'fault $kind becomes a $expected failure naming the source',
    async ({ kind, retryAfter, expected }) => {
      replica.fault({ host: c.apiHost, path: c.batchPath, kind, ...(retryAfter ? { retryAfter } : {}) });
      const error = await c
        .create({ timeoutMs: 400 })
        .fetchItems(refs(c.known), context)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceFailure);
      expect((error as SourceFailure).kind).toBe(expected);
      expect((error as SourceFailure).message).toContain(`[${c.system}]`);
      expect((error as SourceFailure).userMessage).toContain(
        c.apiHost === 'api.github.com' ? 'GitHub (api.github.com)' : c.apiHost,
      );
    },
  );

  test('a malformed item and one nested 10,000 levels deep cost only the malformed one, named in a note', async () => {
    const whole = await c.create().fetchItems(refs(c.known), context);
    replica.fault({ host: c.apiHost, path: c.batchPath, kind: 'bad-item' });
    const found = await c.create().fetchItems(refs(c.known), context);
    const shown = new Set(found.items.map((i) => i.ref));
    const skipped = whole.items.filter((i) => !shown.has(i.ref));
    expect(skipped).toHaveLength(1);
    expect(found.items).toHaveLength(c.known.length - 1);
    expect(found.notes).toEqual([
      `${skipped[0]?.key} was skipped: its data did not match what Liaison expects`,
    ]);
  });

  test('a round keeps the items and search hits around a malformed one', async () => {
    const targets = await itemsOf(c.story.targets);
    const provider = c.create();
    await provider.discover?.();
    replica.fault({ host: c.apiHost, path: c.batchPath, kind: 'bad-item' });
    const round = await lookupRound(provider, refs(c.known), targets, context);
    const shown = round.fetched.items.length + round.referencing.items.length;
    expect(shown).toBeGreaterThan(0);
    expect([...(round.fetched.notes ?? []), ...(round.referencing.notes ?? [])]).toContainEqual(
      expect.stringMatching(/ was skipped: its data did not match what Liaison expects$/),
    );
  });

  test('a javascript: link from the server never becomes an item link', async () => {
    replica.fault({ host: c.apiHost, path: c.batchPath, kind: 'hostile-url' });
    const found = await c.create().fetchItems(refs(c.known), context);
    expect(found.items).toHaveLength(c.known.length);
    const host = new URL(c.create().connection.baseUrl).host;
    for (const item of found.items) expect(new URL(item.url).host).toBe(host);
  });

  test('a 429 with Retry-After within the wait limit is waited out, retried and succeeds', async () => {
    replica.fault({ host: c.apiHost, path: c.batchPath, kind: '429', retryAfter: 1, times: 1 });
    const found = await c.create({ retries: 2 }).fetchItems(refs(c.known), context);
    expect(found.items).toHaveLength(c.known.length);
    expect(batchRequests(c)).toHaveLength(2);
  });
});

describe('GitHub on the replica', () => {
  test('PR #42 shipped in v2.4.1, found with bounded requests', async () => {
    const github = contracts[0]?.create() as GithubProvider;
    const [pr42, pr43] = (
      await github.fetchItems(refs(['github:acme/shop-api#42', 'github:acme/shop-api#43']), context)
    ).items;
    replica.clearLog();
    const found = await github.releasesContaining([pr42, pr43].filter((i): i is Item => i !== undefined));
    expect(found).toEqual([
      {
        pull: 'github:acme/shop-api#42',
        release: expect.objectContaining({
          tag: 'v2.4.1',
          name: 'v2.4.1',
          publishedAt: '2026-03-12T10:00:00Z',
        }),
      },
    ]);
    expect(replica.requests.length).toBeLessThanOrEqual(3);
  });

  test('a release link from the server that leaves GitHub becomes the tag’s page on GitHub', async () => {
    const github = contracts[0]?.create() as GithubProvider;
    const pulls = (await github.fetchItems(refs(['github:acme/shop-api#42']), context)).items;
    replica.fault({
      host: 'api.github.com',
      path: '/graphql',
      kind: 'hostile-url',
      url: 'https://evil.example/',
    });
    const [found] = await github.releasesContaining(pulls);
    expect(found?.release.url).toBe('https://github.com/acme/shop-api/releases/tag/v2.4.1');
  });

  test('GitHub Enterprise: items and refs carry the host', async () => {
    const ghe = createGithubProvider(base('ghe'));
    const found = await ghe.fetchItems(refs(['github:ghe.acme.test/platform/billing#5']), context);
    expect(found.items.map((i) => i.ref)).toEqual(['github:ghe.acme.test/platform/billing#5']);
    expect(found.links).toContainEqual(expect.objectContaining({ to: 'jira:PLAT-5', via: 'branch' }));
  });
});

describe('Jira on the replica', () => {
  test('discover() learns projects: unknown ones are never asked, JSM fields map', async () => {
    const jira = contracts[1]?.create() as JiraProvider;
    const { jiraProjectKeys } = await jira.discover();
    expect(jiraProjectKeys).toEqual(expect.arrayContaining(['SHOP', 'OPS', 'SUP']));
    replica.clearLog();
    const found = await jira.fetchItems(refs(['jira:SUP-7', 'jira:SHOP-101', 'jira:NOPE-1']), context);
    expect(batchRequests(contracts[1] as Contract)).toHaveLength(1);
    const sup7 = found.items.find((i) => i.ref === 'jira:SUP-7');
    expect(sup7).toMatchObject({ kind: 'request', sla: { breached: true, name: 'Time to resolution' } });
    expect(sup7?.organization).toBeTruthy();
    const links = found.links.filter((l) => l.from === 'jira:SHOP-101');
    expect(links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ to: 'jira:SUP-7', via: 'issue-link' }),
        expect.objectContaining({ to: 'servicenow:INC0010001', via: 'remote-link' }),
        expect.objectContaining({ to: 'zendesk:acme/4711', via: 'remote-link' }),
        expect.objectContaining({ to: 'zendesk:acme/4711', via: 'field' }),
      ]),
    );
    expect(await jira.requestSla('SUP-7')).toEqual({ breached: true, name: 'Time to resolution' });
  });

  test('a round whose search hits fill the page still returns every issue asked for by key', async () => {
    // One issue a page: SHOP-101 (mentions PR #42, updated 12 March) comes before OPS-12 (11 March).
    const jira = createJiraProvider({ ...base('jira'), pageSize: 1, maxPages: 1 });
    const pr42 = targetOf(parseRef('github:acme/shop-api#42') as Ref, connection('gh')) as Target;
    const round = await jira.fetchAndFind?.(refs(['jira:OPS-12']), [pr42], context);
    expect(round?.fetched.items.map((i) => i.ref)).toEqual(['jira:OPS-12']);
    expect(round?.referencing.items.map((i) => i.ref)).toEqual(['jira:SHOP-101']);
    const searches = replica.requests.filter((r) => r.path === '/rest/api/3/search/jql');
    expect(searches.map((r) => JSON.parse(r.body ?? '{}').jql)).toEqual([
      expect.stringMatching(/^key in \(OPS-12\) OR text ~ /),
      'key in (OPS-12)',
    ]);
  });

  test('a description nested 10,000 levels deep is read down to where it is cut', async () => {
    replica.fault({ host: 'acme.atlassian.net', path: /^\/rest\/api\/3\/search\/jql$/, kind: 'bad-item' });
    const found = await createJiraProvider(base('jira')).fetchItems(
      refs(['jira:SHOP-101', 'jira:OPS-12']),
      context,
    );
    expect(found.items).toHaveLength(1);
    expect(found.links).toContainEqual(
      expect.objectContaining({ to: 'servicenow:INC0099999', via: 'mention', detail: 'description' }),
    );
  });

  test('a hit whose mention is past the 20 comments search returns has the rest read, and is kept', async () => {
    // SHOP-102 gets 25 comments; only the 23rd names INC0019999. Cloud's search gives the first 20.
    const shop102 = replica.dataset.jiraIssues.find((i) => i.site === 'cloud' && i.key === 'SHOP-102');
    if (!shop102) throw new Error('the dataset has no SHOP-102');
    const before = shop102.comments;
    shop102.comments = Array.from({ length: 25 }, (_, n) => ({
      authorKey: 'mona',
      at: `2026-03-1${Math.floor(n / 10)}T10:${String(n % 60).padStart(2, '0')}:00Z`,
      text: n === 22 ? 'The customer side is INC0019999.' : `Looked again (${n}).`,
    }));
    try {
      const incident = targetOf(parseRef('servicenow:INC0019999') as Ref, connection('snow')) as Target;
      const found = await createJiraProvider(base('jira')).findReferencing([incident], context);
      expect(found.items.map((i) => i.ref)).toEqual(['jira:SHOP-102']);
      expect(found.links).toContainEqual(
        expect.objectContaining({ from: 'jira:SHOP-102', to: 'servicenow:INC0019999', detail: 'comment' }),
      );
      const paths = replica.requests.filter((r) => r.host === 'acme.atlassian.net').map((r) => r.path);
      expect(paths).toContain('/rest/api/3/issue/SHOP-102/comment?startAt=0&maxResults=100');
    } finally {
      shop102.comments = before;
    }
  });

  test('Data Center: REST v2 search, refs tagged with the second connection’s host', async () => {
    const dc = createJiraProvider(base('jira-dc'));
    const found = await dc.fetchItems(refs(['jira:jira.acme.test/PLAT-5']), context);
    expect(found.items.map((i) => [i.ref, i.status.category])).toEqual([
      ['jira:jira.acme.test/PLAT-5', 'done'],
    ]);
    expect(replica.requests.map((r) => `${r.method} ${r.host}${r.path}`)).toContain(
      'POST jira.acme.test/rest/api/2/search',
    );
  });
});

describe('Zendesk on the replica', () => {
  test('a ticket naming the target only in a comment (found by description:) is kept', async () => {
    const ticket = replica.dataset.tickets.find((t) => t.id === 4712);
    if (!ticket) throw new Error('the dataset has no ticket 4712');
    const before = ticket.comments;
    ticket.comments = [...before, { authorKey: 'zoe', at: '2026-03-16T09:00:00Z', text: 'Also INC0019999.' }];
    try {
      const incident = targetOf(parseRef('servicenow:INC0019999') as Ref, connection('snow')) as Target;
      const found = await (contracts[3] as Contract).create().findReferencing([incident], context);
      expect(found.items.map((i) => i.ref)).toEqual(['zendesk:acme/4712']);
      expect(found.links).toContainEqual(
        expect.objectContaining({
          from: 'zendesk:acme/4712',
          to: 'servicenow:INC0019999',
          detail: 'comment',
        }),
      );
    } finally {
      ticket.comments = before;
    }
  });

  test('requester and organisation names are filled in even without side-loads', async () => {
    const zendesk = contracts[3]?.create() as Provider;
    const [ticket] = (await zendesk.fetchItems(refs(['zendesk:acme/4711']), context)).items;
    expect(ticket?.requester).toBeTruthy();
    expect(ticket?.organization).toBeTruthy();
    expect(ticket?.satisfaction).toBe('bad');
  });
});

describe('ServiceNow on the replica', () => {
  const snow = () => contracts.find((c) => c.system === 'servicenow')?.create() as Provider;
  const probes = () =>
    replica.requests.filter((r) => r.host === 'acme.service-now.com' && !r.path.includes('sysparm_query'));
  const targets = async () => itemsOf(['jira:SHOP-101']);

  test('a round whose search hits fill the page still returns every record asked for by number', async () => {
    // Two records a page (the one asked for, and one hit): INC0010001 and INC0010002 (priority 1 and 2, both
    // mention SHOP-101) come before INC0010006 (priority 4).
    const provider = createServiceNowProvider({ ...base('snow'), keyFields: [], reverseLimit: 1 });
    const shop101 = targetOf(parseRef('jira:SHOP-101') as Ref, connection('jira')) as Target;
    const round = await provider.fetchAndFind?.(refs(['servicenow:INC0010006']), [shop101], context);
    expect(round?.fetched.items.map((i) => i.ref)).toEqual(['servicenow:INC0010006']);
    expect(round?.referencing.items.map((i) => i.ref)).toEqual([
      'servicenow:INC0010001',
      'servicenow:INC0010002',
    ]);
    const queries = replica.requests.map((r) =>
      new URL(`https://x${r.path}`).searchParams.get('sysparm_query'),
    );
    expect(queries).toEqual([
      expect.stringMatching(/^numberININC0010006\^NQshort_descriptionLIKESHOP-101/),
      'numberININC0010006',
    ]);
  });

  test('a request REQ… is read from sc_request (its items RITM… live in sc_req_item) and links there', async () => {
    replica.clearLog();
    const found = await snow().fetchItems(refs(['servicenow:REQ0010001']), context);
    expect(found.items.map((i) => [i.ref, i.kind, i.title])).toEqual([
      ['servicenow:REQ0010001', 'request', 'New laptop for a joiner in Support'],
    ]);
    expect(found.items[0]?.url).toMatch(/^https:\/\/acme\.service-now\.com\/nav_to\.do\?uri=sc_request\.do/);
    expect(replica.requests.map((r) => new URL(`https://x${r.path}`).pathname)).toEqual([
      '/api/now/table/sc_request',
    ]);
  });

  test('fields the instance lacks widen its answer to every row; only rows naming the target are shown', async () => {
    const provider = createServiceNowProvider({
      ...base('snow'),
      searchFields: ['u_summary'],
      keyFields: ['u_missing_key'],
    });
    const shop101 = targetOf(parseRef('jira:SHOP-101') as Ref, connection('jira')) as Target;
    const round = await provider.fetchAndFind?.(refs(['servicenow:INC0010006']), [shop101], context);
    // the replica dropped `u_summaryLIKESHOP-101`, leaving an empty ^NQ query: it answered every incident
    const all = replica.dataset.snow.filter((r) => r.table === 'incident');
    const answered = replica.requests.find((r) => r.path.includes('sysparm_query=numberIN'));
    expect(answered?.path).toContain('u_summaryLIKESHOP-101');
    expect(round?.fetched.items.map((i) => i.ref)).toEqual(['servicenow:INC0010006']);
    const naming = all
      .filter((r) => /\bSHOP-101\b/.test(`${r.shortDescription}\n${r.description}`))
      .map((r) => `servicenow:${r.number}`);
    expect(naming.length).toBeGreaterThan(0);
    expect(round?.referencing.items.map((i) => i.ref).sort()).toEqual(naming.sort());
  });

  test('custom key fields are probed once before the first reverse lookup', async () => {
    const provider = snow();
    const shop101 = await targets();
    replica.clearLog();
    const first = await provider.findReferencing(shop101, context);
    await provider.findReferencing(shop101, context);
    expect(probes()).toHaveLength(1);
    expect(first.links.some((l) => l.via === 'field' && l.detail === 'u_jira_key')).toBe(true);
  });

  test('a lookup by number answers which key fields exist: no probe follows it', async () => {
    const provider = snow();
    const shop101 = await targets();
    replica.clearLog();
    await provider.fetchItems(refs(['servicenow:INC0010001']), context);
    const found = await provider.findReferencing(shop101, context);
    expect(probes()).toHaveLength(0);
    expect(replica.requests).toHaveLength(2);
    expect(found.links.some((l) => l.via === 'field' && l.detail === 'u_jira_key')).toBe(true);
  });
});
