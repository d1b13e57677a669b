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
  /**
   * One read-only credential per system (issue 14: "a read-only token gets the scope sentence"). Reads answer
   * exactly as for the credentials above; writes are refused as each vendor refuses them (ROUTES.md, "Writes").
   * GitHub: a fine-grained token (no X-OAuth-Scopes), accepted on github.com and ghe.acme.test alike.
   */
  readOnly: {
    github: { token: 'ghp_replicaReadOnlyToken0000000000000000' },
    jira: { username: 'viewer@acme.com', password: 'jira-replica-viewer-token' },
    jiraDc: { token: 'jira-dc-replica-viewer-token' },
    servicenow: { username: 'liaison.viewer', password: 'snow-replica-viewer' },
    zendesk: { username: 'viewer@acme.com/token', password: 'zendesk-replica-viewer-token' },
  },
  /**
   * ServiceNow: a fulfiller whose role may update incidents and write work notes, but whom a field-level write ACL
   * denies `u_jira_key` (research §3.1, §3.5: the table-level update is allowed, the field is silently not stored,
   * 200). Reads answer as for the normal credentials.
   */
  fieldRestricted: {
    servicenow: { username: 'liaison.notes', password: 'snow-replica-notes-only' },
  },
} as const;

/** ServiceNow fields a field-level write ACL denies these credentials: set with a 200, never stored. */
export function snowDeniedFields(given: { username: string; password: string } | undefined): string[] {
  return same(given, credentials.fieldRestricted.servicenow) ? ['u_jira_key'] : [];
}

/** What a request's credentials may do: 'write' (the normal credentials), 'read' (readOnly), or nothing. */
export type Access = 'write' | 'read' | undefined;

const same = (
  a: { username: string; password: string } | undefined,
  b: { username: string; password: string },
) => a !== undefined && a.username === b.username && a.password === b.password;

/** Access for Basic credentials against a system's normal and read-only pair. */
export function basicAccess(
  given: { username: string; password: string } | undefined,
  system: 'jira' | 'servicenow' | 'zendesk',
): Access {
  if (same(given, credentials[system])) return 'write';
  if (system === 'servicenow' && same(given, credentials.fieldRestricted.servicenow)) return 'write';
  if (same(given, credentials.readOnly[system])) return 'read';
  return undefined;
}

export type ReplicaSystem = 'github' | 'jira' | 'servicenow' | 'zendesk' | 'ghe' | 'jira-dc';

export interface ReplicaConnection {
  id: string;
  system: 'github' | 'jira' | 'servicenow' | 'zendesk';
  baseUrl: string;
  apiUrl?: string;
  auth: { type: 'token'; token: string } | { type: 'basic'; username: string; password: string };
  /** write-back opt-in (DESIGN.md contract 7); set only when asked for (`replicaSettings({ write: true })`) */
  write?: boolean;
  /**
   * Zendesk only, with `write`: where Help Center drafts go (issue 14; the section, permission group and user
   * segments the replica knows: ROUTES.md, zendesk/writes.ts `helpCenter`).
   */
  helpCenter?: { sectionId: number; permissionGroupId: number; userSegmentId: number | null; locale: string };
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
export function replicaSettings(
  opts: { include?: ReplicaSystem[]; readOnly?: boolean; write?: boolean } = {},
): ReplicaSettings {
  const include = opts.include ?? defaultSystems;
  return {
    version: 1,
    connections: include.map((s) => {
      const c = structuredClone(connections[s]);
      if (opts.readOnly) c.auth = readOnlyAuth(s);
      if (opts.write) c.write = true;
      if (opts.write && c.system === 'zendesk')
        c.helpCenter = {
          sectionId: 360000111111,
          permissionGroupId: 1,
          userSegmentId: null,
          locale: 'en-us',
        };
      return c;
    }),
  };
}

function readOnlyAuth(system: ReplicaSystem): ReplicaConnection['auth'] {
  const r = credentials.readOnly;
  switch (system) {
    case 'github':
    case 'ghe':
      return { type: 'token', token: r.github.token };
    case 'jira-dc':
      return { type: 'token', token: r.jiraDc.token };
    case 'jira':
      return { type: 'basic', ...r.jira };
    case 'servicenow':
      return { type: 'basic', ...r.servicenow };
    case 'zendesk':
      return { type: 'basic', ...r.zendesk };
  }
}

/** Authorization header value for a system, for Node-side tests (`readOnly`: the read-only credential). */
export function authHeader(system: ReplicaSystem, opts: { readOnly?: boolean } = {}): string {
  const auth = opts.readOnly ? readOnlyAuth(system) : connections[system].auth;
  if (auth.type === 'token') return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}
