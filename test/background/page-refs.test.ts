import { describe, expect, test, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({
  default: { storage: { local: { get: async () => ({}) }, onChanged: { addListener: () => {} } } },
}));

const { forPage, itemUrl, refsInText } = await import('../../src/background/page-refs');
const { parseRef } = await import('../../src/core/refs');
const { parseSettings } = await import('../../src/core/settings');
const { providersFor } = await import('../../src/providers/index');
const { replicaSettings } = await import('../replica/credentials');
type ReplicaSystem = import('../replica/credentials').ReplicaSystem;
const { build, extractOptionsFor } = await import('../../src/background/config');

/** What the background answers to `find-refs`: positions in the text, canonical refs, item addresses. */

const settings = (include?: ReplicaSystem[]) => {
  const parsed = parseSettings(replicaSettings(include ? { include } : {}));
  if (!parsed.ok) throw new Error(parsed.error);
  return providersFor(parsed.settings);
};
const providers = settings();
// As the worker builds them: settings plus the project keys discovery found on the replica's Jira.
const extract = extractOptionsFor(build(replicaSettings()), new Map([['jira', new Set(['SHOP'])]]));

describe('references in page text', () => {
  test('positions are exact; each reference has its canonical form and its address', () => {
    const text =
      'UTF-8 breaks SHOP-101 (INC0010001), see https://acme.zendesk.com/agent/tickets/4711 and acme/web#7.';
    const found = refsInText(text, false, extract, providers);
    expect(found.map((f) => [text.slice(f.index, f.index + f.length), f.ref, f.url])).toEqual([
      ['SHOP-101', 'jira:SHOP-101', 'https://acme.atlassian.net/browse/SHOP-101'],
      [
        'INC0010001',
        'servicenow:INC0010001',
        'https://acme.service-now.com/incident.do?sysparm_query=number%3DINC0010001',
      ],
      [
        'https://acme.zendesk.com/agent/tickets/4711',
        'zendesk:acme/4711',
        'https://acme.zendesk.com/agent/tickets/4711',
      ],
      ['acme/web#7', 'github:acme/web#7', 'https://github.com/acme/web/issues/7'],
    ]);
  });

  test('in code only full URLs count', () => {
    const text = 'INC0010001 at https://acme.atlassian.net/browse/SHOP-7';
    expect(refsInText(text, true, extract, providers).map((f) => f.ref)).toEqual(['jira:SHOP-7']);
  });

  test('references of systems no connection answers for stay text', () => {
    const onlyGithub = settings(['github']);
    expect(
      refsInText('SHOP-101 INC0010001 acme/web#7', false, extract, onlyGithub).map((f) => f.ref),
    ).toEqual(['github:acme/web#7']);
  });

  test('#123 is a ticket only on a connected Zendesk page', () => {
    const text = 'Same as #4712';
    expect(
      refsInText(text, false, forPage(extract, 'https://github.com/acme/web/issues/7', providers), providers),
    ).toEqual([]);
    expect(
      refsInText(
        text,
        false,
        forPage(extract, 'https://other.zendesk.com/agent/tickets/1', providers),
        providers,
      ),
    ).toEqual([]);
    const zd = refsInText(
      text,
      false,
      forPage(extract, 'https://acme.zendesk.com/agent/tickets/4711', providers),
      providers,
    );
    expect(zd).toEqual([
      { index: 8, length: 5, ref: 'zendesk:acme/4712', url: 'https://acme.zendesk.com/agent/tickets/4712' },
    ]);
  });

  test('item addresses for every system', () => {
    const url = (ref: string, base: string) => {
      const parsed = parseRef(ref);
      if (!parsed) throw new Error(ref);
      return itemUrl(parsed, base);
    };
    expect(url('github:acme/shop-api#42', 'https://github.com')).toBe(
      'https://github.com/acme/shop-api/issues/42',
    );
    expect(url('github:ghe.acme.test/platform/billing@abcdef1', 'https://ghe.acme.test/')).toBe(
      'https://ghe.acme.test/platform/billing/commit/abcdef1',
    );
    expect(url('jira:SHOP-1', 'https://jira.acme.com/jira')).toBe('https://jira.acme.com/jira/browse/SHOP-1');
    expect(url('servicenow:CHG0000012', 'https://acme.service-now.com')).toBe(
      'https://acme.service-now.com/change_request.do?sysparm_query=number%3DCHG0000012',
    );
    expect(url('servicenow:CUSTOM0000001', 'https://acme.service-now.com')).toBe(
      'https://acme.service-now.com/text_search_exact_match.do?sysparm_search=CUSTOM0000001',
    );
    expect(url('zendesk:acme/4711', 'https://acme.zendesk.com')).toBe(
      'https://acme.zendesk.com/agent/tickets/4711',
    );
  });
});
