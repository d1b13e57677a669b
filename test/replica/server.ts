/**
 * One local HTTPS server that answers as github.com, api.github.com, ghe.acme.test, acme.atlassian.net,
 * jira.acme.test, acme.service-now.com and acme.zendesk.com, routed by the Host header (or
 * `x-replica-host`, which wins, for Node-side tests). It stands in for the real systems in tests, the demo
 * and the benchmarks. Route table: ROUTES.md; control endpoint: control.ts.
 */

import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { makeCert } from './cert.ts';
import { control } from './control.ts';
import { type Dataset, type DatasetOptions, resolveDataset } from './dataset/index.ts';
import { dispatch, faultResponse, truncate } from './dispatch.ts';
import { type FaultRule, FaultTable } from './faults.ts';
import { classify, defaultHosts, type Route } from './hosts.ts';
import type { HandlerContext, RateLimits, ReplicaRequest, ReplicaResponse, ReplicaState } from './http.ts';
import { itemFault } from './item-faults.ts';
import { type Mutation, mutate } from './mutate.ts';
import { makeReplicaFetch } from './node-fetch.ts';

export type { Dataset, DatasetOptions } from './dataset/index.ts';
export type { FaultRule } from './faults.ts';

export interface RequestLogEntry {
  host: string;
  method: string;
  path: string; // pathname+search
  headers: Record<string, string>;
  body?: string;
  status: number; // 0 while unanswered (e.g. a hang fault)
  at: number;
}

export interface Replica {
  port: number;
  origin(host: string): string;
  hosts: string[];
  certPem: string;
  spkiHash: string;
  dataset: Dataset;
  requests: RequestLogEntry[];
  clearLog(): void;
  fault(rule: FaultRule): () => void;
  clearFaults(): void;
  setGithubMarkup(m: 'react' | 'classic'): void;
  /** Moves the world on (mutate.ts): merge a pull request, publish a release, link a ticket. */
  mutate(mutation: Mutation): string;
  fetch: typeof fetch;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  port?: number; // 0 = any free port (default)
  dataset?: Dataset | DatasetOptions | 'demo' | 'bench';
  extraHosts?: string[];
  /** primary rate limits; defaults are the real ones (GitHub 5,000/h core, 30/min search; Zendesk 700/min) */
  limits?: Partial<RateLimits>;
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers':
    'Authorization, Content-Type, Accept, If-None-Match, X-Replica-Host, X-GitHub-Api-Version',
  'access-control-max-age': '600',
};

export async function startReplica(opts: ReplicaOptions = {}): Promise<Replica> {
  const hosts = [...new Set([...defaultHosts, ...(opts.extraHosts ?? []).map((h) => h.toLowerCase())])];
  const cert = makeCert(hosts);
  const dataset = resolveDataset(opts.dataset);
  const state: ReplicaState = {
    githubMarkup: 'react',
    limits: { githubCore: 5000, githubSearch: 30, githubGraphql: 5000, zendesk: 700, ...opts.limits },
    buckets: new Map(),
  };
  const ctx: HandlerContext = { dataset, state };
  const faults = new FaultTable();
  const requests: RequestLogEntry[] = [];
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let port = 0;

  const send = (res: ServerResponse, out: ReplicaResponse, entry?: RequestLogEntry) => {
    if (entry) entry.status = out.status;
    if (res.destroyed) return;
    const body = Buffer.from(out.body, 'utf8');
    res.writeHead(out.status, { ...out.headers, 'content-length': String(body.length) });
    res.end(body);
  };

  const server: Server = createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const headerHost = (req.headers['x-replica-host'] as string | undefined) ?? req.headers.host ?? '';
        const host = headerHost.replace(/:\d+$/, '').toLowerCase();
        const url = new URL(req.url ?? '/', `https://${host || 'localhost'}`);
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        );
        const body = Buffer.concat(chunks).toString('utf8');
        const rr: ReplicaRequest = {
          host,
          method: (req.method ?? 'GET').toUpperCase(),
          url,
          path: url.pathname,
          query: url.searchParams,
          headers,
          body,
        };
        if (rr.path.startsWith('/__replica/')) {
          send(
            res,
            control(rr, {
              port,
              hosts,
              datasetName: dataset.name,
              faults,
              log: requests,
              clearLog,
              state,
              dataset,
            }),
          );
          return;
        }
        const entry: RequestLogEntry = {
          host,
          method: rr.method,
          path: `${url.pathname}${url.search}`,
          headers,
          status: 0,
          at: Date.now(),
        };
        if (body !== '') entry.body = body;
        requests.push(entry);
        if (rr.method === 'OPTIONS') {
          send(res, { status: 204, headers: cors, body: '' }, entry);
          return;
        }
        const route = classify(host, rr.path);
        const rule = faults.take(host, rr.method, rr.path);
        if (rule?.kind === 'hang') {
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        }
        if (rule?.kind === 'latency') await new Promise((r) => setTimeout(r, rule.ms ?? 1000));
        if (rule?.kind === 'redirect') {
          const location = rule.location ?? 'https://elsewhere.test/';
          send(res, { status: 302, headers: { location }, body: '' }, entry);
          return;
        }
        const afterwards = rule && ['latency', 'malformed', 'bad-item', 'hostile-url'].includes(rule.kind);
        if (rule && !afterwards) {
          send(res, faultResponse(rule, rr, ctx, route), entry);
          return;
        }
        const out = await dispatch(rr, ctx, route);
        send(res, rule ? alter(rule, out, route) : out, entry);
      })().catch((e: unknown) => {
        console.error('[replica] handler failed', e);
        send(res, {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: `replica error: ${String(e)}`,
        });
      });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Chromium and Firefox may send a few TLS probes that fail; they are not requests worth a crash
  server.on('tlsClientError', () => {});

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const { fetch: replicaFetch, agent } = makeReplicaFetch(port, cert.certPem);

  function clearLog(): void {
    requests.length = 0;
  }

  return {
    port,
    origin: (host) => `https://${host}`,
    hosts,
    certPem: cert.certPem,
    spkiHash: cert.spkiHash,
    dataset,
    requests,
    clearLog,
    fault: (rule) => faults.add(rule).remove,
    clearFaults: () => faults.clear(),
    setGithubMarkup: (m) => {
      state.githubMarkup = m;
    },
    mutate: (mutation) => mutate(dataset, mutation).applied,
    fetch: replicaFetch,
    close: async () => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      agent.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What a fault that lets the request through does to the answer. */
function alter(rule: FaultRule, out: ReplicaResponse, route: Route): ReplicaResponse {
  if (rule.kind === 'malformed') return truncate(out);
  if (rule.kind === 'bad-item' || rule.kind === 'hostile-url') return itemFault(rule, out, route);
  return out;
}
