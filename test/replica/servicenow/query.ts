/**
 * ServiceNow encoded queries (sysparm_query), evaluated for real: `^` AND, `^OR` OR (binds to the
 * previous condition), `^NQ` a new OR'd query, ORDERBY / ORDERBYDESC, 123TEXTQUERY321 keyword search,
 * operators = != IN NOT IN LIKE NOT LIKE STARTSWITH ENDSWITH ISEMPTY ISNOTEMPTY < <= > >=, and dot-walked
 * fields (company.name). Comparisons are case-insensitive like the platform's.
 *
 * A condition on a field the table does not have is dropped, as the platform does by default: "When the invalid
 * query is run, the invalid part of the query condition is dropped, and the results are based on the valid part
 * of the query, which may return all records from the table" unless glide.invalid_query.returns_no_rows is set to
 * true (ServiceNow docs, "GlideRecord - Global",
 * https://docs.servicenow.com/bundle/helsinki-application-development/page/app-store/dev_portal/API_reference/GlideRecord/concept/c_GlideRecordAPI.html;
 * "When this property is false (default) … the invalid part of the query condition is ignored": ServiceNow
 * Developer Community blog by Catie Carmody, https://community.servicenow.com/community/develop/blog/authors/catie.carmody).
 * Dropped inside an `^OR` list, the list keeps its other alternatives; an `^NQ` query whose every condition was
 * dropped matches every row (so `numberIN…^NQu_nope=1` answers the whole table), the widest reading.
 * Syntax: https://www.servicenow.com/docs/ "Encoded query strings" and "Operators available for filters and queries".
 */
import type { Dataset } from '../dataset/types.ts';
import type { Cell, Row } from './columns.ts';
import { findBySysId } from './tables.ts';

const operators = [
  'ISNOTEMPTY',
  'ISEMPTY',
  'NOT LIKE',
  'NOT IN',
  'STARTSWITH',
  'ENDSWITH',
  'LIKE',
  'IN',
  '!=',
  '>=',
  '<=',
  '=',
  '>',
  '<',
];

interface Condition {
  field: string;
  op: string;
  value: string;
}

export interface EncodedQuery {
  groups: Condition[][][]; // NQ groups → AND list → OR alternatives
  order: { field: string; desc: boolean }[];
}

export function parseEncodedQuery(q: string): EncodedQuery {
  const out: EncodedQuery = { groups: [], order: [] };
  for (const part of q.split('^NQ')) {
    const and: Condition[][] = [];
    for (const raw of part.split('^')) {
      const term = raw.trim();
      if (term === '' || term === 'EQ') continue;
      if (term.startsWith('ORDERBYDESC')) out.order.push({ field: term.slice(11), desc: true });
      else if (term.startsWith('ORDERBY')) out.order.push({ field: term.slice(7), desc: false });
      else if (term.startsWith('OR') && and.length > 0)
        and[and.length - 1]?.push(parseCondition(term.slice(2)));
      else and.push([parseCondition(term)]);
    }
    out.groups.push(and);
  }
  return out;
}

function parseCondition(term: string): Condition {
  if (term.startsWith('123TEXTQUERY321='))
    return { field: '123TEXTQUERY321', op: '=', value: term.slice(16) };
  const m = /^([a-z0-9_.]+)/.exec(term);
  const field = m?.[1] ?? '';
  const rest = term.slice(field.length);
  const op = operators.find((o) => rest.startsWith(o)) ?? '';
  return { field, op, value: rest.slice(op.length) };
}

/** The cell at a possibly dot-walked path ('company.name'), or undefined if the column does not exist. */
export function cellAt(ds: Dataset, row: Row, path: string): Cell | undefined {
  const [head, ...rest] = path.split('.');
  const cell = row[head ?? ''];
  if (!cell || rest.length === 0) return cell;
  if (!cell.refTable) return undefined;
  if (cell.value === '') return { value: '', display: '' };
  const target = findBySysId(ds, cell.refTable, cell.value);
  return target ? cellAt(ds, target, rest.join('.')) : { value: '', display: '' };
}

function compare(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.localeCompare(b);
}

function test(ds: Dataset, row: Row, c: Condition): boolean {
  if (c.field === '123TEXTQUERY321') {
    const term = c.value.toLowerCase();
    return Object.values(row).some(
      (cell) => cell.value.toLowerCase().includes(term) || cell.display.toLowerCase().includes(term),
    );
  }
  const cell = cellAt(ds, row, c.field);
  if (!cell) return false;
  const v = cell.value.toLowerCase();
  const d = cell.display.toLowerCase();
  const want = c.value.toLowerCase();
  const list = want.split(',').map((s) => s.trim());
  const eq = (w: string) => v === w || (cell.refTable !== undefined && d === w);
  switch (c.op) {
    case '=':
      return eq(want);
    case '!=':
      return !eq(want);
    case 'IN':
      return list.some(eq);
    case 'NOT IN':
      return !list.some(eq);
    case 'LIKE':
      return v.includes(want) || (cell.refTable !== undefined && d.includes(want));
    case 'NOT LIKE':
      return !v.includes(want);
    case 'STARTSWITH':
      return v.startsWith(want);
    case 'ENDSWITH':
      return v.endsWith(want);
    case 'ISEMPTY':
      return v === '';
    case 'ISNOTEMPTY':
      return v !== '';
    case '<':
      return compare(v, want) < 0;
    case '<=':
      return compare(v, want) <= 0;
    case '>':
      return compare(v, want) > 0;
    case '>=':
      return compare(v, want) >= 0;
    default:
      return false;
  }
}

/** Whether the table has the (possibly dot-walked) field: some row has a cell there. */
function fieldExists(ds: Dataset, rows: readonly Row[], field: string): boolean {
  return field === '123TEXTQUERY321' || rows.some((row) => cellAt(ds, row, field) !== undefined);
}

/** The query as the platform runs it: conditions on fields the table does not have are dropped (see above). */
function withoutInvalid(ds: Dataset, rows: readonly Row[], groups: Condition[][][]): Condition[][][] {
  const exists = new Map<string, boolean>();
  const valid = (c: Condition) => {
    if (!exists.has(c.field)) exists.set(c.field, fieldExists(ds, rows, c.field));
    return exists.get(c.field) === true;
  };
  return groups.map((and) => and.map((ors) => ors.filter(valid)).filter((ors) => ors.length > 0));
}

export function filterRows(ds: Dataset, rows: Row[], q: EncodedQuery): Row[] {
  const written = q.groups.filter((g) => g.length > 0);
  // A group left with no condition matches every row: `[]`.every(...) is true.
  const groups = withoutInvalid(ds, rows, written);
  const hits =
    groups.length === 0
      ? [...rows]
      : rows.filter((row) => groups.some((and) => and.every((ors) => ors.some((c) => test(ds, row, c)))));
  if (q.order.length === 0) return hits;
  return hits.sort((a, b) => {
    for (const o of q.order) {
      const d = compare(cellAt(ds, a, o.field)?.value ?? '', cellAt(ds, b, o.field)?.value ?? '');
      if (d !== 0) return o.desc ? -d : d;
    }
    return 0;
  });
}
