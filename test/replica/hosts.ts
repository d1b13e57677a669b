/**
 * Which system answers for a host name, and whether a path is its API or its pages.
 * Wildcard families (*.atlassian.net, *.service-now.com, *.zendesk.com) let `extraHosts` add instances.
 */
import type { Vendor } from './http.ts';

export const defaultHosts = [
  'github.com',
  'api.github.com',
  'ghe.acme.test',
  'acme.atlassian.net',
  'jira.acme.test',
  'acme.service-now.com',
  'acme.zendesk.com',
];

export type Route =
  | { system: 'github'; area: 'api'; apiPath: string }
  | { system: 'github'; area: 'page' }
  | { system: 'jira-cloud' | 'jira-dc' | 'servicenow' | 'zendesk'; area: 'api' | 'page' }
  | { system: 'unknown' };

export function classify(host: string, path: string): Route {
  if (host === 'api.github.com') return { system: 'github', area: 'api', apiPath: path };
  if (host === 'github.com') return { system: 'github', area: 'page' };
  if (host === 'ghe.acme.test' || host.startsWith('ghe.') || host.startsWith('github.')) {
    // GitHub Enterprise Server: REST under /api/v3, GraphQL at /api/graphql
    if (path === '/api/graphql') return { system: 'github', area: 'api', apiPath: '/graphql' };
    if (path === '/api/v3' || path.startsWith('/api/v3/'))
      return { system: 'github', area: 'api', apiPath: path.slice(7) || '/' };
    return { system: 'github', area: 'page' };
  }
  if (host.endsWith('.atlassian.net'))
    return { system: 'jira-cloud', area: path.startsWith('/rest/') ? 'api' : 'page' };
  if (host === 'jira.acme.test' || host.startsWith('jira.'))
    return { system: 'jira-dc', area: path.startsWith('/rest/') ? 'api' : 'page' };
  if (host.endsWith('.service-now.com'))
    return { system: 'servicenow', area: path.startsWith('/api/') ? 'api' : 'page' };
  if (host.endsWith('.zendesk.com'))
    return { system: 'zendesk', area: path.startsWith('/api/') ? 'api' : 'page' };
  return { system: 'unknown' };
}

/** The GitHub instance a host belongs to: api.github.com serves github.com's data. */
export const githubSite = (host: string): string => (host === 'api.github.com' ? 'github.com' : host);

export function vendorOf(route: Route): Vendor | undefined {
  switch (route.system) {
    case 'github':
      return 'github';
    case 'jira-cloud':
    case 'jira-dc':
      return 'jira';
    case 'servicenow':
      return 'servicenow';
    case 'zendesk':
      return 'zendesk';
    default:
      return undefined;
  }
}
