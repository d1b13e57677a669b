import { onConnection } from '../../core/item-links';
import type { Item } from '../../core/model';
import { parseRef } from '../../core/refs';
import { apiRoot, hostOf } from '../../core/settings';
import { markersIn } from '../../core/writes';
import { SourceFailure } from '../../providers/errors';
import { createHttpClient } from '../../providers/http';
import { skippedIn } from '../../providers/items';
import { requireConnection, transportOptions } from '../../providers/options';
import type { ProviderOptions } from '../../providers/provider';
import type { MarkerRead, SystemWriter } from '../writer';
import { asGithubRef } from './refs';
import {
  createdCommentSchema,
  issueCommentsSchema,
  issueLockSchema,
  repoPermissionsSchema,
  userSchema,
} from './schemas';
import { inertMarkdown } from './inert-markdown';
import { acceptedPermissions, commentScope, fineGrainedNeeds, oauthScopes } from './write-access';

/**
 * GitHub's writer (issue 14; docs/write-back-research.md §2): a comment on an issue or pull request ("every pull
 * request is an issue": `/issues/{n}/comments` serves both), its marker hidden in an HTML comment on its last
 * line, which GitHub does not render and the API's raw `body` keeps. Comments append, so Liaison reads them for
 * its marker first. Writes are sent once; pacing them a second apart is the background's (GitHub's best
 * practices for mutative requests).
 */

/** Comments read back at most: pages of 100, newest last (the endpoint has no sort). */
export const commentReads = { pageSize: 100, maxPages: 5 };
/** GitHub refuses a longer comment body with 422 "Body is too long (maximum is 65536 characters)". */
export const maxCommentChars = 65_536;

const factory = 'createGithubWriter';
const normalHost = (host: string | undefined) =>
  !host || host.toLowerCase() === 'github.com' ? undefined : host.toLowerCase();

interface CommentTarget {
  key: string;
  repo: string;
  /** `/repos/{o}/{r}` */
  path: string;
  number: number;
}

