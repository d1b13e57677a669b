import type { SourceStatus } from '../core/model';
import { MAX_RELEASE_REFS, type ReleaseScope } from '../core/release';
import { hostOf } from '../core/settings';
import type { PageReport } from '../messaging/protocol';
import { asSourceFailure, type SourceFailure } from '../providers/errors';
import type { Provider } from '../providers/provider';

/**
 * A release page's contents (issue 13, the service desk brief): the connection whose host serves the page reads
 * what the release is and which work it holds (`Provider.releaseScope`: a GitHub compare's pull requests, a Jira
 * fix version's issues). The resolver then follows those as the page's references, exactly as it follows the pull
 * requests a release's notes link to. A failure is that source's error; the brief still shows what the page names.
 */
export interface ReleaseScopeOutcome {
  scope: ReleaseScope | undefined;
  failed: { connectionId: string; failure: SourceFailure } | undefined;
}

export async function releaseScopeOf(
  page: PageReport,
  providers: readonly Provider[],
  signal?: AbortSignal,
): Promise<ReleaseScopeOutcome> {
  const none: ReleaseScopeOutcome = { scope: undefined, failed: undefined };
  if (!page.release) return none;
  let url: URL;
  try {
    url = new URL(page.url);
  } catch {
    return none;
  }
  const host = url.host.toLowerCase();
  const owner = providers.find((p) => p.releaseScope && hostOf(p.connection).toLowerCase() === host);
  if (!owner?.releaseScope) return none;
  try {
    const scope = await owner.releaseScope(url, signal);
    return {
      scope: scope && { ...scope, refs: scope.refs.slice(0, MAX_RELEASE_REFS) },
      failed: undefined,
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    const failure = asSourceFailure(error, owner.system, host, 'Could not read the release');
    console.warn(failure.message);
    return { scope: undefined, failed: { connectionId: owner.connection.id, failure } };
  }
}

/**
 * The page with the release's work as references of its own (they are what the brief is about). A release's notes
 * and a compare's commit messages stay: they name the bugs a pull request fixes directly (`Merge pull request #42
 * from acme/fix/SHOP-101-…`, a squashed `SHOP-101: … (#42)`), and a bug the page names is read whole, its issue links
 * and ticket fields included, where one found only by searching for its pull request is not. A fix version's page is
 * not read: the version's issues come from its system, and whatever else the page shows is not the version's.
 */
export function withReleaseRefs(page: PageReport, scope: ReleaseScope | undefined): PageReport {
  if (!scope) return page;
  const refs = [...new Set([...scope.refs, ...page.refs])].slice(0, 500);
  return scope.release.kind === 'version' ? { ...page, texts: [], refs } : { ...page, refs };
}

/** A failed release lookup shows as its source's error (unless the resolution already reported one there). */
export function withScopeFailure(
  sources: SourceStatus[],
  failed: ReleaseScopeOutcome['failed'],
): SourceStatus[] {
  if (!failed) return sources;
  return sources.map((s) =>
    s.connectionId === failed.connectionId && !s.error ? { ...s, error: failed.failure.toSourceError() } : s,
  );
}
