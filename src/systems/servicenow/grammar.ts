import { matchFind } from '../../core/extract';
import { type ExtractOptions, perOptions } from '../../core/extract-options';
import { pathUnder, urlSite } from '../../core/ref-urls';
import { withHost } from '../../core/refs';
import type { SystemGrammar, UrlFind, UrlParts } from '../../core/systems';
import { servicenowRefGrammar } from './grammar-refs';
import { servicenowRef } from './refs';

export { servicenowTableOf } from './grammar-refs';
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

const defaultPrefixes = ['INC', 'PRB', 'CHG', 'RITM', 'KB', 'TASK', 'REQ', 'SCTASK', 'PTASK', 'CTASK'];

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

/** ServiceNow's whole grammar: the reference part (./grammar-refs.ts) and the passes that find references. */
export const servicenowGrammar: SystemGrammar<'servicenow'> = {
  ...servicenowRefGrammar,
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
