import { hostOf } from '../core/settings';
import { MAX_RELEASE_REFS, type ReleaseScope } from '../core/release';
import type { SourceStatus } from '../core/model';
import type { PageReport } from '../messaging/protocol';
import { SourceFailure } from '../providers/errors';
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
    const failure =
      error instanceof SourceFailure
        ? error
        : new SourceFailure(
            owner.system,
            host,
            'unknown',
            `Could not read the release: ${error instanceof Error ? error.message : String(error)}`,
          );
    console.warn(failure.message);
    return { scope: undefined, failed: { connectionId: owner.connection.id, failure } };
  }
}

/** The page with the release's work as references of its own, first (they are what the brief is about). */
export function withReleaseRefs(page: PageReport, scope: ReleaseScope | undefined): PageReport {
  if (!scope || scope.refs.length === 0) return page;
  return { ...page, refs: [...new Set([...scope.refs, ...page.refs])].slice(0, 500) };
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
