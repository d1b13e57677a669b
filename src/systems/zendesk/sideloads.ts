import type { HttpClient } from '../../providers/http';
import { chunk } from '../../providers/provider';
import { type Organization, organizationsSchema, type Ticket, type User, usersSchema } from './schemas';

/**
 * Requester, assignee and organisation names come side-loaded with the tickets
 * (`include=users,organizations`,
 * https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/side_loading/). A server that
 * ignores `include` (search does not always side-load; proxies strip it) answers without the `users` key at
 * all; then the names are read with users/organizations show_many, one request each per 100 ids.
 */

const limit = 100;

export async function missingSideloads(
  http: HttpClient,
  tickets: readonly Ticket[],
  have: { users: ReadonlyMap<number, User>; organizations: ReadonlyMap<number, Organization> },
  signal?: AbortSignal,
): Promise<{ users: User[]; organizations: Organization[] }> {
  const userIds = new Set<number>();
  const orgIds = new Set<number>();
  for (const t of tickets) {
    for (const id of [t.requester_id, t.assignee_id]) if (id && !have.users.has(id)) userIds.add(id);
    if (t.organization_id && !have.organizations.has(t.organization_id)) orgIds.add(t.organization_id);
  }
  const request = (ids: number[]) => ({
    searchParams: { ids: ids.join(',') },
    ...(signal ? { signal } : {}),
  });
  const users: User[] = [];
  const organizations: Organization[] = [];
  for (const part of chunk([...userIds], limit)) {
    users.push(...(await http.get('/api/v2/users/show_many.json', usersSchema, request(part))).users);
  }
  for (const part of chunk([...orgIds], limit)) {
    organizations.push(
      ...(await http.get('/api/v2/organizations/show_many.json', organizationsSchema, request(part)))
        .organizations,
    );
  }
  return { users, organizations };
}
