import { describe, expect, test } from 'vitest';
import { resolveContext } from '../../src/background/resolver';
import { refsIn } from '../../src/core/extract';
import type { Item, PullRelease } from '../../src/core/model';
import { formatRef } from '../../src/core/refs';
import type { Connection, System } from '../../src/core/settings';
import type { Found, LookupContext, Provider } from '../../src/providers/provider';
import { item } from './items';

/**
 * "Released in" is asked beside the last hop for the merged pull requests already known (issue 15: a ticket's chain,
 * ticket → bug → pull request → release, then costs one round of requests less), and the work that needs only the
 * graph (knowledge articles) runs beside the release lookups still going.
 */

const merged = (n: number) =>
  item(`github:acme/shop#${n}`, 'pull', `acme/shop#${n}`, { pull: { merged: true, mergeCommit: `sha${n}` } });

const world = {
  items: [item('jira:SHOP-101', 'bug', 'SHOP-101'), merged(42), merged(43)],
  mentions: {
    'github:acme/shop#42': 'Fixes SHOP-101',
    // Found only on the second hop: it points at #42, not at the bug.
    'github:acme/shop#43': 'Follow-up to acme/shop#42',
  } as Record<string, string>,
};

const page = {
  url: 'https://acme.atlassian.net/browse/SHOP-101',
  site: 'jira' as const,
  subject: 'jira:SHOP-101',
  texts: [],
  refs: [],
};
const extract = { jiraProjectKeys: new Set(['SHOP']) };

