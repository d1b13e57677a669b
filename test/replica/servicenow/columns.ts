/**
 * Cells and the incident column defaults. Defaults are the values a fresh base-system incident has,
 * taken from the recorded INC0000060 dumps (reference/servicenow/incident-table-response.json):
 * raw value first, display value second.
 */

export interface Cell {
  value: string;
  display: string;
  /** reference column: target table (the value is then a sys_id, or '' when empty) */
  refTable?: string;
}

export type Row = Record<string, Cell>;

export const str = (value: string, display?: string): Cell => ({ value, display: display ?? value });
export const ref = (table: string, sysId: string, display: string): Cell => ({
  value: sysId,
  display,
  refTable: table,
});

export function snowDate(iso: string): string {
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, '');
}

const blank = [
  'parent',
  'caused_by',
  'watch_list',
  'hold_reason',
  'origin_table',
  'approval_history',
  'user_input',
  'route_reason',
  'order',
  'delivery_plan',
  'contract',
  'work_notes_list',
  'business_impact',
  'rfc',
  'time_worked',
  'expected_start',
  'group_list',
  'work_end',
  'reopened_time',
  'approval_set',
  'universal_request',
  'correlation_display',
  'delivery_task',
  'work_start',
  'additional_assignee_list',
  'cause',
  'origin_id',
  'service_offering',
  'follow_up',
  'parent_incident',
  'reopened_by',
  'problem_id',
  'due_date',
  'sys_tags',
  'correlation_id',
  'location',
  'cmdb_ci',
  'business_service',
  'resolved_at',
  'resolved_by',
  'closed_at',
  'closed_by',
  'close_code',
  'close_notes',
  'work_notes',
  'comments',
  'comments_and_work_notes',
  'activity_due',
];

/** All 92 recorded incident columns with base-system defaults. */
export function incidentDefaults(): Row {
  const row: Row = Object.fromEntries(blank.map((k) => [k, str('')]));
  Object.assign(row, {
    made_sla: str('true'),
    upon_reject: str('cancel', 'Cancel all future Tasks'),
    sys_updated_on: str(''),
    child_incidents: str('0'),
    task_effective_number: str(''),
    number: str(''),
    sys_updated_by: str('liaison.agent'),
    opened_by: str(''),
    sys_created_on: str(''),
    sys_domain: ref('sys_user_group', 'global', 'global'),
    state: str('1', 'New'),
    sys_created_by: str('liaison.agent'),
    knowledge: str('false'),
    calendar_stc: str(''),
    impact: str('3', '3 - Low'),
    active: str('true'),
    priority: str('4', '4 - Low'),
    sys_domain_path: str('/'),
    opened_at: str(''),
    business_duration: str(''),
    caller_id: str(''),
    subcategory: str(''),
    short_description: str(''),
    assignment_group: str(''),
    business_stc: str(''),
    description: str(''),
    calendar_duration: str(''),
    notify: str('1', 'Do Not Notify'),
    sys_class_name: str('incident', 'Incident'),
    sys_id: str(''),
    contact_type: str('self-service', 'Self-service'),
    incident_state: str('1', 'New'),
    urgency: str('3', '3 - Low'),
    company: str(''),
    reassignment_count: str('0'),
    assigned_to: str(''),
    severity: str('3', '3 - Low'),
    approval: str('not requested', 'Not Yet Requested'),
    sla_due: str('', 'UNKNOWN'),
    sys_mod_count: str('3'),
    reopen_count: str('0'),
    escalation: str('0', 'Normal'),
    upon_approval: str('proceed', 'Proceed to Next Task'),
    category: str('inquiry', 'Inquiry / Help'),
  });
  return row;
}
