/**
 * ServiceNow Table API rows: every column as a string raw value plus its display value, and for reference
 * columns the target table. Incident rows carry exactly the 92 columns of the recorded INC0000060 dump
 * (reference/servicenow/incident-table-response.json) plus the instance's custom `u_jira_key`.
 * Choice labels: reference/servicenow/incident-columns.md. Dates are UTC 'YYYY-MM-DD HH:MM:SS'; display
 * values use the same (the replica's user time zone is UTC).
 */
import { indexOf } from '../dataset/lookup.ts';
import { stableHex } from '../dataset/prng.ts';
import type { Dataset, SnowRecord } from '../dataset/types.ts';
import { incidentDefaults, type Row, ref, snowDate, str } from './columns.ts';

export type { Cell, Row } from './columns.ts';

const incidentStates: Record<number, string> = {
  1: 'New',
  2: 'In Progress',
  3: 'On Hold',
  6: 'Resolved',
  7: 'Closed',
  8: 'Canceled',
};
// problem and change_request here use the base task states (1 Open, 2 Work in Progress, 3 Closed Complete)
const taskStates: Record<number, string> = {
  1: 'Open',
  2: 'Work in Progress',
  3: 'Closed Complete',
  4: 'Closed Incomplete',
  7: 'Closed Skipped',
};
export const priorityLabels: Record<number, string> = {
  1: '1 - Critical',
  2: '2 - High',
  3: '3 - Moderate',
  4: '4 - Low',
  5: '5 - Planning',
};
const levelLabels: Record<number, string> = { 1: '1 - High', 2: '2 - Medium', 3: '3 - Low' };
export const groupSysId = (name: string): string => stableHex(`snow:sys_user_group:${name}`, 32);

function journal(ds: Dataset, notes: SnowRecord['workNotes'], kind: string): string {
  const idx = indexOf(ds);
  return [...notes]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map(
      (n) =>
        `${snowDate(n.at)} - ${idx.person.get(n.authorKey)?.name ?? n.authorKey} (${kind})\n${n.text}\n\n`,
    )
    .join('');
}

export function taskRow(ds: Dataset, r: SnowRecord): Row {
  const idx = indexOf(ds);
  const user = (key?: string) => {
    const p = key ? idx.person.get(key) : undefined;
    return p ? ref('sys_user', p.snowSysId, p.name) : str('');
  };
  const org = r.companyKey ? idx.org.get(r.companyKey) : undefined;
  const isIncident = r.table === 'incident';
  const closed = r.state === 7 || r.state === 8 || (!isIncident && r.state === 3);
  const resolved = r.resolvedAt !== undefined;
  const row: Row = {
    ...incidentDefaults(),
    number: str(r.number),
    task_effective_number: str(r.number),
    sys_id: str(r.sysId),
    short_description: str(r.shortDescription),
    description: str(r.description),
    state: str(String(r.state), (isIncident ? incidentStates : taskStates)[r.state] ?? String(r.state)),
    priority: str(String(r.priority), priorityLabels[r.priority]),
    impact: str(String(r.impact), levelLabels[r.impact]),
    urgency: str(String(r.urgency), levelLabels[r.urgency]),
    opened_by: user(r.callerKey ?? 'sam'),
    company: org ? ref('core_company', org.snowSysId, org.name) : str(''),
    assigned_to: user(r.assignedToKey),
    assignment_group: ref('sys_user_group', groupSysId(r.assignmentGroup), r.assignmentGroup),
    business_service: ref('cmdb_ci_service', stableHex('snow:service:online-store', 32), 'Online Store'),
    cmdb_ci: ref(
      'cmdb_ci',
      stableHex(`snow:ci:${r.category}`, 32),
      r.category === 'network' ? 'Edge Gateway 01' : 'shop-api',
    ),
    opened_at: str(snowDate(r.openedAt)),
    sys_created_on: str(snowDate(r.openedAt)),
    sys_updated_on: str(snowDate(r.updatedAt)),
    closed_at: str(r.closedAt ? snowDate(r.closedAt) : ''),
    closed_by: r.closedAt ? user(r.assignedToKey ?? 'sam') : str(''),
    active: str(closed ? 'false' : 'true'),
    made_sla: str(r.madeSla ? 'true' : 'false'),
    category: str(
      r.category,
      r.category === 'inquiry' ? 'Inquiry / Help' : r.category[0]?.toUpperCase() + r.category.slice(1),
    ),
    sys_class_name: str(
      r.table,
      { incident: 'Incident', problem: 'Problem', change_request: 'Change Request', sc_request: 'Request' }[
        r.table
      ],
    ),
    work_notes: str('', journal(ds, r.workNotes, 'Work notes')),
    comments: str('', journal(ds, r.comments, 'Additional comments')),
    comments_and_work_notes: str('', journal(ds, [...r.workNotes, ...r.comments], 'Work notes')),
    u_jira_key: str(r.jiraKey ?? ''),
  };
  if (isIncident) {
    Object.assign(row, {
      caller_id: user(r.callerKey),
      incident_state: row.state,
      resolved_at: str(r.resolvedAt ? snowDate(r.resolvedAt) : ''),
      resolved_by: resolved ? user(r.assignedToKey ?? 'sam') : str(''),
      close_code: str(resolved ? 'Solved (Permanently)' : ''),
      close_notes: str(resolved ? 'Fixed by engineering.' : ''),
    });
  } else {
    for (const k of [
      'caller_id',
      'incident_state',
      'resolved_at',
      'resolved_by',
      'close_code',
      'child_incidents',
      'parent_incident',
      'problem_id',
      'severity',
      'notify',
      'hold_reason',
      'caused_by',
      'reopened_by',
      'reopened_time',
      'reopen_count',
      'origin_id',
      'origin_table',
      'business_stc',
      'calendar_stc',
    ])
      delete row[k];
    if (r.table === 'problem')
      Object.assign(row, {
        problem_state: row.state,
        known_error: str('false'),
        workaround: str(''),
        cause_notes: str(''),
        fix_notes: str(''),
      });
    else
      Object.assign(row, {
        type: str('normal', 'Normal'),
        risk: str('3', 'Moderate'),
        start_date: row.opened_at,
        end_date: row.closed_at,
        phase: str('requested', 'Requested'),
      });
  }
  return row;
}

export function userRow(ds: Dataset, key: string): Row | undefined {
  const p = indexOf(ds).person.get(key);
  if (!p) return undefined;
  const org = p.orgKey ? indexOf(ds).org.get(p.orgKey) : undefined;
  const [first, ...last] = p.name.split(' ');
  return {
    sys_id: str(p.snowSysId),
    user_name: str(p.login),
    name: str(p.name),
    first_name: str(first ?? ''),
    last_name: str(last.join(' ')),
    email: str(p.email),
    company: org ? ref('core_company', org.snowSysId, org.name) : str(''),
    title: str(p.kind === 'agent' ? 'Service Desk Agent' : p.kind === 'engineer' ? 'Software Engineer' : ''),
    active: str('true'),
    vip: str(org?.tier === 'enterprise' ? 'true' : 'false'),
    locked_out: str('false'),
    sys_class_name: str('sys_user', 'User'),
    sys_created_on: str('2025-01-10 09:00:00'),
    sys_updated_on: str('2026-03-01 09:00:00'),
  };
}
