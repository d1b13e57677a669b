import { z } from 'zod';
import { parseRef } from '../../core/refs';
import { hostOf } from '../../core/settings';
import { type SystemBackend, settingsSection } from '../backend';
import { asZendeskRef } from './grammar';
import { createZendeskProvider } from './provider';
import { createZendeskWriter, zendeskLinkFieldOf } from './writes';

/** `settings.zendesk`, read here beside settings.ts's declaration (unknown fields are kept, DESIGN.md contract 2). */
const sectionSchema = z.looseObject({ referenceFieldIds: z.array(z.number().int().positive()).optional() });

/** The subdomain of a connection's host (`acme` of `acme.zendesk.com`), as written. */
const subdomainOfHost = (host: string) => host.split('.')[0] ?? host;

export const zendeskBackend: SystemBackend<'zendesk'> = {
  createProvider(base, settings) {
    const zendesk = settingsSection(settings, 'zendesk', sectionSchema);
    // The connection's link field (what link-bug writes) holds a bug's key too: read with the ticket, no request more.
    const linkField = zendeskLinkFieldOf(base.connection);
    const ids = [...new Set([...(zendesk?.referenceFieldIds ?? []), ...(linkField ? [linkField] : [])])];
    return createZendeskProvider({ ...base, ...(ids.length > 0 ? { referenceFieldIds: ids } : {}) });
  },

  // Internal notes and draft Help Center articles (writes.ts); its settings live on the connection (`helpCenter`).
  createWriter: (base) => createZendeskWriter(base),

  mentions: {
    target: (ref, base) => ({ key: `#${ref.id}`, url: `${base}/agent/tickets/${ref.id}` }),
    // `#12` names a ticket only in context: a mention is a reference the grammar reads, searched for by its URL.
    matchBy: 'ref',
    searchBy: ['url'],
    // A reference field holds the ticket id.
    fieldValue(target) {
      const ref = asZendeskRef(parseRef(target.ref));
      return ref ? String(ref.id) : undefined;
    },
  },

  extractOptions({ settings, connections }) {
    const subdomains = connections.map((c) => subdomainOfHost(new URL(c.baseUrl).host.toLowerCase()));
    const prefixes = settings.prefixes.zendesk;
    return {
      ...(subdomains.length > 0 ? { zendeskSubdomains: subdomains } : {}),
      ...(prefixes.length > 0 ? { zendeskPrefixes: prefixes } : {}),
    };
  },

  // On a connected Zendesk's own pages, `#123` is one of its tickets.
  pageOptions(host) {
    const subdomain = host.split('.')[0];
    return subdomain ? { zendeskSubdomain: subdomain } : undefined;
  },

  // `#4711` names a ticket on every connected Zendesk.
  bareNumbers: {
    order: 10,
    refs: (id, _near, extract) =>
      (extract.zendeskSubdomains ?? []).map((subdomain) => ({ system: 'zendesk', subdomain, id })),
  },

  bareIds: {
    tenantOf: (connection) => hostOf(connection).split('.')[0]?.toLowerCase() ?? '',
    ref: (tenant, id) => ({ system: 'zendesk', subdomain: tenant, id }),
  },
};
