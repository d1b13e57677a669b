/**
 * Zendesk Support API v2 JSON. Tickets carry the union of the spec example (reference/zendesk/ticket.json)
 * and the recorded ticket 20 (reference/recorded/zendesk-ticket-20.recorded.json), nulls where real tickets
 * have nulls. Users follow https://developer.zendesk.com/api-reference/ticketing/users/users/ and
 * organizations reference/zendesk/organization.json. The "Jira issue" custom ticket field holds a Jira key.
 */
import { indexOf } from '../dataset/lookup.ts';
import type { Dataset, Organization, Person, ZendeskTicket } from '../dataset/types.ts';

export const jiraFieldId = 360012345001;
export const productAreaFieldId = 360012345002;
/**
 * The "Product area" drop-down's options: a drop-down value is its option's tag, set on the ticket's tags
 * ("Ticket fields" → `custom_field_options`, https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/).
 */
export const productAreaOptions = [{ id: 360020000001, name: 'Checkout', value: 'checkout' }] as const;
const brandId = 360000000001;
const formId = 360000000010;
const groupId = 360000000100;

export function ticketJson(ds: Dataset, base: string, t: ZendeskTicket): Record<string, unknown> {
  const idx = indexOf(ds);
  const requester = idx.person.get(t.requesterKey);
  const assignee = t.assigneeKey ? idx.person.get(t.assigneeKey) : undefined;
  const org = t.orgKey ? idx.org.get(t.orgKey) : undefined;
  const customFields = [
    { id: jiraFieldId, value: t.jiraKey ?? null },
    { id: productAreaFieldId, value: t.tags.includes('checkout') ? 'checkout' : null },
  ];
  const s = t.satisfaction;
  return {
    url: `${base}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: null,
    via: { channel: 'web', source: { from: {}, to: {}, rel: null } },
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    type: t.type ?? null,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority ?? null,
    status: t.status,
    recipient: 'support@acme.zendesk.com',
    requester_id: requester?.zendeskId ?? null,
    submitter_id: requester?.zendeskId ?? null,
    assignee_id: assignee?.zendeskId ?? null,
    organization_id: org?.zendeskId ?? null,
    group_id: groupId,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: t.tags,
    custom_fields: customFields,
    satisfaction_rating: s
      ? s.score === 'good' || s.score === 'bad'
        ? { id: s.id, score: s.score, comment: s.comment ?? '' }
        : { score: s.score }
      : null,
    sharing_agreement_ids: [],
    custom_status_id: 360000001000 + ['new', 'open', 'pending', 'hold', 'solved', 'closed'].indexOf(t.status),
    fields: customFields,
    followup_ids: [],
    ticket_form_id: formId,
    brand_id: brandId,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

export function userJson(base: string, p: Person, orgId: number | null): Record<string, unknown> {
  return {
    id: p.zendeskId,
    url: `${base}/api/v2/users/${p.zendeskId}.json`,
    name: p.name,
    email: p.email,
    created_at: '2025-01-10T09:00:00Z',
    updated_at: '2026-03-01T09:00:00Z',
    time_zone: 'Berlin',
    iana_time_zone: 'Europe/Berlin',
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: orgId,
    role: p.kind === 'customer' ? 'end-user' : 'agent',
    verified: true,
    external_id: null,
    tags: [],
    alias: '',
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: p.kind === 'customer' ? null : '2026-03-15T08:00:00Z',
    two_factor_auth_enabled: null,
    signature: '',
    details: '',
    notes: '',
    role_type: null,
    custom_role_id: null,
    moderator: p.kind !== 'customer',
    ticket_restriction: p.kind === 'customer' ? 'requested' : null,
    only_private_comments: false,
    restricted_agent: p.kind === 'customer',
    suspended: false,
    default_group_id: p.kind === 'customer' ? null : groupId,
    report_csv: false,
    user_fields: {},
  };
}

export function orgJson(base: string, o: Organization): Record<string, unknown> {
  return {
    url: `${base}/api/v2/organizations/${o.zendeskId}.json`,
    id: o.zendeskId,
    name: o.name,
    shared_tickets: false,
    shared_comments: false,
    external_id: null,
    created_at: '2025-01-10T09:00:00Z',
    updated_at: '2026-03-01T09:00:00Z',
    domain_names: [o.domain],
    details: '',
    notes: '',
    group_id: null,
    tags: [o.tier],
    organization_fields: { tier: o.tier },
  };
}

export function ratingJson(base: string, ds: Dataset, t: ZendeskTicket): Record<string, unknown> | undefined {
  const s = t.satisfaction;
  if (!s) return undefined;
  const idx = indexOf(ds);
  return {
    url: `${base}/api/v2/satisfaction_ratings/${s.id}.json`,
    id: s.id,
    assignee_id: t.assigneeKey ? (idx.person.get(t.assigneeKey)?.zendeskId ?? null) : null,
    group_id: groupId,
    requester_id: idx.person.get(t.requesterKey)?.zendeskId ?? null,
    ticket_id: t.id,
    score: s.score,
    comment: s.comment ?? null,
    created_at: s.at,
    updated_at: s.at,
  };
}

export function ticketFieldsJson(base: string): Record<string, unknown>[] {
  const field = (id: number, type: string, title: string, description: string, position: number) => ({
    url: `${base}/api/v2/ticket_fields/${id}.json`,
    id,
    type,
    title,
    raw_title: title,
    description,
    raw_description: description,
    position,
    active: true,
    required: false,
    collapsed_for_agents: false,
    regexp_for_validation: null,
    title_in_portal: title,
    raw_title_in_portal: title,
    visible_in_portal: false,
    editable_in_portal: false,
    required_in_portal: false,
    tag: null,
    created_at: '2025-01-10T09:00:00Z',
    updated_at: '2026-03-01T09:00:00Z',
    removable: id > 1000,
    key: null,
    agent_description: null,
  });
  return [
    field(360000000201, 'subject', 'Subject', '', 1),
    field(360000000202, 'description', 'Description', '', 2),
    field(360000000203, 'status', 'Status', 'Request status', 3),
    field(360000000204, 'priority', 'Priority', 'Request priority', 4),
    field(jiraFieldId, 'text', 'Jira issue', 'Key of the Jira issue this ticket waits on', 10),
    {
      ...field(productAreaFieldId, 'tagger', 'Product area', '', 11),
      custom_field_options: productAreaOptions.map((o) => ({
        ...o,
        raw_name: o.name,
        default: false,
        position: 0,
      })),
    },
  ];
}
