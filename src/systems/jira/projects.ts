import type { HttpClient } from '../../providers/http';
import { projectListSchema, projectPageSchema } from './schemas';

/**
 * The project keys that exist, so only real Jira keys become references (DESIGN.md "References"). Cloud: `GET
 * /rest/api/3/project/search` paged with startAt until `isLast` (reference/jira/project-search.json); Data
 * Center: `GET /rest/api/2/project`, one array.
 */

const maxPages = 20;

export interface JiraProject {
  key: string;
  /** `projectTypeKey` "service_desk": every issue in it is a customer request (mapping.ts `kindOf`). */
  serviceDesk: boolean;
}

export async function listProjects(
  http: HttpClient,
  flavor: 'cloud' | 'datacenter',
  signal?: AbortSignal,
): Promise<JiraProject[]> {
  const request = signal ? { signal } : {};
  const project = (p: { key: string; projectTypeKey?: string | undefined }) => ({
    key: p.key,
    serviceDesk: p.projectTypeKey === 'service_desk',
  });
  if (flavor === 'datacenter') {
    return (await http.get('/rest/api/2/project', projectListSchema, request)).map(project);
  }
  const keys: JiraProject[] = [];
  for (let page = 0, startAt = 0; page < maxPages; page++) {
    const answer = await http.get('/rest/api/3/project/search', projectPageSchema, {
      ...request,
      searchParams: { maxResults: 100, startAt },
    });
    keys.push(...answer.values.map(project));
    startAt += answer.values.length;
    if (answer.isLast !== false || answer.values.length === 0) break;
  }
  return keys;
}
