// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import { $, button, click, errorOf, fill, mountOptions } from '../../options/harness';

afterEach(() => {
  document.body.innerHTML = '';
});

const snow = (extra: Record<string, unknown> = {}) => ({
  id: 'snow',
  system: 'servicenow',
  baseUrl: 'https://acme.service-now.com',
  auth: { type: 'basic', username: 'me', password: 'pw' },
  ...extra,
});
const settings = (...connections: unknown[]) => ({ version: 1, connections });
const connectionOf = (stored: unknown) =>
  (stored as { connections: Record<string, unknown>[] }).connections[0];

describe('ServiceNow knowledge base for drafts (options)', () => {
  test('only a connection that writes shows it', async () => {
    const h = await mountOptions(settings(snow()));
    expect(h.root.querySelector('#servicenow-kb-title')).toBeNull();
  });

  test('a sys_id is kept on the connection, the other fields untouched; emptied, it is removed', async () => {
    const h = await mountOptions(settings(snow({ write: true, label: 'Prod' })));
    expect($(h.root, '#servicenow-kb-title').textContent).toMatch(/knowledge base for drafts/);
    await fill(h.root, '#servicenow-kb-snow', 'dfc19531bf2021003f07e2c1ac0739ab');
    await click(button(h.root, 'Save knowledge base'));
    expect(connectionOf(h.stored())).toEqual(
      snow({ write: true, label: 'Prod', knowledgeBase: 'dfc19531bf2021003f07e2c1ac0739ab' }),
    );
    await fill(h.root, '#servicenow-kb-snow', '');
    await click(button(h.root, 'Save knowledge base'));
    expect(connectionOf(h.stored())).toEqual(snow({ write: true, label: 'Prod' }));
  });

  test('something that is no sys_id is refused with the rule, nothing saved', async () => {
    const h = await mountOptions(settings(snow({ write: true })));
    await fill(h.root, '#servicenow-kb-snow', 'IT^active=true');
    await click(button(h.root, 'Save knowledge base'));
    expect(errorOf(h.root, 'servicenow-kb-snow')).toMatch(/A sys_id is letters and digits/);
    expect(connectionOf(h.stored())).toEqual(snow({ write: true }));
  });
});
