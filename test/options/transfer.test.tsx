// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { exportSettings, importSettings } from '../../src/options/transfer';
import { $, button, click, fill, flush, form, mountOptions } from './harness';

/** Settings to a file and back: no secret ever leaves, and importing keeps the saved ones. */

const settings = () => ({
  version: 1,
  cache: { ttlMinutes: 10 },
  futureThing: [1, 2],
  connections: [
    {
      id: 'gh',
      system: 'github',
      baseUrl: 'https://github.com',
      auth: { type: 'token', token: 'ghp_SECRET1' },
    },
    {
      id: 'snow',
      system: 'servicenow',
      baseUrl: 'https://acme.service-now.com',
      auth: { type: 'basic', username: 'liaison.agent', password: 'SECRET2' },
    },
    {
      id: 'jira-dc',
      system: 'jira',
      baseUrl: 'https://jira.acme.test',
      flavor: 'datacenter',
      auth: { type: 'token', token: 'SECRET3' },
    },
  ],
});

async function importFile(root: ParentNode, text: string, name = 'liaison-settings.json') {
  const input = $<HTMLInputElement>(root, '#import-file');
  Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('export', () => {
  test('strips every secret, keeps everything else, and says so', async () => {
    const h = await mountOptions(settings());
    await click(button(h.root, 'Export settings'));
    const [file] = h.downloads;
    expect(file?.filename).toBe('liaison-settings.json');
    expect(file?.text).not.toMatch(/SECRET/);
    const exported = JSON.parse(file?.text ?? '{}');
    expect(exported.connections.map((c: { auth: unknown }) => c.auth)).toEqual([
      { type: 'token' },
      { type: 'basic', username: 'liaison.agent' },
      { type: 'token' },
    ]);
    expect(exported.futureThing).toEqual([1, 2]);
    expect(exported.cache).toEqual({ ttlMinutes: 10 });
    expect($(h.root, '[data-status="transfer"]').textContent).toMatch(
      /^Exported without secrets: 3 tokens and passwords were left out/,
    );
  });
});

describe('import', () => {
  test('round trip in the same browser: the saved secrets are kept, the settings are as before', async () => {
    const h = await mountOptions(settings());
    await click(button(h.root, 'Export settings'));
    await importFile(h.root, h.downloads[0]?.text ?? '');
    expect(h.stored()).toEqual(settings());
    expect($(h.root, '[data-status="transfer"]').textContent).toContain(
      'Saved secrets kept for gh, snow, jira-dc',
    );
  });

  test('elsewhere, connections wait for their secret and are not used until it is entered', async () => {
    const exported = exportSettings(settings()).json;
    const h = await mountOptions(undefined);
    await importFile(h.root, exported);
    const stored = h.stored() as { connections: unknown[]; pendingConnections: { id: string }[] };
    expect(stored.connections).toEqual([]);
    expect(stored.pendingConnections.map((c) => c.id)).toEqual(['gh', 'snow', 'jira-dc']);
    expect($(h.root, '[data-status="transfer"]').textContent).toMatch(
      /Enter the token or password of gh, snow, jira-dc/,
    );

    const pending = $(h.root, '[data-pending-id="snow"]');
    expect(pending.textContent).toContain('Imported without its password');
    await click(button(pending, 'Enter password'));
    expect($<HTMLInputElement>(h.root, '#conn-username').value).toBe('liaison.agent');
    await fill(h.root, '#conn-secret', 'new-password');
    await click(button(form(h.root), 'Save'));
    const after = h.stored() as {
      connections: { id: string; auth: unknown }[];
      pendingConnections: { id: string }[];
    };
    expect(after.connections).toEqual([
      {
        id: 'snow',
        system: 'servicenow',
        baseUrl: 'https://acme.service-now.com',
        auth: { type: 'basic', username: 'liaison.agent', password: 'new-password' },
      },
    ]);
    expect(after.pendingConnections.map((c) => c.id)).toEqual(['gh', 'jira-dc']);
  });

  test('a bad file is refused with the field named, and nothing changes', async () => {
    const h = await mountOptions(settings());
    const bad = settings();
    (bad.connections[1] as { baseUrl: string }).baseUrl = 'acme.service-now.com';
    await importFile(h.root, JSON.stringify(bad));
    expect($(h.root, '[data-status="transfer"]').textContent).toMatch(
      /^Not imported: connections\[1\]\.baseUrl: .*Nothing was changed\.$/,
    );
    expect(h.stored()).toEqual(settings());
    await importFile(h.root, '{"version": 1, "connections": [');
    expect($(h.root, '[data-status="transfer"]').textContent).toMatch(/^This file is not JSON/);
  });

  test('a secret in the file wins over the saved one; another auth type does not inherit it', () => {
    const file = settings();
    file.connections[0] = { ...file.connections[0], auth: { type: 'token', token: 'from-file' } } as never;
    (file.connections[1] as { auth: unknown }).auth = { type: 'basic', username: 'liaison.agent' };
    (file.connections[2] as { auth: unknown }).auth = { type: 'basic', username: 'me' };
    const result = importSettings(JSON.stringify(file), settings());
    if (!result.ok) throw new Error(result.error);
    expect((result.value.connections as { auth: unknown }[])[0]?.auth).toEqual({
      type: 'token',
      token: 'from-file',
    });
    expect(result.pending).toEqual(['jira-dc']);
    expect(result.restored).toEqual(['snow']);
  });
});

describe('import limits', () => {
  test('a file over 256 KB is refused before it is read, and nothing changes', async () => {
    const h = await mountOptions(settings());
    const padded = { ...settings(), padding: 'x'.repeat(300 * 1024) };
    await importFile(h.root, JSON.stringify(padded));
    expect($(h.root, '[data-status="transfer"]').textContent).toBe(
      'Not imported: the file is 301 KB, and a settings file is at most 256 KB. Nothing was changed.',
    );
    expect(h.stored()).toEqual(settings());
    expect(importSettings(JSON.stringify(padded), settings())).toMatchObject({ ok: false });
  });

  test('counts are bounded: connections, and every list', async () => {
    const many = {
      version: 1,
      connections: Array.from({ length: 51 }, (_, i) => ({
        id: `jira-${i}`,
        system: 'jira',
        baseUrl: `https://acme${i}.atlassian.net`,
        auth: { type: 'basic', username: 'me@acme.com' },
      })),
    };
    const refused = importSettings(JSON.stringify(many), undefined);
    expect(!refused.ok && refused.error).toBe(
      'Not imported: connections: at most 50 connections. Nothing was changed.',
    );
    const prefixes = { version: 1, prefixes: { zendesk: Array.from({ length: 51 }, (_, i) => `Z${i}`) } };
    const listRefused = importSettings(JSON.stringify(prefixes), undefined);
    expect(!listRefused.ok && listRefused.error).toBe(
      'Not imported: prefixes.zendesk: at most 50 entries. Nothing was changed.',
    );
    const fields = {
      version: 1,
      servicenow: { searchFields: Array.from({ length: 51 }, (_, i) => `u_${i}`) },
    };
    expect(importSettings(JSON.stringify(fields), undefined).ok).toBe(false);
    const keys = {
      version: 1,
      jira: { projectKeys: { jira: Array.from({ length: 1001 }, (_, i) => `K${i}`) } },
    };
    expect(importSettings(JSON.stringify(keys), undefined).ok).toBe(false);
  });
});

describe('a saved secret belongs to its URL', () => {
  test('an import that moves a connection to another host keeps no secret, and says why', async () => {
    const h = await mountOptions(settings());
    const file = JSON.parse(exportSettings(settings()).json);
    file.connections[0].apiUrl = 'https://api.evil.test';
    file.connections[2].baseUrl = 'https://jira.evil.test';
    await importFile(h.root, JSON.stringify(file));
    const after = h.stored() as {
      connections: { id: string; auth: unknown }[];
      pendingConnections: Record<string, unknown>[];
    };
    expect(after.connections.map((c) => c.id)).toEqual(['snow']);
    expect(JSON.stringify(after)).not.toMatch(/SECRET1|SECRET3/);
    const ghe =
      'The URL changed from https://api.github.com to https://api.evil.test, so the saved personal access token was not kept: enter it again.';
    const dc =
      'The URL changed from https://jira.acme.test to https://jira.evil.test, so the saved personal access token was not kept: enter it again.';
    expect(after.pendingConnections.map((c) => [c.id, c.pendingReason])).toEqual([
      ['gh', ghe],
      ['jira-dc', dc],
    ]);
    expect($(h.root, '[data-status="transfer"]').textContent).toContain(`gh: ${ghe}`);
    expect($(h.root, '[data-pending-id="jira-dc"]').textContent).toContain(dc);

    // Entering the secret saves the connection, without the note.
    await click(button($(h.root, '[data-pending-id="jira-dc"]'), 'Enter'));
    await fill(h.root, '#conn-secret', 'pat-for-evil');
    await click(button(form(h.root), 'Save'));
    const saved = (h.stored() as { connections: Record<string, unknown>[] }).connections.at(-1);
    expect(saved).toEqual({
      id: 'jira-dc',
      system: 'jira',
      baseUrl: 'https://jira.evil.test',
      flavor: 'datacenter',
      auth: { type: 'token', token: 'pat-for-evil' },
    });
  });

  test('the same origins keep the secret: a trailing slash or another path is the same server', () => {
    const file = JSON.parse(exportSettings(settings()).json);
    file.connections[1].baseUrl = 'https://acme.service-now.com/';
    file.connections[2].baseUrl = 'https://jira.acme.test/jira';
    const result = importSettings(JSON.stringify(file), settings());
    if (!result.ok) throw new Error(result.error);
    expect(result.restored).toEqual(['gh', 'snow', 'jira-dc']);
    expect(result.notKept).toEqual([]);
  });
});

describe('a cross-site API confirmation', () => {
  const confirmedGhe = {
    id: 'ghe',
    system: 'github',
    baseUrl: 'https://ghe.acme.test',
    apiUrl: 'https://api.other.test',
    apiOriginConfirmed: 'https://api.other.test',
    auth: { type: 'token', token: 'SECRET4' },
  };

  test('is never taken from a file: only the one saved in this browser is kept', () => {
    const here = { version: 1, connections: [confirmedGhe] };
    const file = JSON.parse(exportSettings(here).json);
    const sameBrowser = importSettings(JSON.stringify(file), here);
    expect(sameBrowser.ok && sameBrowser.value.connections).toEqual([confirmedGhe]);

    const unconfirmedHere = { version: 1, connections: [{ ...confirmedGhe, apiOriginConfirmed: undefined }] };
    const claimed = importSettings(JSON.stringify(file), unconfirmedHere);
    expect(claimed.ok && (claimed.value.connections as object[])[0]).not.toHaveProperty('apiOriginConfirmed');

    const elsewhere = importSettings(JSON.stringify(file), undefined);
    expect(elsewhere.ok && elsewhere.value.pendingConnections).toEqual([
      {
        id: 'ghe',
        system: 'github',
        baseUrl: 'https://ghe.acme.test',
        apiUrl: 'https://api.other.test',
        auth: { type: 'token' },
      },
    ]);
  });
});
