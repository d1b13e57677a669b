import { matchFind } from '../../core/extract';
import { type ExtractOptions, perOptions } from '../../core/extract-options';
import { pathUnder, urlSite } from '../../core/ref-urls';
import { hostTag, refHostPattern, withHost } from '../../core/refs';
import type { SystemGrammar, UrlFind, UrlParts } from '../../core/systems';
import { servicenowRef } from './refs';

export { asServiceNowRef, type ServiceNowRef, servicenowRef } from './refs';

/** One ServiceNow connection: URLs under `baseUrl` are its records, refs carry `host` (undefined for the first). */
export interface ServiceNowRefSource {
  host?: string;
  baseUrl: string;
}

declare module '../../core/extract-options' {
  interface ExtractOptions {
    /** ServiceNow connections whose URLs count. Undefined: any *.service-now.com URL counts, as the first. */
    servicenow?: readonly ServiceNowRefSource[];
    /** ServiceNow number prefixes beyond the defaults (INC, PRB, CHG, RITM, KB, TASK, REQ, SCTASK, PTASK, CTASK). */
    servicenowPrefixes?: readonly string[];
  }
}

/**
 * The table each ServiceNow number prefix lives in (the platform's default prefixes): a request `REQ…` is an
 * `sc_request`, its items `RITM…` are `sc_req_item` rows, a catalog task `SCTASK…` an `sc_task`. Other prefixes
 * (a custom table's) go to the global search here and to `task`, which task tables extend, in the provider.
 */
const servicenowTables: Record<string, string> = {
  INC: 'incident',
  PRB: 'problem',
  CHG: 'change_request',
  RITM: 'sc_req_item',
  REQ: 'sc_request',
  SCTASK: 'sc_task',
  PTASK: 'problem_task',
  CTASK: 'change_task',
  TASK: 'task',
  KB: 'kb_knowledge',
};

/** The table of a ServiceNow number whose prefix is a platform default, else undefined. */
export const servicenowTableOf = (number: string): string | undefined =>
  servicenowTables[/^[A-Z]+/.exec(number.toUpperCase())?.[0] ?? ''];

const defaultPrefixes = ['INC', 'PRB', 'CHG', 'RITM', 'KB', 'TASK', 'REQ', 'SCTASK', 'PTASK', 'CTASK'];

const bodyPattern = new RegExp(`^(?:(${refHostPattern})\\/)?([A-Z]+\\d+)$`, 'i');

const servicenowHost = /^[a-z0-9-]+\.service-now\.com$/;
/**
 * The number condition of an encoded query (`sysparm_query=active=true^number=INC…`). The query runs to `&` or
 * `#` and is searched once; a single pattern that skipped ahead to each `^` from every `sysparm_query=` scanned
 * the rest of the URL again from each of them.
 */
const snQuery = /[?&]sysparm_query=([^&#]*)/g;
const snNumberCondition = /(?:^|\^|\?sysparm_query=)number=([A-Za-z]{2,10}\d{4,12})(?=$|\^)/;
const snClassic = /(?:^|[/=])([a-z][a-z0-9_]*)\.do\?(?:[^#?]*&)?sys_id=([0-9a-f]{32})(?=$|[&#^])/i;
// `/now/sow/record/…`, `/now/workspace/agent/record/…`: a few segments, bounded so that a path of many `/now/`
// is not scanned to its end from each of them.
const snWorkspace = /\/now\/(?:[\w-]+\/){0,4}record\/([a-z][a-z0-9_]*)\/([0-9a-f]{32})(?=$|[/?#])/i;
const snPortalTable = /[?&]table=([a-z][a-z0-9_]*)(?=$|[&#])/i;
const snPortalId = /[?&]sys_id=([0-9a-f]{32})(?=$|[&#])/i;

/** `nav_to.do?uri=incident.do%3Fsys_id%3D…` and the Next Experience's `…/params/target/…` hold encoded URLs. */
function decoded(url: string): string {
  let text = url;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(text);
      if (next === text) break;
      text = next;
    } catch {
      break;
    }
  }
  return text;
}

function numberInQuery(text: string): string | undefined {
  for (const query of text.matchAll(snQuery)) {
    const number = snNumberCondition.exec(query[1] ?? '')?.[1];
    if (number) return number;
  }
  return undefined;
}

const urlSites = perOptions((options) => (options.servicenow ?? []).map((s) => urlSite(s.host, s.baseUrl)));

function findInUrl({ host, path, query }: UrlParts, options: ExtractOptions): UrlFind | undefined {
  const here = `${host}${path}`;
  // Without a list of connections, any *.service-now.com instance counts, as the first connection.
  const site: { host?: string } | undefined = options.servicenow
    ? urlSites(options).find((s) => pathUnder(here, s.base) !== undefined)
    : servicenowHost.test(host)
      ? {}
      : undefined;
  if (!site) return undefined;
  const text = decoded(`${path}${query}`);
  const number = numberInQuery(text);
  if (number) return { ref: servicenowRef(site.host, number) };
  const record = snClassic.exec(text) ?? snWorkspace.exec(text);
  const table = record?.[1] ?? snPortalTable.exec(text)?.[1];
  const sysId = record?.[2] ?? snPortalId.exec(text)?.[1];
  if (!table || !sysId) return undefined;
  return {
    record: {
      system: 'servicenow',
      ...withHost(site.host),
      table: table.toLowerCase(),
      sysId: sysId.toLowerCase(),
    },
  };
}

const numberPattern = perOptions((options) => {
  const prefixes = [...defaultPrefixes, ...(options.servicenowPrefixes ?? [])]
    .map((p) => p.toUpperCase())
    .filter((p) => /^[A-Z]{2,10}$/.test(p))
    .sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\w-])(${prefixes.join('|')})(\\d{7,10})(?!\\w)`, 'g');
});

export const servicenowGrammar: SystemGrammar<'servicenow'> = {
  id: 'servicenow',
  name: 'ServiceNow',
  hostTags: 'connection',
  parse(body) {
    const m = bodyPattern.exec(body);
    return m ? servicenowRef(m[1], m[2] ?? '') : undefined;
  },
  format: (ref) => `${hostTag(ref.host)}${ref.number.toUpperCase()}`,
  displayKey: (ref) => ref.number,
  itemUrl(ref, baseUrl) {
    const base = baseUrl.replace(/\/+$/, '');
    const table = servicenowTableOf(ref.number);
    const number = encodeURIComponent(ref.number);
    return table
      ? `${base}/${table}.do?sysparm_query=number%3D${number}`
      : `${base}/text_search_exact_match.do?sysparm_search=${number}`;
  },
  groupOrder: 10,
  tenantDomain: '.service-now.com',
  urls: { order: 40, find: findInUrl },
  textPasses: [
    {
      order: 20,
      find(text, options) {
        // A number names no instance: it is the first connection's.
        const host = options.servicenow?.[0]?.host;
        return [...text.matchAll(numberPattern(options))].map((m) =>
          matchFind(servicenowRef(host, `${m[1]}${m[2]}`), m),
        );
      },
    },
  ],
};
