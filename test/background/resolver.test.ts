import { describe, expect, test } from 'vitest';
import { createEntityCache, memoryStorage } from '../../src/background/cache';
import { withCache } from '../../src/background/cached-provider';
import { MAX_PAGE_REFS, pageBounds, resolveContext } from '../../src/background/resolver';
import { refsIn } from '../../src/core/extract';
import type { Item, Link } from '../../src/core/model';
import { formatRef, type Ref } from '../../src/core/refs';
import type { Connection, System } from '../../src/core/settings';
import { failureFor } from '../../src/providers/errors';
import type { Found, LookupContext, Provider } from '../../src/providers/provider';
import { item } from './items';

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

describe('bounded work', () => {
  // A bug whose description names 300 other bugs, each of which exists: every hop could reach them all.
  const keys = Array.from({ length: 300 }, (_, n) => `SHOP-${1_000 + n}`);
  const crowd = {
    items: [item('jira:SHOP-101', 'bug', 'SHOP-101'), ...keys.map((k) => item(`jira:${k}`, 'bug', k))],
    mentions: { 'jira:SHOP-101': keys.join(' ') } as Record<string, string>,
  };

  test('a page gives at most MAX_PAGE_REFS references, subject and first-shown first, and says how many it left', async () => {
    const jira = fakeProvider('jira', crowd);
    const text = `SHOP-101 ${keys.join(' ')}`;
    const result = await resolveContext({
      page: { ...page, texts: [{ text, where: 'comment' }] },
      providers: [fakeProvider('github', crowd).provider, jira.provider],
      extract,
      maxHops: 1,
    });
    expect(result.skippedRefs).toBe(301 - MAX_PAGE_REFS);
    expect(jira.calls.fetch[0]?.slice(0, 2)).toEqual(['jira:SHOP-101', 'jira:SHOP-1000']);
    expect(jira.calls.fetch[0]).toHaveLength(MAX_PAGE_REFS);
    expect(jira.calls.reverse[0]?.[0]).toBe(page.subject); // the subject is searched for first
  });

  test('each hop searches for a bounded number of targets and expands a bounded frontier', async () => {
    const jira = fakeProvider('jira', crowd);
    await resolveContext({ page, providers: [jira.provider], extract, maxHops: 3 });
    expect(jira.calls.fetch.flat().length).toBeGreaterThan(pageBounds.roundTargets);
    for (const refs of jira.calls.fetch) expect(refs.length).toBeLessThanOrEqual(pageBounds.frontier);
    for (const targets of jira.calls.reverse)
      expect(targets.length).toBeLessThanOrEqual(pageBounds.roundTargets);
  });
});

