import { formatRef, type Ref } from '../../core/refs';
import { apiRoot, hostOf } from '../../core/settings';
import { failureFor } from '../errors';
import { createHttpClient } from '../http';
import { dedupeLinks, pointingAt, verifiedMentions } from '../mentions';
import { intOption, listOption, requireConnection, transportOptions } from '../options';
import { chunk, type Found, type LookupContext, type Provider, type ProviderOptions } from '../provider';
import { mapTicket, type Sideloads, sideloads, ticketLinks } from './mapping';
import {
  isTicketResult,
  meSchema,
  type Organization,
  searchSchema,
  showManySchema,
  type Ticket,
  type User,
} from './schemas';
import { ticketQueries } from './search';
import { missingSideloads } from './sideloads';

export interface ZendeskOptions extends ProviderOptions {
  /** Ticket fields (numeric ids) that hold a Jira key or another reference outright. Default []. */
  referenceFieldIds?: number[];
  /** Also read SLA policy metrics (`include=slas`). Default false. */
  includeSlas?: boolean;
  /** Searches per reverse lookup at most (one per term: Zendesk search has no documented OR). Default 10. */
  maxSearches?: number;
}

const factory = 'createZendeskProvider';
const showManyLimit = 100; // show_many takes at most 100 ids

export function createZendeskProvider(options: ZendeskOptions): Provider {
  const connection = requireConnection(options, 'zendesk', factory);
  const fieldIds = listOption(
    factory,
    'referenceFieldIds',
    options.referenceFieldIds,
    (id) => Number.isInteger(id) && id > 0,
    'positive ticket field ids',
  );
  const maxSearches = intOption(factory, 'maxSearches', options.maxSearches, 10, 1, 50);
  // Refs always carry the subdomain (ticket ids repeat across accounts): acme.zendesk.com → acme.
  const subdomain = (hostOf(connection).split('.')[0] ?? '').toLowerCase();
  const include = options.includeSlas ? 'users,organizations,slas' : 'users,organizations';
  const http = createHttpClient({
    system: 'zendesk',
    baseUrl: apiRoot(connection),
    auth: connection.auth,
    ...transportOptions(options),
  });

  function toFound(tickets: Ticket[], loaded: Sideloads, context: LookupContext): Found {
    const items = tickets.map((t) => mapTicket(t, connection.baseUrl, subdomain, loaded));
    const links = tickets.flatMap((t, i) => {
      const item = items[i];
      return item ? ticketLinks(t, item, context.extract, fieldIds) : [];
    });
    return { items, links };
  }

  async function showMany(ids: number[], signal?: AbortSignal) {
    const tickets: Ticket[] = [];
    const users: User[] = [];
    const organizations: Organization[] = [];
    let sideloaded = true;
    for (const part of chunk(ids, showManyLimit)) {
      const body = await http.get('/api/v2/tickets/show_many.json', showManySchema, {
        searchParams: { ids: part.join(','), include },
        ...(signal ? { signal } : {}),
      });
      tickets.push(...body.tickets);
      users.push(...(body.users ?? []));
      organizations.push(...(body.organizations ?? []));
      if (body.users === undefined) sideloaded = false;
    }
    return { tickets, loaded: await complete(tickets, sideloads(users, organizations), sideloaded, signal) };
  }

  /** Names the server did not side-load, read separately (see sideloads.ts). */
  async function complete(tickets: Ticket[], loaded: Sideloads, sideloaded: boolean, signal?: AbortSignal) {
    if (sideloaded || tickets.length === 0) return loaded;
    const more = await missingSideloads(http, tickets, loaded, signal);
    return sideloads(
      [...loaded.users.values(), ...more.users],
      [...loaded.organizations.values(), ...more.organizations],
    );
  }

  const owns = (ref: Ref) => ref.system === 'zendesk' && ref.subdomain.toLowerCase() === subdomain;

  return {
    system: 'zendesk',
    connection,
    refHost: options.refHost,
    owns,

    async fetchItems(refs, context): Promise<Found> {
      const ids = [...new Set(refs.flatMap((r) => (r.system === 'zendesk' && owns(r) ? [r.id] : [])))];
      if (ids.length === 0) return { items: [], links: [] };
      const { tickets, loaded } = await showMany(ids, context.signal);
      const found = toFound(tickets, loaded, context);
      return { items: found.items, links: dedupeLinks(found.links) };
    },

    async findReferencing(targets, context): Promise<Found> {
      const others = targets.filter((t) => t.system !== 'zendesk');
      const queries = ticketQueries(others, fieldIds, maxSearches);
      if (queries.length === 0) return { items: [], links: [] };
      const request = (query: string) =>
        http.get('/api/v2/search.json', searchSchema, {
          searchParams: { query, include: 'tickets(users,organizations)' },
          ...(context.signal ? { signal: context.signal } : {}),
        });
      const bodies = await Promise.all(queries.map(request));
      const hits = new Map<number, Ticket>();
      for (const r of bodies.flatMap((b) => b.results)) if (isTicketResult(r)) hits.set(r.id, r);
      const tickets = [...hits.values()];
      let loaded = sideloads(
        bodies.flatMap((b) => b.users ?? []),
        bodies.flatMap((b) => b.organizations ?? []),
      );
      const verify = () => {
        const found = toFound(tickets, loaded, context);
        const checked = tickets.flatMap((t, i) => {
          const item = found.items[i];
          const texts = [
            { text: t.subject ?? undefined, where: 'subject' },
            { text: t.description ?? undefined, where: 'description' },
          ];
          return item ? verifiedMentions(item.ref, texts, others, context.extract) : [];
        });
        return pointingAt(found.items, [...found.links, ...checked], others);
      };
      const pointing = verify();
      const sideloaded = bodies.every((b) => b.users !== undefined);
      if (sideloaded || pointing.items.length === 0) return pointing;
      const kept = new Set(pointing.items.map((i) => i.ref));
      const needed = tickets.filter((t) => kept.has(formatRef({ system: 'zendesk', subdomain, id: t.id })));
      loaded = await complete(needed, loaded, false, context.signal);
      return verify();
    },

    async whoAmI() {
      const { user } = await http.get('/api/v2/users/me.json', meSchema);
      // Zendesk answers an unauthenticated users/me with an anonymous user (id null) rather than a 401.
      if (user.id === null) throw failureFor('zendesk', http.host, 401);
      return user.email ? `${user.name ?? user.email} (${user.email})` : (user.name ?? String(user.id));
    },
  };
}
