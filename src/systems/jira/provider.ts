import { refsIn } from '../../core/extract';
import { withSafeUrl } from '../../core/item-links';
import type { Item, Link } from '../../core/model';
import type { ReleaseScope } from '../../core/release';
import { formatRef, parseRef, type Ref } from '../../core/refs';
import { apiRoot } from '../../core/settings';
import { SourceFailure } from '../../providers/errors';
import { createHttpClient } from '../../providers/http';
import { mapEach } from '../../providers/items';
import {
  dedupeLinks,
  pointingAt,
  searchTerms,
  type Target,
  verifiedMentions,
} from '../../providers/mentions';
import { requireConnection, transportOptions } from '../../providers/options';
import {
  chunk,
  type Discovery,
  type Found,
  type LookupContext,
  mentionLinks,
  type Provider,
  packByLength,
  type RoundFound,
  referencingOf,
} from '../../providers/provider';
import { hasMoreComments, readMoreComments } from './comments';
import { discoverFields, mergeFields } from './fields';
import { jiraFlavor, preferJiraConnection } from './grammar';
import { jiraKeyPattern, jqlPhrase, keyInJql } from './jql';
import { issueLinks, issueTexts, mapIssue, namedFields, worstSla } from './mapping';
import { checkedOptions, factory, type JiraOptions } from './options';
import { listProjects } from './projects';
import { referenceFieldClauses, referenceFieldLinks } from './reference-fields';
import { readRemoteLinks, startRemoteLinkReads } from './remote-links';
import { type JiraIssue, myselfSchema, slaPageSchema } from './schemas';
import { jqlSearch, searchByKeys } from './search';
import { jiraReleaseScope } from './release-scope';
import { textSearchJql } from './text-search';

export type { JiraOptions } from './options';

/**
 * The most of one JQL a round's reverse-lookup clauses take: with a chunk of 100 keys (under 2 KB) beside them,
 * every JQL stays under 10 KB. We know of no documented limit on JQL length, but a 173 KB body (what one comment
 * of references once made) is past what proxies in front of Jira commonly accept; 10 KB is far below any of them.
 */
const maxClausesLength = 7_500;

export interface JiraProvider extends Provider {
  readonly system: 'jira';
  /** Project keys that exist (and, quietly, the JSM and "Zendesk Ticket IDs" custom fields). */
  discover(signal?: AbortSignal): Promise<Discovery>;
  /** A JSM request's SLAs (`GET /rest/servicedeskapi/request/{key}/sla`): for the page's subject only. */
  requestSla(key: string, signal?: AbortSignal): Promise<Item['sla']>;
  /** On a fix version's page of this connection: the version and its issues. */
  releaseScope(page: URL, signal?: AbortSignal): Promise<ReleaseScope | undefined>;
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
  let serviceDesks: ReadonlySet<string> = new Set();

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

  /** Issues as items with their links, each on its own: one that cannot be read is a note (items.ts). */
  function toFound(issues: JiraIssue[], context: LookupContext) {
    const own = ownExtract(context);
    const extract = (text: string) => refsIn(text, own);
    const zendesk =
      options.zendeskSubdomain ??
      (context.extract.zendeskSubdomains?.length === 1 ? context.extract.zendeskSubdomains[0] : undefined);
    const { kept, notes } = mapEach(
      issues,
      (issue) => issue.key,
      (issue) => {
        const item = withSafeUrl(mapIssue(issue, connection.baseUrl, refHost, fields), connection);
        const links: Link[] = [
          ...issueLinks(issue, item.ref, refHost),
          ...mentionLinks(item.ref, issueTexts(issue), extract),
          ...referenceFieldLinks(issue, item.ref, fields.reference, own, zendesk),
        ];
        return { item, links };
      },
    );
    const found: Found = { items: kept.map((k) => k.to.item), links: kept.flatMap((k) => k.to.links) };
    return { found, notes, kept: kept.map(({ from, to }) => ({ issue: from, item: to.item })) };
  }

  /** Search hits as items, with the links that make each one point at a target (mentions checked). */
  function pointingHits(issues: JiraIssue[], targets: readonly Target[], context: LookupContext) {
    const { found, notes, kept } = toFound(issues, context);
    const checked = kept.flatMap(({ issue, item }) =>
      verifiedMentions(item.ref, issueTexts(issue), targets, context.extract),
    );
    return { found: pointingAt(found.items, [...found.links, ...checked], targets), notes, kept };
  }

