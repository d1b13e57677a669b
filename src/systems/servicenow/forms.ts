import type { SystemForms } from '../forms';
import { linkFieldSection } from '../LinkFieldSection';
import { ServiceNowKnowledgeBaseSection } from './KnowledgeBaseSection';
import { LINK_FIELD_PATTERN, serviceNowLinkFieldOf } from './writes';

/** The column link-bug sets instead of adding a work note (issue 14; research §3.2). */
const ServiceNowLinkFieldSection = linkFieldSection({
  system: 'servicenow',
  idPrefix: 'servicenow-link-field',
  title: 'ServiceNow field for bug links',
  intro:
    "When set, Link to a bug writes the bug's key (e.g. SHOP-101 or acme/shop-api#42) into this field of the ticket instead of adding a work note; it replaces whatever the field holds, so the preview shows the old value first. Leave it empty to add a work note.",
  label: 'Link field (column name)',
  hint: 'A string column on the ticket tables, e.g. u_jira_key. Your role needs write access to it.',
  placeholder: 'u_jira_key',
  shown: (connection) => serviceNowLinkFieldOf(connection) ?? '',
  parse: (text) =>
    LINK_FIELD_PATTERN.test(text)
      ? { value: text }
      : {
          error:
            'A column name is lower-case letters, digits and _, starting with a letter (e.g. u_jira_key).',
        },
});

declare module '../forms' {
  interface ConnectionKindIds {
    servicenow: true;
  }
}

/** ServiceNow's part of the options page: an instance with a local user's password; where references hide. */
export const servicenowForms: SystemForms = {
  // docs/write-back-research.md §3: work notes (PATCH work_notes), drafts in kb_knowledge.
  writeScope:
    'Work notes on incidents, problems and requests, and draft knowledge articles (your role needs write access to work notes, e.g. itil; knowledge contributors for drafts); links to bugs go in the link field instead, if you set one below.',
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
  sections: [
    { order: 30, component: ServiceNowKnowledgeBaseSection },
    { order: 31, component: ServiceNowLinkFieldSection },
  ],
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
