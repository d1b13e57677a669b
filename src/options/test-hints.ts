import type { ErrorKind } from '../core/model';
import { type ConnectionKind, lowerFirst } from './connection-kinds';

/**
 * What to do about a failed connection test, per kind of failure and of connection (the kind's `fixes`, else the
 * general advice). The background's sentence already says what happened (`… rejected the credentials (401) …`);
 * this says how to fix it from here.
 */
export function fixFor(kind: ConnectionKind, error: ErrorKind | undefined): string | undefined {
  const secret = lowerFirst(kind.fields.secret?.label ?? 'token');
  switch (error) {
    case 'auth':
      return (
        kind.fixes?.auth ??
        `The ${secret} is wrong, expired or revoked: create a new one and paste it in (Edit, then Replace, on a saved connection).`
      );
    case 'forbidden':
      return (
        kind.fixes?.forbidden ??
        'The account lacks access: check that it may read the items you work with through the API.'
      );
    case 'not-found':
      return (
        kind.fixes?.notFound ??
        'Check the URL: use the address you open in the browser, without a path after the host.'
      );
    case 'offline':
    case 'timeout':
      return 'Check the URL and your network (internal instances may need your VPN).';
    case 'rate-limited':
      return 'Nothing is wrong with the settings: wait a minute and test again.';
    case 'unavailable':
      return 'The instance is having trouble: try again in a few minutes.';
    case 'schema':
      return `This address does not answer like ${kind.name}: check the URL.`;
    default:
      return undefined;
  }
}

/** What to tell someone who refused (or could not be asked for) access to a self-hosted host. */
export function accessRefused(origins: readonly string[]): string {
  const hosts = origins.map((o) => o.replace(/^https?:\/\//, '').replace(/\/\*$/, '')).join(', ');
  return `Liaison needs access to ${hosts} to read its API and show panels on its pages, and the browser did not grant it. Try again and choose Allow.`;
}
