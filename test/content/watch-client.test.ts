import { describe, expect, test, vi } from 'vitest';
import { watchClient } from '../../src/content/watch-client';

const click = (trusted: boolean) => ({ isTrusted: trusted }) as Event;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the content script’s watch toggle', () => {
  test('a page’s script clicking the button (an untrusted event) watches nothing', async () => {
    const send = vi.fn(async () => ({ ok: true }));
    const client = watchClient(send, (e) => e.isTrusted);
    client.toggle('jira:SHOP-101', click(false));
    await settle();
    expect(send).not.toHaveBeenCalled();
    expect(client.isWatched('jira:SHOP-101')).toBe(false);
  });

  test('the user’s click watches at once, and stops watching on the second', async () => {
    const send = vi.fn(async (_m: unknown) => ({ ok: true }));
    const client = watchClient(send, (e) => e.isTrusted);
    const renders = vi.fn();
    client.subscribe(renders);
    client.toggle('jira:SHOP-101', click(true));
    expect(client.isWatched('jira:SHOP-101')).toBe(true);
    client.toggle('jira:SHOP-101', click(true));
    await settle();
    expect(send.mock.calls.map(([m]) => m)).toEqual([
      { type: 'watch', ref: 'jira:SHOP-101' },
      { type: 'unwatch', ref: 'jira:SHOP-101' },
    ]);
    expect(client.isWatched('jira:SHOP-101')).toBe(false);
    expect(renders).toHaveBeenCalledTimes(2);
  });

  test('a refusal (too many watches) puts the button back and says why in the console', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const client = watchClient(
      async () => ({ ok: false, error: 'Liaison watches at most 200 items.' }),
      () => true,
    );
    client.toggle('jira:SHOP-101', click(true));
    await settle();
    await settle();
    expect(client.isWatched('jira:SHOP-101')).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('at most 200'));
    warn.mockRestore();
  });

  test('the page learns which of its items are watched; a malformed answer changes nothing', async () => {
    const answers: unknown[] = [
      { ok: true, watched: ['jira:SHOP-102'] },
      { ok: true, watched: 'everything' },
    ];
    const client = watchClient(
      async () => answers.shift(),
      () => true,
    );
    client.sync(['jira:SHOP-101', 'jira:SHOP-102']);
    await settle();
    expect([client.isWatched('jira:SHOP-101'), client.isWatched('jira:SHOP-102')]).toEqual([false, true]);
    client.sync(['jira:SHOP-101', 'jira:SHOP-102']);
    await settle();
    expect(client.isWatched('jira:SHOP-102')).toBe(true);
  });
});
