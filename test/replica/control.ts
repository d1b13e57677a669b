/**
 * The replica's control endpoint, answered on every host under /__replica/ (never logged, never faulted,
 * no auth), so a browser test or another process can steer a running replica:
 *   GET    /__replica/health            → {ok, port, hosts, dataset}
 *   GET    /__replica/faults            → active rules
 *   POST   /__replica/faults            ← FaultRule JSON ({"path": "/x"} or {"pathPattern": "^/rest/"}) → {id}
 *   DELETE /__replica/faults[/ID]       → remove one rule or all
 *   GET    /__replica/log[?host=]       → request log;  DELETE /__replica/log → clear it
 *   POST   /__replica/github-markup     ← {"markup": "react" | "classic"}
 *   GET    /__replica/settings[?include=github,jira,...][&readOnly=1][&write=1] → extension settings (credentials.ts;
 *          readOnly: the read-only credentials, write: every connection with `"write": true`)
 *   POST   /__replica/mutate            ← one Mutation (mutate.ts: mergePull, publishRelease, linkTicket, lockIssue, setTicketStatus) → {applied}
 */
import { type ReplicaSystem, replicaSettings } from './credentials.ts';
import type { Dataset } from './dataset/types.ts';
import type { FaultTable } from './faults.ts';
import { ruleFromJson } from './faults.ts';
import {
  invalidJson,
  json,
  parseJsonBody,
  type ReplicaRequest,
  type ReplicaResponse,
  type ReplicaState,
} from './http.ts';
import { mutate } from './mutate.ts';
import type { RequestLogEntry } from './server.ts';

export interface ControlTarget {
  port: number;
  hosts: string[];
  datasetName: string;
  faults: FaultTable;
  log: RequestLogEntry[];
  clearLog(): void;
  state: ReplicaState;
  dataset: Dataset;
}

export function control(req: ReplicaRequest, t: ControlTarget): ReplicaResponse {
  const path = req.path.slice('/__replica'.length);
  const bad = (message: string) => json(400, { error: message });
  if (path === '/health')
    return json(200, { ok: true, port: t.port, hosts: t.hosts, dataset: t.datasetName });
  if (path === '/faults' && req.method === 'GET') return json(200, { faults: t.faults.list() });
  if (path === '/faults' && req.method === 'POST') {
    const body = parseJsonBody(req);
    if (body === invalidJson) return bad('invalid JSON');
    try {
      return json(201, { id: t.faults.add(ruleFromJson(body)).id });
    } catch (e) {
      return bad((e as Error).message);
    }
  }
  if (path === '/faults' && req.method === 'DELETE') {
    t.faults.clear();
    return json(200, { ok: true });
  }
  const one = /^\/faults\/(\d+)$/.exec(path);
  if (one && req.method === 'DELETE') return json(t.faults.remove(Number(one[1])) ? 200 : 404, { ok: true });
  if (path === '/log' && req.method === 'GET') {
    const host = req.query.get('host');
    return json(200, { requests: host ? t.log.filter((e) => e.host === host) : t.log });
  }
  if (path === '/log' && req.method === 'DELETE') {
    t.clearLog();
    return json(200, { ok: true });
  }
  if (path === '/github-markup' && req.method === 'POST') {
    const body = parseJsonBody(req) as { markup?: unknown } | undefined;
    if (body?.markup !== 'react' && body?.markup !== 'classic')
      return bad('markup must be "react" or "classic"');
    t.state.githubMarkup = body.markup;
    return json(200, { markup: body.markup });
  }
  if (path === '/mutate' && req.method === 'POST') {
    const body = parseJsonBody(req);
    if (body === invalidJson) return bad('invalid JSON');
    try {
      return json(200, mutate(t.dataset, body));
    } catch (e) {
      return bad((e as Error).message);
    }
  }
  if (path === '/settings' && req.method === 'GET') {
    const include = req.query
      .get('include')
      ?.split(',')
      .filter((s) => s !== '') as ReplicaSystem[] | undefined;
    const flag = (name: string) => ['1', 'true'].includes(req.query.get(name) ?? '');
    return json(200, replicaSettings({ include, readOnly: flag('readOnly'), write: flag('write') }));
  }
  return json(404, { error: `no control endpoint ${req.method} ${req.path}` });
}
