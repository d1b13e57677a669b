import type { SystemBackend } from '../backend';

export const jiraBackend: SystemBackend = {};
