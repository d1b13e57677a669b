// @vitest-environment jsdom

import { render } from 'preact';
import { afterEach, describe, expect, test } from 'vitest';
import { MountedPanel } from '../../src/content/mount';
import type { ContextView } from '../../src/messaging/protocol';
import { PanelFrame } from '../../src/ui/PanelFrame';
import { pageTheme, watchTheme } from '../../src/ui/theme';

/** The shared panel chrome (collapse toggle, reserved body) and the theme that follows the host page. */

const actions = { refresh: () => undefined, toggle: () => undefined, openOptions: () => undefined };

function mounted(collapsed: boolean) {
  const panel = new MountedPanel('linked-incidents', 'github:acme/shop-api#42', actions);
  document.body.append(panel.host);
  panel.update({ view: undefined, failure: undefined, theme: 'light', collapsed });
  return panel.host.shadowRoot as ShadowRoot;
}

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('data-color-mode');
  document.head.replaceChildren();
});

describe('panel frame', () => {
  test('the title is a disclosure button whose aria-controls names the body, collapsed or not', () => {
    for (const collapsed of [false, true]) {
      const root = mounted(collapsed);
      const toggle = root.querySelector('h2 button[aria-expanded]');
      expect(toggle?.getAttribute('aria-expanded')).toBe(String(!collapsed));
      const body = root.getElementById(toggle?.getAttribute('aria-controls') ?? '');
      expect(body?.classList.contains('body')).toBe(true);
      expect(body?.hidden).toBe(collapsed);
      expect(toggle?.textContent).toContain('Linked incidents');
      document.body.replaceChildren();
    }
  });

  test('the section is named by its heading; the loading skeleton announces itself', () => {
    const root = mounted(false);
    const section = root.querySelector('section.panel');
    expect(section?.getAttribute('data-kind')).toBe('linked-incidents');
    expect(section?.getAttribute('aria-busy')).toBe('true');
    expect(root.getElementById(section?.getAttribute('aria-labelledby') ?? '')?.textContent).toContain(
      'Liaison: Linked incidents',
    );
    expect(root.querySelector('[role="status"]')?.textContent).toMatch(/Loading linked incidents/);
    expect(root.querySelector('button[aria-label="Refresh Linked incidents"]')).not.toBeNull();
  });
  test('the freshness line tells the exact time on hover, formatted only then', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const frame = (at: number) =>
      render(
        <PanelFrame
          kind="linked-incidents"
          title="Linked incidents"
          state="ready"
          theme="light"
          resolvedAt={at}
          collapsed={false}
          onToggle={() => undefined}
          onRefresh={() => undefined}
          onOpenOptions={() => undefined}
        />,
        host,
      );
    const first = Date.parse('2026-11-26T09:00:00Z');
    frame(first);
    const meta = host.querySelector('.meta') as HTMLElement;
    expect(meta.textContent).toMatch(/updated/);
    expect(meta.hasAttribute('title')).toBe(false);
    meta.dispatchEvent(new Event('pointerenter'));
    expect(meta.title).toBe(new Date(first).toLocaleString());
    // A fresh view: the next hover tells its time, not the first one's.
    const second = first + 3_600_000;
    frame(second);
    meta.dispatchEvent(new Event('pointerenter'));
    expect(meta.title).toBe(new Date(second).toLocaleString());
  });
});

describe('theme', () => {
  const darkWhenAsked = () => {
    const style = document.createElement('style');
    style.textContent = '[data-color-mode="dark"] body { background-color: rgb(13, 17, 23); }';
    document.head.append(style);
  };

  test('reads the page background: light, or dark when the page says so', () => {
    darkWhenAsked();
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(pageTheme()).toBe('light');
    document.body.style.backgroundColor = '';
    document.documentElement.setAttribute('data-color-mode', 'dark');
    expect(pageTheme()).toBe('dark');
  });

  test('watchTheme reports each change of the page theme once, and nothing after the abort', async () => {
    darkWhenAsked();
    const seen: string[] = [];
    const controller = new AbortController();
    watchTheme((t) => seen.push(t), controller.signal);
    const settle = () => new Promise((r) => setTimeout(r, 0));
    document.documentElement.setAttribute('data-color-mode', 'dark');
    await settle();
    document.documentElement.setAttribute('data-foo', 'still dark');
    await settle();
    document.documentElement.setAttribute('data-color-mode', 'light');
    await settle();
    expect(seen).toEqual(['dark', 'light']);
    controller.abort();
    document.documentElement.setAttribute('data-color-mode', 'dark');
    await settle();
    expect(seen).toEqual(['dark', 'light']);
  });

  test('a body swapped in by the site (Turbo) is watched too', async () => {
    const seen: string[] = [];
    const controller = new AbortController();
    watchTheme((t) => seen.push(t), controller.signal);
    const body = document.createElement('body');
    document.body.replaceWith(body);
    await new Promise((r) => setTimeout(r, 0));
    body.style.backgroundColor = 'rgb(13, 17, 23)';
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['dark']);
    controller.abort();
  });
});

describe('a page with more references than one resolution looks up', () => {
  const view = (skippedRefs?: number): ContextView => ({
    subject: 'github:acme/shop-api#42',
    items: [],
    links: [],
    releases: [],
    sources: [{ system: 'jira', connectionId: 'jira', host: 'acme.atlassian.net' }],
    configured: true,
    resolvedAt: Date.now(),
    stale: false,
    ...(skippedRefs === undefined ? {} : { skippedRefs }),
  });
  const shown = (v: ContextView) => {
    const panel = new MountedPanel('linked-incidents', v.subject, actions);
    document.body.append(panel.host);
    panel.update({ view: v, failure: undefined, theme: 'light', collapsed: false });
    return (panel.host.shadowRoot as ShadowRoot).querySelector('[data-skipped-refs]');
  };

  test('the panel says, after what it found, how many references were not looked up', () => {
    const line = shown(view(12));
    expect(line?.textContent).toBe('12 more references on this page were not looked up.');
    expect(line?.closest('.body')).not.toBeNull();
    expect(line?.getAttribute('role')).toBeNull(); // quiet: no alert, read in place
  });

  test('one left out is said in the singular; none says nothing', () => {
    expect(shown(view(1))?.textContent).toBe('1 more reference on this page was not looked up.');
    document.body.replaceChildren();
    expect(shown(view(0))).toBeNull();
    expect(shown(view())).toBeNull();
  });
});