describe('one round per system per hop', () => {
  /** A provider answering from a fixed list, with its reverse lookup given as a function of the targets. */
  function scripted(
    system: System,
    items: Item[],
    referencing: (targets: readonly { ref: string; key: string; url: string }[]) => Found,
    kindOf?: Provider['kindOf'],
  ) {
    const calls: { fetch: string[][]; reverse: string[][] } = { fetch: [], reverse: [] };
    const provider: Provider = {
      system,
      connection: {
        id: system,
        system,
        baseUrl: `https://${system}.example`,
        auth: { type: 'token', token: 't' },
      } as Connection,
      refHost: undefined,
      owns: (ref: Ref) => ref.system === system,
      async fetchItems(refs) {
        calls.fetch.push(refs.map(formatRef));
        return { items: items.filter((i) => refs.some((r) => formatRef(r) === i.ref)), links: [] };
      },
      async findReferencing(targets) {
        calls.reverse.push(targets.map((t) => t.ref));
        return referencing(targets);
      },
      ...(kindOf ? { kindOf } : {}),
      whoAmI: async () => 'me',
    };
    return { provider, calls };
  }
  const none = (): Found => ({ items: [], links: [] });
  /** A reverse lookup that finds `from`, mentioning `to`, when a target it is asked about passes `asked`. */
  const mentionedBy =
    (from: Item, to: Item, asked: (t: { ref: string; url: string }) => boolean) =>
    (targets: readonly { ref: string; key: string; url: string }[]): Found =>
      targets.some(asked)
        ? { items: [from], links: [{ from: from.ref, to: to.ref, via: 'mention', detail: 'description' }] }
        : none();
  const ticket = item('zendesk:acme/4711', 'ticket', '#4711');

  test('the subject is searched for while it is fetched: both in the first round, not one after the other', async () => {
    let release = () => {};
    const fetched = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gh = scripted('github', [item('github:acme/shop#42', 'pull', 'acme/shop#42')], none);
    const slow = {
      ...gh.provider,
      fetchItems: (refs: Ref[], ctx: LookupContext) => fetched.then(() => gh.provider.fetchItems(refs, ctx)),
    };
    const zd = scripted('zendesk', [], none);
    const resolving = resolveContext({
      page: { ...page, texts: [] },
      providers: [slow, zd.provider],
      extract,
      maxHops: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The pull request is still being fetched, and Zendesk is already asked what mentions it.
    expect(zd.calls.reverse).toEqual([['github:acme/shop#42']]);
    release();
    await resolving;
  });

  test('a GitHub number searched for as a pull request that is an issue is searched for again by its own URL', async () => {
    const issue = {
      ...item('github:acme/web#7', 'issue', 'acme/web#7'),
      url: 'https://github.example/acme/web/issues/7',
    };
    const gh = scripted('github', [issue], none);
    // Zendesk finds the ticket only by the issue's URL, as an agent pasted it.
    const zd = scripted(
      'zendesk',
      [ticket],
      mentionedBy(ticket, issue, (t) => t.url === issue.url),
    );
    const onIssuePage = { ...page, url: issue.url, subject: issue.ref, texts: [] };
    for (const maxHops of [1, 2]) {
      // Through the entity cache too: the guess's search entry does not answer for the issue.
      const cache = createEntityCache({ storage: memoryStorage() });
      const run = { refresh: false, revalidations: [] };
      for (const providers of [
        [gh.provider, zd.provider],
        [gh.provider, zd.provider].map((p) => withCache(p, cache, run)),
      ]) {
        const result = await resolveContext({ page: onIssuePage, providers, extract, maxHops });
        expect(
          result.items.map((i) => i.ref),
          `maxHops ${maxHops}`,
        ).toContain(ticket.ref);
      }
    }
  });

  test('what points only at a reference that turns out to be a customer ticket is left out, as before it was fetched', async () => {
    // SUP-7 is a customer request: a leaf. A pull request mentioning only it does not belong to this page.
    const request = item('jira:SUP-7', 'request', 'SUP-7');
    const stray = item('github:acme/shop#99', 'pull', 'acme/shop#99');
    const jira = scripted('jira', [request], none);
    const gh = scripted(
      'github',
      [stray],
      mentionedBy(stray, request, (t) => t.ref === request.ref),
    );
    const onTicket = { ...page, url: ticket.url, subject: ticket.ref, texts: [], refs: [request.ref] };
    const result = await resolveContext({
      page: onTicket,
      providers: [jira.provider, gh.provider],
      extract: { jiraProjectKeys: new Set(['SUP']) },
      maxHops: 2,
    });
    expect(result.items.map((i) => i.ref)).toContain(request.ref);
    expect(result.items.map((i) => i.ref)).not.toContain(stray.ref);
  });

  test('a reference its system already knows to be a customer ticket is not searched for', async () => {
    const zd = scripted('zendesk', [ticket], none, (ref) =>
      ref.system === 'zendesk' ? 'ticket' : undefined,
    );
    const jira = scripted('jira', [], none);
    const gh = scripted('github', [item('github:acme/shop#42', 'pull', 'acme/shop#42')], none);
    await resolveContext({
      page: { ...page, texts: [], refs: [ticket.ref] },
      providers: [zd.provider, jira.provider, gh.provider],
      extract,
      maxHops: 1,
    });
    expect(jira.calls.reverse.flat()).not.toContain(ticket.ref);
    expect(jira.calls.reverse.flat()).toContain(page.subject);
  });

  test('a round whose search fails keeps what its lookup read; the source reports the failure', async () => {
    const gh = scripted('github', [item('github:acme/shop#42', 'pull', 'acme/shop#42')], none);
    const failing: Provider = {
      ...gh.provider,
      async fetchAndFind(refs, _targets, ctx) {
        const fetched = await gh.provider.fetchItems(refs, ctx);
        return {
          fetched,
          referencing: none(),
          referencingError: failureFor('github', 'api.github.com', 422),
        };
      },
    };
    const result = await resolveContext({
      page: { ...page, texts: [] },
      providers: [failing],
      extract,
      maxHops: 2,
    });
    expect(result.items.map((i) => i.ref)).toEqual(['github:acme/shop#42']);
    expect(result.sources.find((s) => s.system === 'github')?.error?.kind).toBe('unknown');
  });
});

describe('what a source left out', () => {
  const skipped = (n: number) => `INC000010${n} was skipped: its data did not match what Liaison expects`;
  /** ServiceNow whose searches leave out `count` malformed incidents, saying so. */
  function leaving(count: number) {
    const sn = fakeProvider('servicenow', world);
    const find = sn.provider.findReferencing.bind(sn.provider);
    const notes = Array.from({ length: count }, (_, i) => skipped(i));
    sn.provider.findReferencing = async (targets, ctx) => ({ ...(await find(targets, ctx)), notes });
    return sn;
  }

  test('is told once on its source status, beside the items it did show, and again from the cache', async () => {
    const jira = fakeProvider('jira', world);
    const sn = leaving(1);
    const cache = createEntityCache({ storage: memoryStorage() });
    const run = { refresh: false, revalidations: [] };
    for (const providers of [
      [jira.provider, sn.provider].map((p) => withCache(p, cache, run)),
      [jira.provider, sn.provider].map((p) => withCache(p, cache, run)), // answered from the cache
    ]) {
      const result = await resolveContext({ page, providers, extract, maxHops: 2 });
      expect(result.items.map((i) => i.ref)).toContain('servicenow:INC0000001');
      const status = result.sources.find((s) => s.system === 'servicenow');
      expect(status).toMatchObject({ notes: [skipped(0)] });
      expect(status?.error).toBeUndefined();
      expect(result.sources.find((s) => s.system === 'jira')?.notes).toBeUndefined();
    }
    expect(sn.calls.reverse).toHaveLength(1);
  });

  test('many are capped, the last saying how many more', async () => {
    const result = await resolveContext({
      page,
      providers: [fakeProvider('jira', world).provider, leaving(9).provider],
      extract,
      maxHops: 2,
    });
    const notes = result.sources.find((s) => s.system === 'servicenow')?.notes;
    expect(notes).toEqual([skipped(0), skipped(1), skipped(2), skipped(3), '5 more items were skipped']);
  });
});
