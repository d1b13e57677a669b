import { refsIn } from '../../core/extract';
import { withSafeUrl } from '../../core/item-links';
import { customerKinds } from '../../core/model';
import { formatRef, type Ref } from '../../core/refs';
import { apiRoot, hostOf } from '../../core/settings';
import { failureFor, SourceFailure } from '../../providers/errors';
import { createHttpClient } from '../../providers/http';
import { mapEach, skippedIn } from '../../providers/items';
import { dedupeLinks, pointingAt, verifiedMentions } from '../../providers/mentions';
import { listOption, requireConnection, transportOptions } from '../../providers/options';
import {
  chunk,
  type Found,
  type LookupContext,
  mentionLinks,
  type Provider,
  type ProviderOptions,
} from '../../providers/provider';
import { newestCommentTexts, readTicketComments } from './comments';
import { helpCenterKnowledge } from './knowledge';
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
import { ticketSearchPlan } from './search';
import { missingSideloads } from './sideloads';
import { textSearchQuery } from './text-search';

export interface ZendeskOptions extends ProviderOptions {
  /** Ticket fields (numeric ids) that hold a Jira key or another reference outright. Default []. */
  referenceFieldIds?: number[];
  /** Also read SLA policy metrics (`include=slas`). Default false. */
  includeSlas?: boolean;
}

const factory = 'createZendeskProvider';
const showManyLimit = 100; // show_many takes at most 100 ids
const searchPageSize = 100; // search pages hold at most 100 results
const maxSearchPages = 10; // search answers at most the first 1,000 results
/**
 * Tickets whose comments a lookup reads: the page's subject (the only ticket whose links the resolver follows,
 * graph.ts). An internal note Liaison wrote there ("Linked to SHOP-101") links the bug on the next visit.
 */
const maxCommentReads = 1;

