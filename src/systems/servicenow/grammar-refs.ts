import { hostTag, refHostPattern } from '../../core/refs';
import type { RefGrammar } from '../../core/systems';
import { servicenowRef } from './refs';

/**
 * ServiceNow's references as a page needs them (issue 15): read, written, named, linked. The text and URL passes
 * that find them are in ./grammar.ts, which the background loads.
 */

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

const bodyPattern = new RegExp(`^(?:(${refHostPattern})\\/)?([A-Z]+\\d+)$`, 'i');

export const servicenowRefGrammar: RefGrammar<'servicenow'> = {
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
};