  /**
   * Hits kept only where their texts name a target. A hit that does not, but whose search answer left
   * comments out (Cloud gives 20 an issue), has the rest of its comments read and is checked again (comments.ts).
   */
  async function checkedHits(issues: JiraIssue[], targets: readonly Target[], context: LookupContext) {
    const first = pointingHits(issues, targets, context);
    const pointing = new Set(first.found.items.map((i) => i.ref));
    const unverified = first.kept.flatMap(({ issue, item }) =>
      !pointing.has(item.ref) && hasMoreComments(issue) ? [issue] : [],
    );
    if (targets.length === 0 || unverified.length === 0) return first;
    const more = await readMoreComments(http, version, unverified, context.signal);
    const completed = new Map(more.issues.map((i) => [i.key, i]));
    const again = pointingHits(
      issues.map((i) => completed.get(i.key) ?? i),
      targets,
      context,
    );
    return { ...again, notes: [...again.notes, ...more.notes] };
  }

  const owns = (ref: Ref) => ref.system === 'jira' && (ref.host?.toLowerCase() ?? undefined) === refHost;

  /** Issues by key, and issues that mention or name the targets: one JQL where both are asked for. */
  async function fetchAndFind(refs: Ref[], targets: Target[], context: LookupContext): Promise<RoundFound> {
    const keys = [
      ...new Set(refs.flatMap((r) => (r.system === 'jira' && owns(r) ? [r.key.toUpperCase()] : []))),
    ].filter(
      (key) => jiraKeyPattern.test(key) && (!knownProjects || knownProjects.has(key.split('-')[0] ?? '')),
    );
    // Issues whose links will be followed (the page's subject, a bug it names) have their remote links read beside
    // the search that fetches them, within the same bound.
    const followedKeys = refs.flatMap((r) =>
      r.system === 'jira' && context.followedRefs?.has(formatRef(r)) ? [r.key.toUpperCase()] : [],
    );
    const early = startRemoteLinkReads(
      http,
      version,
      keys.filter((k) => followedKeys.includes(k)).slice(0, remoteLinkLimit),
      context,
    );
    // Jira-to-Jira links are issue links, read with the issues themselves.
    const others = targets.filter((t) => t.system !== 'jira');
    const terms = [...new Set(others.flatMap(searchTerms))];
    const clauses =
      terms.length === 0
        ? []
        : [...terms.map((t) => `text ~ ${jqlPhrase(t)}`), ...referenceFieldClauses(fields.reference, others)];
    const skipped: string[] = [];
    const page = { maxResults: pageSize, maxPages, signal: context.signal, skipped };
    const issues: JiraIssue[] = [];
    const hits: JiraIssue[] = [];
    const parts = chunk(keys, pageSize);
    let referencingError: SourceFailure | undefined;
    // Clauses go in groups of at most maxClausesLength characters: the first beside the first keys, the others
    // alone (Jira refuses JQL bodies past some size, and a round can search for a hop's every target).
    const [reverse = [], ...moreReverse] = packByLength(clauses, maxClausesLength, ' OR ');
    const withComments = [...wantedFields(), 'comment'];
    const reverseOnly = async (group: readonly string[]) => {
      try {
        hits.push(
          ...(await search(`${group.join(' OR ')} ORDER BY updated DESC`, withComments, {
            ...page,
            maxResults: 50,
            maxPages: 1,
          })),
        );
      } catch (refused) {
        if (!(refused instanceof SourceFailure)) throw refused;
        referencingError ??= refused;
      }
    };
    if (reverse.length > 0) {
      // The first chunk of keys and the reverse lookup in one JQL: `key in (…) OR text ~ … ORDER BY updated DESC`,
      // with comments (what the hits are checked against). A key Jira says does not exist is dropped and the rest
      // asked again (searchByKeys), as for a lookup alone.
      const first = parts.shift() ?? [];
      const jqlFor = (rest: readonly string[]) =>
        `${rest.length > 0 ? `${keyInJql(rest)} OR ` : ''}${reverse.join(' OR ')} ORDER BY updated DESC`;
      if (first.length === 0) await reverseOnly(reverse);
      else {
        try {
          const found = await searchByKeys(search, first, withComments, page, jqlFor);
          hits.push(...found);
          const asked = new Set(first);
          // A looked-up issue is read as a lookup reads it: without its comments.
          for (const issue of found)
            if (asked.has(issue.key.toUpperCase())) issues.push(withoutComments(issue));
          // Hits filling every page may have pushed some of the keys out: those are asked for alone.
          const missing = first.filter((k) => !issues.some((i) => i.key.toUpperCase() === k));
          if (missing.length > 0 && found.length >= pageSize * maxPages) parts.unshift(missing);
        } catch (error) {
          // Jira refused the round's JQL for something other than a missing key (a reference field's clause, say):
          // the lookup and the search are asked apart, so what Jira refuses in the search costs only the search.
          if (!(error instanceof SourceFailure) || error.status !== 400) throw error;
          parts.unshift(first);
          await reverseOnly(reverse);
        }
      }
      for (const group of moreReverse) await reverseOnly(group);
    }
    for (const part of parts) issues.push(...(await searchByKeys(search, part, wantedFields(), page)));
    const { found: fetched, notes: unmapped } = toFound(issues, context);
    // Remote links are one request per issue: read only for issues whose links the resolver follows (the
    // others are partial, to be read when a later lookup follows them), and for at most remoteLinkLimit of those
    // (a bound that stays: the rest are complete without).
    // Those already being read come first: no read started is wasted on an issue that the bound then leaves out.
    const followed = fetched.items
      .filter((i) => context.followsLinksOf?.(i) ?? true)
      .sort((a, b) => Number(early.has(b.key.toUpperCase())) - Number(early.has(a.key.toUpperCase())));
    const remote = await readRemoteLinks(http, version, followed.slice(0, remoteLinkLimit), context, early);
    fetched.links.push(...remote.links);
    const read = new Set(followed.map((i) => i.ref));
    const partial = fetched.items.flatMap((i) => (read.has(i.ref) ? [] : [i.ref]));
    const { found: referencing, notes: hitNotes } = await checkedHits(distinctIssues(hits), others, context);
    // One JQL answered both halves: what it left out is told with each, and told once (resolver.ts).
    const notes = [...new Set([...skipped, ...unmapped, ...hitNotes, ...remote.notes])];
    return {
      fetched: {
        items: fetched.items,
        links: dedupeLinks(fetched.links),
        ...(partial.length ? { partial } : {}),
        ...(notes.length ? { notes } : {}),
      },
      referencing: referencingError
        ? { items: [], links: [] }
        : {
            ...referencing,
            ...(notes.length ? { notes } : {}),
          },
      ...(referencingError ? { referencingError } : {}),
    };
  }

