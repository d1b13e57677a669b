import { describe, expect, test, vi } from 'vitest';

// The guard is pure; its module's neighbours register browser listeners when imported.
vi.mock('webextension-polyfill', () => {
  const event = () => ({ addListener: () => {}, removeListener: () => {} });
  return { default: { storage: { local: { get: async () => ({}) }, onChanged: event() } } };
});

import { ServedRefs } from '../../src/background/served-refs';
import { mayWatch } from '../../src/background/watch-requests';
import { requestRoles, runtimeRequestSchema } from '../../src/messaging/protocol';

const page = (tabId: number) => ({
  role: 'page' as const,
  url: new URL('https://acme.zendesk.com/agent/tickets/4711'),
  tabId,
  frameId: 0,
});

describe('who may watch what', () => {
  test('a content script watches only what the background served its own tab', () => {
    const served = new ServedRefs();
    const port = {};
    served.setContext(7, port, ['zendesk:acme/4711', 'jira:SHOP-101']);
    expect(mayWatch(page(7), 'jira:SHOP-101', served)).toBe(true);
    // Not in the context: a page's script asking to watch anything else gets nothing.
    expect(mayWatch(page(7), 'jira:SHOP-999', served)).toBe(false);
    // Another tab was not shown it.
    expect(mayWatch(page(8), 'jira:SHOP-101', served)).toBe(false);
    // A hovercard's preview counts for its tab.
    served.addPreview(8, 'jira:SHOP-101');
    expect(mayWatch(page(8), 'jira:SHOP-101', served)).toBe(true);
    // The page went away: what it showed is no longer its to watch.
    served.dropContext(7, port);
    expect(mayWatch(page(7), 'jira:SHOP-101', served)).toBe(false);
    served.forgetTab(8);
    expect(mayWatch(page(8), 'jira:SHOP-101', served)).toBe(false);
  });

  test('a newer context of the same page replaces what it was served before', () => {
    const served = new ServedRefs();
    const port = {};
    served.setContext(1, port, ['jira:SHOP-101']);
    served.setContext(1, port, ['jira:SHOP-102']);
    expect(mayWatch(page(1), 'jira:SHOP-101', served)).toBe(false);
    expect(mayWatch(page(1), 'jira:SHOP-102', served)).toBe(true);
  });

  test('extension pages may watch anything; other senders nothing', () => {
    const served = new ServedRefs();
    expect(mayWatch({ role: 'extension' }, 'jira:SHOP-1', served)).toBe(true);
    expect(mayWatch({ role: 'foreign' }, 'jira:SHOP-1', served)).toBe(false);
  });

  test('listing and checking watches is for extension pages; requests are bounded', () => {
    expect(requestRoles['list-watches']).toEqual(['extension']);
    expect(requestRoles['check-watches']).toEqual(['extension']);
    expect(requestRoles.watch).toContain('page');
    expect(runtimeRequestSchema.safeParse({ type: 'watch', ref: 'x'.repeat(513) }).success).toBe(false);
    expect(runtimeRequestSchema.safeParse({ type: 'watch', ref: '' }).success).toBe(false);
    expect(
      runtimeRequestSchema.safeParse({
        type: 'watched-refs',
        refs: Array.from({ length: 501 }, (_, i) => `jira:A-${i}`),
      }).success,
    ).toBe(false);
  });
});
