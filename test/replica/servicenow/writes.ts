/**
 * ServiceNow Table API writes (issue 14; docs/write-back-research.md §3):
 * - `PATCH|PUT /api/now/table/{incident|problem|change_request|sc_request}/{sys_id}` (PUT = PATCH on the Table API,
 *   KB0534905; "Table API", https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html): `work_notes` and
 *   `comments` are journal fields, each write one more entry (no dedupe; an empty value adds nothing); `u_jira_key`
 *   is set; every other field is left as it is and the answer is still 200 (what real instances do with fields
 *   that do not exist or that a field ACL denies — the silent case clients must read back).
 * - `POST /api/now/table/kb_knowledge` → 201: a draft article (`workflow_state` draft whatever is sent: publishing
 *   goes through the knowledge base's workflow, never the Table API), number KB00xxxxx.
 * - The read-only user: 403 "ACL Exception Update|Insert Failed due to security constraints", nothing stored.
 * - The field-restricted user (`credentials.fieldRestricted`): a field-level write ACL denies `u_jira_key`, so
 *   setting it answers 200 with the record as it is (research §3.1: "Integration user receiving HTTP 200 but the
 *   field values not persisting", https://www.buildforce.io/fix/servicenow-acl-blocking-update); work notes are kept.
 */
import type { Access } from '../credentials.ts';
import { indexOf } from '../dataset/lookup.ts';
import { stableHex } from '../dataset/prng.ts';
import type { Dataset, KbArticle, Note, SnowRecord } from '../dataset/types.ts';
import { vendorError } from '../errors.ts';
import {
  invalidJson,
  json,
  parseJsonBody,
  type ReplicaRequest,
  type ReplicaResponse,
  writeTime,
} from '../http.ts';
import { invalidateRows, knowledgeBases } from './tables.ts';

/** The person the writing credentials act as (the same user `current_user` answers). */
export const snowMe = 'sam';
/** `kb_knowledge.short_description` is a String of max length 100 (reference/servicenow/kb_knowledge-columns.json). */
export const maxKbTitle = 100;

export const writableTables = ['incident', 'problem', 'change_request', 'sc_request'] as const;

const aclFailure = (verb: 'Update' | 'Insert'): ReplicaResponse =>
  json(403, {
    error: {
      message: 'Operation Failed',
      detail: `ACL Exception ${verb} Failed due to security constraints`,
    },
    status: 'failure',
  });

const badBody = (): ReplicaResponse =>
  json(400, {
    error: { message: 'Exception while reading request', detail: 'The payload is not valid JSON.' },
    status: 'failure',
  });

function objectBody(req: ReplicaRequest): Record<string, unknown> | undefined {
  const body = parseJsonBody(req);
  if (body === invalidJson || typeof body !== 'object' || body === null || Array.isArray(body))
    return undefined;
  return body as Record<string, unknown>;
}

/** A journal field's input as ServiceNow takes it: a string (numbers are stringified); blank adds nothing. */
const journalInput = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

/** Updates a task record; answers the record's sys_id to render, or the refusal. */
export function updateRecord(
  req: ReplicaRequest,
  ds: Dataset,
  table: string,
  sysId: string,
  access: Access,
  deniedFields: readonly string[] = [],
): { record: SnowRecord } | { refusal: ReplicaResponse } {
  const record = indexOf(ds).snowBySysId.get(sysId);
  if (!record || record.table !== table) return { refusal: vendorError('servicenow', '404') };
  if (access !== 'write') return { refusal: aclFailure('Update') };
  const b = objectBody(req);
  if (!b) return { refusal: badBody() };
  const at = writeTime();
  const append = (list: Note[], v: unknown) => {
    const text = journalInput(v);
    if (text === undefined || text.trim() === '') return false;
    list.push({ authorKey: snowMe, at, text });
    return true;
  };
  let changed = append(record.workNotes, b.work_notes);
  changed = append(record.comments, b.comments) || changed;
  if (typeof b.u_jira_key === 'string' && !deniedFields.includes('u_jira_key')) {
    record.jiraKey = b.u_jira_key === '' ? undefined : b.u_jira_key;
    changed = true;
  }
  if (changed) {
    record.updatedAt = at;
    invalidateRows(ds);
  }
  return { record };
}

/** Creates a draft knowledge article; answers it, or the refusal. */
export function createArticle(
  req: ReplicaRequest,
  ds: Dataset,
  access: Access,
): { article: KbArticle } | { refusal: ReplicaResponse } {
  if (access !== 'write') return { refusal: aclFailure('Insert') };
  const b = objectBody(req);
  if (!b) return { refusal: badBody() };
  const title = typeof b.short_description === 'string' ? b.short_description : '';
  // stricter than an instance that may truncate (not verified, research §3.5): refuse what does not fit
  if (title.length > maxKbTitle)
    return {
      refusal: json(400, {
        error: {
          message: 'Invalid value for field short_description',
          detail: `short_description is longer than the field's maximum length of ${maxKbTitle}`,
        },
        status: 'failure',
      }),
    };
  const kb = typeof b.kb_knowledge_base === 'string' ? b.kb_knowledge_base : knowledgeBases[0].sysId;
  if (!knowledgeBases.some((k) => k.sysId === kb && k.active))
    return {
      refusal: json(400, {
        error: {
          message: 'Invalid value for field kb_knowledge_base',
          detail: `No active knowledge base ${kb}`,
        },
        status: 'failure',
      }),
    };
  ds.kbArticles ??= [];
  const articles = ds.kbArticles;
  const highest = articles.reduce((n, a) => Math.max(n, Number(a.number.slice(2)) || 0), 10000);
  const number = `KB${String(highest + 1).padStart(7, '0')}`;
  const article: KbArticle = {
    sysId: stableHex(`snow:kb_knowledge:${number}:${Date.now()}`, 32),
    number,
    shortDescription: title,
    text: typeof b.text === 'string' ? b.text : '',
    meta: typeof b.meta === 'string' ? b.meta : '',
    workflowState: 'draft',
    knowledgeBase: kb,
    authorKey: snowMe,
    updatedAt: writeTime(),
  };
  articles.push(article);
  invalidateRows(ds);
  return { article };
}
