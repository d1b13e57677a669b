import type { SystemForms } from '../forms';
import { ServiceNowKnowledgeBaseSection } from './KnowledgeBaseSection';

declare module '../forms' {
  interface ConnectionKindIds {
    servicenow: true;
  }
}

/** ServiceNow's part of the options page: an instance with a local user's password; where references hide. */
export const servicenowForms: SystemForms = {
  // docs/write-back-research.md §3: work notes (PATCH work_notes), drafts in kb_knowledge.
  writeScope:
    'Work notes on incidents, problems and requests, and draft knowledge articles (your role needs write access to work notes, e.g. itil; knowledge contributors for drafts).',
  kinds: [
    {
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
      fixes: {
        auth: 'Check the username and password (a local password, not single sign-on).',
        forbidden:
          'Your user needs read access to the incident table (for example the itil role) and to sys_user.',
      },
    },
  ],
  // Where draft knowledge articles go, for connections that write (issue 14).
  sections: [{ order: 30, component: ServiceNowKnowledgeBaseSection }],
  fieldLists: [
    {
      section: 'servicenow',
      field: 'searchFields',
      label: 'ServiceNow fields searched for references',
      hint: 'Text fields searched for a Jira key or pull request URL, e.g. short_description, description.',
      rule: 'Field names are lower-case letters, digits, _ and . (e.g. short_description).',
    },
    {
      section: 'servicenow',
      field: 'jiraKeyFields',
      label: 'ServiceNow fields that hold a Jira key',
      hint: 'Custom fields whose value is a Jira key, e.g. u_jira_key.',
      rule: 'Field names are lower-case letters, digits, _ and . (e.g. u_jira_key).',
    },
    {
      section: 'servicenow',
      field: 'tables',
      label: 'ServiceNow tables',
      hint: 'Where linked tickets are looked for, e.g. incident, problem, sc_req_item.',
      rule: 'Table names are lower-case letters, digits and _ (e.g. incident).',
    },
  ],
  prefixLists: [
    {
      section: 'prefixes',
      field: 'servicenow',
      label: 'Extra ServiceNow number prefixes',
      hint: 'Besides INC, PRB, CHG, RITM, KB, TASK…: e.g. SIR for security incidents.',
      rule: 'Prefixes are 2 to 8 capital letters.',
      upper: true,
    },
  ],
};
