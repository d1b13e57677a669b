// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import type { ActivityEntry } from '../../src/core/writes';
import type { RuntimeReply, RuntimeRequest } from '../../src/messaging/protocol';
import { $, button, choose, click, fill, form, mountOptions } from './harness';

/** Write-back on the options page (issue 14): the "Allow writing" toggle, its test sentence, the activity list. */

const gh = {
  id: 'gh',
  system: 'github',
  baseUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  auth: { type: 'token', token: 'ghp_secret' },
};
const snow = {
  id: 'snow',
  system: 'servicenow',
  baseUrl: 'https://acme.service-now.com',
  auth: { type: 'basic', username: 'liaison.agent', password: 'pw' },
};
const settings = (...connections: Record<string, unknown>[]) => ({ version: 1, connections });
const stored = (value: unknown, id: string) =>
  (value as { connections: Record<string, unknown>[] }).connections.find((c) => c.id === id);
const row = (root: ParentNode, id: string) => $(root, `[data-connection-id="${id}"]`);
const writeBox = (root: ParentNode) => $<HTMLInputElement>(form(root), '#conn-write');

afterEach(() => {
  document.body.innerHTML = '';
});

describe('allow writing', () => {
  test('a new connection stores write: true only when ticked, with the system’s sentence beside it', async () => {
    const h = await mountOptions(undefined);
    await click(button(h.root, 'Add a connection'));
    expect(writeBox(h.root).checked).toBe(false);
    expect($(form(h.root), '[data-write-scope]').textContent).toMatch(
      /^GitHub: Comments on issues and pull requests/,
    );
    await choose(h.root, '#conn-kind', 'jira-cloud');
    expect($(form(h.root), '[data-write-scope]').textContent).toMatch(
      /Remote links on issues .* internal comments on service requests/,
    );
    await choose(h.root, '#conn-kind', 'servicenow');
    expect($(form(h.root), '[data-write-scope]').textContent).toMatch(
      /Work notes on incidents, problems and requests, and draft knowledge articles/,
    );

    await choose(h.root, '#conn-kind', 'github');
    await fill(h.root, '#conn-secret', 'ghp_new');
    await click(writeBox(h.root));
    await click(button(form(h.root), 'Save'));
    expect(stored(h.stored(), 'github')).toMatchObject({ system: 'github', write: true });
    expect(row(h.root, 'github').querySelector('[data-writes]')?.textContent).toBe('writes');
  });

  test('unticking it removes the field (not false), and the row loses its tag', async () => {
    const h = await mountOptions(settings({ ...gh, write: true }, snow));
    expect(row(h.root, 'gh').querySelector('[data-writes]')).not.toBeNull();
    expect(row(h.root, 'snow').querySelector('[data-writes]')).toBeNull();
    await click(button(row(h.root, 'gh'), 'Edit'));
    expect(writeBox(h.root).checked).toBe(true);
    await click(writeBox(h.root));
    await click(button(form(h.root), 'Save'));
    const saved = stored(h.stored(), 'gh');
    expect(saved).not.toHaveProperty('write');
    // The secret and everything else stay.
    expect(saved).toMatchObject({ auth: { type: 'token', token: 'ghp_secret' } });
    expect(row(h.root, 'gh').querySelector('[data-writes]')).toBeNull();
  });

  test('Test connection says whether the connection may write, or what is missing', async () => {
    const h = await mountOptions(settings({ ...gh, write: true }), {
      reply: () => ({
        ok: true,
        who: 'Mona Lisa (mona)',
        write: {
          ok: false,
          message: 'The token cannot write: it lacks the repo or public_repo scope (it has read:org).',
        },
      }),
    });
    await click(button(row(h.root, 'gh'), 'Test connection'));
    expect($(row(h.root, 'gh'), '[data-test-result="ok"]').textContent).toBe('Connected as Mona Lisa (mona)');
    expect($(row(h.root, 'gh'), '[data-test-write="missing"]').textContent).toMatch(
      /lacks the repo or public_repo/,
    );
  });

  test('a connection that only reads gets no write sentence', async () => {
    const h = await mountOptions(settings(gh));
    await click(button(row(h.root, 'gh'), 'Test connection'));
    expect(row(h.root, 'gh').querySelector('[data-test-write]')).toBeNull();
  });
});

