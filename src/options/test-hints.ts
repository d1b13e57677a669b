import type { ErrorKind } from '../core/model';
import { type ConnectionKind, lowerFirst } from './connection-kinds';

/**
 * What to do about a failed connection test, per kind of failure and of connection. The background's sentence
 * already says what happened (`… rejected the credentials (401) …`); this says how to fix it from here.
 */
export function fixFor(kind: ConnectionKind, error: ErrorKind | undefined): string | undefined {
  const secret = lowerFirst(kind.fields.secret?.label ?? 'token');
  switch (error) {
    case 'auth':
      if (kind.id === 'jira-cloud')
        return 'Check the email is your Atlassian account email, and replace the API token with a new one.';
      if (kind.id === 'zendesk')
        return 'Check the email, that token access is on in Admin Center, and replace the API token with a new one.';
      if (kind.id === 'servicenow')
        return 'Check the username and password (a local password, not single sign-on).';
      return `The ${secret} is wrong, expired or revoked: create a new one and paste it in (Edit, then Replace, on a saved connection).`;
    case 'forbidden':
      if (kind.system === 'github')
        return 'The token lacks access: give it read access to Contents, Issues, Metadata and Pull requests on your repositories (for an organisation with SSO, authorise the token for it).';
      if (kind.system === 'servicenow')
        return 'Your user needs read access to the incident table (for example the itil role) and to sys_user.';
      if (kind.system === 'jira')
        return 'Your account needs the Browse projects permission on the projects you work in.';
      return 'Use an agent or administrator account: end users cannot read tickets through the API.';
    case 'not-found':
      return kind.id === 'ghe'
        ? 'Check the server URL, and the API URL if you set one (usually https://HOST/api/v3).'
        : 'Check the URL: use the address you open in the browser, without a path after the host.';
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
