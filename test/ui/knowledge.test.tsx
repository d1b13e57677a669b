// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { knowledgeQuery } from '../../src/background/knowledge';
import { MountedPanel } from '../../src/content/mount';
import type { Item, SourceStatus } from '../../src/core/model';
import type { ContextView, KnowledgeView } from '../../src/messaging/protocol';
import { knowledgeModel } from '../../src/ui/panels/KnowledgePanel';

const incident: Item = {
  ref: 'servicenow:INC0010001',
  system: 'servicenow',
  kind: 'incident',
  key: 'INC0010001',
  title: 'Checkout times out for large carts (SHOP-101)',
  url: 'https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3D1',
  status: { name: 'In Progress', category: 'in_progress' },
};
const bug: Item = {
  ref: 'jira:SHOP-101',
  system: 'jira',
  kind: 'bug',
  key: 'SHOP-101',
  title: 'Checkout times out for carts over 50 items',
  url: 'https://acme.atlassian.net/browse/SHOP-101',
  status: { name: 'In Progress', category: 'in_progress' },
};
const ticket: Item = {
  ref: 'zendesk:acme/4711',
  system: 'zendesk',
  kind: 'ticket',
  key: '#4711',
  title: 'Checkout spins forever',
  url: 'https://acme.zendesk.com/agent/tickets/4711',
  status: { name: 'Open', category: 'in_progress' },
};
const article = (ref: string, system: Item['system'], title: string, updatedAt: string): Item => ({
  ref,
  system,
  kind: 'knowledge',
  key: ref.split(/[:/]/).at(-1) ?? ref,
  title,
  url: system === 'zendesk' ? 'https://acme.zendesk.com/hc/articles/1' : 'javascript:alert(1)',
  status: { name: 'Published', category: 'done' },
  updatedAt,
});
const kbByWords = article(
  'servicenow:KB0010002',
  'servicenow',
  'Splitting big orders',
  '2026-03-14T00:00:00Z',
);
const kbByRef = article(
  'servicenow:KB0010001',
  'servicenow',
  '<b>Checkout</b> workaround',
  '2026-03-01T00:00:00Z',
);
const hcByRef = article(
  'zendesk-hc:acme/360001234567',
  'zendesk',
  'What to tell customers',
  '2026-03-11T00:00:00Z',
);

const source = (system: Item['system'], error?: string): SourceStatus => ({
  system,
  connectionId: system,
  host: `acme.${system}.example`,
  ...(error ? { error: { kind: 'unavailable', message: error } } : {}),
});

const view = (knowledge: KnowledgeView | undefined): ContextView => ({
  subject: incident.ref,
  items: [incident, bug, ticket],
  links: [
    { from: incident.ref, to: bug.ref, via: 'field', detail: 'u_jira_key' },
    { from: ticket.ref, to: bug.ref, via: 'field', detail: 'Jira issue' },
  ],
  releases: [],
  sources: [source('jira'), source('servicenow'), source('zendesk')],
  configured: true,
  resolvedAt: Date.now(),
  stale: false,
  ...(knowledge ? { knowledge } : {}),
});

const actions = { refresh: () => undefined, toggle: () => undefined, openOptions: () => undefined };
function mount(v: ContextView | undefined, failure?: string) {
  const panel = new MountedPanel('knowledge', incident.ref, actions);
  document.body.append(panel.host);
  panel.update({ view: v, failure, theme: 'light', collapsed: false });
  return panel.host;
}
const shown = (host: HTMLElement) =>
  [...(host.shadowRoot?.querySelectorAll('[data-ref]') ?? [])].map((e) => e.getAttribute('data-ref'));

