import { z } from 'zod';
import type { Item } from '../../core/model';
import { parseRef } from '../../core/refs';
import type { Connection } from '../../core/settings';
import { markerLine, markersIn } from '../../core/writes';
import { SourceFailure } from '../../providers/errors';
import { createHttpClient } from '../../providers/http';
import { transportOptions } from '../../providers/options';
import type { ProviderOptions } from '../../providers/provider';
import type { ArticleDraft, MarkerRead, SystemWriter, WriteResult } from '../writer';
import { asServiceNowRef } from './grammar';
import { mapArticle } from './knowledge';
import { tableOfNumber } from './mapping';
import { display, fieldSchema, recordSchema, value } from './schemas';

/**
 * What Liaison writes on ServiceNow (issue 14, docs/write-back-research.md §3): work notes on task records (a
 * journal field: every PATCH appends an entry, nothing deduplicates, so each note ends with its marker line and
 * the journal is read for it first) and draft `kb_knowledge` articles. All through the Table API:
 *
 * - the record by number: `GET /api/now/table/{table}?sysparm_query=number=INC…&sysparm_fields=sys_id,number,state`
 *   (the table from the number's prefix, grammar.ts);
 * - a note: `PATCH /api/now/table/{table}/{sys_id}?sysparm_fields=sys_id,number` `{"work_notes": text}`;
 * - the journal: `GET /api/now/table/sys_journal_field?sysparm_query=element_id=…^elementINwork_notes,comments^…`,
 *   newest first, 100 rows; often ACL-restricted, so the record's `work_notes`/`comments` display values (every
 *   entry, concatenated) are read when it shows nothing;
 * - the link field, when the connection sets `linkField` (research §3.2): read with the record by number
 *   (`sysparm_fields=sys_id,number,state,<field>`; a column the instance lacks, or hides from the user, is left out
 *   of the answer), set with `PATCH /api/now/table/{table}/{sys_id}?sysparm_fields=<field>` `{<field>: key}`, and the
 *   answer's value compared with what was sent (a field ACL, or an unknown column, answers 200 and stores nothing);
 * - a draft: `POST /api/now/table/kb_knowledge` `{short_description ≤ 100, text, kb_knowledge_base, workflow_state}`.
 *
 * ServiceNow has no "may I write?" call: the first write tells. A field-level ACL can answer 200 to a PATCH and
 * not store the note (research §3.1), so every note is read back after it is written.
 */

/** A column name as the dictionary makes them: lower-case, starting with a letter, at most 80 characters. */
export const LINK_FIELD_PATTERN = /^[a-z][a-z0-9_]{0,79}$/;

/** A connection's ServiceNow write settings, kept on its entry in `settings.connections` (loose fields). */
export const servicenowWriteSettingsSchema = z.looseObject({
  /** The `kb_knowledge_base` sys_id drafts go to; without it, the first active knowledge base. */
  knowledgeBase: z
    .string()
    .regex(/^[0-9A-Za-z]{1,64}$/, 'a knowledge base sys_id is letters and digits')
    .optional(),
  /**
   * A column of the ticket's table that link-bug sets to the bug's key instead of adding a work note (research
   * §3.2), e.g. `u_jira_key`. Absent: the work note.
   */
  linkField: z
    .string()
    .regex(LINK_FIELD_PATTERN, 'a column name is lower-case letters, digits and _ (e.g. u_jira_key)')
    .optional(),
});

/** The knowledge base a connection drafts in, if set (a malformed one is ignored, as settings sections are). */
export function knowledgeBaseOf(connection: Connection): string | undefined {
  const parsed = servicenowWriteSettingsSchema.safeParse(connection);
  return parsed.success ? parsed.data.knowledgeBase : undefined;
}

/** The ServiceNow link field a connection writes instead of a work note, if set (a malformed one is ignored). */
export function serviceNowLinkFieldOf(connection: Connection): string | undefined {
  const parsed = servicenowWriteSettingsSchema.safeParse(connection);
  return parsed.success ? parsed.data.linkField : undefined;
}

