// @vitest-environment jsdom
import { describe, expect, test, vi } from 'vitest';
import { MountedPanel } from '../../src/content/mount';
import type { Item } from '../../src/core/model';
import type { ContextView } from '../../src/messaging/protocol';
import type { WatchControls } from '../../src/ui/WatchButton';

/** The watch control on panel items (DESIGN.md contract 6): inside the element with `data-ref`, a toggle button. */

const ticket: Item = {
  ref: 'zendesk:acme/4711',
  system: 'zendesk',
  kind: 'ticket',
  key: '#4711',
  title: 'Checkout spins',
  url: 'https://acme.zendesk.com/agent/tickets/4711',
  status: { name: 'Open', category: 'in_progress' },
};
const bug: Item = {
  ref: 'jira:SHOP-102',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-102',
  title: 'Coupons',
  url: 'https://acme.atlassian.net/browse/SHOP-102',
  status: { name: 'In Progress', category: 'in_progress' },
};
const pull: Item = {
  ref: 'github:acme/shop-api#43',
  system: 'github',
  kind: 'pull',
  key: 'acme/shop-api#43',
  title: 'SHOP-102: coupons',
  url: 'https://github.com/acme/shop-api/pull/43',
  status: { name: 'Open', category: 'in_progress' },
  pull: { merged: false },
};
const view = (subject: string, items: Item[]): ContextView => ({
  subject,
  items,
  links: [
    { from: ticket.ref, to: bug.ref, via: 'field' },
    { from: pull.ref, to: bug.ref, via: 'mention' },
  ],
  releases: [],
  sources: [{ system: 'jira', connectionId: 'jira', host: 'acme.atlassian.net' }],
  configured: true,
  resolvedAt: Date.now(),
  stale: false,
});

function mounted(panel: 'bug-status' | 'linked-incidents', v: ContextView, watch?: WatchControls) {
  const actions = { refresh: () => {}, toggle: () => {}, openOptions: () => {}, ...(watch ? { watch } : {}) };
  const p = new MountedPanel(panel, v.subject, actions);
  document.body.append(p.host);
  p.update({ view: v, failure: undefined, theme: 'dark', collapsed: false });
  return p;
}

describe('watch controls on panel items', () => {
  test('bug status: the bug and its pull request each carry a toggle inside their data-ref step', () => {
    const watched = new Set(['jira:SHOP-102']);
    const toggle = vi.fn();
    const p = mounted('bug-status', view(ticket.ref, [ticket, bug, pull]), {
      isWatched: (r) => watched.has(r),
      toggle,
    });
    const root = p.host.shadowRoot as ShadowRoot;
    const onBug = root.querySelector<HTMLButtonElement>('[data-ref="jira:SHOP-102"] [data-watch]');
    const onPull = root.querySelector<HTMLButtonElement>('[data-ref="github:acme/shop-api#43"] [data-watch]');
    expect([onBug?.getAttribute('aria-pressed'), onBug?.getAttribute('aria-label')]).toEqual([
      'true',
      'Stop watching SHOP-102',
    ]);
    expect([onPull?.getAttribute('aria-pressed'), onPull?.getAttribute('aria-label')]).toEqual([
      'false',
      'Watch acme/shop-api#43',
    ]);
    // A real button: reached with Tab, pressed with Enter or Space.
    expect(onPull?.tagName).toBe('BUTTON');
    onPull?.click();
    expect(toggle).toHaveBeenCalledWith('github:acme/shop-api#43', expect.any(Event));
    p.remove();
  });

  test('linked incidents: each ticket row carries its toggle', () => {
    const p = mounted('linked-incidents', view(bug.ref, [bug, ticket]), {
      isWatched: () => false,
      toggle: () => {},
    });
    const button = p.host.shadowRoot?.querySelector('[data-ref="zendesk:acme/4711"] [data-watch]');
    expect(button?.getAttribute('aria-label')).toBe('Watch #4711');
    p.remove();
  });

  test('without watch controls (nothing to ask), no button is shown', () => {
    const p = mounted('bug-status', view(ticket.ref, [ticket, bug, pull]));
    expect(p.host.shadowRoot?.querySelector('[data-watch]')).toBeNull();
    p.remove();
  });
});
