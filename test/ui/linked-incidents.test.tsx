// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { MountedPanel } from '../../src/content/mount';
import type { Item } from '../../src/core/model';
import type { ContextView } from '../../src/messaging/protocol';
import { linkedIncidents } from '../../src/ui/state';

const incident = (n: number, rank: number, org: string, created: string, title = `Incident ${n}`): Item => ({
  ref: `servicenow:INC001000${n}`,
  system: 'servicenow',
  kind: 'incident',
  key: `INC001000${n}`,
  title,
  url: `https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3D${n}`,
  status: { name: 'In Progress', category: 'in_progress' },
  priority: { name: `${rank} - P`, rank },
  organization: org,
  createdAt: created,
});
const bug: Item = {
  ref: 'jira:SHOP-101',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-101',
  title: 'Checkout',
  url: 'https://acme.atlassian.net/browse/SHOP-101',
  status: { name: 'Done', category: 'done' },
};

const view = (items: Item[], errors: Record<string, string> = {}): ContextView => ({
  subject: 'github:acme/shop-api#42',
  items: [bug, ...items],
  links: [
    { from: 'github:acme/shop-api#42', to: 'jira:SHOP-101', via: 'mention', detail: 'title' },
    ...items.map((i) => ({
      from: i.ref,
      to: 'jira:SHOP-101',
      via: 'mention' as const,
      detail: 'description',
    })),
  ],
  releases: [],
  sources: ['jira', 'servicenow', 'zendesk'].map((system) => ({
    system: system as Item['system'],
    connectionId: system,
    host: `${system}.example`,
    ...(errors[system] ? { error: { kind: 'unavailable' as const, message: errors[system] } } : {}),
  })),
  configured: true,
  resolvedAt: Date.now(),
  stale: false,
});

const actions = { refresh: () => undefined, toggle: () => undefined, openOptions: () => undefined };
const mount = (v: ContextView | undefined, failure?: string) => {
  const panel = new MountedPanel('linked-incidents', 'github:acme/shop-api#42', actions);
  document.body.append(panel.host);
  panel.update({ view: v, failure, theme: 'light', collapsed: false });
  return panel.host;
};

describe('linked incidents panel', () => {
  test('states follow DESIGN.md contract 3', () => {
    expect(linkedIncidents(undefined).state).toBe('loading');
    expect(linkedIncidents({ ...view([]), configured: false }).state).toBe('unconfigured');
    expect(linkedIncidents(view([])).state).toBe('empty');
    expect(linkedIncidents(view([incident(1, 1, 'A', '2026-01-01')])).state).toBe('ready');
    expect(linkedIncidents(view([], { servicenow: 'down' })).state).toBe('ready');
    expect(linkedIncidents(view([], { jira: 'x', servicenow: 'y', zendesk: 'z' })).state).toBe('error');
    expect(linkedIncidents(undefined, 'port closed').state).toBe('error');
  });

  test('tickets are sorted by priority then age, each row carrying its canonical data-ref', () => {
    const host = mount(
      view([
        incident(3, 3, 'B', '2026-01-01'),
        incident(2, 1, 'A', '2026-02-01'),
        incident(1, 1, 'A', '2026-01-15'),
      ]),
    );
    expect(host.dataset.state).toBe('ready');
    expect(host.dataset.subject).toBe('github:acme/shop-api#42');
    const refs = [...(host.shadowRoot?.querySelectorAll('[data-ref]') ?? [])].map((e) =>
      e.getAttribute('data-ref'),
    );
    expect(refs).toEqual(['servicenow:INC0010001', 'servicenow:INC0010002', 'servicenow:INC0010003']);
    expect(host.shadowRoot?.querySelector('[data-ref]')?.getAttribute('title')).toMatch(
      /Found via mentioned in description/,
    );
  });

  test('hostile titles stay text', () => {
    const host = mount(view([incident(6, 2, 'X', '2026-01-01', '<img src=x onerror=alert(1)> "q" & a')]));
    const row = host.shadowRoot?.querySelector('[data-ref="servicenow:INC0010006"]');
    expect(row?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(row?.querySelector('img')).toBeNull();
  });

  test('a failed source shows as data-source-error with its message; the rest still list', () => {
    const host = mount(
      view([incident(1, 1, 'A', '2026-01-01')], {
        zendesk: 'Zendesk (acme.zendesk.com) is unavailable (500).',
      }),
    );
    expect(host.dataset.state).toBe('ready');
    expect(host.shadowRoot?.querySelector('[data-source-error="zendesk"]')?.textContent).toMatch(
      /unavailable \(500\)/,
    );
  });

  test('stale views are marked while they refresh', () => {
    const host = mount({ ...view([incident(1, 1, 'A', '2026-01-01')]), stale: true });
    expect(host.hasAttribute('data-stale')).toBe(true);
  });
});