/** A gate a test opens by hand; it opens by itself after a while so that a wrong order fails instead of hanging. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
    setTimeout(resolve, 1_000);
  });
  return { opened, open };
}

function provider(
  system: System,
  log: string[],
  hooks: Partial<Provider> = {},
  items = world.items,
): Provider {
  const linksOf = (i: Item, ctx: LookupContext) =>
    refsIn(world.mentions[i.ref] ?? '', ctx.extract).map((to) => ({
      from: i.ref,
      to,
      via: 'mention' as const,
    }));
  return {
    system,
    connection: {
      id: system,
      system,
      baseUrl: `https://${system}.example`,
      auth: { type: 'token', token: 't' },
    } as Connection,
    refHost: undefined,
    owns: (ref) => ref.system === system,
    async fetchItems(refs, ctx): Promise<Found> {
      const found = world.items.filter(
        (i) => i.system === system && refs.some((r) => formatRef(r) === i.ref),
      );
      return { items: found, links: found.flatMap((i) => linksOf(i, ctx)) };
    },
    async findReferencing(targets, ctx): Promise<Found> {
      log.push(`${system} search ${targets.map((t) => t.ref).join(',')}`);
      const found = items.filter(
        (i) => i.system === system && targets.some((t) => (world.mentions[i.ref] ?? '').includes(t.key)),
      );
      return { items: found, links: found.flatMap((i) => linksOf(i, ctx)) };
    },
    whoAmI: async () => 'me',
    ...hooks,
  };
}

const released = (pulls: Item[]): PullRelease[] =>
  pulls.map((p) => ({
    pull: p.ref,
    release: { tag: `v-${p.key}`, name: `v-${p.key}`, url: 'https://github.com/acme/shop/releases/tag/v1' },
  }));

describe('release lookups beside the last hop', () => {
  test('a merged pull request known as the last hop starts is looked up during that hop, not after it', async () => {
    const log: string[] = [];
    const lastSearch = gate();
    let searches = 0;
    let lastHopDone = false;
    const github = provider('github', log);
    const gh: Provider = {
      ...github,
      async findReferencing(targets, ctx) {
        // The second hop's search waits until the test lets it go: a release lookup made after the hops could not
        // start before it ends.
        const hop = ++searches;
        if (hop === 2) await lastSearch.opened;
        const found = await github.findReferencing(targets, ctx);
        if (hop === 2) lastHopDone = true;
        return found;
      },
      async releasesContaining(pulls) {
        log.push(`releases ${pulls.map((p) => p.ref).join(',')}${lastHopDone ? '' : ' (during hop 2)'}`);
        if (pulls.some((p) => p.ref === 'github:acme/shop#42')) lastSearch.open();
        return released(pulls);
      },
    };
    const result = await resolveContext({
      page,
      providers: [gh, provider('jira', log)],
      extract,
      maxHops: 2,
    });

    expect(log).toContain('releases github:acme/shop#42 (during hop 2)');
    // What the last hop found is asked for after it, alone: no pull request is asked for twice.
    expect(log).toContain('releases github:acme/shop#43');
    expect(log.filter((l) => l.startsWith('releases'))).toHaveLength(2);
    expect(result.releases.map((r) => r.pull).sort()).toEqual(['github:acme/shop#42', 'github:acme/shop#43']);
  });

  test('no second release lookup when the last hop finds no merged pull request', async () => {
    const log: string[] = [];
    const without43 = world.items.filter((i) => i.ref !== 'github:acme/shop#43');
    const gh = provider(
      'github',
      log,
      {
        async releasesContaining(pulls) {
          log.push(`releases ${pulls.map((p) => p.ref).join(',')}`);
          return released(pulls);
        },
      },
      without43,
    );
    const jira = provider('jira', log, {}, without43);
    const result = await resolveContext({ page, providers: [gh, jira], extract, maxHops: 2 });
    expect(log.filter((l) => l.startsWith('releases'))).toEqual(['releases github:acme/shop#42']);
    expect(result.releases).toHaveLength(1);
  });

  test('work that needs only the graph runs beside a release lookup still going, and is awaited', async () => {
    const log: string[] = [];
    const alongsideStarted = gate();
    const gh: Provider = {
      ...provider('github', log),
      async releasesContaining(pulls) {
        // The lookup after the hops (#43) ends only once the graph's work has started beside it.
        if (pulls.some((p) => p.ref === 'github:acme/shop#43')) {
          await alongsideStarted.opened;
          log.push('late releases answered');
        }
        return released(pulls);
      },
    };
    let graphSeen: string[] = [];
    await resolveContext({
      page,
      providers: [gh, provider('jira', log)],
      extract,
      maxHops: 2,
      alongside: async (graph) => {
        log.push('alongside started');
        graphSeen = graph.items.map((i) => i.ref).sort();
        alongsideStarted.open();
        await new Promise((r) => setTimeout(r, 20));
        log.push('alongside done');
      },
    });
    expect(log.indexOf('alongside started')).toBeLessThan(log.indexOf('late releases answered'));
    expect(log).toContain('alongside done'); // awaited before the answer
    expect(graphSeen).toEqual(['github:acme/shop#42', 'github:acme/shop#43', 'jira:SHOP-101']);
  });
});

describe('which references have their follow-ups asked beside their lookup', () => {
  test('the subject and what is not a customer ticket by its reference, on every hop but the last', async () => {
    const told = new Map<number, Set<string>>(); // hop → the followed references a lookup was told of
    let hop = 0;
    const record = (system: System, kindOf?: Provider['kindOf']): Provider => {
      const base = provider(system, []);
      const heard = (ctx: LookupContext) => {
        const seen = told.get(hop) ?? new Set<string>();
        for (const r of ctx.followedRefs ?? []) seen.add(r);
        told.set(hop, seen);
      };
      return {
        ...base,
        ...(kindOf ? { kindOf } : {}),
        fetchItems(refs, ctx) {
          heard(ctx);
          return base.fetchItems(refs, ctx);
        },
        findReferencing(targets, ctx) {
          heard(ctx);
          return base.findReferencing(targets, ctx);
        },
      };
    };
    const prPage = {
      url: 'https://github.com/acme/shop/pull/42',
      site: 'github' as const,
      subject: 'github:acme/shop#42',
      texts: [
        {
          text: 'Fixes SHOP-101, reported in INC0010001 and https://acme.zendesk.com/agent/tickets/4711',
          where: 'body',
        },
      ],
      refs: [],
    };
    await resolveContext({
      page: prPage,
      providers: [
        record('github'),
        record('jira'),
        record('servicenow', () => 'incident'),
        record('zendesk', () => 'ticket'),
      ],
      extract: { ...extract, zendeskSubdomains: ['acme'] },
      maxHops: 2,
      onHop: (h) => {
        hop = h;
      },
    });
    // Hop 1: the incident and the ticket are customer tickets by their references, so not followed.
    expect([...(told.get(1) ?? [])].sort()).toEqual(['github:acme/shop#42', 'jira:SHOP-101']);
    // The last hop follows nothing further.
    expect(told.has(2)).toBe(true);
    expect([...(told.get(2) ?? [])]).toEqual([]);
  });
});