export function createGithubWriter(options: ProviderOptions): SystemWriter {
  const connection = requireConnection(options, 'github', factory);
  const refHost = normalHost(options.refHost);
  const host = hostOf(connection);
  const name = host === 'github.com' ? 'GitHub' : `GitHub (${host})`;
  const http = createHttpClient({
    system: 'github',
    baseUrl: apiRoot(connection),
    auth: connection.auth,
    ...transportOptions(options),
    // Markers are read fresh, and headers (scopes) come from a real answer, never a memo.
    conditional: false,
  });
  const signalOf = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
  const fail = (
    kind: SourceFailure['kind'],
    sentence: string,
    status?: number,
    messages?: readonly string[],
  ) => new SourceFailure('github', http.host, kind, sentence, status, undefined, messages);

  /** An issue or pull request of this connection; anything else is refused before a request is made. */
  function targetOf(item: Item): CommentTarget {
    const ref = asGithubRef(parseRef(item.ref));
    if (!ref || ref.number === undefined || normalHost(ref.host) !== refHost)
      throw fail(
        'config',
        `${item.key} is not an issue or pull request of ${name}; Liaison writes to an item only through its own connection.`,
      );
    const repo = `${ref.owner}/${ref.repo}`;
    const path = `/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}`;
    return { key: `${repo}#${ref.number}`, repo, path, number: ref.number };
  }

  const unseen = (t: CommentTarget) =>
    `${name} does not show ${t.key} to this token: it was deleted, or the token cannot reach ${t.repo} (GitHub answers 404 for private repositories a token may not see). Check the token's repository access.`;

  /** A refused or failed comment as a sentence naming what the token needs (from GitHub's own headers). */
  function commentFailure(error: unknown, t: CommentTarget, headers: Headers | undefined): unknown {
    if (!(error instanceof SourceFailure)) return error;
    const again = (text: string) => fail(error.kind, text, error.status, error.messages);
    const detail = error.messages[0] ? `: ${error.messages[0]}` : '';
    if (error.kind === 'forbidden') {
      if (error.messages.some((m) => /\blocked\b/i.test(m)))
        return again(
          `${name} refused the comment on ${t.key}: the conversation is locked, so only collaborators can comment. Unlock it on GitHub, or comment there as a collaborator.`,
        );
      // SAML SSO organisations refuse a classic token not yet authorised for them, whatever its scopes, and say so
      // in `X-GitHub-SSO: required; url=…` ("Authorizing a personal access token for use with SAML single sign-on",
      // https://docs.github.com/en/github/authenticating-to-github/authorizing-a-personal-access-token-for-use-with-saml-single-sign-on).
      if (headers?.get('x-github-sso')?.startsWith('required'))
        return again(
          `${name} refused the comment on ${t.key}: the token is not authorized for the single sign-on of ${t.repo.split('/')[0]}. Authorize it (Configure SSO) in GitHub's token settings.`,
        );
      const needs = headers && acceptedPermissions(headers);
      if (needs)
        return again(`${name} refused the comment on ${t.key}: the token needs ${needs} on ${t.repo}.`);
      const scopes = headers && oauthScopes(headers);
      if (scopes && commentScope(scopes) !== 'all')
        return again(
          `${name} refused the comment on ${t.key}: the token lacks the repo scope (public_repo covers public repositories only). Create a token with the repo scope.`,
        );
      return again(
        `${name} refused the comment on ${t.key} (403)${detail}. A classic token needs the repo scope; a fine-grained one ${fineGrainedNeeds} on ${t.repo}.`,
      );
    }
    if (error.kind === 'not-found') return again(unseen(t));
    const uncertain =
      ['timeout', 'unavailable', 'offline', 'schema'].includes(error.kind) ||
      (error.kind === 'unknown' && (error.status === undefined || error.status >= 500));
    if (uncertain)
      return again(
        `${error.userMessage} The comment on ${t.key} may or may not have been added; Liaison looks for its marker before writing again.`,
      );
    if (error.kind === 'unknown')
      return again(
        `${name} refused the comment on ${t.key} (${error.status})${detail}. Nothing was written.`,
      );
    return error;
  }

  async function readMarkers(t: CommentTarget, signal: AbortSignal | undefined): Promise<MarkerRead> {
    const tokens = new Set<string>();
    for (let page = 1; page <= commentReads.maxPages; page++) {
      const answer: { link: string | null } = { link: null };
      const comments = await http.get(`${t.path}/issues/${t.number}/comments`, issueCommentsSchema, {
        searchParams: { per_page: commentReads.pageSize, page },
        onHeaders: (headers) => {
          answer.link = headers.get('link');
        },
        ...signalOf(signal),
      });
      const skipped = skippedIn(comments).length;
      if (skipped > 0)
        return {
          known: false,
          reason: `${skipped} of the comments on ${t.key} could not be read, so Liaison cannot tell whether its comment is already there.`,
        };
      for (const comment of comments) for (const token of markersIn(comment.body ?? '')) tokens.add(token);
      // A full page is the last only when GitHub's Link header says there is no next one.
      const last =
        comments.length < commentReads.pageSize || (answer.link !== null && !/rel="next"/.test(answer.link));
      if (last) return { known: true, tokens };
    }
    return {
      known: false,
      reason: `${t.key} has more than ${commentReads.pageSize * commentReads.maxPages} comments; Liaison reads only that many, so it cannot tell whether its comment is already there.`,
    };
  }

  /** Whether the token may comment on a locked conversation: collaborators with push access may. */
  async function maySpeakWhenLocked(t: CommentTarget, signal: AbortSignal | undefined): Promise<boolean> {
    try {
      const repo = await http.get(t.path, repoPermissionsSchema, signalOf(signal));
      const p = repo.permissions;
      return p?.push === true || p?.maintain === true || p?.admin === true;
    } catch (error) {
      if (error instanceof SourceFailure) return false;
      throw error;
    }
  }

  return {
    noteWhere: (item) =>
      item.kind === 'pull' ? `Comment on pull request ${item.key}` : `Comment on GitHub issue ${item.key}`,

    // Hidden: GitHub does not render HTML comments, and the raw body keeps it. Only the token's own characters.
    noteBody: (text, marker) =>
      `${text.replace(/\s+$/, '')}\n\n<!-- ${marker.replace(/[^a-z0-9:]/g, '')} -->`,

    async readMarkers(item, signal) {
      const t = targetOf(item);
      try {
        return await readMarkers(t, signal);
      } catch (error) {
        if (!(error instanceof SourceFailure)) throw error;
        return { known: false, reason: error.kind === 'not-found' ? unseen(t) : error.userMessage };
      }
    },

    async addNote(item, body, signal) {
      const t = targetOf(item);
      if (body.length > maxCommentChars)
        throw fail(
          'config',
          `The comment for ${t.key} is ${body.length} characters; GitHub takes at most ${maxCommentChars}. Nothing was written.`,
        );
      let headers: Headers | undefined;
      try {
        // Sent once: a comment POST appends, so a retry could post it twice.
        const created = await http.post(
          `${t.path}/issues/${t.number}/comments`,
          { body: inertMarkdown(body) },
          createdCommentSchema,
          {
            onHeaders: (h) => {
              headers = h;
            },
            ...signalOf(signal),
          },
        );
        const url =
          created.html_url && onConnection(created.html_url, connection)
            ? created.html_url
            : created.id !== undefined
              ? `${connection.baseUrl}/${t.repo}/issues/${t.number}#issuecomment-${created.id}`
              : undefined;
        return { created: true, ...(url ? { url } : {}) };
      } catch (error) {
        throw commentFailure(error, t, headers);
      }
    },

    async precheck(item, _write, signal) {
      const t = targetOf(item);
      let scopes: Set<string> | undefined;
      try {
        const issue = await http.get(`${t.path}/issues/${t.number}`, issueLockSchema, {
          onHeaders: (h) => {
            scopes = oauthScopes(h);
          },
          ...signalOf(signal),
        });
        // A classic token that could read the issue with public_repo reads a public repository: enough.
        if (scopes && commentScope(scopes) === 'none')
          return `${name}: the token lacks the repo scope (public_repo for public repositories), so it cannot comment on ${t.key}. Create a token with the repo scope.`;
        if (issue.locked && !(await maySpeakWhenLocked(t, signal)))
          return `${t.key} is locked on GitHub: only collaborators can comment. Unlock it, or comment on GitHub as a collaborator.`;
        return undefined;
      } catch (error) {
        if (error instanceof SourceFailure && error.kind === 'not-found') return unseen(t);
        throw error;
      }
    },

    async writeAccess(signal) {
      let scopes: Set<string> | undefined;
      const me = await http.get('/user', userSchema, {
        onHeaders: (h) => {
          scopes = oauthScopes(h);
        },
        ...signalOf(signal),
      });
      const who = `${name} as ${me.login}`;
      if (!scopes)
        return {
          ok: true,
          message: `${who}: GitHub does not say what a fine-grained token may write before it writes; it needs ${fineGrainedNeeds} on the repositories.`,
        };
      const scope = commentScope(scopes);
      if (scope === 'all')
        return {
          ok: true,
          message: `${who}: the token has the repo scope, so Liaison can comment on issues and pull requests.`,
        };
      if (scope === 'public')
        return {
          ok: true,
          message: `${who}: the token has the public_repo scope, so Liaison can comment on public repositories only; add the repo scope for private ones.`,
        };
      return {
        ok: false,
        message: `${who}: the token lacks the repo scope (or public_repo), so Liaison cannot comment. Create a token with the repo scope.`,
      };
    },
  };
}
