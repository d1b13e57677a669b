import type { Item } from '../../core/model';
import { parseRef } from '../../core/refs';
import { apiRoot, hostOf } from '../../core/settings';
import { markerLine } from '../../core/writes';
import { SourceFailure } from '../../providers/errors';
import { createHttpClient } from '../../providers/http';
import { requireConnection, transportOptions } from '../../providers/options';
import type { ProviderOptions } from '../../providers/provider';
import type { MarkerRead, RemoteLinkDraft, SystemWriter, WriteResult } from '../writer';
import { textToAdf } from './adf';
import { jiraFlavor } from './grammar';
import { asJiraRef } from './refs';
import { remoteLinkIdsSchema, remoteLinkSavedSchema, savedCommentSchema } from './schemas';
import { inertWiki, issueCommentMarkers, noteKind, requestCommentMarkers } from './write-notes';
import {
  accessSentence,
  isMissing,
  missingPermissions,
  precheckSentence,
  projectOf,
  unseenIssue,
} from './write-permissions';

/**
 * Jira's writer (issue 14, DESIGN.md contract 7; the requests are docs/write-back-research.md §1):
 * - a remote link on a bug, upserted on its `globalId` (the server's own dedupe: sent whole every time, since
 *   "any fields without values in the request are set to null", and retried like a read);
 * - a note: on a JSM request an internal comment through the servicedeskapi (`public: false`: a platform comment
 *   on a request is public to its customer by default), on any other issue a platform comment (v3 ADF, v2 string).
 */

/** Jira's documented limit for `globalId`, and Liaison's own for title and summary (none is documented). */
export const remoteLinkLimits = { globalId: 255, title: 255, summary: 255, links: 2_000 };
/** Jira's default text field limit (`jira.text.field.character.limit`): a longer comment is refused. */
export const maxCommentChars = 32_767;

const factory = 'createJiraWriter';