/** `kb_knowledge.short_description` holds at most 100 characters (reference/servicenow/kb_knowledge-columns.json). */
export const SHORT_DESCRIPTION_MAX = 100;

/** Journal rows read back (newest first): one page. */
const JOURNAL_ROWS = 100;

const oneRecordSchema = z.looseObject({ result: recordSchema });
const recordsSchema = z.looseObject({ result: z.array(z.unknown()).max(1000) });
const journalRowSchema = z.looseObject({
  value: fieldSchema.optional(),
  element: fieldSchema.optional(),
});

/** What people call a table's records in a sentence. */
const tableNames: Record<string, string> = {
  incident: 'incident',
  problem: 'problem',
  change_request: 'change request',
  sc_request: 'request',
  sc_req_item: 'requested item',
  sc_task: 'catalog task',
  problem_task: 'problem task',
  change_task: 'change task',
};
const tableName = (table: string) => tableNames[table] ?? 'record';

/** The title cut to what `short_description` holds, with an ellipsis when cut. */
export const shortDescription = (title: string): string => {
  const clean = title.replace(/\s+/g, ' ').trim();
  return clean.length > SHORT_DESCRIPTION_MAX ? `${clean.slice(0, SHORT_DESCRIPTION_MAX - 1)}…` : clean;
};

/**
 * Journal fields render text inside `[code]…[/code]` as HTML (research §3.4): a note quotes other systems' titles,
 * so those tags are broken up and the note is shown as the plain text it is.
 */
const plainJournalText = (text: string) => text.replace(/\[(\/?)code\]/gi, '[$1code\u200b]');

