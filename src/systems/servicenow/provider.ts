import { fieldTextForRefs, referenceFieldOptions, refsIn } from '../../core/extract';
import { withSafeUrl } from '../../core/item-links';
import { customerKinds, type Item, type Link } from '../../core/model';
import { formatRef, type Ref } from '../../core/refs';
import { createHttpClient } from '../../providers/http';
import { SourceFailure } from '../../providers/errors';
import { mapEach, skippedIn } from '../../providers/items';
import { keyInFields, matchedByKey, type Target } from '../../providers/mentions';
import { intOption } from '../../providers/options';
import {
  chunk,
  type Found,
  type LookupContext,
  mentionLinks,
  type Provider,
  type ProviderOptions,
  packByLength,
  type RoundFound,
  referencingOf,
} from '../../providers/provider';
import { newestFirst } from '../../providers/text-search';
import { servicenowKnowledge } from './knowledge';
import { kindOfNumber, mapRecord, tableOfNumber } from './mapping';
import { currentUserSchema, display, type ServiceNowRecord, tableResponseSchema, value } from './schemas';
import { textSearchQuery } from './text-search';

export interface ServiceNowOptions extends ProviderOptions {
  /** Fields searched (LIKE) for a Jira key or a URL in reverse lookups. Default: short_description, description. */
  searchFields?: string[];
  /** Fields that hold a Jira key outright, matched exactly. Default: u_jira_key. */
  keyFields?: string[];
  /** Tables searched in reverse lookups. Default: incident. */
  tables?: string[];
  /** Records a reverse lookup reads per table, most urgent first. Default 200, at most 1,000. */
  reverseLimit?: number;
}

const baseFields = [
  'sys_id',
  'number',
  'short_description',
  'description',
  'state',
  'active',
  'priority',
  'caller_id',
  'opened_by',
  'company',
  'assigned_to',
  'opened_at',
  'sys_updated_on',
  'made_sla',
];

/**
 * The most a query's OR-ed search conditions take in the URL, percent-encoded. Instances refuse request lines much
 * over 8 KB (the Tomcat connector's default header size); with up to 100 numbers (2.3 KB at most) and the field
 * list beside them, 4 KB of conditions keeps every Table API URL under about 7 KB. More conditions take more
 * queries (`packByLength`).
 */
const maxConditionsLength = 4_000;

/**
 * Customer records whose notes are read per lookup: the page's subject (the only customer record whose links the
 * resolver follows, graph.ts). A note Liaison wrote there ("Linked to SHOP-101") links the bug on the next visit.
 */
const maxNoteReads = 1;
/** The most of a record's journal text read for mentions. */
const maxNoteChars = 100_000;
const encodedLength = (s: string) => encodeURIComponent(s).length;

/** Encoded-query values cannot carry ^ (the condition separator) or commas inside IN lists. */
const safeValue = (s: string) => s.replace(/[\^,=]/g, ' ').trim();

