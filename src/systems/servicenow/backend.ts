import type { SystemBackend } from '../backend';

export const servicenowBackend: SystemBackend = {};
