/**
 * ServiceNow Table API: GET /api/now/table/{table}[/{sys_id}] with sysparm_query, sysparm_fields,
 * sysparm_display_value=false|true|all (reference columns as {link,value} / {display_value,link} /
 * {display_value,value,link}, reference/servicenow/incident-table-response.json),
 * sysparm_exclude_reference_link, sysparm_limit (default 10000) / sysparm_offset with a Link header and
 * X-Total-Count. Plus GET /api/now/ui/user/current_user (community-documented; shape not verified
 * against a recording: https://www.servicenow.com/community/virtual-agent-forum/rest-api-to-get-the-logged-in-user-details/m-p/3134703).
 */
import { basicAccess, credentials, snowDeniedFields } from '../credentials.ts';
import { indexOf } from '../dataset/lookup.ts';
import type { Dataset } from '../dataset/types.ts';
import { vendorError } from '../errors.ts';
import {
  basicAuth,
  type HandlerContext,
  int,
  json,
  match,
  type ReplicaRequest,
  type ReplicaResponse,
} from '../http.ts';
import type { Cell, Row } from './columns.ts';
import { cellAt, filterRows, parseEncodedQuery } from './query.ts';
import { rowsOf, type TableName, tableNames } from './tables.ts';
import { createArticle, updateRecord, writableTables } from './writes.ts';

type Mode = 'false' | 'true' | 'all';

function render(
  ds: Dataset,
  base: string,
  row: Row,
  fields: string[] | undefined,
  mode: Mode,
  noLink: boolean,
): Record<string, unknown> {
  const names = fields ?? Object.keys(row);
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const cell: Cell | undefined = name.includes('.') ? cellAt(ds, row, name) : row[name];
    if (!cell) continue;
    if (cell.refTable && cell.value !== '') {
      const link = `${base}/api/now/table/${cell.refTable}/${cell.value}`;
      const shaped: Record<string, string> =
        mode === 'false'
          ? { link, value: cell.value }
          : mode === 'true'
            ? { display_value: cell.display, link }
            : { display_value: cell.display, link, value: cell.value };
      if (noLink) {
        delete shaped.link;
        out[name] = mode === 'false' ? cell.value : mode === 'true' ? cell.display : shaped;
      } else out[name] = shaped;
    } else {
      out[name] =
        mode === 'false'
          ? cell.value
          : mode === 'true'
            ? cell.display
            : { display_value: cell.display, value: cell.value };
    }
  }
  return out;
}

function linkHeader(req: ReplicaRequest, base: string, offset: number, limit: number, total: number): string {
  const at = (o: number) => {
    const u = new URL(`${base}${req.path}${req.url.search}`);
    u.searchParams.set('sysparm_limit', String(limit));
    u.searchParams.set('sysparm_offset', String(o));
    return u.toString();
  };
  const last = Math.max(0, Math.floor((total - 1) / limit) * limit);
  const parts = [`<${at(0)}>;rel="first"`];
  if (offset > 0) parts.push(`<${at(Math.max(0, offset - limit))}>;rel="prev"`);
  if (offset + limit < total) parts.push(`<${at(offset + limit)}>;rel="next"`);
  parts.push(`<${at(last)}>;rel="last"`);
  return parts.join(',');
}

