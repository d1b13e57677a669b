// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import { $, button, choose, click, errorOf, fill, flush, form, mountOptions } from './harness';

/** The options page in jsdom: forms, validation, secrets, self-hosted access, tests, import/export. */

const secrets = {
  gh: 'ghp_secretGithubToken1234567890',
  jira: 'jira-secret-api-token',
  dc: 'jira-dc-secret-pat',
  snow: 'snow-secret-password',
  zd: 'zendesk-secret-token',
};

const full = () => ({
  version: 1,
  futureThing: { keep: true },
  connections: [
    {
      id: 'gh',
      system: 'github',
      baseUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      auth: { type: 'token', token: secrets.gh },
      extra: 'kept',
    },
    {
      id: 'jira',
      system: 'jira',
      baseUrl: 'https://acme.atlassian.net',
      auth: { type: 'basic', username: 'me@acme.com', password: secrets.jira },
    },
    {
      id: 'jira-dc',
      system: 'jira',
      baseUrl: 'https://jira.acme.test',
      flavor: 'datacenter',
      auth: { type: 'token', token: secrets.dc },
    },
    {
      id: 'snow',
      system: 'servicenow',
      baseUrl: 'https://acme.service-now.com',
      auth: { type: 'basic', username: 'liaison.agent', password: secrets.snow },
    },
    {
      id: 'zd',
      system: 'zendesk',
      baseUrl: 'https://acme.zendesk.com',
      auth: { type: 'basic', username: 'agent@acme.com/token', password: secrets.zd },
    },
  ],
});

const row = (root: ParentNode, id: string) => $(root, `[data-connection-id="${id}"]`);

