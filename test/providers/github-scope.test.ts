/**
 * GitHub reverse lookups on the strict replica (advanced-search precedence, test/replica/github/search.ts):
 * another company's public pull request names the story's keys (other-co/app#7 names SHOP-101, SHOP-102 and
 * INC0010001). A query whose OR-group is not in parentheses, or that is not scoped, finds it; Liaison must not.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { ExtractOptions } from '../../src/core/extract';
import { parseRef, type Ref } from '../../src/core/refs';
import { type Connection, parseSettings, settingsSchema } from '../../src/core/settings';
import { providersFor } from '../../src/providers/index';
import { targetOf } from '../../src/providers/mentions';
import type { Provider, Target } from '../../src/providers/provider';
import { replicaSettings } from '../replica/credentials';
import type { Replica } from '../replica/server';
import { onReplica } from './on-replica';

z.config({ jitless: true }); // as in the extension

let replica: Replica;
onReplica({ limits: { githubSearch: 1_000_000 } }, (started) => {
  replica = started;
});

const extract: ExtractOptions = {
  githubHosts: ['github.com'],
  jira: [{ projectKeys: new Set(['SHOP', 'OPS']), baseUrl: 'https://acme.atlassian.net' }],
  servicenow: [{ baseUrl: 'https://acme.service-now.com' }],
  zendeskSubdomains: ['acme'],
};

function github(extra: Record<string, unknown> = {}): Provider {
  const parsed = parseSettings({ ...replicaSettings(), ...extra });
  if (!parsed.ok) throw new Error(parsed.error);
  return providersFor(parsed.settings, { fetch: replica.fetch }).find(
    (p) => p.system === 'github',
  ) as Provider;
}
const connections: Connection[] = settingsSchema.parse(replicaSettings()).connections;

/** Targets as the resolver builds them, each on its own system's connection. */
const targets = (refs: string[]): Target[] =>
  refs.map((r) => {
    const ref = parseRef(r) as Ref;
    const connection = connections.find((c) => c.system === ref.system) as Connection;
    return targetOf(ref, connection) as Target;
  });

const searchesSent = () =>
  replica.requests.flatMap((r) =>
    r.host === 'api.github.com' && r.body
      ? [...String(JSON.parse(r.body).query ?? '').matchAll(/search\(query: ("(?:[^"\\]|\\.)*")/g)].map(
          (m) => JSON.parse(m[1] ?? '""') as string,
        )
      : [],
  );

describe('GitHub reverse lookups stay in the user’s organisations', () => {
  const keys = ['jira:SHOP-101', 'jira:SHOP-102'];

  test('with the scope learned from the token: acme’s PRs, never other-co’s', async () => {
    const found = await github().findReferencing(targets(keys), { extract });
    const refs = found.items.map((i) => i.ref).sort();
    expect(refs).toEqual(['github:acme/shop-api#42', 'github:acme/shop-api#43']);
    expect(searchesSent()).toEqual(['("SHOP-101" OR "SHOP-102") is:pr in:title,body org:acme']);
  });

  test('with the former settings.github.searchQualifiers "org:acme": the same, grouped', async () => {
    const provider = github({ github: { searchQualifiers: 'org:acme' } });
    const found = await provider.findReferencing(targets(keys), { extract });
    expect(found.items.map((i) => i.ref)).not.toContain('github:other-co/app#7');
    expect(found.items.map((i) => i.ref).sort()).toEqual([
      'github:acme/shop-api#42',
      'github:acme/shop-api#43',
    ]);
  });

  test('a ServiceNow number is searched in scope too', async () => {
    const provider = github();
    const found = await provider.findReferencing(targets(['servicenow:INC0010001', 'jira:SHOP-101']), {
      extract,
    });
    expect(found.items.map((i) => i.ref)).not.toContain('github:other-co/app#7');
  });

  test('a configured scope replaces the learned one; each entry gets its own query', async () => {
    const provider = github({ github: { searchScope: ['repo:acme/web', 'repo:acme/shop-api'] } });
    await provider.findReferencing(targets(keys), { extract });
    expect(searchesSent()).toEqual([
      '("SHOP-101" OR "SHOP-102") is:pr in:title,body repo:acme/web',
      '("SHOP-101" OR "SHOP-102") is:pr in:title,body repo:acme/shop-api',
    ]);
  });

  test('at most ten scope entries are searched, the page’s own repository first, and a note says so', async () => {
    const many = Array.from({ length: 14 }, (_, i) => `org:team-${String(i).padStart(2, '0')}`);
    const provider = github({ github: { searchScope: [...many, 'repo:acme/shop-api'] } });
    // The round is about a pull request of acme/shop-api (its own repository comes first).
    const found = await provider.findReferencing(targets([...keys, 'github:acme/shop-api#42']), { extract });
    const scopes = searchesSent().map((q) => q.split(' ').at(-1));
    expect(scopes).toHaveLength(10);
    expect(scopes[0]).toBe('repo:acme/shop-api');
    expect(found.notes?.join(' ')).toMatch(/searched 10 of 15 organisations and repositories/);
    expect(found.items.map((i) => i.ref).sort()).toEqual([
      'github:acme/shop-api#42',
      'github:acme/shop-api#43',
    ]);
  });

  test('discovery reports the scope in effect', async () => {
    expect(await github().discover?.()).toEqual({ githubSearchScope: ['org:acme'] });
    expect(await github({ github: { searchScope: ['user:mona-dev'] } }).discover?.()).toEqual({
      githubSearchScope: ['user:mona-dev'],
    });
  });
});
