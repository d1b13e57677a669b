// @vitest-environment jsdom
import { render } from 'preact';
import { describe, expect, test } from 'vitest';
import { MountedPanel } from '../../src/content/mount';
import type { Item, SourceStatus } from '../../src/core/model';
import type { ContextView } from '../../src/messaging/protocol';
import type { PanelId } from '../../src/sites/types';
import { HovercardView } from '../../src/ui/Hovercard';

/**
 * Issue 10: what a hostile or compromised server sends is shown as data, never as something that runs. Links
 * from item urls are live only when http(s); what a source left out is a quiet note, not an error.
 */

const hostileUrls = [
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'data:text/html,<b>x</b>',
  '',
];

const ticket = (n: number, url: string): Item => ({
  ref: `servicenow:INC001000${n}`,
  system: 'servicenow',
  kind: 'incident',
  key: `INC001000${n}`,
  title: `Incident ${n}`,
  url,
  status: { name: 'In Progress', category: 'in_progress' },
  priority: { name: '1 - Critical', rank: 1 },
  createdAt: '2026-01-01T00:00:00Z',
});
const bug = (url: string): Item => ({
  ref: 'jira:SHOP-101',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-101',
  title: 'Checkout',
  url,
  status: { name: 'In Progress', category: 'in_progress' },
});
const pull = (url: string): Item => ({
  ref: 'github:acme/shop-api#42',
  system: 'github',
  kind: 'pull',
  key: 'acme/shop-api#42',
  title: 'Fix checkout',
  url,
  status: { name: 'Merged', category: 'done' },
  pull: { merged: true, mergedAt: '2026-03-01T00:00:00Z', mergeCommit: 'abc' },
});

function view(subject: string, url: string, sources: SourceStatus[] = []): ContextView {
  const tickets = hostileUrls.map((_, i) => ticket(i + 1, url));
  return {
    subject,
    items: [bug(url), pull(url), ...tickets],
    links: [
      { from: 'github:acme/shop-api#42', to: 'jira:SHOP-101', via: 'mention' },
      ...tickets.map((t) => ({ from: t.ref, to: 'jira:SHOP-101', via: 'mention' as const })),
    ],
    releases: [],
    sources: sources.length
      ? sources
      : [{ system: 'servicenow', connectionId: 'snow', host: 'acme.service-now.com' }],
    configured: true,
    resolvedAt: Date.now(),
    stale: false,
  };
}

const actions = { refresh: () => undefined, toggle: () => undefined, openOptions: () => undefined };
function mount(panel: PanelId, v: ContextView) {
  const mounted = new MountedPanel(panel, v.subject, actions);
  document.body.append(mounted.host);
  mounted.update({ view: v, failure: undefined, theme: 'light', collapsed: false });
  return mounted.host;
}
const hrefs = (root: ParentNode | null | undefined) =>
  [...(root?.querySelectorAll('a[href]') ?? [])].map((a) => a.getAttribute('href') ?? '');

const panels: [PanelId, string][] = [
  ['linked-incidents', 'github:acme/shop-api#42'],
  ['customer-impact', 'github:acme/shop-api#42'],
  ['bug-status', 'servicenow:INC0010001'],
  // the brief of a release naming the pull request's bug
  ['release-brief', 'github:acme/shop-api#42'],
];

describe('links from server data', () => {
  test.each(panels)(
    'the %s panel makes no live link of a javascript:, data: or empty url',
    (panel, subject) => {
      for (const url of hostileUrls) {
        const host = mount(panel, view(subject, url));
        expect(host.dataset.state).toBe('ready');
        expect(hrefs(host.shadowRoot)).toEqual([]);
        // The items still show, by their keys, as text.
        expect(host.shadowRoot?.textContent).toMatch(panel === 'bug-status' ? /SHOP-101/ : /INC001000/);
        host.remove();
      }
    },
  );

  test.each(panels)('the %s panel still links an https url', (panel, subject) => {
    const host = mount(panel, view(subject, 'https://acme.service-now.com/nav_to.do'));
    expect(hrefs(host.shadowRoot).length).toBeGreaterThan(0);
    host.remove();
  });

  test('a hovercard makes no live link of a javascript: url', () => {
    const card = document.createElement('div');
    const preview = { item: ticket(1, 'javascript:alert(1)') };
    render(<HovercardView model={{ state: 'ready', preview }} theme="light" />, card);
    expect(hrefs(card)).toEqual([]);
    expect(card.querySelector('[data-ref="servicenow:INC0010001"]')?.textContent).toContain('INC0010001');
  });
});

describe('what a source left out', () => {
  test('is a quiet note naming the item, inside a ready panel, not a source error', () => {
    const note = 'SHOP-12 was skipped: its data did not match what Liaison expects';
    const sources: SourceStatus[] = [
      { system: 'jira', connectionId: 'jira', host: 'acme.atlassian.net', notes: [note] },
      { system: 'servicenow', connectionId: 'snow', host: 'acme.service-now.com' },
    ];
    const host = mount('linked-incidents', view('github:acme/shop-api#42', 'https://x.example/', sources));
    expect(host.dataset.state).toBe('ready');
    expect(host.shadowRoot?.querySelector('[data-source-error]')).toBeNull();
    expect(host.shadowRoot?.querySelector('[data-source-note="jira"]')?.textContent).toBe(`Jira: ${note}`);
    expect(host.shadowRoot?.querySelectorAll('li.item')).toHaveLength(hostileUrls.length);
  });
});
