import { type Connection, connectionSchema, type System } from '../core/settings';
import { jiraFlavor } from '../systems/jira/grammar';

/**
 * The kinds of connection a person adds, each with the fields its auth method needs and where to create the
 * token. Stored as DESIGN.md contract 2 says: GitHub and Jira Data Center send a Bearer token (`auth.type`
 * `token`); Jira Cloud, ServiceNow and Zendesk Basic auth (Zendesk's username is `email/token`).
 */

export type KindId = 'github' | 'ghe' | 'jira-cloud' | 'jira-dc' | 'servicenow' | 'zendesk';
export type FieldName = 'baseUrl' | 'apiUrl' | 'username' | 'secret';

export interface FieldSpec {
  label: string;
  placeholder?: string;
  hint?: string;
  type?: 'url' | 'email' | 'text';
  optional?: boolean;
}

export interface TokenHelp {
  text: string;
  href: string;
  /** What to pick on that page. */
  steps: string;
}

export interface ConnectionKind {
  id: KindId;
  name: string;
  system: System;
  /** The id a new connection of this kind gets (made unique with -2, -3…). */
  idBase: string;
  auth: 'token' | 'basic';
  fields: Partial<Record<FieldName, FieldSpec>>;
  /** Base URL filled in for a new connection. */
  defaultBaseUrl?: string;
  /** Where the user creates the secret (the base URL entered so far, for self-hosted pages). */
  tokenHelp(baseUrl: string): TokenHelp | undefined;
}

const origin = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

export const kinds: Record<KindId, ConnectionKind> = {
  github: {
    id: 'github',
    name: 'GitHub',
    system: 'github',
    idBase: 'github',
    auth: 'token',
    defaultBaseUrl: 'https://github.com',
    fields: {
      secret: { label: 'Personal access token', hint: 'Fine-grained, read-only is enough.' },
    },
    // https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens
    tokenHelp: () => ({
      text: 'Create a fine-grained token on GitHub',
      href: 'https://github.com/settings/personal-access-tokens/new',
      steps:
        'Choose the repositories, then Repository permissions: Contents, Issues, Metadata and Pull requests, read-only.',
    }),
  },
  ghe: {
    id: 'ghe',
    name: 'GitHub Enterprise Server',
    system: 'github',
    idBase: 'ghe',
    auth: 'token',
    fields: {
      baseUrl: { label: 'Server URL', placeholder: 'https://github.example.com', type: 'url' },
      apiUrl: {
        label: 'API URL',
        placeholder: 'https://github.example.com/api/v3',
        hint: 'Only if your server answers the API elsewhere than /api/v3.',
        type: 'url',
        optional: true,
      },
      secret: { label: 'Personal access token' },
    },
    tokenHelp: (baseUrl) => {
      const at = origin(baseUrl);
      return at
        ? {
            text: 'Create a token on your server',
            href: `${at}/settings/tokens`,
            steps: 'Settings → Developer settings → Personal access tokens; read access to repositories.',
          }
        : undefined;
    },
  },
  'jira-cloud': {
    id: 'jira-cloud',
    name: 'Jira Cloud',
    system: 'jira',
    idBase: 'jira',
    auth: 'basic',
    fields: {
      baseUrl: { label: 'Site URL', placeholder: 'https://your-site.atlassian.net', type: 'url' },
      username: {
        label: 'Email',
        placeholder: 'you@example.com',
        type: 'email',
        hint: 'Your Atlassian account email.',
      },
      secret: { label: 'API token' },
    },
    // https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/
    tokenHelp: () => ({
      text: 'Create an API token at Atlassian',
      href: 'https://id.atlassian.com/manage-profile/security/api-tokens',
      steps: 'Create API token, name it "Liaison", copy it.',
    }),
  },
  'jira-dc': {
    id: 'jira-dc',
    name: 'Jira Data Center',
    system: 'jira',
    idBase: 'jira-dc',
    auth: 'token',
    fields: {
      baseUrl: { label: 'Base URL', placeholder: 'https://jira.example.com', type: 'url' },
      secret: { label: 'Personal access token' },
    },
    // https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html
    tokenHelp: (baseUrl) => {
      const at = origin(baseUrl);
      return at
        ? {
            text: 'Create a personal access token in Jira',
            href: `${at}/secure/ViewProfile.jspa?selectedTab=com.atlassian.pats.pats-plugin:jira-user-personal-access-tokens`,
            steps: 'Your profile → Personal access tokens → Create token (Jira 8.14 or later).',
          }
        : undefined;
    },
  },
  servicenow: {
    id: 'servicenow',
    name: 'ServiceNow',
    system: 'servicenow',
    idBase: 'servicenow',
    auth: 'basic',
    fields: {
      baseUrl: { label: 'Instance URL', placeholder: 'https://your-instance.service-now.com', type: 'url' },
      username: { label: 'Username', placeholder: 'jane.doe' },
      secret: {
        label: 'Password',
        hint: 'A local ServiceNow password (single sign-on accounts need one set).',
      },
    },
    tokenHelp: () => undefined,
  },
  zendesk: {
    id: 'zendesk',
    name: 'Zendesk',
    system: 'zendesk',
    idBase: 'zendesk',
    auth: 'basic',
    fields: {
      baseUrl: { label: 'Subdomain URL', placeholder: 'https://your-subdomain.zendesk.com', type: 'url' },
      username: { label: 'Email', placeholder: 'you@example.com', type: 'email' },
      secret: { label: 'API token' },
    },
    // https://support.zendesk.com/hc/en-us/articles/4408889192858
    tokenHelp: (baseUrl) => ({
      text: 'Create an API token in Zendesk Admin Center',
      href: `${origin(baseUrl) ?? 'https://your-subdomain.zendesk.com'}/admin/apps-integrations/apis/zendesk-api`,
      steps:
        'Admin Center → Apps and integrations → APIs → Zendesk API: turn on Token access, Add API token.',
    }),
  },
};

export const kindList: readonly ConnectionKind[] = Object.values(kinds);

/** Which form edits a stored connection. */
export function kindOf(connection: Connection): ConnectionKind {
  switch (connection.system) {
    case 'github':
      return new URL(connection.baseUrl).host === 'github.com' ? kinds.github : kinds.ghe;
    case 'jira':
      return jiraFlavor(connection) === 'cloud' ? kinds['jira-cloud'] : kinds['jira-dc'];
    case 'servicenow':
      return kinds.servicenow;
    case 'zendesk':
      return kinds.zendesk;
  }
}

/** The kind of a stored connection read as if it had a secret (one imported without it, or being moved). */
export function kindOfStored(stored: Record<string, unknown>): ConnectionKind | undefined {
  const parsed = connectionSchema.safeParse({ ...stored, auth: { type: 'token', token: 'pending' } });
  return parsed.success ? kindOf(parsed.data) : undefined;
}

/** "Site URL" → "site URL", "API token" stays: for labels inside sentences. */
export const lowerFirst = (label: string): string => label.replace(/^[A-Z][a-z]/, (c) => c.toLowerCase());

/** Zendesk API tokens go with the username `email/token`; the form shows the email alone. */
export const ZENDESK_TOKEN_SUFFIX = '/token';
