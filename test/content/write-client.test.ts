import { describe, expect, test } from 'vitest';
import { lazyWriteClient } from '../../src/content/lazy-write-client';
import { writeClient } from '../../src/content/write-client';

/** The content script's write messages (DESIGN.md contract 7): what it sends, and every answer validated. */

describe('write client', () => {
  test('sends the three write messages as the protocol says', async () => {
    const sent: unknown[] = [];
    const client = writeClient(async (m) => {
      sent.push(m);
      return { ok: false, error: 'no' };
    });
    await client.preview({ kind: 'tell-tickets', subject: 'github:acme/shop-api#42' });
    await client.preview({ kind: 'link-bug', subject: 'zendesk:acme/4711', bug: 'jira:SHOP-101' });
    await client.confirm('plan-1', ['a', 'b']);
    await client.search('x'.repeat(300));
    expect(sent).toEqual([
      { type: 'write-preview', kind: 'tell-tickets', subject: 'github:acme/shop-api#42' },
      { type: 'write-preview', kind: 'link-bug', subject: 'zendesk:acme/4711', bug: 'jira:SHOP-101' },
      { type: 'write-confirm', planId: 'plan-1', chosen: ['a', 'b'] },
      { type: 'write-search', text: 'x'.repeat(200) },
    ]);
  });

  test('an answer that does not fit its schema, or none, becomes a sentence', async () => {
    const malformed = writeClient(async () => ({ ok: true, outcomes: [{ id: 'a', result: 'exploded' }] }));
    const confirm = await malformed.confirm('plan-1', ['a']);
    expect(confirm).toEqual({ ok: false, error: expect.stringMatching(/could not read the background/) });
    const gone = writeClient(async () => {
      throw new Error('Extension context invalidated.');
    });
    expect(await gone.search('checkout')).toEqual({
      ok: false,
      error: expect.stringMatching(/did not answer \(Extension context invalidated\.\)\. Reload the page/),
    });
  });

  test('valid answers pass through; trust is the browser’s (injected here)', async () => {
    const client = writeClient(
      async () => ({ ok: true, items: [], errors: [] }),
      (e) => e.type === 'trusted',
    );
    expect(await client.search('checkout')).toEqual({ ok: true, items: [], errors: [] });
    expect([client.trusted(new Event('trusted')), client.trusted(new Event('click'))]).toEqual([true, false]);
  });

  test('the page loads the write client when a write action is first used, once; a failed load is a sentence', async () => {
    const sent: unknown[] = [];
    const send = async (m: unknown) => {
      sent.push(m);
      return { ok: true, items: [], errors: [] };
    };
    let loads = 0;
    let fail = true;
    const client = lazyWriteClient(send, async () => {
      loads += 1;
      if (fail) throw new Error('Failed to fetch dynamically imported module');
      return { writeClient };
    });
    expect(loads).toBe(0);
    expect(await client.search('checkout')).toEqual({
      ok: false,
      error: expect.stringMatching(
        /could not load its write actions \(Failed to fetch .*\)\. Reload the page/,
      ),
    });
    fail = false;
    expect(await client.search('checkout')).toEqual({ ok: true, items: [], errors: [] });
    await client.confirm('plan-1', ['a']);
    expect(loads).toBe(2);
    expect(sent).toEqual([
      { type: 'write-search', text: 'checkout' },
      { type: 'write-confirm', planId: 'plan-1', chosen: ['a'] },
    ]);
  });
});