const connections = (value: unknown) => (value as { connections: Record<string, unknown>[] }).connections;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('connection forms', () => {
  test('each field says what is wrong, in words, and nothing is saved', async () => {
    const h = await mountOptions(undefined);
    await click(button(h.root, 'Add a connection'));
    await choose(h.root, '#conn-kind', 'jira-cloud');
    await fill(h.root, '#conn-baseUrl', 'acme');
    await fill(h.root, '#conn-username', 'not an email');
    await click(button(form(h.root), 'Save'));
    expect(errorOf(h.root, 'conn-baseUrl')).toBe(
      'Enter a full address, like https://your-site.atlassian.net.',
    );
    expect(errorOf(h.root, 'conn-username')).toMatch(/^Enter the email address you sign in with/);
    expect(errorOf(h.root, 'conn-secret')).toBe('Enter the API token.');
    expect($(h.root, '#conn-baseUrl').getAttribute('aria-invalid')).toBe('true');
    expect($(h.root, '#conn-baseUrl').getAttribute('aria-describedby')).toContain('conn-baseUrl-error');
    expect(document.activeElement?.id).toBe('conn-baseUrl');

    await fill(h.root, '#conn-baseUrl', 'http://acme.atlassian.net');
    await click(button(form(h.root), 'Save'));
    expect(errorOf(h.root, 'conn-baseUrl')).toMatch(/https:\/\/ address/);
    expect(h.stored()).toBeUndefined();
  });

  test('Zendesk needs its subdomain address', async () => {
    const h = await mountOptions(undefined);
    await click(button(h.root, 'Add a connection'));
    await choose(h.root, '#conn-kind', 'zendesk');
    await fill(h.root, '#conn-baseUrl', 'https://support.acme.com');
    await click(button(form(h.root), 'Save'));
    expect(errorOf(h.root, 'conn-baseUrl')).toMatch(/https:\/\/acme\.zendesk\.com/);
  });

  test('each system is stored as contract 2 says, with a link to where its token is made', async () => {
    const h = await mountOptions(undefined);
    const add = async (kind: string, fields: Record<string, string>, link?: RegExp) => {
      await click(button(h.root, 'Add a connection'));
      await choose(h.root, '#conn-kind', kind);
      for (const [name, value] of Object.entries(fields)) await fill(h.root, `#conn-${name}`, value);
      if (link) expect($<HTMLAnchorElement>(form(h.root), '.token-help a').href).toMatch(link);
      await click(button(form(h.root), 'Save'));
      expect(h.root.querySelector('form.connection-form')).toBeNull();
    };
    await add(
      'github',
      { secret: 'ghp_x' },
      /^https:\/\/github\.com\/settings\/personal-access-tokens\/new$/,
    );
    await add(
      'jira-cloud',
      { baseUrl: 'https://acme.atlassian.net/', username: 'me@acme.com', secret: 'tok' },
      /^https:\/\/id\.atlassian\.com\/manage-profile\/security\/api-tokens$/,
    );
    await add(
      'jira-dc',
      { baseUrl: 'https://jira.acme.test', secret: 'pat' },
      /^https:\/\/jira\.acme\.test\/secure\/ViewProfile\.jspa\?selectedTab=com\.atlassian\.pats/,
    );
    await add('servicenow', { baseUrl: 'https://acme.service-now.com', username: 'me', secret: 'pw' });
    await add(
      'zendesk',
      { baseUrl: 'https://acme.zendesk.com', username: 'agent@acme.com', secret: 'zt' },
      /^https:\/\/acme\.zendesk\.com\/admin\/apps-integrations\/apis\//,
    );
    expect(connections(h.stored())).toEqual([
      {
        id: 'github',
        system: 'github',
        baseUrl: 'https://github.com',
        auth: { type: 'token', token: 'ghp_x' },
      },
      {
        id: 'jira',
        system: 'jira',
        baseUrl: 'https://acme.atlassian.net',
        flavor: 'cloud',
        auth: { type: 'basic', username: 'me@acme.com', password: 'tok' },
      },
      {
        id: 'jira-dc',
        system: 'jira',
        baseUrl: 'https://jira.acme.test',
        flavor: 'datacenter',
        auth: { type: 'token', token: 'pat' },
      },
      {
        id: 'servicenow',
        system: 'servicenow',
        baseUrl: 'https://acme.service-now.com',
        auth: { type: 'basic', username: 'me', password: 'pw' },
      },
      {
        id: 'zendesk',
        system: 'zendesk',
        baseUrl: 'https://acme.zendesk.com',
        auth: { type: 'basic', username: 'agent@acme.com/token', password: 'zt' },
      },
    ]);
    // Only the self-hosted Jira asked the browser for access.
    expect(h.requested).toEqual([['https://jira.acme.test/*']]);
  });

  test('a saved secret is never rendered: "•••• set" and Replace; editing keeps it unless replaced', async () => {
    const h = await mountOptions(full());
    for (const id of ['gh', 'jira', 'jira-dc', 'snow', 'zd']) {
      await click(button(row(h.root, id), 'Edit'));
      expect(form(h.root).textContent).toContain('•••• set');
      const html = document.body.innerHTML;
      const values = [...document.querySelectorAll('input')].map((i) => i.value);
      for (const secret of Object.values(secrets)) {
        expect(html).not.toContain(secret);
        expect(values).not.toContain(secret);
      }
      await click(button(form(h.root), 'Cancel'));
    }
    // Zendesk shows the email, not the `/token` suffix it is stored with.
    await click(button(row(h.root, 'zd'), 'Edit'));
    expect($<HTMLInputElement>(h.root, '#conn-username').value).toBe('agent@acme.com');
    await fill(h.root, '#conn-username', 'other@acme.com');
    await click(button(form(h.root), 'Save'));
    expect(connections(h.stored())[4]?.auth).toEqual({
      type: 'basic',
      username: 'other@acme.com/token',
      password: secrets.zd,
    });

    await click(button(row(h.root, 'gh'), 'Edit'));
    await click(button(form(h.root), 'Replace'));
    const input = $<HTMLInputElement>(h.root, '#conn-secret');
    expect(input.type).toBe('password');
    expect(input.value).toBe('');
    expect(document.activeElement).toBe(input);
    await fill(h.root, '#conn-secret', 'ghp_new');
    await click(button(form(h.root), 'Save'));
    expect(connections(h.stored())[0]?.auth).toEqual({ type: 'token', token: 'ghp_new' });
  });

  test('an API URL emptied in the form is removed, not merged back from the saved connection', async () => {
    const value = full();
    (value.connections as Record<string, unknown>[]).push({
      id: 'ghe',
      system: 'github',
      baseUrl: 'https://ghe.acme.test',
      apiUrl: 'https://ghe.acme.test/custom/api',
      auth: { type: 'token', token: 'ghe-secret' },
    });
    const h = await mountOptions(value);
    await click(button(row(h.root, 'ghe'), 'Edit'));
    await fill(h.root, '#conn-apiUrl', '');
    await click(button(form(h.root), 'Save'));
    expect(connections(h.stored())[5]).toEqual({
      id: 'ghe',
      system: 'github',
      baseUrl: 'https://ghe.acme.test',
      auth: { type: 'token', token: 'ghe-secret' },
    });
  });

  test('saving keeps unknown fields of the settings and of the connection', async () => {
    const h = await mountOptions(full());
    await click(button(row(h.root, 'gh'), 'Edit'));
    await click(button(form(h.root), 'Save'));
    const stored = h.stored() as Record<string, unknown>;
    expect(stored.futureThing).toEqual({ keep: true });
    expect(connections(stored)[0]).toMatchObject({ extra: 'kept', apiUrl: 'https://api.github.com' });
    // Nothing else was written: defaults stay implicit.
    expect(Object.keys(stored).sort()).toEqual(['connections', 'futureThing', 'version']);
  });

  test('settings written elsewhere show up without a reload', async () => {
    const h = await mountOptions(undefined);
    expect(h.root.textContent).toContain('No connection yet');
    await h.writeElsewhere(full());
    expect(row(h.root, 'snow').textContent).toContain('https://acme.service-now.com');
  });
});

