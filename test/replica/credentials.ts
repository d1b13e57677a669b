/**
 * Credentials the replica accepts, and a ready-made extension settings object (DESIGN.md contract 2)
 * pointing at the replica's hosts. Anything else is rejected with the vendor's 401.
 */

export const credentials = {
  github: { token: 'ghp_replicaGithubToken000000000000000000' },
  ghe: { token: 'ghp_replicaEnterpriseToken0000000000000000' },
  jira: { username: 'me@acme.com', password: 'jira-replica-api-token' },
  jiraDc: { token: 'jira-dc-replica-personal-access-token' },
  servicenow: { username: 'liaison.agent', password: 'snow-replica-password' },
  // Zendesk API tokens are sent as "{email}/token:{api_token}" (node-zendesk builds exactly that)
  zendesk: { username: 'agent@acme.com/token', password: 'zendesk-replica-api-token' },
} as const;

export type ReplicaSystem = 'github' | 'jira' | 'servicenow' | 'zendesk' | 'ghe' | 'jira-dc';

export interface ReplicaConnection {
  id: string;
  system: 'github' | 'jira' | 'servicenow' | 'zendesk';
  baseUrl: string;
  apiUrl?: string;
  auth: { type: 'token'; token: string } | { type: 'basic'; username: string; password: string };
}

export interface ReplicaSettings {
  version: 1;
  connections: ReplicaConnection[];
}

const connections: Record<ReplicaSystem, ReplicaConnection> = {
  github: {
    id: 'gh',
    system: 'github',
    baseUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    auth: { type: 'token', token: credentials.github.token },
  },
  jira: {
    id: 'jira',
    system: 'jira',
    baseUrl: 'https://acme.atlassian.net',
    auth: { type: 'basic', ...credentials.jira },
  },
  servicenow: {
    id: 'snow',
    system: 'servicenow',
    baseUrl: 'https://acme.service-now.com',
    auth: { type: 'basic', ...credentials.servicenow },
  },
  zendesk: {
    id: 'zd',
    system: 'zendesk',
    baseUrl: 'https://acme.zendesk.com',
    auth: { type: 'basic', ...credentials.zendesk },
  },
  ghe: {
    id: 'ghe',
    system: 'github',
    baseUrl: 'https://ghe.acme.test',
    apiUrl: 'https://ghe.acme.test/api/v3',
    auth: { type: 'token', token: credentials.ghe.token },
  },
  'jira-dc': {
    id: 'jira-dc',
    system: 'jira',
    baseUrl: 'https://jira.acme.test',
    auth: { type: 'token', token: credentials.jiraDc.token },
  },
};

export const defaultSystems: ReplicaSystem[] = ['github', 'jira', 'servicenow', 'zendesk'];

/** Settings for the extension that connect it to the replica. Default: the four SaaS systems. */
export function replicaSettings(opts: { include?: ReplicaSystem[] } = {}): ReplicaSettings {
  const include = opts.include ?? defaultSystems;
  return { version: 1, connections: include.map((s) => structuredClone(connections[s])) };
}

/** Authorization header value for a system, for Node-side tests. */
export function authHeader(system: ReplicaSystem): string {
  const auth = connections[system].auth;
  if (auth.type === 'token') return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}
