import { preferJiraConnection, refsIn } from '../../core/extract';
import type { Item, Link } from '../../core/model';
import { parseRef, type Ref } from '../../core/refs';
import { apiRoot, jiraFlavor } from '../../core/settings';
import { SourceFailure } from '../errors';
import { createHttpClient } from '../http';
import { dedupeLinks, pointingAt, searchTerms, verifiedMentions } from '../mentions';
import { requireConnection, transportOptions } from '../options';
import {
  chunk,
  type Discovery,
  type Found,
  type LookupContext,
  mentionLinks,
  type Provider,
} from '../provider';
import { discoverFields, mergeFields } from './fields';
import { jiraKeyPattern, jqlPhrase } from './jql';
import { issueLinks, issueTexts, mapIssue, namedFields, worstSla } from './mapping';
import { checkedOptions, factory, type JiraOptions } from './options';
import { projectKeys } from './projects';
import { referenceFieldClauses, referenceFieldLinks } from './reference-fields';
import { readRemoteLinks } from './remote-links';
import { type JiraIssue, myselfSchema, slaPageSchema } from './schemas';
import { jqlSearch, searchByKeys } from './search';
import { textSearchJql } from './text-search';

export type { JiraOptions } from './options';

export interface JiraProvider extends Provider {
  readonly system: 'jira';
  /** Project keys that exist (and, quietly, the JSM and "Zendesk Ticket IDs" custom fields). */
  discover(signal?: AbortSignal): Promise<Discovery>;
  /** A JSM request's SLAs (`GET /rest/servicedeskapi/request/{key}/sla`): for the page's subject only. */
  requestSla(key: string, signal?: AbortSignal): Promise<Item['sla']>;
}

export function createJiraProvider(options: JiraOptions): JiraProvider {
  const connection = requireConnection(options, 'jira', factory);
  const refHost = options.refHost?.toLowerCase();
  const { configured, remoteLinkLimit, pageSize, maxPages } = checkedOptions(options);
  const flavor = jiraFlavor(connection);
  const version = flavor === 'cloud' ? '3' : '2';
  const http = createHttpClient({
    system: 'jira',
    baseUrl: apiRoot(connection),
    auth: connection.auth,
    ...transportOptions(options),
  });
  const search = jqlSearch(http, flavor);
  let fields = configured;
  let knownProjects: ReadonlySet<string> | undefined;

  const wantedFields = () => [
    ...namedFields,
    ...fields.reference.map((f) => f.id),
    ...fields.organization,
    ...fields.sla,
  ];

  /**
   * Keys in this Jira's texts are this Jira's: they carry its host tag when it is not the first connection.
   */
  function ownExtract(context: LookupContext) {
    return preferJiraConnection(context.extract, refHost);
  }

  function toFound(issues: JiraIssue[], context: LookupContext): Found {
    const own = ownExtract(context);
    const extract = (text: string) => refsIn(text, own);
    const zendesk =
      options.zendeskSubdomain ??
      (context.extract.zendeskSubdomains?.length === 1 ? context.extract.zendeskSubdomains[0] : undefined);
    const items: Item[] = [];
    const links: Link[] = [];
    for (const issue of issues) {
      const item = mapIssue(issue, connection.baseUrl, refHost, fields);
      items.push(item);
      links.push(
        ...issueLinks(issue, item.ref, refHost),
        ...mentionLinks(item.ref, issueTexts(issue), extract),
        ...referenceFieldLinks(issue, item.ref, fields.reference, own, zendesk),
      );
    }
    return { items, links };
  }

  const owns = (ref: Ref) => ref.system === 'jira' && (ref.host?.toLowerCase() ?? undefined) === refHost;

  return {
    system: 'jira',
    connection,
    refHost,
    owns,

    async fetchItems(refs, context): Promise<Found> {
      const keys = [
        ...new Set(refs.flatMap((r) => (r.system === 'jira' && owns(r) ? [r.key.toUpperCase()] : []))),
      ].filter(
        (key) => jiraKeyPattern.test(key) && (!knownProjects || knownProjects.has(key.split('-')[0] ?? '')),
      );
      const found: Found = { items: [], links: [] };
      for (const part of chunk(keys, pageSize)) {
        const page = { maxResults: pageSize, maxPages, signal: context.signal };
        const f = toFound(await searchByKeys(search, part, wantedFields(), page), context);
        found.items.push(...f.items);
        found.links.push(...f.links);
      }
      // Remote links are one request per issue: read only for issues whose links the resolver follows (the
      // others are partial, to be read when a later lookup follows them), and for at most remoteLinkLimit of those
      // (a bound that stays: the rest are complete without).
      const followed = found.items.filter((i) => context.followsLinksOf?.(i) ?? true);
      found.links.push(
        ...(await readRemoteLinks(http, version, followed.slice(0, remoteLinkLimit), context)),
      );
      const read = new Set(followed.map((i) => i.ref));
      const partial = found.items.flatMap((i) => (read.has(i.ref) ? [] : [i.ref]));
      return { items: found.items, links: dedupeLinks(found.links), ...(partial.length ? { partial } : {}) };
    },

    async findReferencing(targets, context): Promise<Found> {
      // Jira-to-Jira links are issue links, read with the issues themselves.
      const others = targets.filter((t) => t.system !== 'jira');
      const terms = [...new Set(others.flatMap(searchTerms))];
      if (terms.length === 0) return { items: [], links: [] };
      const clauses = [
        ...terms.map((t) => `text ~ ${jqlPhrase(t)}`),
        ...referenceFieldClauses(fields.reference, others),
      ];
      const jql = `${clauses.join(' OR ')} ORDER BY updated DESC`;
      const issues = await search(jql, [...wantedFields(), 'comment'], {
        maxResults: 50,
        maxPages: 1,
        signal: context.signal,
      });
      const found = toFound(issues, context);
      const checked = issues.flatMap((issue, i) => {
        const item = found.items[i];
        return item ? verifiedMentions(item.ref, issueTexts(issue), others, context.extract) : [];
      });
      return pointingAt(found.items, [...found.links, ...checked], others);
    },

    async search(text, { limit, signal }) {
      const jql = textSearchJql(text);
      if (!jql) return [];
      const issues = await search(jql, wantedFields(), { maxResults: limit, maxPages: 1, signal });
      return issues.slice(0, limit).map((issue) => mapIssue(issue, connection.baseUrl, refHost, fields));
    },

    async whoAmI() {
      const me = await http.get(`/rest/api/${version}/myself`, myselfSchema);
      return me.emailAddress ? `${me.displayName} (${me.emailAddress})` : me.displayName;
    },

    async discover(signal) {
      const [keys, discovered] = await Promise.all([
        projectKeys(http, flavor, signal),
        discoverFields(http, version, signal).catch((error: unknown) => {
          // Field discovery is a convenience; configured fields still work without it.
          if (error instanceof SourceFailure && error.kind !== 'auth') return undefined;
          throw error;
        }),
      ]);
      knownProjects = new Set(keys.map((k) => k.toUpperCase()));
      fields = mergeFields(configured, discovered);
      return { jiraProjectKeys: keys };
    },

    async requestSla(key, signal) {
      const ref = parseRef(`jira:${key}`);
      if (ref?.system !== 'jira') return undefined;
      try {
        const path = `/rest/servicedeskapi/request/${encodeURIComponent(ref.key)}/sla`;
        const page = await http.get(path, slaPageSchema, signal ? { signal } : {});
        return worstSla(page.values);
      } catch (error) {
        // not a JSM request
        if (error instanceof SourceFailure && error.kind === 'not-found') return undefined;
        throw error;
      }
    },
  };
}
