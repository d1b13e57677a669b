import { beforeEach, describe, expect, test } from 'vitest';
import type { Item } from '../../src/core/model';
import { parseRef, type Ref } from '../../src/core/refs';
import { resetRateLimitState } from '../../src/providers/http';
import { adfToText, richText } from '../../src/systems/jira/adf';
import { jqlPhrase, unknownKeys } from '../../src/systems/jira/jql';
import { createJiraProvider } from '../../src/systems/jira/provider';
import { remoteLinkRefs } from '../../src/systems/jira/remote-links';
import {
  issueSchema,
  projectPageSchema,
  remoteLinksSchema,
  searchResponseSchema,
  slaPageSchema,
} from '../../src/systems/jira/schemas';
import { connections, context, extract, fakeFetch, json, reference, type Sent } from './fixtures';

beforeEach(() => resetRateLimitState());

const refs = (...list: string[]) => list.map((r) => parseRef(r) as Ref);
const recorded = () => reference<{ issues: unknown[] }>('recorded/jira-search-two-issues.recorded.json');
const searchJql = () => reference<{ response: { issues: unknown[] } }>('jira/search-jql.json').response;

const provider = (fetch: typeof globalThis.fetch, extra = {}) =>
  createJiraProvider({ connection: connections.jira, fetch, retries: 0, remoteLinkLimit: 0, ...extra });

/** Answers JQL searches with the recorded issues, everything else with `other`. */
const jiraFetch = (other: (sent: Sent) => Response = () => json([])) =>
  fakeFetch((sent) =>
    sent.url.pathname.includes('/search') ? json({ isLast: true, issues: recorded().issues }) : other(sent),
  );

describe('Jira schemas', () => {
  test('parse the reference and recorded responses', () => {
    expect(searchResponseSchema.parse(searchJql()).issues[0]?.key).toBe('ED-1');
    expect(searchResponseSchema.parse(recorded()).issues.map((i) => i.key)).toEqual([
      'COMPANYSA-28',
      'COMPANYSA-14',
    ]);
    expect(issueSchema.parse(reference('jira/issue.json')).key).toBe('ED-1');
    expect(remoteLinksSchema.parse(reference('jira/remote-links.json'))).toHaveLength(2);
    expect(projectPageSchema.parse(reference('jira/project-search.json')).values.map((p) => p.key)).toEqual([
      'EX',
      'ABC',
    ]);
    expect(slaPageSchema.parse(reference('jira/jsm-sla.json')).values).toHaveLength(2);
  });

  test('ADF documents read as plain text, links and cards keep their URLs', () => {
    const issue = issueSchema.parse(reference('jira/issue.json'));
    expect(richText(issue.fields.description)).toBe('Main order flow broken');
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Fix in ' },
            {
              type: 'text',
              text: 'the PR',
              marks: [{ type: 'link', attrs: { href: 'https://github.com/acme/shop-api/pull/42' } }],
            },
          ],
        },
        {
          type: 'paragraph',
          content: [
            { type: 'inlineCard', attrs: { url: 'https://acme.zendesk.com/agent/tickets/4711' } },
            { type: 'hardBreak' },
            { type: 'mention', attrs: { text: '@Mona' } },
          ],
        },
      ],
    };
    const lines = [
      'Fix in the PR (https://github.com/acme/shop-api/pull/42)',
      'https://acme.zendesk.com/agent/tickets/4711',
      '@Mona',
    ];
    expect(adfToText(doc)).toBe(`${lines.join('\n')}\n`);
  });

  test('JQL phrases escape quotes and backslashes; unknown keys are read from every error message', () => {
    expect(jqlPhrase('acme/shop-api#42')).toBe('"\\"acme/shop-api#42\\""');
    expect(jqlPhrase('a"b\\c')).toBe('"\\"a b c\\""');
    expect(
      unknownKeys([
        "An issue with key 'SHOP-9999' does not exist for field 'key'.",
        "The issue key 'nope-1' for field 'key' is invalid.",
        "The value 'NOPE' does not exist for the field 'project'.",
      ]),
    ).toEqual(['SHOP-9999', 'NOPE-1']);
  });
});

