import { withSafeUrl } from '../../core/item-links';
import type { Item, StatusCategory } from '../../core/model';
import { formatRef } from '../../core/refs';
import type { Connection } from '../../core/settings';
import type { HttpClient } from '../../providers/http';
import { mapEach, skippedIn } from '../../providers/items';
import {
  type KnowledgeFound,
  type KnowledgeQuery,
  MAX_ARTICLES,
  textOfHtml,
  verifiedArticle,
} from '../../providers/knowledge';
import { date } from './mapping';
import { display, type ServiceNowRecord, tableResponseSchema, value } from './schemas';

/**
 * Knowledge articles from ServiceNow's `kb_knowledge` through the Table API (columns:
 * ../shared/reference/servicenow/kb_knowledge-columns.json), in one query:
 *
 *   workflow_state=published^textLIKESHOP-101^ORshort_descriptionLIKESHOP-101^ORmetaLIKESHOP-101^OR…
 *   ^NQworkflow_state=published^123TEXTQUERY321=checkout^OR123TEXTQUERY321=timeout
 *   ^ORDERBYDESCsys_updated_on
 *
 * By reference: LIKE (a substring) on the article's body (`text`, HTML), title (`short_description`) and keywords
 * (`meta`). By the bug's words: `123TEXTQUERY321`, the encoded query's keyword-search pseudo-field (the list views'
 * "Search" box writes it; used against `kb_knowledge` through the Table API by integrations, e.g.
 * `sysparm_query=123TEXTQUERY321%3D<text>`). ServiceNow's product documentation does not describe it for the Table
 * API, and whether several words in one condition are AND-ed (IR_AND_QUERY) or OR-ed depends on the instance's
 * search settings, so each word is its own condition, OR-ed, and what comes back is verified here: a by-reference
 * hit must contain the key as a whole token, a by-words hit at least two of the words (knowledge.ts). `^NQ` starts
 * a new OR-ed query, so each half repeats `workflow_state=published`; a draft or retired article never shows even
 * if an instance drops a condition it finds invalid (its `workflow_state` is checked again below).
 */

export const knowledgeFields = [
  'sys_id',
  'number',
  'short_description',
  'text',
  'meta',
  'workflow_state',
  'sys_updated_on',
  'kb_knowledge_base',
].join(',');

/** Rows read: a few more than are shown, since some hits do not survive verification. */
const rowsRead = MAX_ARTICLES * 3;

/** Encoded-query values cannot carry ^ (the condition separator); keys and words never do, but say so. */
const safe = (s: string) => s.replace(/[\^=]/g, ' ').trim();

export function knowledgeEncodedQuery(query: KnowledgeQuery): string | undefined {
  const byKey = query.keys.flatMap(({ key }) =>
    safe(key) ? ['text', 'short_description', 'meta'].map((f) => `${f}LIKE${safe(key)}`) : [],
  );
  const byWords = query.words.flatMap((w) => (safe(w) ? [`123TEXTQUERY321=${safe(w)}`] : []));
  const halves = [byKey, byWords]
    .filter((conditions) => conditions.length > 0)
    .map((conditions) => `workflow_state=published^${conditions.join('^OR')}`);
  return halves.length > 0 ? `${halves.join('^NQ')}^ORDERBYDESCsys_updated_on` : undefined;
}

const stateCategories: Record<string, StatusCategory> = {
  published: 'done',
  draft: 'todo',
  review: 'in_progress',
  scheduled: 'in_progress',
  retired: 'cancelled',
  outdated: 'cancelled',
};

/** A `kb_knowledge` row as an item; undefined when it has no KB number. */
export function mapArticle(record: ServiceNowRecord, connection: Connection, refHost: string | undefined) {
  const number = value(record.number).toUpperCase();
  if (!/^KB\d+$/.test(number)) return undefined;
  const state = value(record.workflow_state).toLowerCase();
  const base = connection.baseUrl.replace(/\/+$/, '');
  const item: Item = {
    ref: formatRef({ system: 'servicenow', ...(refHost ? { host: refHost } : {}), number }),
    system: 'servicenow',
    kind: 'knowledge',
    key: number,
    title: display(record.short_description) || number,
    // The article as readers see it (the platform's knowledge view, by number).
    url: `${base}/kb_view.do?sysparm_article=${encodeURIComponent(number)}`,
    status: {
      name: display(record.workflow_state) || state || 'Unknown',
      category: stateCategories[state] ?? 'in_progress',
    },
  };
  const updated = date(record, 'sys_updated_on');
  if (updated) item.updatedAt = updated;
  return withSafeUrl(item, connection);
}

export async function servicenowKnowledge(
  http: HttpClient,
  connection: Connection,
  refHost: string | undefined,
  query: KnowledgeQuery,
  signal?: AbortSignal,
): Promise<KnowledgeFound> {
  const sysparmQuery = knowledgeEncodedQuery(query);
  if (!sysparmQuery) return { items: [], links: [] };
  const body = await http.get('/api/now/table/kb_knowledge', tableResponseSchema, {
    searchParams: {
      sysparm_query: sysparmQuery,
      sysparm_fields: knowledgeFields,
      sysparm_display_value: 'all',
      sysparm_exclude_reference_link: 'true',
      sysparm_limit: rowsRead,
    },
    ...(signal ? { signal } : {}),
  });
  const { kept, notes } = mapEach(
    body.result,
    (record) => value(record.number),
    (record) => {
      // Published only, whatever the instance made of the query.
      if (value(record.workflow_state).toLowerCase() !== 'published') return undefined;
      const item = mapArticle(record, connection, refHost);
      if (!item) return undefined;
      const text = [
        display(record.short_description),
        display(record.meta),
        textOfHtml(value(record.text)),
      ].join('\n');
      const verified = verifiedArticle(item.ref, text, query);
      return verified && { item, links: verified.links };
    },
  );
  const shown = kept.slice(0, MAX_ARTICLES);
  const all = [...skippedIn(body.result), ...notes];
  return {
    items: shown.map((k) => k.to.item),
    links: shown.flatMap((k) => k.to.links),
    ...(all.length ? { notes: all } : {}),
  };
}
