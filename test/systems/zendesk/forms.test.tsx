// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import { type Connection, connectionSchema } from '../../../src/core/settings';
import { createZendeskWriter } from '../../../src/systems/zendesk/writes';
import { $, button, click, errorOf, fill, mountOptions } from '../../options/harness';

afterEach(() => {
  document.body.innerHTML = '';
});

const zd = (extra: Record<string, unknown> = {}) => ({
  id: 'zd',
  system: 'zendesk',
  baseUrl: 'https://acme.zendesk.com',
  auth: { type: 'basic', username: 'me@acme.com/token', password: 'tok' },
  ...extra,
});
const settings = (...connections: unknown[]) => ({ version: 1, connections });
const connectionOf = (stored: unknown) =>
  (stored as { connections: Record<string, unknown>[] }).connections[0];

describe('Zendesk Help Center drafts (options)', () => {
  test('only a connection that writes shows it', async () => {
    const h = await mountOptions(settings(zd()));
    expect(h.root.querySelector('#zendesk-hc-title')).toBeNull();
  });

  test('the settings saved are the ones the writer drafts with; emptied, they are removed', async () => {
    const h = await mountOptions(settings(zd({ write: true })));
    expect($(h.root, '#zendesk-hc-title').textContent).toMatch(/Help Center drafts/);
    await fill(h.root, '#zendesk-hc-sectionId-zd', '360001');
    await fill(h.root, '#zendesk-hc-permissionGroupId-zd', '42');
    await fill(h.root, '#zendesk-hc-locale-zd', 'de');
    await click(button(h.root, 'Save Help Center settings'));
    const stored = connectionOf(h.stored());
    expect(stored).toEqual(
      zd({
        write: true,
        helpCenter: { sectionId: 360001, permissionGroupId: 42, userSegmentId: null, locale: 'de' },
      }),
    );
    const writer = createZendeskWriter({ connection: connectionSchema.parse(stored) as Connection });
    expect(writer.articleWhere?.()).toBe(
      'Draft article in Zendesk Help Center section 360001 (de, acme.zendesk.com)',
    );

    for (const field of ['sectionId', 'permissionGroupId']) await fill(h.root, `#zendesk-hc-${field}-zd`, '');
    await click(button(h.root, 'Save Help Center settings'));
    expect(connectionOf(h.stored())).toEqual(zd({ write: true }));
  });

  test('a missing permission group or a bad id is refused field by field, nothing saved', async () => {
    const h = await mountOptions(settings(zd({ write: true })));
    await fill(h.root, '#zendesk-hc-sectionId-zd', '360001');
    await fill(h.root, '#zendesk-hc-userSegmentId-zd', 'everyone');
    await click(button(h.root, 'Save Help Center settings'));
    expect(errorOf(h.root, 'zendesk-hc-permissionGroupId-zd')).toMatch(
      /permission group id is a whole number/,
    );
    expect(errorOf(h.root, 'zendesk-hc-userSegmentId-zd')).toMatch(/or empty for everyone/);
    expect(connectionOf(h.stored())).toEqual(zd({ write: true }));
  });
});