describe('Jira fetchItems (Cloud)', () => {
  test('one POST /rest/api/3/search/jql for every key, mapped into Items', async () => {
    const { fetch, requests } = jiraFetch();
    const found = await provider(fetch).fetchItems(
      refs('jira:COMPANYSA-28', 'jira:COMPANYSA-14', 'jira:companysa-28'),
      context,
    );
    expect(requests).toHaveLength(1);
    const [sent] = requests as [Sent];
    expect(sent.method).toBe('POST');
    expect(sent.url.href).toBe('https://acme.atlassian.net/rest/api/3/search/jql');
    expect(sent.body).toMatchObject({ jql: 'key in (COMPANYSA-28,COMPANYSA-14)', maxResults: 100 });
    expect((sent.body as { fields: string[] }).fields).toEqual(
      expect.arrayContaining(['summary', 'status', 'issuelinks', 'fixVersions']),
    );
    expect(found.items[0]).toEqual({
      ref: 'jira:COMPANYSA-28',
      system: 'jira',
      kind: 'bug',
      key: 'COMPANYSA-28',
      title: 'Issue for demo',
      url: 'https://acme.atlassian.net/browse/COMPANYSA-28',
      status: { name: 'Done', category: 'done' },
      priority: { name: 'Highest', rank: 1 },
      assignee: 'Example User',
      requester: 'Example User',
      createdAt: '2023-01-29T18:47:43.378Z',
      updatedAt: '2023-04-30T21:24:14.022Z',
    });
    expect(found.items[1]?.priority).toEqual({ name: 'High', rank: 2 });
    // Two links to COMPANYSA-31 ("causes", "relates to"): one edge in the graph, the first verb kept.
    expect(found.links).toEqual([
      { from: 'jira:COMPANYSA-28', to: 'jira:COMPANYSA-31', via: 'issue-link', detail: 'causes' },
    ]);
  });

  test('pages with nextPageToken until isLast', async () => {
    const issues = recorded().issues;
    const { fetch, requests } = fakeFetch((sent) =>
      (sent.body as { nextPageToken?: string }).nextPageToken
        ? json({ isLast: true, issues: [issues[1]] })
        : json({ isLast: false, nextPageToken: 'page-2', issues: [issues[0]] }),
    );
    const found = await provider(fetch).fetchItems(refs('jira:COMPANYSA-28', 'jira:COMPANYSA-14'), context);
    expect(found.items).toHaveLength(2);
    expect(requests.map((r) => (r.body as { nextPageToken?: string }).nextPageToken)).toEqual([
      undefined,
      'page-2',
    ]);
  });

  test('a round Jira refuses for its search clauses: the issues are read alone, the search reports the 400', async () => {
    const { fetch, requests } = fakeFetch((sent) => {
      const jql = (sent.body as { jql: string }).jql;
      if (jql.includes('text ~')) {
        return json({ errorMessages: ["Field 'text' is not searchable here."], warningMessages: [] }, 400);
      }
      return json({ isLast: true, issues: recorded().issues });
    });
    const pr: Item = {
      ref: 'github:acme/shop-api#42',
      system: 'github',
      kind: 'pull',
      key: 'acme/shop-api#42',
      title: 'Stream cart totals',
      url: 'https://github.com/acme/shop-api/pull/42',
      status: { name: 'Open', category: 'in_progress' },
    };
    const round = await provider(fetch).fetchAndFind?.(
      refs('jira:COMPANYSA-28', 'jira:COMPANYSA-14'),
      [pr],
      context,
    );
    expect(round?.fetched.items.map((i) => i.ref).sort()).toEqual(['jira:COMPANYSA-14', 'jira:COMPANYSA-28']);
    expect(round?.referencingError?.status).toBe(400);
    expect(requests.map((r) => (r.body as { jql: string }).jql)).toEqual([
      expect.stringMatching(/^key in \(COMPANYSA-28,COMPANYSA-14\) OR text ~ /),
      expect.stringMatching(/^text ~ /),
      'key in (COMPANYSA-28,COMPANYSA-14)',
    ]);
  });

  test('a 400 naming unknown keys is asked again without them: one bad key costs no others', async () => {
    const { fetch, requests } = fakeFetch((sent) => {
      const jql = (sent.body as { jql: string }).jql;
      if (jql.includes('SHOP-9999')) {
        return json(
          {
            errorMessages: [
              "An issue with key 'SHOP-9999' does not exist for field 'key'.",
              "An issue with key 'NOPE-1' does not exist for field 'key'.",
            ],
            warningMessages: [],
          },
          400,
        );
      }
      return json({ isLast: true, issues: recorded().issues });
    });
    const found = await provider(fetch).fetchItems(
      refs('jira:COMPANYSA-28', 'jira:SHOP-9999', 'jira:NOPE-1', 'jira:COMPANYSA-14'),
      context,
    );
    expect(requests.map((r) => (r.body as { jql: string }).jql)).toEqual([
      'key in (COMPANYSA-28,SHOP-9999,NOPE-1,COMPANYSA-14)',
      'key in (COMPANYSA-28,COMPANYSA-14)',
    ]);
    expect(found.items).toHaveLength(2);
  });

  test('a site naming one bad key per answer is asked again until none is left (bounded)', async () => {
    const { fetch, requests } = fakeFetch((sent) => {
      const jql = (sent.body as { jql: string }).jql;
      const bad = ['SHOP-9999', 'NOPE-1'].find((k) => jql.includes(k));
      if (bad)
        return json({ errorMessages: [`An issue with key '${bad}' does not exist for field 'key'.`] }, 400);
      return json({ isLast: true, issues: recorded().issues });
    });
    const found = await provider(fetch).fetchItems(
      refs('jira:SHOP-9999', 'jira:COMPANYSA-28', 'jira:NOPE-1'),
      context,
    );
    expect(requests).toHaveLength(3);
    expect(found.items.length).toBeGreaterThan(0);
  });

  test('only unknown keys: no retry, nothing found; another 400 is an error', async () => {
    const bad = fakeFetch(() =>
      json({ errorMessages: ["An issue with key 'NOPE-1' does not exist for field 'key'."] }, 400),
    );
    expect(await provider(bad.fetch).fetchItems(refs('jira:NOPE-1'), context)).toEqual({
      items: [],
      links: [],
    });
    expect(bad.requests).toHaveLength(1);
    const broken = fakeFetch(() =>
      json({ errorMessages: ["Error in the JQL Query: Expecting ')' but got 'x'."] }, 400),
    );
    const error = await provider(broken.fetch)
      .fetchItems(refs('jira:SHOP-1'), context)
      .catch((e) => e);
    expect(error.kind).toBe('unknown');
    expect(error.message).toMatch(/\[jira\] 400 from acme\.atlassian\.net.*Error in the JQL Query/);
  });

  test('remote links of the first N issues become links to what their URLs name', async () => {
    const remote = (key: string) =>
      key === 'COMPANYSA-28'
        ? [
            ...reference<unknown[]>('jira/remote-links.json'), // mycompany.com support links: dropped
            {
              id: 1,
              object: {
                url: 'https://acme.service-now.com/nav_to.do?uri=incident.do?sys_id=9d385017c6112287',
                title: 'INC0010001',
                summary: 'Checkout times out',
              },
            },
            {
              id: 2,
              relationship: 'linked ticket',
              object: { url: 'https://acme.zendesk.com/agent/tickets/4711', title: 'Zendesk ticket #4711' },
            },
            {
              id: 3,
              object: {
                url: 'https://acme.service-now.com/incident.do?sys_id=abc',
                title: 'An incident without its number',
              },
            },
          ]
        : [
            {
              id: 4,
              relationship: 'is implemented by',
              object: { url: 'https://github.com/acme/shop-api/pull/43', title: 'acme/shop-api#43' },
            },
          ];
    const { fetch, requests } = jiraFetch((sent) =>
      json(remote(decodeURIComponent(sent.url.pathname.split('/')[5] ?? ''))),
    );
    const found = await provider(fetch, { remoteLinkLimit: 10 }).fetchItems(
      refs('jira:COMPANYSA-28', 'jira:COMPANYSA-14'),
      context,
    );
    expect(requests.map((r) => r.url.pathname)).toEqual([
      '/rest/api/3/search/jql',
      '/rest/api/3/issue/COMPANYSA-28/remotelink',
      '/rest/api/3/issue/COMPANYSA-14/remotelink',
    ]);
    expect(found.links.filter((l) => l.via === 'remote-link')).toEqual([
      { from: 'jira:COMPANYSA-28', to: 'servicenow:INC0010001', via: 'remote-link', detail: 'remote link' },
      { from: 'jira:COMPANYSA-28', to: 'zendesk:acme/4711', via: 'remote-link', detail: 'linked ticket' },
      {
        from: 'jira:COMPANYSA-14',
        to: 'github:acme/shop-api#43',
        via: 'remote-link',
        detail: 'is implemented by',
      },
    ]);
  });

  test('remote links only for issues whose links are followed (the others are partial), at most remoteLinkLimit', async () => {
    const { fetch, requests } = jiraFetch(() => json([]));
    const follow = (key: string) => (item: Item) => item.key === key;
    const found = await provider(fetch, { remoteLinkLimit: 10 }).fetchItems(
      refs('jira:COMPANYSA-28', 'jira:COMPANYSA-14'),
      { ...context, followsLinksOf: follow('COMPANYSA-14') },
    );
    expect(requests.map((r) => r.url.pathname)).toEqual([
      '/rest/api/3/search/jql',
      '/rest/api/3/issue/COMPANYSA-14/remotelink',
    ]);
    expect(found.partial).toEqual(['jira:COMPANYSA-28']);
    // The limit is a bound, not a gap to fill later: issues past it are not partial.
    requests.length = 0;
    const capped = await provider(fetch, { remoteLinkLimit: 1 }).fetchItems(
      refs('jira:COMPANYSA-28', 'jira:COMPANYSA-14'),
      context,
    );
    expect(requests.filter((r) => r.url.pathname.endsWith('/remotelink'))).toHaveLength(1);
    expect(capped.partial).toBeUndefined();
  });

  test('a remote link URL never yields a Jira key of another site', () => {
    const link = { object: { url: 'https://other.atlassian.net/browse/SHOP-1', title: 'SHOP-1' } };
    expect(remoteLinkRefs(link, extract)).toEqual([]);
  });
});

