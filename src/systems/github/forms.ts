import { type ConnectionKind, originOf, type SystemForms } from '../forms';
import { GITHUB_COM } from './grammar';
import { GithubScopeSection } from './ScopeSection';

declare module '../forms' {
  interface ConnectionKindIds {
    github: true;
    ghe: true;
  }
}

// Both kinds need the same read permissions.
const forbidden =
  'The token lacks access: give it read access to Contents, Issues, Metadata and Pull requests on your repositories (for an organisation with SSO, authorise the token for it).';

const githubCom: ConnectionKind = {
  id: 'github',
  name: 'GitHub',
  system: 'github',
  idBase: 'github',
  auth: 'token',
  defaultBaseUrl: 'https://github.com',
  fields: {
    secret: {
      label: 'Personal access token',
      hint: 'Fine-grained, read-only is enough, unless you allow writing (then Issues and Pull requests: read and write).',
    },
  },
  // https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens
  tokenHelp: () => ({
    text: 'Create a fine-grained token on GitHub',
    href: 'https://github.com/settings/personal-access-tokens/new',
    steps:
      'Choose the repositories, then Repository permissions: Contents, Issues, Metadata and Pull requests, read-only.',
  }),
  fixes: { forbidden },
};

const enterprise: ConnectionKind = {
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
    const at = originOf(baseUrl);
    return at
      ? {
          text: 'Create a token on your server',
          href: `${at}/settings/tokens`,
          steps: 'Settings → Developer settings → Personal access tokens; read access to repositories.',
        }
      : undefined;
  },
  fixes: {
    forbidden,
    notFound: 'Check the server URL, and the API URL if you set one (usually https://HOST/api/v3).',
  },
};

/** GitHub's part of the options page: github.com or an Enterprise Server, both with a token; the search scope. */
export const githubForms: SystemForms = {
  kinds: [githubCom, enterprise],
  // github.com has its own kind; any other host is an Enterprise Server.
  kindOf: (connection) => (new URL(connection.baseUrl).host === GITHUB_COM ? githubCom : enterprise),
  sections: [{ order: 20, component: GithubScopeSection }],
  // docs/write-back-research.md §2: one comment endpoint serves issues and pull requests.
  writeScope:
    'Comments on issues and pull requests (the token needs Issues and Pull requests: read and write).',
};
