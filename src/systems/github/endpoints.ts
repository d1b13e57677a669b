import { onConnection } from '../../core/item-links';
import type { PullRelease } from '../../core/model';
import { parseRef } from '../../core/refs';
import { apiRoot, type Connection } from '../../core/settings';
import { asGithubRef } from './refs';

/** GitHub GraphQL endpoint: api.github.com/graphql, or HOST/api/graphql on Enterprise Server. */
export function githubGraphqlUrl(connection: Connection): string {
  const root = apiRoot(connection);
  return root.endsWith('/api/v3') ? `${root.slice(0, -'/v3'.length)}/graphql` : `${root}/graphql`;
}

/** A GitHub release link, kept only on its connection; else its tag's page there. */
export function withSafeReleaseUrl(found: PullRelease, connection: Connection): PullRelease {
  const { release } = found;
  if (onConnection(release.url, connection)) return found;
  const ref = asGithubRef(parseRef(found.pull));
  const base = connection.baseUrl.replace(/\/+$/, '');
  const path = encodeURIComponent;
  const url = ref ? `${base}/${path(ref.owner)}/${path(ref.repo)}/releases/tag/${path(release.tag)}` : '';
  return { ...found, release: { ...release, url } };
}
