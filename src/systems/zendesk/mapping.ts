import { type ExtractOptions, fieldTextForRefs, referenceFieldOptions, refsIn } from '../../core/extract';
import type { Item, Link, StatusCategory } from '../../core/model';
import { formatRef } from '../../core/refs';
import { mentionLinks } from '../../providers/provider';
import type { Organization, Ticket, User } from './schemas';

/** Ticket statuses: https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/ (`status`). */
const categories: Record<string, StatusCategory> = {
  new: 'todo',
  open: 'in_progress',
  pending: 'in_progress',
  hold: 'in_progress',
  solved: 'done',
  closed: 'done',
};
const ranks: Record<string, number> = { urgent: 1, high: 2, normal: 3, low: 4 };
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface Sideloads {
  users: ReadonlyMap<number, User>;
  organizations: ReadonlyMap<number, Organization>;
}

export function sideloads(
  users: readonly User[] = [],
  organizations: readonly Organization[] = [],
): Sideloads {
  return {
    users: new Map(users.flatMap((u) => (u.id === null ? [] : [[u.id, u] as const]))),
    organizations: new Map(organizations.map((o) => [o.id, o] as const)),
  };
}

/** Satisfaction scores; search also knows goodwithcomment / badwithcomment. */
function satisfaction(ticket: Ticket): Item['satisfaction'] {
  const score = ticket.satisfaction_rating?.score?.replace(/withcomment$/, '');
  return score === 'good' || score === 'bad' || score === 'offered' || score === 'unoffered'
    ? score
    : undefined;
}

/** With `include=slas`: breached when an active metric is past its breach time. */
function sla(ticket: Ticket, now: number): Item['sla'] {
  const metrics = ticket.slas?.policy_metrics;
  if (!metrics?.length) return undefined;
  const breached = metrics.find((m) => m.stage === 'active' && m.breach_at && Date.parse(m.breach_at) < now);
  return { breached: breached !== undefined, ...(breached?.metric ? { name: breached.metric } : {}) };
}

export function mapTicket(
  ticket: Ticket,
  baseUrl: string,
  subdomain: string,
  loaded: Sideloads,
  now = Date.now(),
): Item {
  const status = ticket.status.toLowerCase();
  const item: Item = {
    ref: formatRef({ system: 'zendesk', subdomain, id: ticket.id }),
    system: 'zendesk',
    kind: 'ticket',
    key: `#${ticket.id}`,
    title: ticket.subject || ticket.description?.split('\n')[0]?.slice(0, 120) || `Ticket #${ticket.id}`,
    url: `${baseUrl}/agent/tickets/${ticket.id}`,
    status: { name: capital(status), category: categories[status] ?? 'in_progress' },
  };
  const priority = ticket.priority?.toLowerCase();
  const rank = priority ? ranks[priority] : undefined;
  if (priority && rank) item.priority = { name: capital(priority), rank };
  const requester = ticket.requester_id ? loaded.users.get(ticket.requester_id)?.name : undefined;
  if (requester) item.requester = requester;
  const assignee = ticket.assignee_id ? loaded.users.get(ticket.assignee_id)?.name : undefined;
  if (assignee) item.assignee = assignee;
  const organization = ticket.organization_id
    ? loaded.organizations.get(ticket.organization_id)?.name
    : undefined;
  if (organization) item.organization = organization;
  if (ticket.created_at) item.createdAt = ticket.created_at;
  if (ticket.updated_at) item.updatedAt = ticket.updated_at;
  const s = satisfaction(ticket);
  if (s) item.satisfaction = s;
  const breach = sla(ticket, now);
  if (breach) item.sla = breach;
  return item;
}

/** A custom field value as text (text, tagger, multi-select values). */
const valueText = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(valueText).join(' ')
    : typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : '';

/** Mentions in subject and description; configured custom fields and `external_id` hold keys outright. */
export function ticketLinks(
  ticket: Ticket,
  item: Item,
  extract: ExtractOptions,
  fieldIds: readonly number[],
): Link[] {
  const links = mentionLinks(
    item.ref,
    [
      { text: ticket.subject ?? undefined, where: 'subject' },
      { text: ticket.description ?? undefined, where: 'description' },
    ],
    (text) => refsIn(text, extract),
  );
  // A field made to hold a Jira key holds one even when the project was not discovered.
  const exact = referenceFieldOptions(extract);
  const fields = [
    ...fieldIds.map((id) => ({
      text: fieldTextForRefs(valueText(ticket.custom_fields?.find((f) => f.id === id)?.value)),
      where: `custom field ${id}`,
    })),
    {
      text: ticket.external_id === null || ticket.external_id === undefined ? '' : String(ticket.external_id),
      where: 'external_id',
    },
  ];
  for (const { text, where } of fields) {
    for (const to of refsIn(text.toUpperCase() === text ? text : `${text} ${text.toUpperCase()}`, exact)) {
      if (to !== item.ref) links.push({ from: item.ref, to, via: 'field', detail: where });
    }
  }
  return links;
}