export function servicenowApi(req: ReplicaRequest, ctx: HandlerContext): ReplicaResponse | undefined {
  if (!req.path.startsWith('/api/')) return undefined;
  const access = basicAccess(basicAuth(req), 'servicenow');
  if (!access) return vendorError('servicenow', '401');
  const base = `https://${req.host}`;
  const ds = ctx.dataset;
  if (req.path === '/api/now/ui/user/current_user' && req.method === 'GET') {
    if (access === 'read')
      return json(200, {
        result: {
          user_sys_id: 'c0ffee00c0ffee00c0ffee00c0ffee00',
          user_name: credentials.readOnly.servicenow.username,
          user_display_name: 'Liaison Viewer',
          first_name: 'Liaison',
          last_name: 'Viewer',
          email: 'viewer@acme.com',
          user_avatar: '',
          user_initials: 'LV',
          roles: ['snc_read_only'],
        },
      });
    const me = indexOf(ds).person.get('sam');
    return json(200, {
      result: {
        user_sys_id: me?.snowSysId,
        user_name: me?.login,
        user_display_name: me?.name,
        first_name: me?.name.split(' ')[0],
        last_name: me?.name.split(' ').slice(1).join(' '),
        email: me?.email,
        user_avatar: '',
        user_initials: 'SO',
        roles: ['itil'],
      },
    });
  }
  const list = match('/api/now/table/:table', req.path);
  const one = match('/api/now/table/:table/:sysId', req.path);
  const table = (list ?? one)?.table;
  const write = (one && (req.method === 'PATCH' || req.method === 'PUT')) || (list && req.method === 'POST');
  if (!table || (req.method !== 'GET' && !write))
    return vendorError('servicenow', '404', { message: 'Requested URI does not represent any resource' });
  if (!tableNames.includes(table as TableName))
    return json(400, { error: { message: `Invalid table ${table}`, detail: null }, status: 'failure' });
  const q = req.query;
  const raw = (q.get('sysparm_display_value') ?? 'false').toLowerCase();
  const mode: Mode = raw === 'true' || raw === 'all' ? raw : 'false';
  const noLink = q.get('sysparm_exclude_reference_link') === 'true';
  const fieldsParam = q.get('sysparm_fields');
  const fields = fieldsParam
    ? fieldsParam
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== '')
    : undefined;
  if (write) {
    if (one && !(writableTables as readonly string[]).includes(table))
      return access === 'write'
        ? vendorError('servicenow', '404', { message: 'Requested URI does not represent any resource' })
        : json(403, {
            error: {
              message: 'Operation Failed',
              detail: 'ACL Exception Update Failed due to security constraints',
            },
            status: 'failure',
          });
    if (list && table !== 'kb_knowledge')
      return json(403, {
        error: {
          message: 'Operation Failed',
          detail: 'ACL Exception Insert Failed due to security constraints',
        },
        status: 'failure',
      });
    const done = one
      ? updateRecord(req, ds, table, one.sysId ?? '', access, snowDeniedFields(basicAuth(req)))
      : createArticle(req, ds, access);
    if ('refusal' in done) return done.refusal;
    const sysId = 'record' in done ? done.record.sysId : done.article.sysId;
    const row = rowsOf(ds, table as TableName).find((r) => r.sys_id?.value === sysId);
    if (!row) return vendorError('servicenow', '500');
    const result = render(ds, base, row, fields, mode, noLink);
    return one
      ? json(200, { result })
      : json(201, { result }, { location: `${base}/api/now/table/${table}/${sysId}` });
  }
  // journal entries are ACL-hidden from the read-only user (the stricter reading of research §3.1)
  const rows = table === 'sys_journal_field' && access !== 'write' ? [] : rowsOf(ds, table as TableName);
  if (one) {
    const row = rows.find((r) => r.sys_id?.value === one.sysId);
    return row
      ? json(200, { result: render(ds, base, row, fields, mode, noLink) })
      : vendorError('servicenow', '404');
  }
  const hits = filterRows(ds, rows, parseEncodedQuery(q.get('sysparm_query') ?? ''));
  const limit = Math.max(1, int(q.get('sysparm_limit'), 10000));
  const offset = Math.max(0, int(q.get('sysparm_offset'), 0));
  const page = hits.slice(offset, offset + limit);
  return json(
    200,
    { result: page.map((r) => render(ds, base, r, fields, mode, noLink)) },
    { 'x-total-count': String(hits.length), link: linkHeader(req, base, offset, limit, hits.length) },
  );
}
