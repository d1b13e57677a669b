import { z } from 'zod';
import { field, listOf, scalar } from '../../providers/items';

/**
 * Zendesk Support API v2 responses (../shared/reference/zendesk: the OpenAPI examples, and
 * recorded/zendesk-ticket-20.recorded.json, a real ticket with nulls where real tickets have them).
 * Side-loads (`include=users,organizations`) arrive beside `tickets`:
 * https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/side_loading/
 */

export const ticketSchema = z.looseObject({
  id: z.number().int(),
  subject: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  status: z.string(),
  priority: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  requester_id: z.number().nullable().optional(),
  assignee_id: z.number().nullable().optional(),
  organization_id: z.number().nullable().optional(),
  created_at: z.string().nullable().optional(),
  updated_at: z.string().nullable().optional(),
  external_id: z.union([z.string(), z.number()]).nullable().optional(),
  custom_fields: z
    .array(z.looseObject({ id: z.number(), value: z.unknown() }))
    .nullable()
    .optional(),
  satisfaction_rating: z.looseObject({ score: z.string().optional() }).nullable().optional(),
  // Present with `include=slas`: each policy metric is active, paused or achieved, with a breach time.
  slas: z
    .looseObject({
      policy_metrics: z
        .array(
          z.looseObject({
            metric: z.string().optional(),
            stage: z.string().optional(),
            breach_at: z.string().nullable().optional(),
          }),
        )
        .optional(),
    })
    .nullable()
    .optional(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const userSchema = z.looseObject({
  id: z.number().nullable(),
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});
export type User = z.infer<typeof userSchema>;

export const organizationSchema = z.looseObject({ id: z.number(), name: z.string() });
export type Organization = z.infer<typeof organizationSchema>;

/** `#4711`, as far as a ticket that did not validate tells it, for the note that it was skipped. */
const ticketName = (raw: unknown) => {
  const id = scalar(field(raw, 'id'));
  return id ? `#${id}` : undefined;
};
const unnamed = () => undefined;
/**
 * Each ticket on its own (items.ts); a user or organisation that does not match is left out quietly, costing only
 * a name on the tickets that point at it.
 */
const ticketsSchema = listOf(ticketSchema, ticketName);
const sideloadedUsers = listOf(userSchema, unnamed);
const sideloadedOrganizations = listOf(organizationSchema, unnamed);

/**
 * `GET /api/v2/tickets/show_many.json?ids=…&include=users,organizations`
 * (reference/zendesk/tickets-show-many.json).
 */
export const showManySchema = z.looseObject({
  tickets: ticketsSchema,
  users: sideloadedUsers.optional(),
  organizations: sideloadedOrganizations.optional(),
});

/**
 * `GET /api/v2/search.json?query=type:ticket …` (search-type-ticket.constructed.json): with `type:ticket`
 * every result is a ticket, but the schema admits other result types (search.json shows groups) and leaves
 * them out.
 */
export const ticketResultSchema = ticketSchema.extend({ result_type: z.literal('ticket') });
export type TicketResult = z.infer<typeof ticketResultSchema>;
// A ticket that does not match is not another result type: it is skipped with a note, never passed as a ticket.
const otherResultSchema = z.looseObject({
  result_type: z.string().refine((t) => t !== 'ticket', 'an incomplete ticket'),
});
export const isTicketResult = (r: TicketResult | z.infer<typeof otherResultSchema>): r is TicketResult =>
  r.result_type === 'ticket';

export const searchSchema = z.looseObject({
  results: listOf(z.union([ticketResultSchema, otherResultSchema]), ticketName),
  users: sideloadedUsers.optional(),
  organizations: sideloadedOrganizations.optional(),
  count: z.number().int().optional(),
  next_page: z.string().nullable().optional(),
});

/** `GET /api/v2/users/me.json`: an anonymous caller gets a user with `id: null` instead of a 401. */
export const meSchema = z.looseObject({ user: userSchema });

/** `GET /api/v2/users/show_many.json?ids=…` and `GET /api/v2/organizations/show_many.json?ids=…`. */
export const usersSchema = z.looseObject({ users: sideloadedUsers });
export const organizationsSchema = z.looseObject({ organizations: sideloadedOrganizations });
