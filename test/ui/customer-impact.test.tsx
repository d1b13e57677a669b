// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { MountedPanel } from '../../src/content/mount';
import type { Item } from '../../src/core/model';
import type { ContextView } from '../../src/messaging/protocol';

const now = Date.parse('2026-03-20T00:00:00Z');
const ticket = (n: number, org: string, rank: number, breached = false): Item => ({
  ref: `zendesk:acme/${n}`,
  system: 'zendesk',
  kind: 'ticket',
  key: `#${n}`,
  title: `Ticket ${n}`,
  url: `https://acme.zendesk.com/agent/tickets/${n}`,
  status: { name: 'Open', category: 'in_progress' },
  priority: { name: rank === 1 ? 'Urgent' : 'Normal', rank },
  organization: org,
  createdAt: '2026-03-10T00:00:00Z',
  sla: { breached },
});

function view(tickets: Item[]): ContextView {
  return {
    subject: 'jira:SHOP-101',
    items: tickets,
    links: tickets.map((t) => ({ from: t.ref, to: 'jira:SHOP-101', via: 'field' as const })),
    releases: [],
    sources: [{ system: 'zendesk', connectionId: 'zd', host: 'acme.zendesk.com' }],
    configured: true,
    resolvedAt: now,
    stale: false,
  };
}

function mount(v: ContextView) {
  const panel = new MountedPanel('customer-impact', v.subject, {
    refresh: () => undefined,
    toggle: () => undefined,
    openOptions: () => undefined,
  });
  document.body.append(panel.host);
  panel.update({ view: v, failure: undefined, theme: 'dark', collapsed: false });
  return panel.host;
}

describe('customer impact panel', () => {
  test('shows the score, names the organisations and explains the score', () => {
    const host = mount(
      view([ticket(1, 'Globex Retail', 1, true), ticket(2, 'Initech', 3), ticket(3, 'Globex Retail', 3)]),
    );
    expect(host.dataset.state).toBe('ready');
    const root = host.shadowRoot;
    const score = Number(root?.querySelector('meter')?.getAttribute('value'));
    expect(score).toBeGreaterThan(0);
    expect(root?.querySelector('.score-value')?.textContent).toBe(String(score));
    expect(root?.textContent).toContain('Globex Retail (2), Initech (1)');
    expect(root?.textContent).toContain('3 open of 3');
    expect(root?.querySelector('[data-ref="zendesk:acme/1"]')?.textContent).toBe('#1');
    expect(root?.querySelectorAll('ul.explanation li').length).toBeGreaterThan(0);
    expect(root?.querySelector('.panel')?.getAttribute('data-theme')).toBe('dark');
  });

  test('no linked tickets is the empty state, saying what was searched', () => {
    const host = mount(view([]));
    expect(host.dataset.state).toBe('empty');
    expect(host.shadowRoot?.textContent).toContain('Searched Zendesk (acme.zendesk.com)');
  });
});
