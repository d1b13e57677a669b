import { withHost } from '../../core/refs';

/** A ServiceNow record by number (incident, problem, change, request…). */
export type ServiceNowRef = { system: 'servicenow'; host?: string; number: string };

declare module '../../core/systems' {
  interface RefShapes {
    servicenow: ServiceNowRef;
  }
}

export const SERVICENOW = 'servicenow';

export const servicenowRef = (host: string | undefined, number: string): ServiceNowRef => ({
  system: 'servicenow',
  ...withHost(host),
  number: number.toUpperCase(),
});

/** `Ref` narrowed to ServiceNow's, or undefined. */
export const asServiceNowRef = (ref: { system: string } | undefined): ServiceNowRef | undefined =>
  ref?.system === 'servicenow' ? (ref as ServiceNowRef) : undefined;