describe('test connection', () => {
  test('a draft is sent whole and the answer names who is connected', async () => {
    const h = await mountOptions(undefined);
    await click(button(h.root, 'Add a connection'));
    await fill(h.root, '#conn-secret', 'ghp_draft');
    await click(button(form(h.root), 'Test connection'));
    expect(h.sent.at(-1)).toMatchObject({
      type: 'test-connection',
      connection: { id: 'github', system: 'github', auth: { type: 'token', token: 'ghp_draft' } },
    });
    expect($(h.root, '[data-test-result="ok"]').textContent).toBe('Connected as Mona Lisa (mona)');
    expect(h.stored()).toBeUndefined();
  });

  test('a 401 says so and what to do', async () => {
    const h = await mountOptions(full(), {
      reply: () => ({
        ok: false,
        error: 'GitHub (api.github.com) rejected the credentials (401). Update the token in Liaison options.',
        kind: 'auth',
      }),
    });
    await click(button(row(h.root, 'gh'), 'Test connection'));
    expect(h.sent.at(-1)).toEqual({ type: 'test-connection', connectionId: 'gh' });
    const result = $(row(h.root, 'gh'), '[data-test-result="error"]').textContent;
    expect(result).toContain('(401)');
    expect(result).toMatch(/create a new one and paste it in/);
  });

  test('a refused permission for a self-hosted host is explained, and nothing is saved', async () => {
    const h = await mountOptions(undefined, { grant: false });
    await click(button(h.root, 'Add a connection'));
    await choose(h.root, '#conn-kind', 'jira-dc');
    await fill(h.root, '#conn-baseUrl', 'https://jira.acme.test');
    expect($(h.root, '[data-self-hosted]').textContent).toContain('jira.acme.test');
    await fill(h.root, '#conn-secret', 'pat');
    await click(button(form(h.root), 'Save'));
    expect($(form(h.root), '[role="alert"]').textContent).toMatch(
      /^Not saved\. Liaison needs access to jira\.acme\.test .* Try again and choose Allow\./,
    );
    expect(h.stored()).toBeUndefined();
  });
});

describe('self-hosted access', () => {
  test('removing a self-hosted connection gives its host access back', async () => {
    const h = await mountOptions(full());
    h.granted.add('https://jira.acme.test/*');
    await click(button(row(h.root, 'jira-dc'), 'Remove'));
    expect(connections(h.stored()).map((c) => c.id)).toEqual(['gh', 'jira', 'snow', 'zd']);
    expect(h.removed).toEqual([['https://jira.acme.test/*']]);
    expect($(h.root, '[data-status="connections"]').textContent).toMatch(/host access was removed/);
  });

  test('a self-hosted connection written without the permission offers to grant it', async () => {
    const h = await mountOptions(full());
    await flush();
    await click(button($(row(h.root, 'jira-dc'), '[data-access="missing"]'), 'Grant access'));
    expect(h.requested).toEqual([['https://jira.acme.test/*']]);
    expect(row(h.root, 'jira-dc').querySelector('[data-access="missing"]')).toBeNull();
  });
});

