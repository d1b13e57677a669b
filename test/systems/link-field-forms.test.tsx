// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import { $, button, click, errorOf, fill, mountOptions } from '../options/harness';

/** The link field of issue 14 on the options page: one per writing ServiceNow / Zendesk connection. */

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
const zd = (extra: Record<string, unknown> = {}) => ({
  id: 'zd',
  system: 'zendesk',
  baseUrl: 'https://acme.zendesk.com',
  auth: { type: 'basic', username: 'me@acme.com/token', password: 'pw' },
  ...extra,
});
const settings = (...connections: unknown[]) => ({ version: 1, connections });
const connectionOf = (stored: unknown, id: string) =>
  (stored as { connections: Record<string, unknown>[] }).connections.find((c) => c.id === id);
const save = (root: ParentNode, index = 0) => {
  const buttons = [...root.querySelectorAll('button')].filter((b) => b.textContent === 'Save link field');
  const found = buttons[index];
  if (!found) throw new Error('no Save link field button');
  return found;
};

describe('link field (options)', () => {
  test('only connections that write show it', async () => {
    const h = await mountOptions(settings(snow(), zd()));
    expect(h.root.querySelector('#servicenow-link-field-title')).toBeNull();
    expect(h.root.querySelector('#zendesk-link-field-title')).toBeNull();
  });

  test('says what is written there and that it replaces the value, shown in the preview', async () => {
    const h = await mountOptions(settings(snow({ write: true }), zd({ write: true })));
    for (const id of ['servicenow', 'zendesk']) {
      const section = $(h.root, `#${id}-link-field-title`).closest('section') as HTMLElement;
      expect(section.textContent).toMatch(/the bug's key \(e\.g\. SHOP-101 or acme\/shop-api#42\)/);
      expect(section.textContent).toMatch(
        /replaces whatever the field holds, so the preview shows the old value/,
      );
    }
  });

  test('ServiceNow: a column name is kept on the connection, the rest untouched; emptied, it is removed', async () => {
    const h = await mountOptions(settings(snow({ write: true, knowledgeBase: 'abc123' })));
    await fill(h.root, '#servicenow-link-field-snow', 'u_jira_key');
    await click(save(h.root));
    expect(connectionOf(h.stored(), 'snow')).toEqual(
      snow({ write: true, knowledgeBase: 'abc123', linkField: 'u_jira_key' }),
    );
    await fill(h.root, '#servicenow-link-field-snow', '');
    await click(save(h.root));
    expect(connectionOf(h.stored(), 'snow')).toEqual(snow({ write: true, knowledgeBase: 'abc123' }));
  });

  test('ServiceNow: something that is no column name is refused with the rule, nothing saved', async () => {
    const h = await mountOptions(settings(snow({ write: true })));
    await fill(h.root, '#servicenow-link-field-snow', 'u_jira_key^ORactive=true');
    await click(save(h.root));
    expect(errorOf(h.root, 'servicenow-link-field-snow')).toMatch(/lower-case letters, digits and _/);
    expect(connectionOf(h.stored(), 'snow')).toEqual(snow({ write: true }));
  });

  test('Zendesk: a field id is stored as a number; text is refused', async () => {
    const h = await mountOptions(settings(zd({ write: true })));
    await fill(h.root, '#zendesk-link-field-zd', 'Jira issue');
    await click(save(h.root));
    expect(errorOf(h.root, 'zendesk-link-field-zd')).toMatch(/positive whole number/);
    expect(connectionOf(h.stored(), 'zd')).not.toHaveProperty('linkField');
    await fill(h.root, '#zendesk-link-field-zd', ' 360012345001 ');
    await click(save(h.root));
    expect(connectionOf(h.stored(), 'zd')).toMatchObject({ linkField: 360012345001 });
    expect(button(h.root, 'Save link field')).toBeDefined();
  });
});
