/**
 * The knowledge routes (ROUTES.md): ServiceNow `kb_knowledge` through the Table API and Zendesk Help Center's
 * article search, as strict as the real APIs (or stricter), never more lenient.
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

async function get(system: ReplicaSystem | undefined, url: string): Promise<{ status: number; json: Json }> {
  const res = await replica.fetch(url, system ? { headers: { authorization: authHeader(system) } } : {});
  return { status: res.status, json: await res.json() };
}

const kb = (query: string) =>
  get(
    'servicenow',
    `https://acme.service-now.com/api/now/table/kb_knowledge?sysparm_fields=number,workflow_state&sysparm_query=${encodeURIComponent(query)}`,
  );
const hc = (params: string, signedIn = true) =>
  get(
    signedIn ? 'zendesk' : undefined,
    `https://acme.zendesk.com/api/v2/help_center/articles/search?${params}`,
  );

describe('ServiceNow kb_knowledge', () => {
  it('filters on workflow_state, so drafts and retired articles are left out only when asked', async () => {
    const all = await kb('textLIKESHOP-101');
    expect(all.json.result.map((r: Json) => r.number).sort()).toEqual([
      'KB0010001',
      'KB0010003',
      'KB0010004', // SHOP-1010: LIKE is a substring
      'KB0010005',
    ]);
    const published = await kb('workflow_state=published^textLIKESHOP-101');
    expect(published.json.result.map((r: Json) => r.number).sort()).toEqual(['KB0010001', 'KB0010004']);
  });

  it('keyword search (123TEXTQUERY321) and ^NQ halves each keep their own conditions', async () => {
    const { json } = await kb(
      'workflow_state=published^textLIKEINC0010001^NQworkflow_state=published^123TEXTQUERY321=coupon',
    );
    expect(json.result.map((r: Json) => r.number).sort()).toEqual(['KB0010001', 'KB0010006']);
  });

  it('answers 401 without the credentials', async () => {
    expect((await get(undefined, 'https://acme.service-now.com/api/now/table/kb_knowledge')).status).toBe(
      401,
    );
  });
});

describe('Zendesk Help Center article search', () => {
  it('finds articles by a quoted phrase, drafts included (agents see them), in the article shape', async () => {
    const { status, json } = await hc('query=%22SHOP-101%22&per_page=10');
    expect(status).toBe(200);
    expect(json.results.map((a: Json) => [a.id, a.draft])).toEqual([
      [360001234567, false],
      [360001234568, true],
    ]);
    expect(json.results[0]).toMatchObject({
      result_type: 'article',
      title: 'Large basket checkout spins: what to tell customers',
      html_url: expect.stringMatching(/^https:\/\/acme\.zendesk\.com\/hc\/en-us\/articles\/360001234567-/),
      updated_at: '2026-03-11T15:00:00Z',
    });
  });

  it('AND-s the words of a query: no OR is documented', async () => {
    expect((await hc('query=coupon%20basket')).json.results).toEqual([]);
    expect((await hc('query=coupon%20mobile')).json.results.map((a: Json) => a.id)).toEqual([360001234569]);
  });

  it('refuses what the docs do not allow: no query, per_page outside 1–100, unknown parameters, no credentials', async () => {
    expect((await hc('per_page=10')).status).toBe(400);
    expect((await hc('query=checkout&per_page=101')).status).toBe(400);
    expect((await hc('query=checkout&per_page=0')).status).toBe(400);
    expect((await hc('query=checkout&include=users')).status).toBe(400);
    expect((await hc('query=checkout', false)).status).toBe(401);
  });
});