describe('other settings', () => {
  test('discovered Jira keys show, and an override is stored per connection', async () => {
    const h = await mountOptions(full());
    expect(h.root.textContent).toContain('Projects found: OPS, SHOP, SUP.');
    await fill(h.root, '#jira-keys-jira', 'shop, ops');
    await click(button(h.root, 'Save project keys'));
    expect((h.stored() as { jira: unknown }).jira).toEqual({ projectKeys: { jira: ['SHOP', 'OPS'] } });
  });

  test('removing a Jira connection drops its project keys, and only its own', async () => {
    const h = await mountOptions({
      ...full(),
      jira: { projectKeys: { jira: ['SHOP'], 'jira-dc': ['OPS'] } },
    });
    h.granted.add('https://jira.acme.test/*');
    await click(button(row(h.root, 'jira-dc'), 'Remove'));
    expect((h.stored() as { jira: unknown }).jira).toEqual({ projectKeys: { jira: ['SHOP'] } });
  });

  test('the GitHub search scope in effect shows; an override is checked and stored per connection', async () => {
    const h = await mountOptions(full());
    const scope = $(h.root, '[data-search-scope]');
    expect(scope?.getAttribute('data-search-scope')).toBe('org:acme');
    expect(scope?.textContent).toContain('Searching in: org:acme (learned from the token).');
    await fill(h.root, '#github-scope-gh', 'org:acme, everything');
    await click(button(h.root, 'Save search scope'));
    expect(h.root.textContent).toContain('Not a scope: everything.');
    expect((h.stored() as { github?: unknown }).github).toBeUndefined();
    await fill(h.root, '#github-scope-gh', 'org:acme, repo:globex/app');
    await click(button(h.root, 'Save search scope'));
    expect((h.stored() as { github: unknown }).github).toEqual({
      searchScope: { gh: ['org:acme', 'repo:globex/app'] },
    });
  });

  test('field mappings and prefixes are checked and only what changed is written', async () => {
    const h = await mountOptions(full());
    await fill(h.root, '#map-servicenow-tables', 'incident, Problem!');
    await click(button(h.root, 'Save fields and prefixes'));
    expect(errorOf(h.root, 'map-servicenow-tables')).toMatch(/lower-case/);
    await fill(h.root, '#map-servicenow-tables', 'incident, problem');
    await fill(h.root, '#map-zendesk-referenceFieldIds', '360001, 360002');
    await fill(h.root, '#map-prefixes-zendesk', 'zd');
    await click(button(h.root, 'Save fields and prefixes'));
    const stored = h.stored() as Record<string, unknown>;
    expect(stored.servicenow).toEqual({ tables: ['incident', 'problem'] });
    expect(stored.zendesk).toEqual({ referenceFieldIds: [360001, 360002] });
    expect(stored.prefixes).toEqual({ zendesk: ['ZD'] });
  });

  test('cache: time to live and size are saved, "clear now" asks the background', async () => {
    const h = await mountOptions(full());
    await fill(h.root, '#cache-ttl', '0');
    await click(button(h.root, 'Save cache settings'));
    expect(errorOf(h.root, 'cache-ttl')).toMatch(/above 0/);
    await fill(h.root, '#cache-ttl', '15');
    await click(button(h.root, 'Save cache settings'));
    expect((h.stored() as { cache: unknown }).cache).toEqual({ ttlMinutes: 15, maxEntries: 5000 });
    await click(button(h.root, 'Clear cache now'));
    expect(h.sent.at(-1)).toEqual({ type: 'clear-cache' });
    expect($(h.root, '[data-status="cache"]').textContent).toBe('Cache cleared.');
  });

  test('watching: the check interval is saved, from the browsers’ 0.5-minute minimum', async () => {
    const h = await mountOptions(full());
    expect(($(h.root, '#watch-interval') as HTMLInputElement).value).toBe('5');
    await fill(h.root, '#watch-interval', '0.2');
    await click(button(h.root, 'Save watch settings'));
    expect(errorOf(h.root, 'watch-interval')).toMatch(/from 0\.5/);
    await fill(h.root, '#watch-interval', '0.5');
    await click(button(h.root, 'Save watch settings'));
    expect((h.stored() as { watch: unknown }).watch).toEqual({ intervalMinutes: 0.5 });
    expect($(h.root, '[data-status="watch"]').textContent).toBe('Saved.');
  });

  test('the privacy section says what is stored and sent', async () => {
    const h = await mountOptions(undefined);
    const text = $(h.root, '[aria-labelledby="privacy-title"]').textContent ?? '';
    expect(text).toMatch(/local extension storage \(never synced/);
    expect(text).toMatch(/IndexedDB/);
    expect(text).toMatch(/only to the hosts you connect/);
  });
});

describe('a malformed connection', () => {
  const withBad = () => {
    const value = full();
    value.connections.splice(1, 0, {
      id: 'broken',
      system: 'jira',
      baseUrl: 'acme.atlassian.net',
      auth: { type: 'basic', username: 'me@acme.com', password: 'x' },
    });
    return value;
  };

  test('is shown with its field and problem, and the rest can still be saved', async () => {
    const h = await mountOptions(withBad());
    expect(h.root.querySelector('[role="alert"].banner')).toBeNull();
    expect(row(h.root, 'broken').textContent).toMatch(
      /not valid: baseUrl Invalid URL.*Liaison leaves it out/,
    );
    expect(row(h.root, 'snow').textContent).toContain('https://acme.service-now.com');

    await fill(h.root, '#cache-ttl', '15');
    await click(button(h.root, 'Save cache settings'));
    expect($(h.root, '[data-status="cache"]').textContent).toBe('Saved.');
    expect((h.stored() as { cache: unknown }).cache).toEqual({ ttlMinutes: 15, maxEntries: 5000 });

    await click(button(row(h.root, 'zd'), 'Edit'));
    await fill(h.root, '#conn-username', 'other@acme.com');
    await click(button(form(h.root), 'Save'));
    expect(connections(h.stored())[5]?.auth).toMatchObject({ username: 'other@acme.com/token' });
    expect(connections(h.stored())[1]?.id).toBe('broken');
  });
});

describe('a saved secret belongs to its URL', () => {
  test('editing a URL to another origin drops the saved secret and says why; the same origin keeps it', async () => {
    const h = await mountOptions(full());
    await click(button(row(h.root, 'jira-dc'), 'Edit'));
    await fill(h.root, '#conn-baseUrl', 'https://jira.evil.test');
    const lost =
      'The URL changed from https://jira.acme.test to https://jira.evil.test, so the saved personal access token was not kept: enter it again.';
    expect($(h.root, '[data-secret="not-kept"]').textContent).toBe(lost);
    expect(form(h.root).textContent).not.toContain('•••• set');
    await click(button(form(h.root), 'Save'));
    expect(errorOf(h.root, 'conn-secret')).toBe(lost);
    expect(connections(h.stored())[2]).toMatchObject({
      baseUrl: 'https://jira.acme.test',
      auth: { token: secrets.dc },
    });

    await fill(h.root, '#conn-secret', 'pat-for-the-new-host');
    // Back to the old URL and again: what was typed stays in sight, never hidden behind "•••• set".
    await fill(h.root, '#conn-baseUrl', 'https://jira.acme.test');
    expect($<HTMLInputElement>(h.root, '#conn-secret').value).toBe('pat-for-the-new-host');
    await fill(h.root, '#conn-baseUrl', 'https://jira.evil.test');
    await click(button(form(h.root), 'Save'));
    expect(connections(h.stored())[2]).toMatchObject({
      baseUrl: 'https://jira.evil.test',
      auth: { type: 'token', token: 'pat-for-the-new-host' },
    });

    // Another path on the same origin is the same server: the secret stays.
    await click(button(row(h.root, 'jira-dc'), 'Edit'));
    await fill(h.root, '#conn-baseUrl', 'https://jira.evil.test/jira');
    expect(form(h.root).textContent).toContain('•••• set');
    await click(button(form(h.root), 'Save'));
    expect(connections(h.stored())[2]?.auth).toEqual({ type: 'token', token: 'pat-for-the-new-host' });
  });

  test('an API URL moved to another origin drops the saved token too', async () => {
    const value = full();
    (value.connections as Record<string, unknown>[]).push({
      id: 'ghe',
      system: 'github',
      baseUrl: 'https://ghe.acme.test',
      auth: { type: 'token', token: 'ghe-secret' },
    });
    const h = await mountOptions(value);
    await click(button(row(h.root, 'ghe'), 'Edit'));
    await fill(h.root, '#conn-apiUrl', 'https://ghe.acme.test/api/v3');
    expect(form(h.root).textContent).toContain('•••• set');
    await fill(h.root, '#conn-apiUrl', 'https://api.evil.test');
    expect($(h.root, '[data-secret="not-kept"]').textContent).toMatch(
      /^The URL changed from https:\/\/ghe\.acme\.test to https:\/\/api\.evil\.test, so the saved personal access token was not kept/,
    );
    await click(button(form(h.root), 'Save'));
    expect(connections(h.stored())[5]).not.toHaveProperty('apiUrl');
  });
});

describe('an API URL on another site', () => {
  test('needs an explicit confirmation, recorded with the connection', async () => {
    const h = await mountOptions(undefined);
    await click(button(h.root, 'Add a connection'));
    await choose(h.root, '#conn-kind', 'ghe');
    await fill(h.root, '#conn-baseUrl', 'https://ghe.acme.test');
    await fill(h.root, '#conn-secret', 'ghe-token');
    await fill(h.root, '#conn-apiUrl', 'https://ghe.acme.test/api/v3');
    expect(h.root.querySelector('[data-api-confirm]')).toBeNull();
    await fill(h.root, '#conn-apiUrl', 'https://api.other.test/v3');
    expect($(h.root, '[data-api-confirm]').textContent).toMatch(
      /^This API URL is not on ghe\.acme\.test\. Liaison sends your credentials to https:\/\/api\.other\.test only if you confirm/,
    );
    await click(button(form(h.root), 'Save'));
    expect(errorOf(h.root, 'conn-apiConfirm')).toBe(
      'Confirm that your credentials may go to https://api.other.test, or use an API URL on ghe.acme.test.',
    );
    expect(document.activeElement?.id).toBe('conn-apiConfirm');
    expect(h.stored()).toBeUndefined();

    await click($(h.root, '#conn-apiConfirm'));
    await click(button(form(h.root), 'Save'));
    expect(connections(h.stored())[0]).toEqual({
      id: 'ghe',
      system: 'github',
      baseUrl: 'https://ghe.acme.test',
      apiUrl: 'https://api.other.test/v3',
      apiOriginConfirmed: 'https://api.other.test',
      auth: { type: 'token', token: 'ghe-token' },
    });

    // Back on its own site, the confirmation goes: it would otherwise cover a later move to that origin.
    await click(button(row(h.root, 'ghe'), 'Edit'));
    await fill(h.root, '#conn-apiUrl', '');
    await fill(h.root, '#conn-secret', 'ghe-token');
    await click(button(form(h.root), 'Save'));
    expect(connections(h.stored())[0]).not.toHaveProperty('apiOriginConfirmed');
    expect(connections(h.stored())[0]).not.toHaveProperty('apiUrl');
  });

  test('a saved connection whose cross-site API is not confirmed says so', async () => {
    const value = full();
    (value.connections as Record<string, unknown>[]).push({
      id: 'ghe',
      system: 'github',
      baseUrl: 'https://ghe.acme.test',
      apiUrl: 'https://api.other.test',
      auth: { type: 'token', token: 'ghe-secret' },
    });
    const h = await mountOptions(value);
    expect($(row(h.root, 'ghe'), '[data-api-unconfirmed]').textContent).toMatch(
      /^Its API URL https:\/\/api\.other\.test is on another site/,
    );
    expect(row(h.root, 'gh').querySelector('[data-api-unconfirmed]')).toBeNull();
  });
});
