// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { connectAddress } from '../../src/core/host-access';
import { connectRequestFrom } from '../../src/options/connect-request';
import { $, button, click, fill, form, mountOptions } from './harness';

/** The popup's "Connect <tenant>" opens the options page with the add form filled in for that tenant. */

describe('connecting a site from the popup', () => {
  test('the address the popup opens names the system and the tenant, and reads back as such', () => {
    const address = connectAddress(
      'chrome-extension://id/src/options/index.html',
      'zendesk',
      'beta.zendesk.com',
    );
    const request = connectRequestFrom(new URL(address).search);
    expect(request?.kind.id).toBe('zendesk');
    expect(request?.baseUrl).toBe('https://beta.zendesk.com');
  });

  test.each([
    ['?connect=zendesk&url=https://evil.example', 'another domain'],
    ['?connect=zendesk&url=https://beta.atlassian.net', "another system's domain"],
    ['?connect=zendesk&url=http://beta.zendesk.com', 'not https'],
    ['?connect=github&url=https://github.com', 'not a multi-tenant system'],
    ['?connect=zendesk&url=https://zendesk.com', 'the bare domain'],
    ['?connect=zendesk', 'no address'],
  ])('%s is not taken (%s)', (search) => {
    expect(connectRequestFrom(search)).toBeUndefined();
  });

  test('the add form opens for that system with the address filled in; saving takes only the secret', async () => {
    const h = await mountOptions(undefined, {
      search: '?connect=jira&url=https://beta.atlassian.net/browse/X-1',
    });
    expect($<HTMLSelectElement>(h.root, '#conn-kind').value).toBe('jira-cloud');
    expect($<HTMLInputElement>(h.root, '#conn-baseUrl').value).toBe('https://beta.atlassian.net');
    await fill(h.root, '#conn-username', 'me@beta.com');
    await fill(h.root, '#conn-secret', 'API_TOKEN');
    await click(button(form(h.root), 'Save'));
    expect(h.stored()).toMatchObject({
      connections: [
        { system: 'jira', baseUrl: 'https://beta.atlassian.net', auth: { username: 'me@beta.com' } },
      ],
    });
  });
});
