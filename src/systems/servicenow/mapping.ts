import type { Item, ItemKind, StatusCategory } from '../../core/model';
import { formatRef } from '../../core/refs';
import { servicenowTableOf } from './grammar';
import { display, type ServiceNowRecord, value } from './schemas';

/** Base-system choice values (reference/servicenow/incident-columns.md); instances may rename them. */
const stateCodes: Record<string, StatusCategory> = {
  '1': 'todo',
  '2': 'in_progress',
  '3': 'in_progress',
  '6': 'done',
  '7': 'done',
  '8': 'cancelled',
};
const priorityNames: Record<string, string> = {
  '1': '1 - Critical',
  '2': '2 - High',
  '3': '3 - Moderate',
  '4': '4 - Low',
  '5': '5 - Planning',
};

const kindsByPrefix: [string, ItemKind][] = [
  ['INC', 'incident'],
  ['PRB', 'problem'],
  ['CHG', 'change'],
  ['RITM', 'request'],
  ['REQ', 'request'],
  ['KB', 'knowledge'],
];

export const kindOfNumber = (number: string): ItemKind =>
  kindsByPrefix.find(([prefix]) => number.startsWith(prefix))?.[1] ?? 'task';

/** A number's table (core/item-links.ts knows the platform's prefixes); a custom prefix is looked up in `task`. */
export const tableOfNumber = (number: string): string => servicenowTableOf(number) ?? 'task';

function statusCategory(record: ServiceNowRecord): StatusCategory {
  const code = value(record.state);
  if (/^\d+$/.test(code) && stateCodes[code]) return stateCodes[code];
  const name = display(record.state).toLowerCase();
  if (/cancel/.test(name)) return 'cancelled';
  if (/resolved|closed|complete/.test(name)) return 'done';
  if (/^new|draft|open/.test(name)) return 'todo';
  if (value(record.active) === 'false') return 'done';
  return 'in_progress';
}

function priority(record: ServiceNowRecord): Item['priority'] {
  const shown = display(record.priority);
  const code = value(record.priority);
  const rank = Number((/^\d/.test(code) ? code : shown).charAt(0));
  if (!(rank >= 1 && rank <= 5)) return undefined;
  const name = shown && !/^\d+$/.test(shown) ? shown : (priorityNames[String(rank)] ?? shown);
  return { name, rank };
}

/** ServiceNow dates are "YYYY-MM-DD HH:MM:SS" (UTC when display_value=false); kept as ISO when we can tell. */
export function date(record: ServiceNowRecord, field: string): string | undefined {
  const raw = value(record[field]);
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(raw)) return undefined;
  return `${raw.replace(' ', 'T')}Z`;
}

const stateNames: Record<string, string> = {
  '1': 'New',
  '2': 'In Progress',
  '3': 'On Hold',
  '6': 'Resolved',
  '7': 'Closed',
  '8': 'Canceled',
};

export function mapRecord(
  record: ServiceNowRecord,
  baseUrl: string,
  refHost: string | undefined,
): Item | undefined {
  const number = value(record.number).toUpperCase();
  const sysId = value(record.sys_id);
  if (!number) return undefined;
  const table = tableOfNumber(number);
  const stateShown = display(record.state);
  const madeSla = value(record.made_sla);
  const optional = (v: string) => (v ? v : undefined);
  const item: Item = {
    ref: formatRef({ system: 'servicenow', ...(refHost ? { host: refHost } : {}), number }),
    system: 'servicenow',
    kind: kindOfNumber(number),
    key: number,
    title: display(record.short_description) || number,
    url: sysId
      ? `${baseUrl}/nav_to.do?uri=${encodeURIComponent(`${table}.do?sys_id=${sysId}`)}`
      : `${baseUrl}/nav_to.do?uri=${encodeURIComponent(`${table}.do?sysparm_query=number=${number}`)}`,
    status: {
      name: /^\d+$/.test(stateShown) ? (stateNames[stateShown] ?? stateShown) : stateShown || 'Unknown',
      category: statusCategory(record),
    },
  };
  const p = priority(record);
  if (p) item.priority = p;
  const assignee = optional(display(record.assigned_to));
  if (assignee) item.assignee = assignee;
  const requester = optional(display(record.caller_id) || display(record.opened_by));
  if (requester) item.requester = requester;
  const organization = optional(display(record.company));
  if (organization) item.organization = organization;
  const created = date(record, 'opened_at') ?? date(record, 'sys_created_on');
  if (created) item.createdAt = created;
  const updated = date(record, 'sys_updated_on');
  if (updated) item.updatedAt = updated;
  if (madeSla === 'true' || madeSla === 'false') item.sla = { breached: madeSla === 'false' };
  return item;
}
