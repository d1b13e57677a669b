/**
 * The tables the replica serves, built once per dataset. Columns beyond the incident dump cite the
 * platform docs (no reference file): sys_user https://www.servicenow.com/docs/ "User [sys_user] table",
 * core_company "Company [core_company]", task_sla "Task SLA [task_sla]" (stage, has_breached, percentage,
 * planned_end_time; https://www.servicenow.com/docs/csh?topicname=r_TaskSLATable.html). kb_knowledge: the columns of
 * ../shared/reference/servicenow/kb_knowledge-columns.json (@servicenow/sdk-core), `workflow_state` with the
 * platform's choice values (draft, review, published, retired; display values capitalised).
 */
import { stableHex } from '../dataset/prng.ts';
import type { Dataset } from '../dataset/types.ts';
import { type Row, ref, snowDate, str } from './columns.ts';
import { groupSysId, taskRow, userRow } from './rows.ts';

export const tableNames = [
  'incident',
  'problem',
  'change_request',
  'sc_request',
  'sc_req_item',
  'sys_user',
  'core_company',
  'sys_user_group',
  'task_sla',
  'kb_knowledge',
  'kb_knowledge_base',
  'sys_journal_field',
] as const;
export type TableName = (typeof tableNames)[number];

const cache = new WeakMap<Dataset, Map<TableName, Row[]>>();

/**
 * The instance's knowledge bases (`kb_knowledge_base`, "Knowledge bases", https://www.servicenow.com/docs/ Knowledge
 * Management): the active IT base every story article lives in, and a retired one (`active=false`) a client
 * must not pick.
 */
export const knowledgeBases = [
  { sysId: 'dfc19531bf2021003f07e2c1ac0739ab', title: 'IT', active: true, description: 'IT knowledge base' },
  {
    sysId: 'a7e8a78bff0221009b20ffffffffff17',
    title: 'Legacy FAQ',
    active: false,
    description: 'Retired knowledge base',
  },
] as const;

/** Forget the built rows of a dataset after a write changed its records (the next read rebuilds them). */
export function invalidateRows(ds: Dataset): void {
  cache.delete(ds);
}

const stageLabels: Record<string, string> = {
  in_progress: 'In progress',
  completed: 'Completed',
  paused: 'Paused',
  cancelled: 'Cancelled',
};

const workflowLabels: Record<string, string> = {
  draft: 'Draft',
  review: 'Review',
  published: 'Published',
  retired: 'Retired',
};

