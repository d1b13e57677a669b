import type { System } from './settings';

const names: Record<System, string> = {
  github: 'GitHub',
  jira: 'Jira',
  servicenow: 'ServiceNow',
  zendesk: 'Zendesk',
};

/** The name people know a system by. */
export const systemName = (system: System): string => names[system];