export function createServiceNowWriter(options: ProviderOptions): SystemWriter {
  const { connection, refHost } = options;
  if (connection.system !== 'servicenow')
    throw new Error(`createServiceNowWriter: connection ${connection.id} is ${connection.system}`);
  if (connection.write !== true)
    throw new Error(`createServiceNowWriter: connection ${connection.id} does not allow writing`);
  const http = createHttpClient({
    system: 'servicenow',
    baseUrl: connection.baseUrl,
    auth: connection.auth,
    ...transportOptions(options),
  });
  const host = http.host;
  const name = `ServiceNow (${host})`;
  const knowledgeBase = knowledgeBaseOf(connection);
  const linkField = serviceNowLinkFieldOf(connection);
  const sysIds = new Map<string, string>();

  const fail = (kind: SourceFailure['kind'], message: string, status?: number, from?: SourceFailure) =>
    new SourceFailure('servicenow', host, kind, message, status, from?.retryAt, from?.messages ?? []);

  /** The record an item names: its number and table. */
  function recordOf(item: Item): { number: string; table: string } {
    const ref = asServiceNowRef(parseRef(item.ref));
    if (!ref)
      throw fail('config', `${item.key} is not a ServiceNow record; Liaison cannot write a work note on it.`);
    return { number: ref.number, table: tableOfNumber(ref.number) };
  }

  /** The record's sys_id, by number (asked once per writer). */
  async function sysIdOf(number: string, table: string, signal?: AbortSignal): Promise<string> {
    const known = sysIds.get(number);
    if (known) return known;
    const body = await http.get(`/api/now/table/${table}`, recordsSchema, {
      searchParams: {
        sysparm_query: `number=${number}`,
        sysparm_fields: 'sys_id,number,state',
        sysparm_limit: 1,
      },
      ...(signal ? { signal } : {}),
    });
    // Only the number asked for: an instance drops a condition it finds invalid and answers with any row.
    const record = body.result
      .map((r) => recordSchema.safeParse(r))
      .flatMap((r) => (r.success ? [r.data] : []))
      .find((r) => value(r.number).toUpperCase() === number);
    const sysId = record && value(record.sys_id);
    if (!sysId || !/^[0-9A-Za-z]{1,64}$/.test(sysId)) {
      throw fail(
        'not-found',
        `${name} has no ${tableName(table)} ${number} that your user can read. Check the number, or your read access to ${table}.`,
      );
    }
    sysIds.set(number, sysId);
    return sysId;
  }

  /** Markers in the record's journal (work notes and additional comments), or why it cannot tell. */
  async function markersOf(number: string, table: string, signal?: AbortSignal): Promise<MarkerRead> {
    const sysId = await sysIdOf(number, table, signal);
    const tokens = new Set<string>();
    let journalReadable = true;
    try {
      const body = await http.get('/api/now/table/sys_journal_field', recordsSchema, {
        searchParams: {
          sysparm_query: `element_id=${sysId}^elementINwork_notes,comments^ORDERBYDESCsys_created_on`,
          sysparm_fields: 'value,element,sys_created_on',
          sysparm_limit: JOURNAL_ROWS,
        },
        ...(signal ? { signal } : {}),
      });
      for (const raw of body.result) {
        const row = journalRowSchema.safeParse(raw);
        if (row.success) for (const t of markersIn(display(row.data.value))) tokens.add(t);
      }
      // Fewer rows than a page: every entry was read. None, or a full page: the display values hold every entry.
      if (body.result.length > 0 && body.result.length < JOURNAL_ROWS) return { known: true, tokens };
    } catch (error) {
      // The journal table is ACL-restricted (403), hidden (404) or refused as a table (400) for this user: the
      // record's own fields may still show its notes.
      if (!(error instanceof SourceFailure) || ![400, 403, 404].includes(error.status ?? 0)) throw error;
      journalReadable = false;
    }
    // No rows (an itil user often sees none: research §3.1), or more than one page: the record's journal
    // fields, every entry concatenated newest first.
    const record = await http.get(`/api/now/table/${table}`, recordsSchema, {
      searchParams: {
        sysparm_query: `sys_id=${sysId}`,
        sysparm_fields: 'sys_id,work_notes,comments',
        sysparm_display_value: 'true',
        sysparm_limit: 1,
      },
      ...(signal ? { signal } : {}),
    });
    const row = record.result.map((r) => recordSchema.safeParse(r)).find((r) => r.success)?.data;
    const text = row ? `${display(row.work_notes)}\n${display(row.comments)}` : '';
    if (text.length > 200_000)
      return {
        known: false,
        reason: `${number} has more notes than Liaison reads (200,000 characters); it cannot tell whether this note is already there.`,
      };
    for (const t of markersIn(text)) tokens.add(t);
    if (!row || (!journalReadable && !text.trim()))
      return {
        known: false,
        reason: `${name} does not let your user read the work notes of ${number}, so Liaison cannot tell whether this note is already there.`,
      };
    return { known: true, tokens };
  }

  /** A failed write as a sentence naming the record and the fix; never retried, so a 5xx leaves it unknown. */
  function writeFailure(error: unknown, what: string, table: string, refusal: string): never {
    if (!(error instanceof SourceFailure)) throw error;
    if (error.kind === 'forbidden') throw fail('forbidden', refusal, error.status, error);
    if (error.kind === 'unavailable' || error.kind === 'timeout' || error.kind === 'offline')
      throw fail(
        error.kind,
        `${name} did not confirm ${what} (${error.status ?? error.kind}): it may or may not have been stored, and Liaison did not send it again. Preview again to check before writing again.`,
        error.status,
        error,
      );
    if (error.kind === 'not-found')
      throw fail(
        'not-found',
        `${name} answered 404 to ${what}: the ${tableName(table)} may be gone, or your user may not read it. Refresh the page and check ${table} access.`,
        error.status,
        error,
      );
    throw error;
  }

  /** The link field's value on a record (and its sys_id, learned on the way), or why it cannot be read. */
  async function fieldOf(
    number: string,
    table: string,
    field: string,
    signal?: AbortSignal,
  ): Promise<{ value: string } | { problem: string }> {
    const body = await http.get(`/api/now/table/${table}`, recordsSchema, {
      searchParams: {
        sysparm_query: `number=${number}`,
        sysparm_fields: `sys_id,number,state,${field}`,
        sysparm_limit: 1,
      },
      ...(signal ? { signal } : {}),
    });
    const record = body.result
      .map((r) => recordSchema.safeParse(r))
      .flatMap((r) => (r.success ? [r.data] : []))
      .find((r) => value(r.number).toUpperCase() === number);
    const sysId = record && value(record.sys_id);
    if (!record || !sysId || !/^[0-9A-Za-z]{1,64}$/.test(sysId))
      return {
        problem: `${name} has no ${tableName(table)} ${number} that your user can read. Check the number, or your read access to ${table}.`,
      };
    sysIds.set(number, sysId);
    // The Table API leaves out a column the table does not have, or that a field ACL hides from this user.
    if (!(field in record))
      return {
        problem: `${name} shows no field ${field} on ${table} ${number}: the column may not exist on ${table}, or your user may not read it. Check the link field in Liaison options (a column name such as u_jira_key).`,
      };
    return { value: value(record[field]).trim() };
  }

  const linkFieldWriter = (field: string): NonNullable<SystemWriter['linkField']> => ({
    name: `field ${field}`,
    where(item) {
      const { number, table } = recordOf(item);
      return `Field ${field} on ServiceNow ${tableName(table)} ${number}`;
    },
    read(item, signal) {
      const { number, table } = recordOf(item);
      return fieldOf(number, table, field, signal);
    },
    async write(item, wanted, signal): Promise<WriteResult> {
      const { number, table } = recordOf(item);
      const sysId = await sysIdOf(number, table, signal);
      let answer: z.infer<typeof oneRecordSchema>;
      try {
        // Setting a value is idempotent (the same value twice changes nothing): it may be retried.
        answer = await http.patch(`/api/now/table/${table}/${sysId}`, { [field]: wanted }, oneRecordSchema, {
          searchParams: { sysparm_fields: field },
          idempotent: true,
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        writeFailure(
          error,
          `the field ${field} on ${number}`,
          table,
          `${name} refused to set ${field} on ${number}: your role lacks write access (ACL) to ${table}. Ask your ServiceNow admin for the itil role, or write a work note instead (clear the link field in Liaison options).`,
        );
      }
      // A field ACL, or a column the table lacks, answers 200 and stores nothing (research §3.1): read it back.
      const stored = field in answer.result ? value(answer.result[field]).trim() : undefined;
      if (stored !== wanted)
        throw fail(
          'forbidden',
          `${name} accepted the update of ${number} but did not store ${wanted} in ${field} (it holds ${stored ? `"${stored.slice(0, 100)}"` : 'nothing'}): your user may not write ${field} on ${table} (a field ACL), or the column does not exist there. Ask your ServiceNow admin, or check the link field in Liaison options.`,
        );
      return { created: true, ...(item.url ? { url: item.url } : {}) };
    },
  });

  return {
    ...(linkField ? { linkField: linkFieldWriter(linkField) } : {}),

    noteWhere(item) {
      const { number, table } = recordOf(item);
      return `Work note on ServiceNow ${tableName(table)} ${number}`;
    },

    noteBody: (text, marker) => `${plainJournalText(text).trimEnd()}\n\n${markerLine(marker)}`,

    async readMarkers(item, signal) {
      const { number, table } = recordOf(item);
      return markersOf(number, table, signal);
    },

    async addNote(item, body, signal): Promise<WriteResult> {
      const { number, table } = recordOf(item);
      const sysId = await sysIdOf(number, table, signal);
      try {
        await http.patch(`/api/now/table/${table}/${sysId}`, { work_notes: body }, oneRecordSchema, {
          searchParams: { sysparm_fields: 'sys_id,number' },
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        writeFailure(
          error,
          `the work note on ${number}`,
          table,
          `${name} refused the work note on ${number}: your role lacks write access (ACL) to ${table} work notes. Ask your ServiceNow admin for the itil role.`,
        );
      }
      // A field ACL may answer 200 and drop the note: read it back by its marker.
      const marker = markersIn(body).at(-1);
      if (marker) {
        const back = await markersOf(number, table, signal);
        if (back.known && !back.tokens.has(marker))
          throw fail(
            'forbidden',
            `${name} accepted the update of ${number} but did not store the work note: your role may not write work notes on ${table}. Ask your ServiceNow admin for the itil role.`,
          );
      }
      return { created: true, ...(item.url ? { url: item.url } : {}) };
    },

    // ServiceNow cannot say before a write whether it will be allowed; a note's record must exist and be readable.
    async precheck(item, write, signal) {
      if (write !== 'note') return undefined;
      const { number, table } = recordOf(item);
      try {
        await sysIdOf(number, table, signal);
        return undefined;
      } catch (error) {
        if (error instanceof SourceFailure && error.kind === 'not-found') return error.userMessage;
        throw error;
      }
    },

    async writeAccess(signal) {
      // The link field must be a column of the ticket tables: one incident read with it tells (the Table API leaves
      // out a column the table lacks or the user may not read).
      if (linkField) {
        const body = await http.get('/api/now/table/incident', recordsSchema, {
          searchParams: { sysparm_fields: `sys_id,${linkField}`, sysparm_limit: 1 },
          ...(signal ? { signal } : {}),
        });
        const row = body.result.map((r) => recordSchema.safeParse(r)).find((r) => r.success)?.data;
        if (row && !(linkField in row))
          return {
            ok: false,
            message: `${name} shows no field ${linkField} on incident: the column may not exist, or your user may not read it. Check the link field in Liaison options (a column name such as u_jira_key).`,
          };
      }
      return {
        ok: true,
        message: `ServiceNow does not say before a write whether your role may write work notes${linkField ? ` or the field ${linkField}` : ''}; the first write will.${knowledgeBase ? '' : ' Draft articles go to the first active knowledge base unless one is set in Liaison options.'}`,
      };
    },

    articleWhere: () =>
      knowledgeBase
        ? `Draft article in ServiceNow knowledge base ${knowledgeBase} (${host})`
        : `Draft article in the first active ServiceNow knowledge base (${host})`,

    async draftArticle(draft: ArticleDraft, signal): Promise<WriteResult> {
      const base = knowledgeBase ?? (await firstKnowledgeBase(signal));
      let created: z.infer<typeof oneRecordSchema>;
      try {
        created = await http.post(
          '/api/now/table/kb_knowledge',
          {
            short_description: shortDescription(draft.title),
            text: draft.html,
            kb_knowledge_base: base,
            workflow_state: 'draft',
          },
          oneRecordSchema,
          signal ? { signal } : {},
        );
      } catch (error) {
        writeFailure(
          error,
          'the draft article',
          'kb_knowledge',
          `${name} refused the draft article: your user may not contribute to knowledge base ${base} (ACL). Ask your ServiceNow admin for the knowledge role or contribute access to that knowledge base.`,
        );
      }
      const article = mapArticle(
        { ...created.result, workflow_state: 'draft', short_description: shortDescription(draft.title) },
        connection,
        refHost,
      );
      if (!article)
        throw fail(
          'schema',
          `${name} created the draft article but did not say its KB number; find it among your drafts in ServiceNow.`,
        );
      return { created: true, ref: article.ref, ...(article.url ? { url: article.url } : {}) };
    },
  };

  /** The first active knowledge base the user can see, for a connection without one set. */
  async function firstKnowledgeBase(signal?: AbortSignal): Promise<string> {
    const body = await http.get('/api/now/table/kb_knowledge_base', recordsSchema, {
      searchParams: { sysparm_query: 'active=true', sysparm_fields: 'sys_id,title', sysparm_limit: 1 },
      ...(signal ? { signal } : {}),
    });
    const row = body.result.map((r) => recordSchema.safeParse(r)).find((r) => r.success)?.data;
    const sysId = row ? value(row.sys_id) : '';
    if (!/^[0-9A-Za-z]{1,64}$/.test(sysId))
      throw fail(
        'config',
        `${name} shows your user no active knowledge base. Set the connection's knowledge base (its sys_id) in Liaison options, or ask your ServiceNow admin for contribute access to one.`,
      );
    return sysId;
  }
}
