import { z } from 'zod';
import { MAX_RELEASE_REFS, type ReleaseScope } from '../../core/release';
import { formatRef } from '../../core/refs';
import { jiraRef } from './refs';
import { jiraVersionPage } from './release-pages';
import type { JqlSearch } from './search';

/**
 * What a Jira fix version holds (issue 13, the service desk brief): the version from "Get version"
 * (`GET /rest/api/3/version/{id}`, https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/#api-rest-api-3-version-id-get;
 * Data Center `GET /rest/api/2/version/{id}`) and its issues from the provider's JQL search, `fixVersion = ID`
 * (a version by id: https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Fix-version), one page of
 * `MAX_RELEASE_REFS + 1` so a longer version is told as capped without reading it all.
 */

const versionSchema = z.looseObject({
  id: z.string(),
  name: z.string().max(256),
  released: z.boolean().optional(),
  archived: z.boolean().optional(),
  releaseDate: z.string().max(64).optional(),
});

export interface JiraReleaseScopeDeps {
  refHost: string | undefined;
  apiVersion: '2' | '3';
  getJson<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.output<S>>;
  search: JqlSearch;
}

export async function jiraReleaseScope(
  deps: JiraReleaseScopeDeps,
  page: URL,
  signal?: AbortSignal,
): Promise<ReleaseScope | undefined> {
  const at = jiraVersionPage(page);
  if (!at) return undefined;
  const version = await deps.getJson(`/rest/api/${deps.apiVersion}/version/${at.id}`, versionSchema, signal);
  const issues = await deps.search(`fixVersion = ${at.id} ORDER BY key ASC`, ['summary'], {
    maxResults: MAX_RELEASE_REFS + 1,
    maxPages: 1,
    signal,
  });
  const keys = [...new Set(issues.map((i) => i.key))];
  return {
    release: {
      kind: 'version',
      name: version.name,
      scope: at.project,
      upcoming: version.released !== true,
      ...(version.released && version.releaseDate ? { date: version.releaseDate } : {}),
      ...(keys.length > MAX_RELEASE_REFS
        ? {
            capped: `This version holds more than ${MAX_RELEASE_REFS} issues; the brief follows the first ${MAX_RELEASE_REFS}.`,
          }
        : {}),
    },
    refs: keys.slice(0, MAX_RELEASE_REFS).map((key) => formatRef(jiraRef(deps.refHost, key))),
  };
}
