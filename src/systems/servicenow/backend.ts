import { parseRef } from '../../core/refs';
import type { SystemBackend } from '../backend';
import { asServiceNowRef } from './grammar';
import { tableOfNumber } from './mapping';
import { createServiceNowProvider } from './provider';
import { createServiceNowWriter, serviceNowLinkFieldOf } from './writes';

export const servicenowBackend: SystemBackend<'servicenow'> = {
  createProvider(base, settings) {
    const sn = settings?.servicenow;
    // The connection's link field (what link-bug writes) holds a bug's key too: it is read with the record (no
    // request more) and searched like the other key fields.
    const linkField = serviceNowLinkFieldOf(base.connection);
    const keyFields = sn?.jiraKeyFields ?? ['u_jira_key'];
    return createServiceNowProvider({
      ...base,
      ...(sn ? { searchFields: sn.searchFields, tables: sn.tables } : {}),
      ...(sn || linkField
        ? { keyFields: [...new Set([...keyFields, ...(linkField ? [linkField] : [])])] }
        : {}),
    });
  },

  // Work notes and draft knowledge articles (writes.ts); its settings live on the connection (`knowledgeBase`).
  createWriter: (base) => createServiceNowWriter(base),

  mentions: {
    target(ref, base) {
      const query = encodeURIComponent(`${tableOfNumber(ref.number)}.do?sysparm_query=number=${ref.number}`);
      return { key: ref.number, url: `${base}/nav_to.do?uri=${query}` };
    },
    matchBy: 'key',
    searchBy: ['key'],
    // A reference field holds the number.
    fieldValue: (target) => asServiceNowRef(parseRef(target.ref))?.number,
  },

  extractOptions({ settings, providers }) {
    const prefixes = settings.prefixes.servicenow;
    return {
      servicenow: providers.map((p) => ({
        ...(p.refHost ? { host: p.refHost } : {}),
        baseUrl: p.connection.baseUrl,
      })),
      ...(prefixes.length > 0 ? { servicenowPrefixes: prefixes } : {}),
    };
  },

  // `…/nav_to.do?uri=incident.do?sys_id=…`, `…/incident.do?sys_id=…`: the ServiceNow integration puts the number in
  // a Jira remote link's title or summary (see the replica's story and reference/jira/remote-links.json).
  idOnlyUrl: /\.service-now\.com\b|\/nav_to\.do\b|\/[a-z_]+\.do\?sys_id=/i,

  // Its classic UI renders forms inside the `gsft_main` iframe.
  allFrames: true,
};
