// @vitest-environment jsdom

import { afterEach, describe, expect, test, vi } from 'vitest';
import type { ContextView } from '../../src/messaging/protocol';

/**
 * A page loads a panel's code when it shows the panel (issue 15). test/setup.ts loads every panel up front for the
 * other UI tests; here a fresh copy of the modules shows the moment before: the frame, titled and loading, then the
 * panel once its code is there, with the data that came meanwhile.
 */

const actions = { refresh: () => undefined, toggle: () => undefined, openOptions: () => undefined };
const view: ContextView = {
  subject: 'zendesk:acme/4711',
  items: [],
  links: [],
  releases: [],
  sources: [{ system: 'jira', connectionId: 'jira', host: 'acme.atlassian.net' }],
  configured: true,
  resolvedAt: Date.now(),
  stale: false,
};

afterEach(() => document.body.replaceChildren());

describe('panels load their code when shown', () => {
  test('the frame shows the panel loading until its code is there, then the latest data', async () => {
    vi.resetModules();
    await import('../../src/systems/grammars'); // as the content script's main.ts does first
    const { MountedPanel } = await import('../../src/content/mount');
    const registry = await import('../../src/ui/panels/registry');
    expect(registry.loadedPanel('bug-status')).toBeUndefined();
    const panel = new MountedPanel('bug-status', view.subject, actions);
    document.body.append(panel.host);
    panel.update({ view: undefined, failure: undefined, theme: 'light', collapsed: false });
    const root = panel.host.shadowRoot as ShadowRoot;
    expect(panel.host.dataset.state).toBe('loading');
    expect(root.querySelector('h2')?.textContent).toContain('Bug status');
    // The context arrives before the code: it is what the panel shows once loaded.
    panel.update({ view, failure: undefined, theme: 'light', collapsed: false });
    expect(panel.host.dataset.state).toBe('loading');
    await vi.waitFor(() => expect(panel.host.dataset.state).toBe('empty'));
    expect(registry.loadedPanel('bug-status')).toBeDefined();
    // Only what was shown was loaded.
    expect(registry.loadedPanel('release-brief')).toBeUndefined();
  });

  test('a panel removed before its code loaded stays removed', async () => {
    vi.resetModules();
    await import('../../src/systems/grammars'); // as the content script's main.ts does first
    const { MountedPanel } = await import('../../src/content/mount');
    const registry = await import('../../src/ui/panels/registry');
    const panel = new MountedPanel('knowledge', view.subject, actions);
    document.body.append(panel.host);
    panel.update({ view, failure: undefined, theme: 'light', collapsed: false });
    panel.remove();
    await registry.loadPanel('knowledge');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(panel.host.isConnected).toBe(false);
    expect((panel.host.shadowRoot as ShadowRoot).querySelector('section')).toBeNull();
  });

  test('a panel whose code cannot be loaded (the extension was updated under the page) says so', async () => {
    vi.resetModules();
    vi.doMock('../../src/ui/panels/defs/bug-status', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await import('../../src/systems/grammars');
      const { MountedPanel } = await import('../../src/content/mount');
      const panel = new MountedPanel('bug-status', view.subject, actions);
      document.body.append(panel.host);
      panel.update({ view, failure: undefined, theme: 'light', collapsed: false });
      await vi.waitFor(() => expect(panel.host.dataset.state).toBe('error'));
      const alert = (panel.host.shadowRoot as ShadowRoot).querySelector('[role="alert"]');
      expect(alert?.textContent).toMatch(/could not load this panel.*Reload the page/);
    } finally {
      vi.doUnmock('../../src/ui/panels/defs/bug-status');
      errors.mockRestore();
    }
  });
});