describe('knowledge panel', () => {
  test('loading until the articles are found, after the context resolved', () => {
    expect(knowledgeModel(undefined).state).toBe('loading');
    const host = mount(view(undefined));
    expect(host.dataset.state).toBe('loading');
    expect(host.dataset.panel).toBe('knowledge');
    expect(host.dataset.subject).toBe('servicenow:INC0010001');
  });

  test('ready: articles that mention the context first, each with its data-ref, state, source and a safe link', () => {
    const host = mount(
      view({
        items: [kbByWords, kbByRef, hcByRef],
        links: [
          { from: kbByRef.ref, to: bug.ref, via: 'mention', detail: 'article text' },
          { from: hcByRef.ref, to: bug.ref, via: 'mention', detail: 'article text' },
        ],
        sources: [source('servicenow'), source('zendesk')],
      }),
    );
    expect(host.dataset.state).toBe('ready');
    expect(shown(host)).toEqual([hcByRef.ref, kbByRef.ref, kbByWords.ref]);
    const row = host.shadowRoot?.querySelector(`[data-ref="${kbByRef.ref}"]`);
    // The title is text, never markup; a link that is not http(s) is no link.
    expect(row?.querySelector('.title')?.textContent).toBe('<b>Checkout</b> workaround');
    expect(row?.querySelector('b')).toBeNull();
    expect(row?.querySelector('a')).toBeNull();
    expect(row?.textContent).toContain('mentions SHOP-101');
    expect(row?.textContent).toContain('Published');
    const link = host.shadowRoot?.querySelector(`[data-ref="${hcByRef.ref}"] a`);
    expect(link?.getAttribute('href')).toBe('https://acme.zendesk.com/hc/articles/1');
    const byWords = host.shadowRoot?.querySelector(`[data-ref="${kbByWords.ref}"]`);
    expect(byWords?.textContent).toContain('same words as the bug');
  });

  test('a failed knowledge base shows its error while the other’s articles stay', () => {
    const host = mount(
      view({
        items: [kbByRef],
        links: [],
        sources: [
          source('servicenow'),
          source('zendesk', 'Zendesk (acme.zendesk.com) is unavailable (500).'),
        ],
      }),
    );
    expect(host.dataset.state).toBe('ready');
    expect(shown(host)).toEqual([kbByRef.ref]);
    expect(host.shadowRoot?.querySelector('[data-source-error="zendesk"]')?.textContent).toContain('500');
  });

  test('empty when every knowledge base answered with nothing; error when every one failed', () => {
    const empty = mount(view({ items: [], links: [], sources: [source('servicenow')] }));
    expect(empty.dataset.state).toBe('empty');
    expect(empty.shadowRoot?.textContent).toContain('No published article mentions this item');
    const none = knowledgeModel(view({ items: [], links: [], sources: [] }));
    expect(none.state).toBe('empty');
    const failed = mount(view({ items: [], links: [], sources: [source('servicenow', 'down')] }));
    expect(failed.dataset.state).toBe('error');
    expect(knowledgeModel(view(undefined), 'port closed').state).toBe('error');
    expect(knowledgeModel({ ...view(undefined), configured: false }).state).toBe('unconfigured');
  });
});

describe('what the knowledge bases are asked', () => {
  test('the subject and its bug by the keys people write, tickets named by `#n` left out, the bug’s words', () => {
    const query = knowledgeQuery(view(undefined));
    expect(query.keys).toEqual([
      { ref: 'servicenow:INC0010001', key: 'INC0010001' },
      { ref: 'jira:SHOP-101', key: 'SHOP-101' },
    ]);
    expect(query.words).toEqual(['checkout', 'times', 'carts', 'items']);
  });

  test('a Zendesk ticket’s page asks by its bug only, and a page of many references asks a bounded few', () => {
    const onTicket = knowledgeQuery({ ...view(undefined), subject: ticket.ref });
    expect(onTicket.keys.map((k) => k.key)).toEqual(['SHOP-101', 'INC0010001']);
    const many = Array.from({ length: 30 }, (_, n) => ({
      ...incident,
      ref: `servicenow:INC00200${String(n).padStart(2, '0')}`,
      key: `INC00200${String(n).padStart(2, '0')}`,
    }));
    const big = knowledgeQuery({
      subject: bug.ref,
      items: [bug, ...many],
      links: many.map((i) => ({ from: i.ref, to: bug.ref, via: 'mention' as const })),
    });
    expect(big.keys).toHaveLength(4);
    // On the bug's own page, its title gives the words (not another bug linked to it).
    const other: Item = {
      ...bug,
      ref: 'jira:SHOP-7',
      key: 'SHOP-7',
      title: 'Unrelated refactoring of payments',
    };
    const onBug = knowledgeQuery({
      subject: bug.ref,
      items: [bug, other],
      links: [{ from: bug.ref, to: other.ref, via: 'issue-link' }],
    });
    expect(onBug.words).toEqual(['checkout', 'times', 'carts', 'items']);
    expect(onBug.keys.map((k) => k.key)).toEqual(['SHOP-101', 'SHOP-7']);
  });
});
