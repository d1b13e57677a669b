import { describe, expect, test } from 'vitest';
import { resolveContext } from '../../src/background/resolver';
import { refsIn } from '../../src/core/extract';
import type { Item, Link } from '../../src/core/model';
import { formatRef, type Ref } from '../../src/core/refs';
import type { Connection, System } from '../../src/core/settings';
import { failureFor } from '../../src/providers/errors';
import type { Found, LookupContext, Provider } from '../../src/providers/provider';

/** A provider over an in-memory graph that counts its calls, to check batching, hops and failure isolation. */
function fakeProvider(
  system: System,
  world: { items: Item[]; mentions: Record<string, string> },
  fail?: number,
) {
  const calls: { fetch: string[][]; reverse: string[][] } = { fetch: [], reverse: [] };
  const connection = {
    id: system,
    system,
    baseUrl: `https://${system}.example`,
    auth: { type: 'token', token: 't' },
  } as Connection;
  const linksOf = (item: Item, ctx: LookupContext): Link[] =>
    refsIn(world.mentions[item.ref] ?? '', ctx.extract).map((to) => ({
      from: item.ref,
      to,
      via: 'mention' as const,
    }));
  const provider: Provider = {
    system,
    connection,
    refHost: undefined,
    owns: (ref: Ref) => ref.system === system,
    async fetchItems(refs, ctx): Promise<Found> {
      calls.fetch.push(refs.map(formatRef));
      if (fail) throw failureFor(system, `${system}.example`, fail);
      const items = world.items.filter(
        (i) => i.system === system && refs.some((r) => formatRef(r) === i.ref),
      );
      return { items, links: items.flatMap((i) => linksOf(i, ctx)) };
    },
    async findReferencing(targets, ctx): Promise<Found> {
      calls.reverse.push(targets.map((t) => t.ref));
      if (fail) throw failureFor(system, `${system}.example`, fail);
      const items = world.items.filter(
        (i) => i.system === system && targets.some((t) => (world.mentions[i.ref] ?? '').includes(t.key)),
      );
      return { items, links: items.flatMap((i) => linksOf(i, ctx)) };
    },
    whoAmI: async () => 'me',
  };
  return { provider, calls };
}

const item = (ref: string, kind: Item['kind'], key: string): Item => ({
  ref,
  system: ref.split(':')[0] as System,
  kind,
  key,
  title: key,
  url: `https://example/${key}`,
  status: { name: 'Open', category: 'todo' },
});

const world = {
  items: [
    item('github:acme/shop#42', 'pull', 'acme/shop#42'),
    item('jira:SHOP-101', 'bug', 'SHOP-101'),
    item('jira:SHOP-999', 'bug', 'SHOP-999'),
    ...[1, 2, 3].map((n) => item(`servicenow:INC000000${n}`, 'incident', `INC000000${n}`)),
    item('servicenow:INC0000009', 'incident', 'INC0000009'),
  ],
  mentions: {
    'github:acme/shop#42': 'SHOP-101: fix',
    'servicenow:INC0000001': 'broken checkout SHOP-101',
    'servicenow:INC0000002': 'SHOP-101 again',
    // An incident that mentions our bug and another: the other bug's incidents do not belong on our page.
    'servicenow:INC0000003': 'SHOP-101 and SHOP-999',
    'servicenow:INC0000009': 'SHOP-999 only',
    'jira:SHOP-101': 'points back at SHOP-101 itself',
  } as Record<string, string>,
};

const page = {
  url: 'https://github.com/acme/shop/pull/42',
  site: 'github' as const,
  subject: 'github:acme/shop#42',
  texts: [{ text: 'SHOP-101: fix', where: 'title' }],
  refs: [],
};
const extract = { jiraProjectKeys: new Set(['SHOP']) };

describe('resolveContext', () => {
  test('finds the incidents behind a PR through its Jira key, one batched call per system per hop', async () => {
    const gh = fakeProvider('github', world);
    const jira = fakeProvider('jira', world);
    const sn = fakeProvider('servicenow', world);
    const result = await resolveContext({
      page,
      providers: [gh.provider, jira.provider, sn.provider],
      extract,
      maxHops: 2,
    });
    const refs = result.items.map((i) => i.ref).sort();
    expect(refs).toEqual(
      expect.arrayContaining(['servicenow:INC0000001', 'servicenow:INC0000002', 'servicenow:INC0000003']),
    );
    expect(refs).not.toContain('servicenow:INC0000009');
    for (const p of [gh, jira, sn]) {
      expect(p.calls.fetch.length).toBeLessThanOrEqual(2);
      expect(p.calls.reverse.length).toBeLessThanOrEqual(2);
    }
    expect(jira.calls.fetch[0]).toEqual(['jira:SHOP-101']);
    expect(result.sources.every((s) => !s.error)).toBe(true);
  });

  test('a failing source becomes that source error; the others still answer', async () => {
    const jira = fakeProvider('jira', world);
    const sn = fakeProvider('servicenow', world, 503);
    const result = await resolveContext({
      page,
      providers: [jira.provider, sn.provider],
      extract,
      maxHops: 2,
    });
    expect(result.items.map((i) => i.ref)).toContain('jira:SHOP-101');
    const snStatus = result.sources.find((s) => s.system === 'servicenow');
    expect(snStatus?.error?.kind).toBe('unavailable');
    expect(snStatus?.error?.message).toMatch(/ServiceNow \(servicenow\.example\) is unavailable \(503\)/);
    expect(sn.calls.fetch.length + sn.calls.reverse.length).toBe(1); // a failed source is not asked again
  });

  test('cycles and self-references end; hops are bounded', async () => {
    const jira = fakeProvider('jira', world);
    const sn = fakeProvider('servicenow', world);
    const one = await resolveContext({ page, providers: [jira.provider, sn.provider], extract, maxHops: 1 });
    expect(one.items.map((i) => i.ref)).toContain('jira:SHOP-101');
    const many = await resolveContext({ page, providers: [jira.provider, sn.provider], extract, maxHops: 4 });
    expect(many.items.filter((i) => i.ref === 'jira:SHOP-101')).toHaveLength(1);
  });
});