function build(ds: Dataset, table: TableName): Row[] {
  switch (table) {
    case 'kb_knowledge':
      return (ds.kbArticles ?? []).map((a) => {
        const author = ds.people.find((p) => p.key === a.authorKey);
        return {
          sys_id: str(a.sysId),
          number: str(a.number),
          display_number: str(a.number),
          short_description: str(a.shortDescription),
          text: str(a.text),
          meta: str(a.meta),
          meta_description: str(''),
          workflow_state: str(a.workflowState, workflowLabels[a.workflowState]),
          active: str('true'),
          latest: str('true'),
          article_type: str('text', 'HTML'),
          kb_knowledge_base: ((kb) => ref('kb_knowledge_base', kb.sysId, kb.title))(
            knowledgeBases.find((k) => k.sysId === a.knowledgeBase) ?? knowledgeBases[0],
          ),
          author: ref('sys_user', author?.snowSysId ?? '', author?.name ?? ''),
          published: str(a.publishedAt ?? ''),
          valid_to: str('2100-01-01'),
          sys_view_count: str('12'),
          sys_created_on: str(snowDate(a.updatedAt)),
          sys_updated_on: str(snowDate(a.updatedAt)),
        };
      });
    case 'kb_knowledge_base':
      return knowledgeBases.map((k) => ({
        sys_id: str(k.sysId),
        title: str(k.title),
        description: str(k.description),
        active: str(k.active ? 'true' : 'false'),
        kb_version: str('3'),
        sys_created_on: str('2025-01-10 09:00:00'),
        sys_updated_on: str('2026-03-01 09:00:00'),
      }));
    case 'sys_journal_field':
      // one row per journal entry (work notes and additional comments), keyed to its record by element_id
      // (docs/write-back-research.md §3.1: columns element, element_id, name, value, sys_created_on, sys_created_by)
      return ds.snow.flatMap((r) =>
        (
          [
            ['work_notes', r.workNotes],
            ['comments', r.comments],
          ] as const
        ).flatMap(([element, notes]) =>
          notes.map((n, i) => ({
            sys_id: str(stableHex(`snow:sys_journal_field:${r.sysId}:${element}:${i}`, 32)),
            element: str(element),
            element_id: str(r.sysId),
            name: str(r.table),
            value: str(n.text),
            sys_created_on: str(snowDate(n.at)),
            sys_created_by: str(ds.people.find((p) => p.key === n.authorKey)?.login ?? n.authorKey),
          })),
        ),
      );
    case 'incident':
    case 'problem':
    case 'change_request':
    case 'sc_request':
      return ds.snow.filter((r) => r.table === table).map((r) => taskRow(ds, r));
    case 'sc_req_item':
      return [];
    case 'sys_user':
      return ds.people.flatMap((p): Row[] => {
        const row = userRow(ds, p.key);
        return row ? [row] : [];
      });
    case 'core_company':
      return ds.orgs.map((o) => ({
        sys_id: str(o.snowSysId),
        name: str(o.name),
        customer: str('true'),
        vendor: str('false'),
        website: str(`https://${o.domain}`),
        sys_created_on: str('2025-01-10 09:00:00'),
        sys_updated_on: str('2026-03-01 09:00:00'),
      }));
    case 'sys_user_group': {
      const names = [...new Set(ds.snow.map((r) => r.assignmentGroup))];
      return names.map((name) => ({
        sys_id: str(groupSysId(name)),
        name: str(name),
        active: str('true'),
        description: str(`${name} team`),
      }));
    }
    case 'task_sla': {
      const bySys = new Map(ds.snow.map((r) => [r.sysId, r]));
      return ds.snowSlas.map((s) => {
        const task = bySys.get(s.taskSysId);
        return {
          sys_id: str(s.sysId),
          task: ref('task', s.taskSysId, task?.number ?? ''),
          sla: ref('contract_sla', `${s.sysId.slice(0, 24)}00000000`, s.name),
          stage: str(s.stage, stageLabels[s.stage]),
          has_breached: str(s.hasBreached ? 'true' : 'false'),
          percentage: str(s.percentage.toFixed(2), s.percentage.toFixed(2)),
          business_percentage: str(s.percentage.toFixed(2), s.percentage.toFixed(2)),
          start_time: str(snowDate(s.startTime)),
          planned_end_time: str(snowDate(s.plannedEndTime)),
          end_time: str(s.endTime ? snowDate(s.endTime) : ''),
          active: str(s.stage === 'completed' || s.stage === 'cancelled' ? 'false' : 'true'),
          sys_created_on: str(snowDate(s.startTime)),
          sys_updated_on: str(snowDate(s.endTime ?? s.startTime)),
        };
      });
    }
  }
}

export function rowsOf(ds: Dataset, table: TableName): Row[] {
  let tables = cache.get(ds);
  if (!tables) {
    tables = new Map();
    cache.set(ds, tables);
  }
  let rows = tables.get(table);
  if (!rows) {
    rows = build(ds, table);
    tables.set(table, rows);
  }
  return rows;
}

/** Reference targets: `task` resolves through incident/problem/change_request. */
export function findBySysId(ds: Dataset, table: string, sysId: string): Row | undefined {
  const tables: TableName[] =
    table === 'task'
      ? ['incident', 'problem', 'change_request']
      : tableNames.includes(table as TableName)
        ? [table as TableName]
        : [];
  for (const t of tables) {
    const row = rowsOf(ds, t).find((r) => r.sys_id?.value === sysId);
    if (row) return row;
  }
  return undefined;
}