  return {
    system: 'jira',
    connection,
    refHost,
    owns,

    fetchItems: (refs, context) => fetchAndFind(refs, [], context).then((r) => r.fetched),
    findReferencing: (targets, context) => fetchAndFind([], targets, context).then(referencingOf),
    fetchAndFind,

    // An issue of a service project is a customer request (mapping.ts), known from its key once discovered.
    kindOf: (ref) =>
      ref.system === 'jira' && serviceDesks.has(ref.key.toUpperCase().split('-')[0] ?? '')
        ? 'request'
        : undefined,

    async search(text, { limit, signal }) {
      const jql = textSearchJql(text);
      if (!jql) return [];
      const issues = await search(jql, wantedFields(), { maxResults: limit, maxPages: 1, signal });
      const { kept } = mapEach(
        issues.slice(0, limit),
        (issue) => issue.key,
        (issue) => withSafeUrl(mapIssue(issue, connection.baseUrl, refHost, fields), connection),
      );
      return kept.map((k) => k.to);
    },

    releaseScope(page, signal) {
      const getJson: Parameters<typeof jiraReleaseScope>[0]['getJson'] = (path, schema, signal) =>
        http.get(path, schema, signal ? { signal } : {});
      return jiraReleaseScope({ refHost, apiVersion: version, getJson, search }, page, signal);
    },

    async whoAmI() {
      const me = await http.get(`/rest/api/${version}/myself`, myselfSchema);
      return me.emailAddress ? `${me.displayName} (${me.emailAddress})` : me.displayName;
    },

    async discover(signal) {
      const [projects, discovered] = await Promise.all([
        listProjects(http, flavor, signal),
        discoverFields(http, version, signal).catch((error: unknown) => {
          // Field discovery is a convenience; configured fields still work without it.
          if (error instanceof SourceFailure && error.kind !== 'auth') return undefined;
          throw error;
        }),
      ]);
      const keys = projects.map((p) => p.key);
      knownProjects = new Set(keys.map((k) => k.toUpperCase()));
      serviceDesks = new Set(projects.flatMap((p) => (p.serviceDesk ? [p.key.toUpperCase()] : [])));
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

/** Issues once each: an issue several groups of a round's search found comes back from each. */
function distinctIssues(issues: readonly JiraIssue[]): JiraIssue[] {
  return [...new Map(issues.map((i) => [i.key.toUpperCase(), i])).values()];
}

/** An issue as a lookup by key reads it (the round asked for comments, which only the reverse lookup reads). */
function withoutComments(issue: JiraIssue): JiraIssue {
  const { comment: _comment, ...fields } = issue.fields;
  return { ...issue, fields };
}
