/**
 * A Zendesk ticket: its subdomain and id; or, with `article`, a Help Center article of that subdomain
 * (`zendesk-hc:acme/360001234567`, DESIGN.md contract 6): article ids are large numbers of their own, never tickets.
 */
export type ZendeskRef = {
  system: 'zendesk';
  subdomain: string;
  id: number;
  host?: undefined;
  article?: true;
};

declare module '../../core/systems' {
  interface RefShapes {
    zendesk: ZendeskRef;
  }
}

export const ZENDESK = 'zendesk';

export const zendeskRef = (subdomain: string, id: number): ZendeskRef => ({
  system: 'zendesk',
  subdomain: subdomain.toLowerCase(),
  id,
});

/** The prefix of Help Center article references (`zendesk-hc:acme/360001234567`). */
export const HELP_CENTER_SCHEME = 'zendesk-hc';

export const helpCenterArticleRef = (subdomain: string, id: number): ZendeskRef => ({
  ...zendeskRef(subdomain, id),
  article: true,
});

/** `Ref` narrowed to Zendesk's, or undefined. */
export const asZendeskRef = (ref: { system: string } | undefined): ZendeskRef | undefined =>
  ref?.system === 'zendesk' ? (ref as ZendeskRef) : undefined;

/** The subdomain of a Zendesk host (`acme` of `acme.zendesk.com`). */
export const zendeskSubdomainOf = (host: string): string => host.split('.')[0]?.toLowerCase() ?? host;