export function createServiceNowProvider(options: ServiceNowOptions): Provider {
  const { connection, refHost } = options;
  if (connection.system !== 'servicenow')
    throw new Error(`createServiceNowProvider: connection ${connection.id} is ${connection.system}`);
  const searchFields = options.searchFields ?? ['short_description', 'description'];
  const keyFields = options.keyFields ?? ['u_jira_key'];
  const tables = options.tables ?? ['incident'];
  const reverseLimit = intOption(
    'createServiceNowProvider',
    'reverseLimit',
    options.reverseLimit,
    200,
    1,
    1000,
  );
  const http = createHttpClient({
    system: 'servicenow',
    baseUrl: connection.baseUrl,
    auth: connection.auth,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
  });
  const fields = [...baseFields, ...keyFields].join(',');

  /** One Table API query; what it left out (items.ts) is told to `skipped`. */
  async function query(
    table: string,
    sysparmQuery: string,
    limit: number,
    signal?: AbortSignal,
    skipped?: string[],
  ) {
    const body = await http.get(`/api/now/table/${table}`, tableResponseSchema, {
      searchParams: {
        sysparm_query: sysparmQuery,
        sysparm_fields: fields,
        sysparm_display_value: 'all',
        sysparm_exclude_reference_link: 'true',
        sysparm_limit: limit,
      },
      ...(signal ? { signal } : {}),
    });
    skipped?.push(...skippedIn(body.result));
    return body.result;
  }

  function toFound(
    records: ServiceNowRecord[],
    context: LookupContext,
    extraLinks: (r: ServiceNowRecord, item: Item) => Link[],
    skipped: string[],
  ) {
    const extract = (text: string) => refsIn(text, context.extract);
    // Each record on its own: one that cannot be read is a note (items.ts).
    const { kept, notes } = mapEach(
      records,
      (record) => value(record.number),
      (record) => {
        const mapped = mapRecord(record, connection.baseUrl, refHost);
        if (!mapped) return undefined;
        const item = withSafeUrl(mapped, connection);
        const texts = [
          { text: display(record.short_description), where: 'short description' },
          { text: display(record.description), where: 'description' },
        ];
        return { item, links: [...mentionLinks(item.ref, texts, extract), ...extraLinks(record, item)] };
      },
    );
    skipped.push(...notes);
    return { items: kept.map((k) => k.to.item), links: kept.flatMap((k) => k.to.links) };
  }

  /**
   * Custom key fields (u_jira_key) exist only on instances that added them, and an instance configured with
   * glide.invalid_query.returns_no_rows answers a query naming an unknown field with nothing at all. So probe once
   * per table which of them exist (a field the Table API omits from a record does not exist) before querying them.
   * A lookup by number asks for the same fields, so its first record answers the question without a probe.
   */
  const probes = new Map<string, Promise<string[]>>();
  function learnKeyFields(table: string, records: readonly ServiceNowRecord[]): void {
    const record = records[0];
    if (keyFields.length === 0 || !record || probes.has(table)) return;
    probes.set(table, Promise.resolve(keyFields.filter((f) => f in record)));
  }
  function keyFieldsOn(table: string, signal?: AbortSignal): Promise<string[]> {
    if (keyFields.length === 0) return Promise.resolve([]);
    let probe = probes.get(table);
    if (!probe) {
      probe = http
        .get(`/api/now/table/${table}`, tableResponseSchema, {
          searchParams: { sysparm_fields: ['number', ...keyFields].join(','), sysparm_limit: 1 },
          ...(signal ? { signal } : {}),
        })
        .then((body) => {
          const record = body.result[0];
          return record ? keyFields.filter((f) => f in record) : [];
        });
      probes.set(table, probe);
      probe.catch(() => probes.delete(table)); // a failed probe is asked again next time
    }
    return probe;
  }

  const keyFieldLinks = (record: ServiceNowRecord, item: Item, context: LookupContext): Link[] =>
    keyFields.flatMap((field) =>
      refsIn(fieldTextForRefs(value(record[field])), referenceFieldOptions(context.extract)).map((to) => ({
        from: item.ref,
        to,
        via: 'field' as const,
        detail: field,
      })),
    );

  /**
   * Records by number, and records of the searched tables that mention or name the targets: one query per table
   * where both are asked of it (`numberIN…^NQ…`, a new OR-ed query), else one per table as each needs.
   */
  async function fetchAndFind(refs: Ref[], targets: Target[], context: LookupContext): Promise<RoundFound> {
    const byTable = new Map<string, string[]>();
    // The page's subject has its notes read beside the query that fetches it: they are followed anyway (readNotes
    // takes the read up once the record is there; a number that does not exist lets it go).
    const startedNotes = new Map<string, Promise<ServiceNowRecord | undefined>>();
    for (const r of refs) {
      if (startedNotes.size >= maxNoteReads) break;
      if (r.system !== 'servicenow' || !context.followedRefs?.has(formatRef(r))) continue;
      const number = r.number.toUpperCase();
      // Only a customer record's notes are read (readNotes); a number is letters and digits, nothing to escape.
      if (!customerKinds.has(kindOfNumber(number)) || !/^[A-Z]{2,10}\d{4,12}$/.test(number)) continue;
      const read = notesOf(tableOfNumber(number), `number=${number}`, context.signal);
      read.catch(() => undefined); // heard in readNotes, or never wanted
      startedNotes.set(number, read);
    }
    for (const r of refs) {
      if (r.system !== 'servicenow') continue;
      const table = tableOfNumber(r.number);
      byTable.set(table, [...(byTable.get(table) ?? []), r.number]);
    }
    // What an incident can mention: a Jira key, a GitHub PR/issue URL, another ticket's number.
    const needles = targets.flatMap((t) =>
      t.system === 'servicenow' ? [] : [{ target: t, text: matchedByKey(t) ? t.key : t.url }],
    );
    const searched = needles.length > 0 ? tables : [];
    const fetched: Found = { items: [], links: [] };
    const referencing: Found = { items: [], links: [] };
    const linksOf = (r: ServiceNowRecord, item: Item) => keyFieldLinks(r, item, context);
    const skipped: string[] = [];
    const lookedUp: ServiceNowRecord[] = [];
    const lookUp = (records: ServiceNowRecord[]) => {
      lookedUp.push(...records);
      const f = toFound(records, context, linksOf, skipped);
      fetched.items.push(...f.items);
      fetched.links.push(...f.links);
    };
    /** One query: numbers to look up and conditions to search for, every record sorted into what it answers. */
    const lookUpAndSearch = async (table: string, numbers: string[], conditions: readonly string[]) => {
      const limit = numbers.length + reverseLimit;
      const lookup = numbers.length > 0 ? `numberIN${numbers.join(',')}^NQ` : '';
      const records = await query(
        table,
        `${lookup}${conditions.join('^OR')}^ORDERBYpriority`,
        limit,
        context.signal,
        skipped,
      );
      learnKeyFields(table, records);
      const asked = new Set(numbers);
      lookUp(records.filter((r) => asked.has(value(r.number).toUpperCase())));
      const f = toFound(records, context, linksOf, skipped);
      // Keep only records that really point at a target, in the fields read: an instance drops conditions on
      // unknown fields (a search field or key field it lacks; an ^NQ query left empty matches every row), which
      // would otherwise widen the search to every incident.
      const targetRefs = new Set(targets.map((t) => t.ref));
      const pointing = new Set(f.links.filter((l) => targetRefs.has(l.to)).map((l) => l.from));
      const urlLinks = f.items.flatMap((item) => urlMentions(item, needles, records));
      for (const l of urlLinks) pointing.add(l.from);
      referencing.items.push(...f.items.filter((i) => pointing.has(i.ref)));
      referencing.links.push(...f.links.filter((l) => pointing.has(l.from)), ...urlLinks);
      // Search hits filling the page may have pushed some of the numbers out: those are asked for alone.
      const missing = numbers.filter((n) => !records.some((r) => value(r.number).toUpperCase() === n));
      return missing.length > 0 && records.length >= limit ? missing : [];
    };
    for (const table of new Set([...byTable.keys(), ...searched])) {
      const parts = chunk(byTable.get(table) ?? [], 100);
      if (searched.includes(table)) {
        const present = await keyFieldsOn(table, context.signal);
        const conditions = needles.flatMap(({ target, text }) => [
          ...searchFields.map((f) => `${f}LIKE${safeValue(text)}`),
          ...(keyInFields(target) ? present.map((f) => `${f}=${safeValue(text)}`) : []),
        ]);
        // The first query carries the first numbers beside the first conditions; the other conditions go alone.
        const [first, ...more] = packByLength(conditions, maxConditionsLength, '^OR', encodedLength);
        const missing = await lookUpAndSearch(table, parts.shift() ?? [], first ?? []);
        if (missing.length > 0) parts.unshift(missing);
        for (const group of more) await lookUpAndSearch(table, [], group);
      }
      for (const part of parts) {
        const records = await query(table, `numberIN${part.join(',')}`, part.length, context.signal, skipped);
        learnKeyFields(table, records);
        // Only the numbers asked for: an instance drops a condition it finds invalid and answers with any rows
        // (glide.invalid_query.returns_no_rows is false by default; see the replica's servicenow/query.ts).
        const asked = new Set(part);
        lookUp(records.filter((r) => asked.has(value(r.number).toUpperCase())));
      }
    }
    const partial = await readNotes(fetched, lookedUp, context, skipped, startedNotes);
    if (partial.length > 0) fetched.partial = partial;
    // One query answered both halves: what it left out is told with each, and told once (resolver.ts).
    const notes = [...new Set(skipped)];
    if (notes.length > 0) {
      fetched.notes = notes;
      referencing.notes = notes;
    }
    return { fetched, referencing };
  }

  /** A record's journal fields as display values (every entry, newest first), by a query naming one record. */
  async function notesOf(
    table: string,
    query: string,
    signal: AbortSignal | undefined,
  ): Promise<ServiceNowRecord | undefined> {
    const body = await http.get(`/api/now/table/${table}`, tableResponseSchema, {
      searchParams: {
        sysparm_query: query,
        sysparm_fields: 'sys_id,number,work_notes,comments',
        sysparm_display_value: 'true',
        sysparm_limit: 1,
      },
      ...(signal ? { signal } : {}),
    });
    return body.result[0];
  }

  /**
   * Mentions in the work notes and additional comments of the looked-up customer records whose links are followed
   * (the page's subject: at most `maxNoteReads`), one request each: the record's journal fields as display values
   * (every entry, newest first; `sys_journal_field` is often hidden from fulfillers). In the resolver's lookups the
   * other customer records are `partial`: a cache answers for them only where their links are not followed.
   * Returns those refs.
   */
  async function readNotes(
    fetched: Found,
    records: readonly ServiceNowRecord[],
    context: LookupContext,
    skipped: string[],
    started: ReadonlyMap<string, Promise<ServiceNowRecord | undefined>>,
  ): Promise<string[]> {
    const customers = fetched.items.filter((i) => customerKinds.has(i.kind));
    const chosen = customers.filter((i) => context.followsLinksOf?.(i) === true).slice(0, maxNoteReads);
    const read = new Set<string>();
    for (const item of chosen) {
      const sysId = value(records.find((r) => value(r.number).toUpperCase() === item.key)?.sys_id);
      if (!/^[0-9A-Za-z]{1,64}$/.test(sysId)) continue;
      try {
        const record = await (started.get(item.key) ??
          notesOf(tableOfNumber(item.key), `sys_id=${sysId}`, context.signal));
        const texts = [
          { text: display(record?.work_notes).slice(0, maxNoteChars), where: 'work notes' },
          { text: display(record?.comments).slice(0, maxNoteChars), where: 'comments' },
        ];
        const extract = (text: string) => refsIn(text, context.extract);
        const known = new Set(fetched.links.filter((l) => l.from === item.ref).map((l) => l.to));
        fetched.links.push(...mentionLinks(item.ref, texts, extract).filter((l) => !known.has(l.to)));
        read.add(item.ref);
      } catch (error) {
        // Notes hidden from this user (a field ACL) or a failed read cost only the notes' links.
        if (!(error instanceof SourceFailure)) throw error;
        if (error.kind !== 'forbidden' && error.kind !== 'not-found')
          skipped.push(`${item.key}: its work notes were not read (${error.userMessage})`);
        else read.add(item.ref);
      }
    }
    // Only a lookup that says whose links it follows (the resolver's) leaves the others partial: a badge's or a
    // watch's lookup reads no notes and wants none, and its entries stay as complete as they always were.
    if (!context.followsLinksOf) return [];
    return customers.flatMap((i) => (read.has(i.ref) ? [] : [i.ref]));
  }

  return {
    system: 'servicenow',
    connection,
    refHost,
    owns: (ref: Ref) => ref.system === 'servicenow' && ref.host === refHost,
    kindOf: (ref) => (ref.system === 'servicenow' ? kindOfNumber(ref.number) : undefined),

    fetchItems: (refs, context) => fetchAndFind(refs, [], context).then((r) => r.fetched),
    findReferencing: (targets, context) => fetchAndFind([], targets, context).then(referencingOf),
    fetchAndFind,

    /** Which configured key fields exist on the searched tables (asked once; see `keyFieldsOn`). */
    async discover(signal) {
      await Promise.all(tables.map((table) => keyFieldsOn(table, signal)));
      return {};
    },

    async search(text, { limit, signal }) {
      const q = textSearchQuery(text, searchFields);
      if (!q) return [];
      const tablesRecords = await Promise.all(tables.map((table) => query(table, q, limit, signal)));
      const { kept } = mapEach(
        tablesRecords.flat(),
        (record) => value(record.number),
        (record) => {
          const item = mapRecord(record, connection.baseUrl, refHost);
          return item && withSafeUrl(item, connection);
        },
      );
      return newestFirst(kept.map((k) => k.to)).slice(0, limit);
    },

    knowledge: (query, { signal }) => servicenowKnowledge(http, connection, refHost, query, signal),

    async whoAmI() {
      const user = connection.auth.type === 'basic' ? connection.auth.username : '';
      const body = await http.get('/api/now/table/sys_user', currentUserSchema, {
        searchParams: {
          sysparm_query: `user_name=${safeValue(user)}`,
          sysparm_fields: 'user_name,name',
          sysparm_limit: 1,
        },
      });
      const record = Array.isArray(body.result) ? body.result[0] : undefined;
      return record ? display(record.name) || display(record.user_name) || user : user;
    },
  };
}

/** Links for incidents that mention a target's URL (a PR pasted into the description). */
function urlMentions(
  item: Item,
  needles: { target: Target; text: string }[],
  records: ServiceNowRecord[],
): Link[] {
  const record = records.find((r) => value(r.number).toUpperCase() === item.key);
  if (!record) return [];
  const haystack = `${display(record.short_description)}\n${display(record.description)}`;
  return needles
    .filter(({ target }) => !matchedByKey(target) && haystack.includes(target.url))
    .map(({ target }) => ({
      from: item.ref,
      to: target.ref,
      via: 'mention' as const,
      detail: 'description',
    }));
}