export function createZendeskProvider(options: ZendeskOptions): Provider {
  const connection = requireConnection(options, 'zendesk', factory);
  const fieldIds = listOption(
    factory,
    'referenceFieldIds',
    options.referenceFieldIds,
    (id) => Number.isInteger(id) && id > 0,
    'positive ticket field ids',
  );
  // Refs always carry the subdomain (ticket ids repeat across accounts): acme.zendesk.com → acme.
  const subdomain = (hostOf(connection).split('.')[0] ?? '').toLowerCase();
  const include = options.includeSlas ? 'users,organizations,slas' : 'users,organizations';
  const http = createHttpClient({
    system: 'zendesk',
    baseUrl: apiRoot(connection),
    auth: connection.auth,
    // Zendesk limits requests per minute, not in flight (developer.zendesk.com/api-reference/introduction/rate-limits):
    // six at once, a browser's own connections per host, lets a Help Center's five searches (four keys and the
    // words) go out together instead of in two rounds.
    maxConcurrent: 6,
    ...transportOptions(options),
  });

  /** Tickets as items with their links, each on its own: one that cannot be read is a note (items.ts). */
  function mapped(tickets: Ticket[], loaded: Sideloads, context: LookupContext) {
    return mapEach(
      tickets,
      (t) => `#${t.id}`,
      (t) => {
        const item = withSafeUrl(mapTicket(t, connection.baseUrl, subdomain, loaded), connection);
        return { item, links: ticketLinks(t, item, context.extract, fieldIds) };
      },
    );
  }

  function toFound(tickets: Ticket[], loaded: Sideloads, context: LookupContext, skipped: string[]): Found {
    const { kept, notes } = mapped(tickets, loaded, context);
    const all = [...new Set([...skipped, ...notes])];
    return {
      items: kept.map((k) => k.to.item),
      links: kept.flatMap((k) => k.to.links),
      ...(all.length ? { notes: all } : {}),
    };
  }

  async function showMany(ids: number[], signal?: AbortSignal) {
    const tickets: Ticket[] = [];
    const users: User[] = [];
    const organizations: Organization[] = [];
    const skipped: string[] = [];
    let sideloaded = true;
    for (const part of chunk(ids, showManyLimit)) {
      const body = await http.get('/api/v2/tickets/show_many.json', showManySchema, {
        searchParams: { ids: part.join(','), include },
        ...(signal ? { signal } : {}),
      });
      tickets.push(...body.tickets);
      skipped.push(...skippedIn(body.tickets));
      users.push(...(body.users ?? []));
      organizations.push(...(body.organizations ?? []));
      if (body.users === undefined) sideloaded = false;
    }
    const loaded = await complete(tickets, sideloads(users, organizations), sideloaded, signal);
    return { tickets, loaded, skipped };
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

  /**
   * Every ticket one search finds, following `next_page` (at most 1,000 results), with the side-loaded users
   * and organisations. `sideloaded` is false when a page came without the `users` key (the include was
   * ignored): then the names of those tickets are read separately.
   */
  async function searchAll(query: string, signal?: AbortSignal) {
    const tickets: Ticket[] = [];
    const users: User[] = [];
    const organizations: Organization[] = [];
    const skipped: string[] = [];
    let sideloaded = true;
    for (let page = 1; page <= maxSearchPages; page++) {
      const body = await http.get('/api/v2/search.json', searchSchema, {
        searchParams: {
          query,
          // Search names the result type whose associations to side-load
          // (https://developer.zendesk.com/api-reference/ticketing/ticket-management/search/#side-loading).
          include: 'tickets(users,organizations)',
          per_page: searchPageSize,
          ...(page > 1 ? { page } : {}),
        },
        ...(signal ? { signal } : {}),
      });
      const found = body.results.filter(isTicketResult);
      tickets.push(...found);
      skipped.push(...skippedIn(body.results));
      users.push(...(body.users ?? []));
      organizations.push(...(body.organizations ?? []));
      if (body.users === undefined && found.length > 0) sideloaded = false;
      // What was skipped was still a result of the page: a full page goes on to the next.
      if (!body.next_page || body.results.length + skippedIn(body.results).length < searchPageSize) break;
    }
    return { tickets, users, organizations, sideloaded, skipped };
  }

  /**
   * Mentions in the newest comments of the fetched tickets whose links are followed (the page's subject: at most
   * `maxCommentReads`), one request each. In the resolver's lookups the other tickets are `partial`: a cache
   * answers for them only where their links are not followed. Returns those refs.
   */
  async function readComments(
    found: Found,
    context: LookupContext,
    started: ReadonlyMap<number, Promise<string[]>>,
  ): Promise<string[]> {
    const tickets = found.items.filter((i) => customerKinds.has(i.kind));
    const chosen = tickets.filter((i) => context.followsLinksOf?.(i) === true).slice(0, maxCommentReads);
    const read = new Set<string>();
    for (const item of chosen) {
      const id = Number(item.key.replace(/^#/, ''));
      if (!Number.isSafeInteger(id) || id <= 0) continue;
      try {
        const texts = await (started.get(id) ?? newestCommentTexts(http, id, context.signal));
        const known = new Set(found.links.filter((l) => l.from === item.ref).map((l) => l.to));
        const links = mentionLinks(
          item.ref,
          texts.map((text) => ({ text, where: 'comment' })),
          (text) => refsIn(text, context.extract),
        );
        found.links.push(...links.filter((l) => !known.has(l.to)));
        read.add(item.ref);
      } catch (error) {
        // Comments hidden from this user, or a failed read, cost only the comments' links.
        if (!(error instanceof SourceFailure)) throw error;
        if (error.kind === 'forbidden' || error.kind === 'not-found') read.add(item.ref);
        else
          found.notes = [
            ...(found.notes ?? []),
            `${item.key}: its comments were not read (${error.userMessage})`,
          ];
      }
    }
    // A badge's or a watch's lookup reads no comments and wants none: its entries stay as complete as they were.
    if (!context.followsLinksOf) return [];
    return tickets.flatMap((i) => (read.has(i.ref) ? [] : [i.ref]));
  }

  // Tickets only: a Help Center article is read by `knowledge`, never looked up as a ticket.
  const owns = (ref: Ref) =>
    ref.system === 'zendesk' && !ref.article && ref.subdomain.toLowerCase() === subdomain;

  return {
    system: 'zendesk',
    connection,
    refHost: options.refHost,
    owns,
    kindOf: (ref) => (ref.system === 'zendesk' ? (ref.article ? 'knowledge' : 'ticket') : undefined),

    async fetchItems(refs, context): Promise<Found> {
      const ids = [...new Set(refs.flatMap((r) => (r.system === 'zendesk' && owns(r) ? [r.id] : [])))];
      if (ids.length === 0) return { items: [], links: [] };
      // The page's subject has its comments read beside show_many: they are followed anyway (readComments takes
      // the read up once the ticket is there; a ticket that does not exist lets it go).
      const started = new Map<number, Promise<string[]>>();
      for (const r of refs) {
        if (started.size >= maxCommentReads) break;
        if (r.system !== 'zendesk' || !owns(r) || !context.followedRefs?.has(formatRef(r))) continue;
        const read = newestCommentTexts(http, r.id, context.signal);
        read.catch(() => undefined); // heard in readComments, or never wanted
        started.set(r.id, read);
      }
      const { tickets, loaded, skipped } = await showMany(ids, context.signal);
      const found = toFound(tickets, loaded, context, skipped);
      const partial = await readComments(found, context, started);
      return { ...found, links: dedupeLinks(found.links), ...(partial.length ? { partial } : {}) };
    },

    async findReferencing(targets, context): Promise<Found> {
      const others = targets.filter((t) => t.system !== 'zendesk');
      // Every term is searched (OR-ed per property, packed into as few queries as fit, search.ts); one longer
      // than a whole query may be is told, not sent (Zendesk would refuse the query it stood in).
      const { queries, searches: plan, unsearchable } = ticketSearchPlan(others, fieldIds);
      const tooLong = unsearchable.map(
        (term) => `${term.slice(0, 80)}: too long for Zendesk's 64-word search, not searched`,
      );
      if (queries.length === 0)
        return { items: [], links: [], ...(tooLong.length ? { notes: tooLong } : {}) };
      const searches = await Promise.all(queries.map((q) => searchAll(q, context.signal)));
      const hits = new Map<number, Ticket>();
      const unnamed = new Set<number>(); // tickets from a search that ignored the side-loads
      const returnedBy = new Map<number, number[]>(); // ticket id → the searches that found it
      searches.forEach((found, i) => {
        for (const t of found.tickets) {
          hits.set(t.id, t);
          returnedBy.set(t.id, [...(returnedBy.get(t.id) ?? []), i]);
          if (!found.sideloaded) unnamed.add(t.id);
        }
      });
      const tickets = [...hits.values()];
      let loaded = sideloads(
        searches.flatMap((f) => f.users),
        searches.flatMap((f) => f.organizations),
      );
      const skipped = [...new Set([...tooLong, ...searches.flatMap((f) => f.skipped)])];
      let comments = new Map<number, string[]>();
      const verify = (): Found => {
        const { kept, notes } = mapped(tickets, loaded, context);
        const checked = kept.flatMap(({ from: t, to: { item } }) => {
          const texts = [
            { text: t.subject ?? undefined, where: 'subject' },
            { text: t.description ?? undefined, where: 'description' },
            ...(comments.get(t.id) ?? []).map((text) => ({ text, where: 'comment' })),
          ];
          return verifiedMentions(item.ref, texts, others, context.extract);
        });
        const items = kept.map((k) => k.to.item);
        const links = kept.flatMap((k) => k.to.links);
        const all = [...new Set([...skipped, ...notes, ...commentNotes])];
        return {
          ...pointingAt(items, [...links, ...checked], others),
          ...(all.length ? { notes: all } : {}),
        };
      };
      let commentNotes: string[] = [];
      let pointing = verify();
      // `description:` matches comments too, which a search answer does not carry: hits not verified by what it
      // does carry have their comments read, a few tickets a round (comments.ts). So do, after them, hits verified
      // for some target but found by a description search none of whose targets their subject or description
      // names: a term of that search is in a comment, and a link to its target would be lost (a search for that
      // target alone would have read the comments).
      const refOf = (t: Ticket) => formatRef({ system: 'zendesk', subdomain, id: t.id });
      const verified = new Set(pointing.items.map((i) => i.ref));
      const linked = new Set(pointing.links.map((l) => `${l.from}>${l.to}`));
      const unexplained = (t: Ticket) =>
        (returnedBy.get(t.id) ?? []).some((i) => {
          const search = plan[i];
          return (
            search?.property === 'description:' &&
            !search.targets.some((target) => linked.has(`${refOf(t)}>${target}`))
          );
        });
      const unverified = [
        ...tickets.filter((t) => !verified.has(refOf(t))),
        ...tickets.filter((t) => verified.has(refOf(t)) && unexplained(t)),
      ];
      if (unverified.length > 0) {
        const read = await readTicketComments(
          http,
          unverified.map((t) => t.id),
          context.signal,
        );
        comments = read.comments;
        commentNotes = read.notes;
        pointing = verify();
      }
      if (unnamed.size === 0 || pointing.items.length === 0) return pointing;
      // Only for verified hits whose search came without side-loads (users/organizations show_many).
      const kept = new Set(pointing.items.map((i) => i.ref));
      const needed = tickets.filter(
        (t) => unnamed.has(t.id) && kept.has(formatRef({ system: 'zendesk', subdomain, id: t.id })),
      );
      if (needed.length === 0) return pointing;
      loaded = await complete(needed, loaded, false, context.signal);
      return verify();
    },

    async search(text, { limit, signal }) {
      const query = textSearchQuery(text);
      if (!query) return [];
      const body = await http.get('/api/v2/search.json', searchSchema, {
        searchParams: {
          query,
          include: 'tickets(users,organizations)',
          sort_by: 'updated_at',
          sort_order: 'desc',
          per_page: limit,
        },
        ...(signal ? { signal } : {}),
      });
      // Without side-loads the tickets still show, only without requester and organisation names.
      const loaded = sideloads(body.users, body.organizations);
      const tickets = body.results.filter(isTicketResult).slice(0, limit);
      const { kept } = mapEach(
        tickets,
        (t) => `#${t.id}`,
        (t) => withSafeUrl(mapTicket(t, connection.baseUrl, subdomain, loaded), connection),
      );
      return kept.map((k) => k.to);
    },

    knowledge: (query, { signal }) => helpCenterKnowledge(http, connection, subdomain, query, signal),

    async whoAmI() {
      const { user } = await http.get('/api/v2/users/me.json', meSchema);
      // Zendesk answers an unauthenticated users/me with an anonymous user (id null) rather than a 401.
      if (user.id === null) throw failureFor('zendesk', http.host, 401);
      return user.email ? `${user.name ?? user.email} (${user.email})` : (user.name ?? String(user.id));
    },
  };
}