export function createJiraWriter(options: ProviderOptions): SystemWriter {
  const connection = requireConnection(options, 'jira', factory);
  const refHost = options.refHost?.toLowerCase();
  const version = jiraFlavor(connection) === 'cloud' ? '3' : '2';
  const host = hostOf(connection);
  const name = `Jira (${host})`;
  const http = createHttpClient({
    system: 'jira',
    baseUrl: apiRoot(connection),
    auth: connection.auth,
    ...transportOptions(options),
    // Markers are read fresh: a note written a moment ago must be seen.
    conditional: false,
  });
  const fail = (kind: SourceFailure['kind'], sentence: string) =>
    new SourceFailure('jira', host, kind, sentence);
  const signalOf = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

  /** The issue key of an item of this connection; anything else is refused before a request is made. */
  function keyOf(item: Item): string {
    const ref = asJiraRef(parseRef(item.ref));
    if (!ref || (ref.host ?? undefined) !== refHost)
      throw fail(
        'config',
        `${item.key} is not an issue of ${name}; Liaison writes to an item only through its own connection.`,
      );
    return ref.key;
  }

  // Where each issue's notes go, once asked (write-notes.ts `noteKind`): the read before a write tells the write.
  const kinds = new Map<string, 'request' | 'issue'>();
  async function kindFor(item: Item, key: string, signal: AbortSignal | undefined) {
    const known = kinds.get(key) ?? (await noteKind(http, version, item, key, signal));
    if (kinds.size >= 500) kinds.clear();
    kinds.set(key, known);
    return known;
  }
  const isRequest = (item: Item) => {
    const known = kinds.get(asJiraRef(parseRef(item.ref))?.key ?? '');
    return known ? known === 'request' : item.kind === 'request';
  };

  /** A failed write as a sentence naming the issue, what was refused and what fixes it. */
  function writeFailure(
    error: unknown,
    what: string,
    key: string,
    needs: string,
    repeatable: boolean,
  ): unknown {
    if (!(error instanceof SourceFailure)) return error;
    const detail = error.messages[0] ? `: ${error.messages[0]}` : '';
    const again = (text: string) =>
      new SourceFailure('jira', host, error.kind, text, error.status, error.retryAt, error.messages);
    if (error.kind === 'forbidden' || (error.status === 400 && /permission/i.test(detail)))
      return again(`${name} refused the ${what} on ${key} (${error.status ?? 403})${detail}. ${needs}`);
    if (error.kind === 'not-found')
      return again(
        `${name} refused the ${what} on ${key} (404): your account cannot see it (deleted, moved, or hidden by issue security).`,
      );
    const uncertain =
      ['timeout', 'unavailable', 'offline', 'schema'].includes(error.kind) ||
      (error.kind === 'unknown' && (error.status === undefined || error.status >= 500));
    if (uncertain)
      return again(
        repeatable
          ? `${error.userMessage} Sending the ${what} again is safe: Jira updates the same link.`
          : `${error.userMessage} The ${what} on ${key} may or may not have been added; Liaison looks for its marker before writing again.`,
      );
    if (error.kind === 'unknown')
      return again(`${name} refused the ${what} on ${key} (${error.status})${detail}. Nothing was written.`);
    return error;
  }

  const browseUrl = (key: string, id: string | number | undefined) =>
    `${connection.baseUrl}/browse/${encodeURIComponent(key)}${id === undefined ? '' : `?focusedCommentId=${encodeURIComponent(String(id))}`}`;

  /** Reads that could not be made say why, as "cannot tell"; only an abort or a bug is thrown. */
  async function markers(read: () => Promise<MarkerRead>, key: string): Promise<MarkerRead> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof SourceFailure)) throw error;
      if (isMissing(error)) return { known: false, reason: unseenIssue(name, key) };
      return { known: false, reason: error.userMessage };
    }
  }

  return {
    noteWhere: (item) =>
      isRequest(item) ? `Internal comment on JSM request ${item.key}` : `Comment on Jira issue ${item.key}`,

    noteBody: (text, marker) => `${text.replace(/\s+$/, '')}\n\n${markerLine(marker)}`,

    readMarkers(item, signal) {
      const key = keyOf(item);
      return markers(
        async () =>
          (await kindFor(item, key, signal)) === 'request'
            ? requestCommentMarkers(http, key, signal)
            : issueCommentMarkers(http, version, key, signal),
        key,
      );
    },

    async addNote(item, body, signal) {
      const key = keyOf(item);
      if (body.length > maxCommentChars)
        throw fail(
          'config',
          `The note for ${key} is ${body.length} characters; Jira takes at most ${maxCommentChars}. Nothing was written.`,
        );
      let kind: 'request' | 'issue' = item.kind === 'request' ? 'request' : 'issue';
      try {
        kind = await kindFor(item, key, signal);
        const [path, payload] =
          kind === 'request'
            ? [
                `/rest/servicedeskapi/request/${encodeURIComponent(key)}/comment`,
                { body: inertWiki(body), public: false },
              ]
            : [
                `/rest/api/${version}/issue/${encodeURIComponent(key)}/comment`,
                { body: version === '3' ? textToAdf(body) : inertWiki(body) },
              ];
        // Sent once: a comment POST appends, so a retry could post it twice.
        const saved = await http.post(path, payload, savedCommentSchema, signalOf(signal));
        return { created: true, url: browseUrl(key, saved.id) };
      } catch (error) {
        const needs =
          kind === 'request'
            ? `Only agents of its service desk with the Add comments permission on ${projectOf(key)} can add internal comments; ask a Jira admin.`
            : `Your account needs the Add comments permission on ${projectOf(key)}; ask a Jira admin, or comment from Jira.`;
        throw writeFailure(error, kind === 'request' ? 'internal comment' : 'comment', key, needs, false);
      }
    },

    remoteLinks: {
      read(item, signal) {
        const key = keyOf(item);
        return markers(async () => {
          const path = `/rest/api/${version}/issue/${encodeURIComponent(key)}/remotelink`;
          const ids = await http.get(path, remoteLinkIdsSchema, signalOf(signal));
          if (ids.length > remoteLinkLimits.links)
            return {
              known: false,
              reason: `${key} has more than ${remoteLinkLimits.links} remote links; Liaison does not read them all.`,
            };
          const tokens = new Set(ids.filter((id): id is string => typeof id === 'string'));
          return { known: true, tokens };
        }, key);
      },

      async upsert(item, link, signal): Promise<WriteResult> {
        const key = keyOf(item);
        const body = remoteLinkBody(link, (sentence) =>
          fail('config', `${sentence} Nothing was sent to ${key}.`),
        );
        let status = 0;
        try {
          await http.post(
            `/rest/api/${version}/issue/${encodeURIComponent(key)}/remotelink`,
            body,
            remoteLinkSavedSchema,
            {
              // The server applies it at most once (an upsert on globalId): safe to retry like a read.
              idempotent: true,
              onHeaders: (_headers, code) => {
                status = code;
              },
              ...signalOf(signal),
            },
          );
        } catch (error) {
          const needs = `Your account needs the Link issues permission on ${projectOf(key)} (and issue linking must be on). Ask a Jira admin, or link from Jira.`;
          throw writeFailure(error, 'remote link', key, needs, true);
        }
        // 201 created; 200 updated the link with this globalId (reference/jira/remote-link-upsert.json).
        return { created: status === 201, url: browseUrl(key, undefined) };
      },
    },

    async precheck(item, write, signal) {
      const key = keyOf(item);
      try {
        return precheckSentence(name, key, write, await missingPermissions(http, version, key, signal));
      } catch (error) {
        if (isMissing(error)) return unseenIssue(name, key);
        throw error;
      }
    },

    async writeAccess(signal) {
      return accessSentence(name, await missingPermissions(http, version, undefined, signal));
    },
  };
}

const cap = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The upsert's body, every field every time (a field left out is nulled on update). A `globalId` past Jira's 255
 * is refused rather than cut: a cut one could match another link's and overwrite it.
 */
export function remoteLinkBody(link: RemoteLinkDraft, refuse: (sentence: string) => Error) {
  if (link.globalId.length === 0 || link.globalId.length > remoteLinkLimits.globalId)
    throw refuse(
      `The remote link's id is ${link.globalId.length} characters; Jira takes 1 to ${remoteLinkLimits.globalId}.`,
    );
  let url: URL | undefined;
  try {
    url = new URL(link.url);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw refuse('The remote link has no web address (http or https).');
  return {
    globalId: link.globalId,
    application: { type: 'io.liaison', name: 'Liaison' },
    relationship: cap(link.relationship, remoteLinkLimits.title),
    object: {
      url: link.url,
      title: cap(link.title, remoteLinkLimits.title),
      summary: cap(link.summary ?? '', remoteLinkLimits.summary),
      icon: { title: cap(link.application, remoteLinkLimits.title) },
    },
  };
}
