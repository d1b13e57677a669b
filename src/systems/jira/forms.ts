import { type ConnectionKind, originOf, type SystemForms } from '../forms';
import { jiraFlavor } from './grammar';
import { JiraProjectsSection } from './ProjectsSection';

declare module '../forms' {
  interface ConnectionKindIds {
    'jira-cloud': true;
    'jira-dc': true;
  }
}

// Both kinds need the same permission.
const forbidden = 'Your account needs the Browse projects permission on the projects you work in.';

const cloud: ConnectionKind = {
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
  fixes: {
    auth: 'Check the email is your Atlassian account email, and replace the API token with a new one.',
    forbidden,
  },
  // Cloud speaks REST v3, Data Center v2: the provider reads which from the connection.
  storedFields: { flavor: 'cloud' },
};

const dataCenter: ConnectionKind = {
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
    const at = originOf(baseUrl);
    return at
      ? {
          text: 'Create a personal access token in Jira',
          href: `${at}/secure/ViewProfile.jspa?selectedTab=com.atlassian.pats.pats-plugin:jira-user-personal-access-tokens`,
          steps: 'Your profile → Personal access tokens → Create token (Jira 8.14 or later).',
        }
      : undefined;
  },
  fixes: { forbidden },
  storedFields: { flavor: 'datacenter' },
};

/** Jira's part of the options page: Cloud (email and API token) or Data Center (a token); its project keys. */
export const jiraForms: SystemForms = {
  kinds: [cloud, dataCenter],
  kindOf: (connection) => (jiraFlavor(connection) === 'cloud' ? cloud : dataCenter),
  sections: [{ order: 10, component: JiraProjectsSection }],
  perConnection: [{ section: 'jira', field: 'projectKeys' }],
  // docs/write-back-research.md §1: remote links need Link issues, internal comments Add comments.
  writeScope:
    'Remote links on issues (Link issues permission) and internal comments on service requests (Add comments permission).',
};
