/**
 * Faults, auth, rate-limit headers, conditional requests, the request log and the control endpoint.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, type ReplicaSystem, replicaSettings } from './credentials.ts';
import { type Replica, startReplica } from './server.ts';

// biome-ignore lint/suspicious/noExplicitAny: control answers are asserted field by field
type Json = any;

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica();
});
afterAll(() => replica.close());
afterEach(() => replica.clearFaults());

const urls: Record<'github' | 'jira' | 'servicenow' | 'zendesk', string> = {
  github: 'https://api.github.com/repos/acme/shop-api/pulls/42',
  jira: 'https://acme.atlassian.net/rest/api/3/issue/SHOP-101',
  servicenow: 'https://acme.service-now.com/api/now/table/incident?sysparm_query=number=INC0010001',
  zendesk: 'https://acme.zendesk.com/api/v2/tickets/4711.json',
};
const get = (url: string, system?: ReplicaSystem, init: RequestInit = {}) =>
  replica.fetch(url, {
    ...init,
    headers: {
      ...(system ? { authorization: authHeader(system) } : {}),
      ...(init.headers as Record<string, string>),
    },
  });

describe('auth', () => {
  it('rejects missing or wrong credentials with each vendor’s 401', async () => {
    expect(await (await get(urls.github)).json()).toMatchObject({
      message: 'Requires authentication',
      documentation_url: expect.any(String),
    });
    expect(await (await get(urls.github, 'ghe')).json()).toMatchObject({ message: 'Bad credentials' });
    const jira = await get(urls.jira, 'servicenow');
    expect(jira.status).toBe(401);
    expect(await jira.json()).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    expect(await (await get(urls.servicenow)).json()).toEqual({
      error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
      status: 'failure',
    });
    expect(await (await get(urls.zendesk, 'jira')).json()).toEqual({ error: "Couldn't authenticate you" });
    const dc = await get('https://jira.acme.test/rest/api/2/issue/PLAT-5', 'jira');
    expect(dc.status).toBe(401);
    expect((await get('https://jira.acme.test/rest/api/2/issue/PLAT-5', 'jira-dc')).status).toBe(200);
  });
  it('serves pages without auth, and settings name every connection', async () => {
    expect((await get('https://github.com/acme/shop-api/pull/42')).status).toBe(200);
    expect(replicaSettings().connections.map((c) => c.baseUrl)).toEqual([
      'https://github.com',
      'https://acme.atlassian.net',
      'https://acme.service-now.com',
      'https://acme.zendesk.com',
    ]);
    expect(replicaSettings({ include: ['ghe', 'jira-dc'] }).connections).toMatchObject([
      { apiUrl: 'https://ghe.acme.test/api/v3' },
      { auth: { type: 'token' } },
    ]);
  });
});

describe('faults', () => {
  it('error kinds answer in the vendor’s shape', async () => {
    const kinds = ['401', '403', '404', '500'] as const;
    for (const kind of kinds) {
      for (const system of ['github', 'jira', 'servicenow', 'zendesk'] as const) {
        const remove = replica.fault({ path: new URL(urls[system]).pathname, kind });
        const res = await get(urls[system], system);
        remove();
        expect(res.status, `${system} ${kind}`).toBe(Number(kind));
        const body = (await res.json()) as Record<string, unknown>;
        const keys = {
          github: ['documentation_url', 'message', 'status'],
          jira: ['errorMessages', 'errors'],
          servicenow: ['error', 'status'],
          zendesk: kind === '401' ? ['error'] : ['description', 'error'],
        }[system];
        expect(Object.keys(body).sort(), `${system} ${kind}`).toEqual(keys);
      }
    }
  });
  it('429 carries Retry-After and the system’s rate-limit headers', async () => {
    replica.fault({ path: /^\/repos\//, kind: '429', retryAfter: 7, times: 1 });
    const gh = await get(urls.github, 'github');
    expect([gh.status, gh.headers.get('retry-after')]).toEqual([429, '7']);
    expect(gh.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    expect((await get(urls.github, 'github')).status).toBe(200); // times: 1
    replica.fault({ host: 'acme.atlassian.net', path: /^\/rest\//, kind: '429', retryAfter: 3 });
    const jira = await get(urls.jira, 'jira');
    expect([jira.status, jira.headers.get('retry-after'), jira.headers.get('ratelimit-reason')]).toEqual([
      429,
      '3',
      'jira-burst-based',
    ]);
    expect(jira.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT/);
    replica.fault({ path: '/api/now/table/incident', kind: '429' });
    expect((await get(urls.servicenow, 'servicenow')).headers.get('x-ratelimit-rule')).toBeTruthy();
    replica.fault({ path: '/api/v2/tickets/4711.json', kind: '429' });
    expect((await get(urls.zendesk, 'zendesk')).headers.get('x-rate-limit-remaining')).toBe('0');
  });
  it('latency delays a normal answer; malformed truncates the body; method and host filters apply', async () => {
    replica.fault({ path: '/rest/api/3/issue/SHOP-101', kind: 'latency', ms: 150 });
    const t = Date.now();
    const slow = await get(urls.jira, 'jira');
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    expect(((await slow.json()) as { key: string }).key).toBe('SHOP-101');
    replica.fault({ path: '/api/v2/tickets/4711.json', kind: 'malformed' });
    const broken = await get(urls.zendesk, 'zendesk');
    expect(broken.status).toBe(200);
    await expect(broken.clone().json()).rejects.toThrow();
    replica.fault({
      path: '/api/v2/tickets/4711.json',
      kind: '500',
      method: 'POST',
      host: 'acme.zendesk.com',
    });
    replica.fault({ path: '/api/v2/tickets/4711.json', kind: '500', host: 'other.zendesk.com' });
    replica.clearFaults();
    expect((await get(urls.zendesk, 'zendesk')).status).toBe(200);
  });
  it('bad-item breaks the first item and nests the second 10,000 deep; hostile-url rewrites links', async () => {
    const url = 'https://acme.zendesk.com/api/v2/tickets/show_many.json?ids=4711,4712';
    replica.fault({ path: '/api/v2/tickets/show_many.json', kind: 'bad-item', times: 1 });
    const text = await (await get(url, 'zendesk')).text();
    expect(text).toMatch(/"status":42/);
    expect(text.match(/"type":"paragraph","content":\[/g)?.length).toBeGreaterThan(10_000);
    const search = 'https://api.github.com/search/issues?q=checkout';
    replica.fault({ path: '/search/issues', kind: 'hostile-url', url: 'data:text/html,x', times: 1 });
    const body = (await (await get(search, 'github')).json()) as Json;
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(item.html_url).toBe('data:text/html,x');
  });
  it('hang never answers until the client aborts', async () => {
    replica.fault({ path: '/api/v2/tickets/4712.json', kind: 'hang', times: 1 });
    const signal = AbortSignal.timeout(200);
    await expect(
      get('https://acme.zendesk.com/api/v2/tickets/4712.json', 'zendesk', { signal }),
    ).rejects.toThrow();
    expect(replica.requests.at(-1)?.status).toBe(0);
  });
});

describe('headers, caching and the log', () => {
  it('GitHub rate-limit headers decrease; ETag + If-None-Match → 304 without spending', async () => {
    const a = await get(urls.github, 'github');
    const b = await get(urls.github, 'github');
    for (const h of ['limit', 'remaining', 'used', 'reset', 'resource'])
      expect(a.headers.get(`x-ratelimit-${h}`)).toBeTruthy();
    expect(Number(b.headers.get('x-ratelimit-remaining'))).toBe(
      Number(a.headers.get('x-ratelimit-remaining')) - 1,
    );
    const etag = b.headers.get('etag') ?? '';
    const cached = await get(urls.github, 'github', { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('x-ratelimit-remaining')).toBe(b.headers.get('x-ratelimit-remaining'));
    const search = await get('https://api.github.com/search/issues?q=SHOP-101', 'github');
    expect([search.headers.get('x-ratelimit-resource'), search.headers.get('x-ratelimit-limit')]).toEqual([
      'search',
      '30',
    ]);
  });
  it('Zendesk sends X-Rate-Limit and X-Rate-Limit-Remaining', async () => {
    const res = await get(urls.zendesk, 'zendesk');
    expect(res.headers.get('x-rate-limit')).toBe('700');
    expect(Number(res.headers.get('x-rate-limit-remaining'))).toBeLessThan(700);
  });
  it('logs every request (not control ones) with host, path, headers, body and status', async () => {
    replica.clearLog();
    await get(`${urls.servicenow}&sysparm_limit=1`, 'servicenow');
    await replica.fetch('https://acme.atlassian.net/rest/api/3/search/jql', {
      method: 'POST',
      headers: { authorization: authHeader('jira') },
      body: '{"jql":"key = SHOP-101"}',
    });
    await replica.fetch('https://github.com/__replica/health');
    expect(replica.requests.map((r) => [r.host, r.method, r.status])).toEqual([
      ['acme.service-now.com', 'GET', 200],
      ['acme.atlassian.net', 'POST', 200],
    ]);
    expect(replica.requests[0]?.path).toContain('sysparm_limit=1');
    expect(replica.requests[1]?.body).toBe('{"jql":"key = SHOP-101"}');
    expect(replica.requests[1]?.headers.authorization).toMatch(/^Basic /);
  });
  it('x-replica-host wins over Host', async () => {
    const res = await replica.fetch('https://github.com/acme/shop-api/pull/42', {
      headers: { 'x-replica-host': 'acme.zendesk.com' },
    });
    expect(res.status).toBe(404);
    expect(replica.requests.at(-1)?.host).toBe('acme.zendesk.com');
  });
});

describe('control endpoint', () => {
  const ctl = (path: string, init?: RequestInit) =>
    replica.fetch(`https://acme.zendesk.com/__replica/${path}`, init).then((r) => r.json() as Promise<Json>);
  it('adds, lists and removes faults; reads the log; switches GitHub markup', async () => {
    const { id } = await ctl('faults', {
      method: 'POST',
      body: JSON.stringify({ pathPattern: '^/api/v2/tickets/', kind: '503x' }),
    }).catch(() => ({ id: undefined }));
    expect(id).toBeUndefined();
    const added = await ctl('faults', {
      method: 'POST',
      body: JSON.stringify({ pathPattern: '^/api/v2/tickets/', kind: '404', times: 2 }),
    });
    expect((await ctl('faults')).faults).toMatchObject([
      { id: added.id, pathPattern: /^\/api\/v2\/tickets\//.source, kind: '404', remaining: 2 },
    ]);
    expect((await get(urls.zendesk, 'zendesk')).status).toBe(404);
    await ctl(`faults/${added.id}`, { method: 'DELETE' });
    expect((await get(urls.zendesk, 'zendesk')).status).toBe(200);
    expect((await ctl('log?host=acme.zendesk.com')).requests.length).toBeGreaterThan(0);
    await ctl('github-markup', { method: 'POST', body: JSON.stringify({ markup: 'classic' }) });
    const page = await (await get('https://github.com/acme/shop-api/pull/42')).text();
    replica.setGithubMarkup('react');
    const react = await (await get('https://github.com/acme/shop-api/pull/42')).text();
    expect(page).not.toEqual(react);
    expect((await ctl('health')).hosts).toContain('acme.service-now.com');
    expect((await ctl('settings?include=zendesk')).connections).toHaveLength(1);
  });
});
