import { MountedPanel } from '../../src/content/mount';
import { writeClient } from '../../src/content/write-client';
import type { Item } from '../../src/core/model';
import type { WritePlan, WriteStep } from '../../src/core/writes';
import type { ContextView } from '../../src/messaging/protocol';

/** Shared by the write preview tests: items, plans, and a panel mounted with a write client over a fake background. */

export const ticket: Item = {
  ref: 'zendesk:acme/4711',
  system: 'zendesk',
  kind: 'ticket',
  key: '#4711',
  title: 'Checkout spins',
  url: 'https://acme.zendesk.com/agent/tickets/4711',
  status: { name: 'Open', category: 'in_progress' },
};
export const bug = (key: string, done = false): Item => ({
  ref: `jira:${key}`,
  system: 'jira',
  kind: 'bug',
  key,
  title: `Bug ${key}`,
  url: `https://acme.atlassian.net/browse/${key}`,
  status: done ? { name: 'Done', category: 'done' } : { name: 'In Progress', category: 'in_progress' },
});
export const incident = (n: string): Item => ({
  ref: `servicenow:${n}`,
  system: 'servicenow',
  kind: 'incident',
  key: n,
  title: `Checkout fails (${n})`,
  url: `https://acme.service-now.com/incident.do?sysparm_query=number=${n}`,
  status: { name: 'In Progress', category: 'in_progress' },
});

export const view = (subject: string, items: Item[], links: ContextView['links'] = []): ContextView => ({
  subject,
  items,
  links,
  releases: [],
  sources: [{ system: 'jira', connectionId: 'jira', host: 'acme.atlassian.net' }],
  configured: true,
  resolvedAt: Date.now(),
  stale: false,
});

export const step = (id: string, over: Partial<WriteStep> = {}): WriteStep => ({
  id,
  ref: 'jira:SHOP-101',
  key: 'SHOP-101',
  title: 'Checkout spins forever',
  url: 'https://acme.atlassian.net/browse/SHOP-101',
  system: 'jira',
  connectionId: 'jira',
  where: 'Remote link on SHOP-101',
  text: `Zendesk ticket #4711\nLiaison ref liaison:v1:link:0123456789abcdef`,
  marker: 'liaison:v1:link:0123456789abcdef',
  state: 'new',
  chosen: true,
  ...over,
});

export const plan = (steps: WriteStep[], over: Partial<WritePlan> = {}): WritePlan => ({
  planId: 'plan-1',
  kind: 'link-bug',
  subject: ticket.ref,
  summary: 'Link #4711 to SHOP-101',
  steps,
  notes: [],
  ...over,
});

export type Background = (message: { type: string } & Record<string, unknown>) => unknown;

/** A panel as the content script mounts it; `trust.on` is what `isTrusted` says of the next events. */
export function mountWithWrites(
  panel: 'bug-status' | 'linked-incidents',
  v: ContextView,
  background: Background,
) {
  const sent: ({ type: string } & Record<string, unknown>)[] = [];
  const trust = { on: true };
  const refreshes: number[] = [];
  const client = writeClient(
    async (message) => {
      const m = message as { type: string } & Record<string, unknown>;
      sent.push(m);
      return background(m);
    },
    () => trust.on,
  );
  const p = new MountedPanel(panel, v.subject, {
    refresh: () => refreshes.push(Date.now()),
    toggle: () => undefined,
    openOptions: () => undefined,
    write: client,
  });
  document.body.append(p.host);
  p.update({ view: v, failure: undefined, theme: 'light', collapsed: false });
  const root = p.host.shadowRoot as ShadowRoot;
  return { p, root, sent, trust, refreshes };
}