describe('Jira custom fields, JSM and Data Center', () => {
  const jsmIssue = {
    key: 'SUP-7',
    fields: {
      summary: 'Our buyers cannot check out large baskets',
      description: null,
      status: { name: 'Waiting for support', statusCategory: { key: 'new' } },
      priority: { name: 'High' },
      issuetype: { name: 'Service request' },
      project: { key: 'SUP', projectTypeKey: 'service_desk' },
      customfield_10002: [{ id: '1', name: 'Umbrella Corp', _links: {} }],
      customfield_10071: {
        id: '2',
        name: 'Time to resolution',
        ongoingCycle: { breached: true, paused: false },
        completedCycles: [],
      },
      customfield_10072: { id: '3', name: 'Time to first response', completedCycles: [{ breached: false }] },
      customfield_10050: '4711, 4712',
      resolution: null,
    },
  };
  const fields = [
    {
      id: 'customfield_10002',
      name: 'Organizations',
      custom: true,
      schema: { type: 'array', custom: 'com.atlassian.servicedesk:sd-customer-organizations' },
    },
    {
      id: 'customfield_10071',
      name: 'Time to resolution',
      custom: true,
      schema: { type: 'sd-servicelevelagreement', custom: 'com.atlassian.servicedesk:sd-sla-field' },
    },
    {
      id: 'customfield_10072',
      name: 'Time to first response',
      custom: true,
      schema: { type: 'sd-servicelevelagreement', custom: 'com.atlassian.servicedesk:sd-sla-field' },
    },
    {
      id: 'customfield_10050',
      name: 'Zendesk Ticket IDs',
      custom: true,
      schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' },
    },
    { id: 'summary', name: 'Summary', custom: false, schema: { type: 'string' } },
  ];

  test('discover() pages project keys and learns JSM and "Zendesk Ticket IDs" fields', async () => {
    const { fetch, requests } = fakeFetch((sent) => {
      if (sent.url.pathname === '/rest/api/3/project/search') {
        return sent.url.searchParams.get('startAt') === '0'
          ? json({ isLast: false, values: [{ key: 'SHOP' }, { key: 'SUP' }] })
          : json({ isLast: true, values: [{ key: 'OPS' }] });
      }
      if (sent.url.pathname === '/rest/api/3/field') return json(fields);
      return json({ isLast: true, issues: [jsmIssue] });
    });
    const jira = provider(fetch);
    expect(await jira.discover()).toEqual({ jiraProjectKeys: ['SHOP', 'SUP', 'OPS'] });
    const found = await jira.fetchItems(refs('jira:SUP-7', 'jira:NOPE-1'), context);
    const search = requests.at(-1) as Sent;
    expect((search.body as { jql: string }).jql).toBe('key in (SUP-7)'); // NOPE is not a project: never asked
    expect((search.body as { fields: string[] }).fields).toEqual(
      expect.arrayContaining(['customfield_10002', 'customfield_10071', 'customfield_10050']),
    );
    expect(found.items[0]).toMatchObject({
      kind: 'request',
      organization: 'Umbrella Corp',
      sla: { breached: true, name: 'Time to resolution' },
      status: { name: 'Waiting for support', category: 'todo' },
    });
    expect(found.links).toEqual([
      { from: 'jira:SUP-7', to: 'zendesk:acme/4711', via: 'field', detail: 'Zendesk Ticket IDs' },
      { from: 'jira:SUP-7', to: 'zendesk:acme/4712', via: 'field', detail: 'Zendesk Ticket IDs' },
    ]);
  });

  test('JSM fields are also recognised by name where a site reports them as plain text fields', async () => {
    const plain = fields.map((f) => ({
      ...f,
      schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' },
    }));
    const { fetch } = fakeFetch((sent) => {
      if (sent.url.pathname === '/rest/api/3/project/search')
        return json({ isLast: true, values: [{ key: 'SUP' }] });
      if (sent.url.pathname === '/rest/api/3/field') return json(plain);
      return json({ isLast: true, issues: [jsmIssue] });
    });
    const jira = provider(fetch);
    await jira.discover();
    const [item] = (await jira.fetchItems(refs('jira:SUP-7'), context)).items;
    expect(item).toMatchObject({ organization: 'Umbrella Corp', sla: { breached: true } });
  });

  test('resolutions like "Won\'t Do" and "Duplicate" make a done issue cancelled', async () => {
    const issue = (key: string, resolution: string | null) => ({
      ...jsmIssue,
      key,
      fields: {
        ...jsmIssue.fields,
        status: { name: 'Closed', statusCategory: { key: 'done' } },
        resolution: resolution ? { name: resolution } : null,
      },
    });
    const { fetch } = fakeFetch(() =>
      json({
        isLast: true,
        issues: [
          issue('SUP-1', "Won't Do"),
          issue('SUP-2', 'Duplicate'),
          issue('SUP-3', 'Done'),
          issue('SUP-4', null),
        ],
      }),
    );
    const found = await provider(fetch).fetchItems(
      refs('jira:SUP-1', 'jira:SUP-2', 'jira:SUP-3', 'jira:SUP-4'),
      context,
    );
    expect(found.items.map((i) => i.status.category)).toEqual(['cancelled', 'cancelled', 'done', 'done']);
  });

  test('Data Center: /rest/api/2/search paged by startAt, plain descriptions, Bearer token', async () => {
    const dcIssue = (key: string) => ({
      key,
      fields: {
        summary: key,
        description: 'Fix is in https://github.com/acme/shop-api/pull/42',
        status: { name: 'Open', statusCategory: { key: 'indeterminate' } },
      },
    });
    const { fetch, requests } = fakeFetch((sent) => {
      const { startAt } = sent.body as { startAt: number };
      return json({
        startAt,
        maxResults: 1,
        total: 2,
        issues: [dcIssue(startAt === 0 ? 'PLAT-5' : 'PLAT-6')],
      });
    });
    const dc = createJiraProvider({
      connection: connections.jiraDc,
      refHost: 'jira.acme.test',
      fetch,
      retries: 0,
      remoteLinkLimit: 0,
    });
    expect(dc.owns(parseRef('jira:jira.acme.test/PLAT-5') as Ref)).toBe(true);
    expect(dc.owns(parseRef('jira:PLAT-5') as Ref)).toBe(false);
    const found = await dc.fetchItems(
      refs('jira:jira.acme.test/PLAT-5', 'jira:jira.acme.test/PLAT-6'),
      context,
    );
    expect(requests.map((r) => [r.url.href, (r.body as { startAt: number }).startAt])).toEqual([
      ['https://jira.acme.test/rest/api/2/search', 0],
      ['https://jira.acme.test/rest/api/2/search', 1],
    ]);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer pat');
    // a key that does not exist matches nothing instead of a 400; the POST body's field is a Boolean on DC
    expect(requests[0]?.body).toMatchObject({ validateQuery: false });
    expect(found.items.map((i) => i.ref)).toEqual([
      'jira:jira.acme.test/PLAT-5',
      'jira:jira.acme.test/PLAT-6',
    ]);
    expect(found.links[0]).toEqual({
      from: 'jira:jira.acme.test/PLAT-5',
      to: 'github:acme/shop-api#42',
      via: 'mention',
      detail: 'description',
    });
  });

  test('requestSla reads the JSM SLA endpoint; whoAmI names the user', async () => {
    const { fetch, requests } = fakeFetch((sent) =>
      sent.url.pathname.endsWith('/sla')
        ? json(reference('jira/jsm-sla.json'))
        : json({ displayName: 'Mia Krystof', emailAddress: 'mia@example.com' }),
    );
    const jira = provider(fetch);
    expect(await jira.requestSla('SUP-7')).toEqual({ breached: true, name: 'Time To First Response' });
    expect(await jira.whoAmI()).toBe('Mia Krystof (mia@example.com)');
    expect(requests.map((r) => r.url.pathname)).toEqual([
      '/rest/servicedeskapi/request/SUP-7/sla',
      '/rest/api/3/myself',
    ]);
  });

  test('options are checked at construction', () => {
    expect(() =>
      createJiraProvider({ connection: connections.jira, referenceFields: ['Zendesk Ticket IDs'] }),
    ).toThrow(/referenceFields/);
    expect(() => createJiraProvider({ connection: connections.jira, remoteLinkLimit: -1 })).toThrow(
      /remoteLinkLimit/,
    );
    expect(() => createJiraProvider({ connection: connections.zendesk })).toThrow(/zendesk, not jira/);
  });
});

