import { withHost } from '../../core/refs';

/** A Jira issue (Cloud or Data Center, Jira Service Management requests too) by key. */
export type JiraRef = { system: 'jira'; host?: string; key: string };

declare module '../../core/systems' {
  interface RefShapes {
    jira: JiraRef;
  }
}

export const JIRA = 'jira';

/** A Jira issue's canonical reference parts; the first connection's carry no host. */
export const jiraRef = (host: string | undefined, key: string): JiraRef => ({
  system: 'jira',
  ...withHost(host),
  key: key.toUpperCase(),
});

/** `Ref` narrowed to Jira's, or undefined. */
export const asJiraRef = (ref: { system: string } | undefined): JiraRef | undefined =>
  ref?.system === 'jira' ? (ref as JiraRef) : undefined;
