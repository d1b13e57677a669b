/** A Zendesk ticket: its subdomain and id. */
export type ZendeskRef = { system: 'zendesk'; subdomain: string; id: number; host?: undefined };

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

/** `Ref` narrowed to Zendesk's, or undefined. */
export const asZendeskRef = (ref: { system: string } | undefined): ZendeskRef | undefined =>
  ref?.system === 'zendesk' ? (ref as ZendeskRef) : undefined;

/** The subdomain of a Zendesk host (`acme` of `acme.zendesk.com`). */
export const zendeskSubdomainOf = (host: string): string => host.split('.')[0]?.toLowerCase() ?? host;