describe('Jira findReferencing', () => {
  const incident: Item = {
    ref: 'servicenow:INC0010001',
    system: 'servicenow',
    kind: 'incident',
    key: 'INC0010001',
    title: 'Checkout times out',
    url: 'https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3Dabc',
    status: { name: 'New', category: 'todo' },
  };
  const pull: Item = {
    ...incident,
    ref: 'github:acme/shop-api#42',
    system: 'github',
    kind: 'pull',
    key: 'acme/shop-api#42',
    url: 'https://github.com/acme/shop-api/pull/42',
  };

  test('one JQL text search per hop, phrase-quoted; only issues naming a target count', async () => {
    const mentioning = {
      key: 'SHOP-101',
      fields: {
        summary: 'Checkout times out',
        status: { name: 'Done', statusCategory: { key: 'done' } },
        comment: {
          comments: [
            {
              body: {
                type: 'doc',
                content: [
                  {
                    type: 'paragraph',
                    content: [
                      {
                        type: 'text',
                        text: 'Root cause found; PR acme/shop-api#42 streams totals. See INC0010001.',
                      },
                    ],
                  },
                ],
              },
            },
          ],
        },
      },
    };
    const loose = {
      key: 'SHOP-5',
      fields: { summary: 'INC0010001x is not it', status: { name: 'Open', statusCategory: { key: 'new' } } },
    };
    const { fetch, requests } = fakeFetch(() => json({ isLast: true, issues: [mentioning, loose] }));
    const found = await provider(fetch).findReferencing([incident, pull], context);
    expect(requests).toHaveLength(1);
    const body = requests[0]?.body as { jql: string; fields: string[] };
    expect(body.jql).toBe(
      [
        'text ~ "\\"INC0010001\\""',
        'text ~ "\\"acme/shop-api#42\\""',
        'text ~ "\\"https://github.com/acme/shop-api/pull/42\\"" ORDER BY updated DESC',
      ].join(' OR '),
    );
    expect(body.fields).toContain('comment');
    expect(found.items.map((i) => i.ref)).toEqual(['jira:SHOP-101']);
    expect(found.links).toEqual(
      expect.arrayContaining([
        { from: 'jira:SHOP-101', to: 'github:acme/shop-api#42', via: 'mention', detail: 'comment' },
        { from: 'jira:SHOP-101', to: 'servicenow:INC0010001', via: 'mention', detail: 'comment' },
      ]),
    );
  });

  test('configured reference fields are searched too, by type', async () => {
    const ticket: Item = {
      ...incident,
      ref: 'zendesk:acme/4711',
      system: 'zendesk',
      kind: 'ticket',
      key: '#4711',
      url: 'https://acme.zendesk.com/agent/tickets/4711',
    };
    const { fetch, requests } = fakeFetch(() => json({ isLast: true, issues: [] }));
    await provider(fetch, { referenceFields: ['customfield_10050'] }).findReferencing([ticket], context);
    expect((requests[0]?.body as { jql: string } | undefined)?.jql).toBe(
      [
        'text ~ "\\"https://acme.zendesk.com/agent/tickets/4711\\""',
        'cf[10050] ~ "\\"4711\\"" ORDER BY updated DESC',
      ].join(' OR '),
    );
  });

  test('hits not verified in the 20 comments a search gives have the rest read: 5 issues, 3 pages each', async () => {
    const text = (t: string) => ({ body: t });
    const hit = (n: number) => ({
      key: `SHOP-${n}`,
      fields: {
        summary: 'Checkout',
        comment: { comments: Array.from({ length: 20 }, () => text('nothing')), total: 1000, maxResults: 20 },
      },
    });
    const { fetch, requests } = fakeFetch((sent) => {
      if (sent.url.pathname.endsWith('/search/jql'))
        return json({ isLast: true, issues: [1, 2, 3, 4, 5, 6, 7].map(hit) });
      const startAt = Number(sent.url.searchParams.get('startAt'));
      // SHOP-2 names the incident in its 150th comment; SHOP-7's mention (past the 5 issues read) is never seen.
      const key = sent.url.pathname.split('/')[5];
      const comments = Array.from({ length: 100 }, (_, i) =>
        text(key === 'SHOP-2' && startAt + i === 149 ? 'see INC0010001' : 'still nothing'),
      );
      return json({ startAt, maxResults: 100, total: 1000, comments });
    });
    const found = await provider(fetch).findReferencing([incident], context);
    expect(found.items.map((i) => i.ref)).toEqual(['jira:SHOP-2']);
    expect(found.links).toContainEqual(
      expect.objectContaining({ from: 'jira:SHOP-2', to: 'servicenow:INC0010001', detail: 'comment' }),
    );
    const reads = requests.filter((r) => r.url.pathname.endsWith('/comment'));
    expect(new Set(reads.map((r) => r.url.pathname.split('/')[5]))).toEqual(
      new Set(['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4', 'SHOP-5']),
    );
    expect(reads).toHaveLength(15);
    expect(reads.map((r) => r.url.searchParams.get('startAt'))).toContain('200');
    expect(found.notes).toContainEqual(expect.stringMatching(/^2 Jira issues .* not checked further$/));
  });

  test('a hit verified in the comments the search gave reads no more', async () => {
    const { fetch, requests } = fakeFetch(() =>
      json({
        isLast: true,
        issues: [
          {
            key: 'SHOP-1',
            fields: { summary: 'x', comment: { comments: [{ body: 'see INC0010001' }], total: 40 } },
          },
        ],
      }),
    );
    const found = await provider(fetch).findReferencing([incident], context);
    expect(found.items.map((i) => i.ref)).toEqual(['jira:SHOP-1']);
    expect(requests).toHaveLength(1);
  });

  test('Jira targets are not searched: issue links come with the issues', async () => {
    const { fetch, requests } = fakeFetch(() => json({}));
    const bug: Item = { ...incident, ref: 'jira:SHOP-101', system: 'jira', kind: 'bug', key: 'SHOP-101' };
    expect(await provider(fetch).findReferencing([bug], context)).toEqual({ items: [], links: [] });
    expect(requests).toHaveLength(0);
  });
});
