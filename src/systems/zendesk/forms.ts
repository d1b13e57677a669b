import { originOf, type SystemForms } from '../forms';
import { linkFieldSection } from '../LinkFieldSection';
import { ZendeskHelpCenterSection } from './HelpCenterSection';
import { zendeskLinkFieldOf, zendeskLinkFieldSchema } from './writes';

/** The ticket custom field link-bug sets instead of adding an internal note (issue 14; research §4.1). */
const ZendeskLinkFieldSection = linkFieldSection({
  system: 'zendesk',
  idPrefix: 'zendesk-link-field',
  title: 'Zendesk custom field for bug links',
  intro:
    "When set, Link to a bug writes the bug's key (e.g. SHOP-101 or acme/shop-api#42) into this custom field of the ticket instead of adding an internal note; it replaces whatever the field holds, so the preview shows the old value first. Leave it empty to add an internal note.",
  label: 'Link field (ticket field id)',
  hint: 'The id of a text ticket field (Admin Center → Objects and rules → Tickets → Fields), e.g. 360012345001. Light agents cannot set fields.',
  placeholder: '360012345001',
  shown: (connection) => String(zendeskLinkFieldOf(connection) ?? ''),
  parse(text) {
    const parsed = zendeskLinkFieldSchema.safeParse(/^\d+$/.test(text) ? Number(text) : Number.NaN);
    return parsed.success
      ? { value: parsed.data }
      : { error: 'A ticket field id is a positive whole number, e.g. 360012345001.' };
  },
});

declare module '../forms' {
  interface ConnectionKindIds {
    zendesk: true;
  }
}

/** Zendesk API tokens go with the username `email/token`; the form shows the email alone. */
export const ZENDESK_TOKEN_SUFFIX = '/token';

/** Zendesk's part of the options page: a subdomain with an email and API token; where references hide. */
export const zendeskForms: SystemForms = {
  // docs/write-back-research.md §4: internal notes need an agent; Help Center drafts need management permissions.
  writeScope:
    'Internal notes on tickets (agents only) and draft Help Center articles (Guide managers, in the section set below); links to bugs go in the custom field instead, if you set one below (not for light agents).',
  kinds: [
    {
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
        href: `${originOf(baseUrl) ?? 'https://your-subdomain.zendesk.com'}/admin/apps-integrations/apis/zendesk-api`,
        steps:
          'Admin Center → Apps and integrations → APIs → Zendesk API: turn on Token access, Add API token.',
      }),
      fixes: {
        auth: 'Check the email, that token access is on in Admin Center, and replace the API token with a new one.',
        forbidden: 'Use an agent or administrator account: end users cannot read tickets through the API.',
      },
      urlRule: {
        test: (url) => url.hostname.endsWith('.zendesk.com'),
        message:
          'Use your Zendesk subdomain address, like https://acme.zendesk.com (the API is not served on mapped domains).',
      },
      storedUsername: (typed) => `${typed}${ZENDESK_TOKEN_SUFFIX}`,
      formUsername: (stored) =>
        stored.endsWith(ZENDESK_TOKEN_SUFFIX) ? stored.slice(0, -ZENDESK_TOKEN_SUFFIX.length) : stored,
    },
  ],
  // Where draft Help Center articles go, for connections that write (issue 14).
  sections: [
    { order: 40, component: ZendeskHelpCenterSection },
    { order: 41, component: ZendeskLinkFieldSection },
  ],
  fieldLists: [
    {
      section: 'zendesk',
      field: 'referenceFieldIds',
      label: 'Zendesk ticket fields that hold references',
      hint: 'Numeric ids of custom ticket fields (Admin Center → Objects and rules → Tickets → Fields).',
      rule: 'Field ids are whole numbers, e.g. 360001234567.',
      numbers: true,
    },
  ],
  prefixLists: [
    {
      section: 'prefixes',
      field: 'zendesk',
      label: 'Zendesk ticket prefixes',
      hint: 'How your team writes Zendesk tickets in text, e.g. ZD for ZD-123 (never read as a Jira key).',
      rule: 'Prefixes are capital letters and digits, starting with a letter.',
      upper: true,
    },
  ],
};