const entry = (at: number, over: Partial<ActivityEntry> = {}): ActivityEntry => ({
  at,
  kind: 'link-bug',
  connectionId: 'jira',
  system: 'jira',
  target: 'jira:SHOP-101',
  where: 'Remote link on SHOP-101',
  marker: `liaison:v1:link:${String(at).padStart(16, '0')}`,
  result: 'written',
  message: 'Linked.',
  ...over,
});

describe('activity', () => {
  const withActivity = (entries: () => ActivityEntry[], cleared: { done: boolean }) =>
    mountOptions(settings(gh), {
      reply: (request: RuntimeRequest) => {
        if (request.type === 'clear-activity') {
          cleared.done = true;
          return { ok: true };
        }
        if (request.type === 'write-activity')
          return { ok: true, entries: cleared.done ? [] : entries() } as unknown as RuntimeReply;
        return { ok: true, who: 'x' };
      },
    });

  test('lists every write newest first, with its system, target, where, result, message and link; Clear empties it', async () => {
    const cleared = { done: false };
    const h = await withActivity(
      () => [
        entry(Date.UTC(2026, 11, 1, 9)),
        entry(Date.UTC(2026, 11, 3, 9), {
          kind: 'tell-tickets',
          system: 'zendesk',
          connectionId: 'zd',
          target: 'zendesk:acme/4711',
          where: 'Internal note on ticket #4711',
          result: 'failed',
          message: 'Zendesk (acme.zendesk.com) refused: Status: closed prevents ticket update.',
        }),
        entry(Date.UTC(2026, 11, 2, 9), {
          system: 'github',
          target: 'github:acme/shop-api#42',
          where: 'Comment on acme/shop-api#42',
          url: 'https://github.com/acme/shop-api/issues/42#issuecomment-1',
        }),
        entry(Date.UTC(2026, 11, 2, 8), { url: 'javascript:alert(1)' }),
      ],
      cleared,
    );
    const items = [...h.root.querySelectorAll<HTMLElement>('[data-activity] li')];
    expect(items.map((i) => i.dataset.activityRef)).toEqual([
      'zendesk:acme/4711',
      'github:acme/shop-api#42',
      'jira:SHOP-101',
      'jira:SHOP-101',
    ]);
    expect(items[0]?.textContent).toContain('Zendesk');
    expect(items[0]?.textContent).toContain('Internal note on ticket #4711');
    expect(items[0]?.querySelector('[data-result]')?.textContent).toBe('Failed');
    expect(items[0]?.textContent).toContain('Status: closed prevents ticket update.');
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-03T09:00:00.000Z');
    expect(items[1]?.querySelector('a')?.getAttribute('href')).toBe(
      'https://github.com/acme/shop-api/issues/42#issuecomment-1',
    );
    // A link that is not http(s) stays text.
    expect(items[2]?.querySelector('a')).toBeNull();

    await click(button(h.root, 'Clear activity'));
    expect(h.sent.filter((r) => r.type === 'clear-activity')).toHaveLength(1);
    expect(h.root.querySelector('[data-activity] li')).toBeNull();
    expect($(h.root, '[data-activity-empty]').textContent).toBe('Nothing written yet.');
    expect($(h.root, '[data-status="activity"]').textContent).toBe('Activity cleared.');
    expect(button(h.root, 'Clear activity').disabled).toBe(true);
  });

  test('Refresh list shows writes made since the page opened', async () => {
    const entries: ActivityEntry[] = [];
    const h = await withActivity(() => entries, { done: false });
    expect($(h.root, '[data-activity-empty]').textContent).toBe('Nothing written yet.');
    entries.push(entry(Date.UTC(2026, 11, 4, 10)));
    await click(button(h.root, 'Refresh list'));
    expect(
      [...h.root.querySelectorAll<HTMLElement>('[data-activity] li')].map((i) => i.dataset.activityRef),
    ).toEqual(['jira:SHOP-101']);
  });

  test('an answer it cannot read is said, not shown as an empty list', async () => {
    const h = await mountOptions(settings(gh), {
      reply: (request) =>
        request.type === 'write-activity'
          ? ({ ok: true, entries: [{ at: 'yesterday' }] } as unknown as RuntimeReply)
          : { ok: true, who: 'x' },
    });
    expect($(h.root, '[data-activity] [role="alert"]').textContent).toMatch(
      /could not read its activity list/,
    );
    expect(h.root.querySelector('[data-activity-empty]')).toBeNull();
  });
});
