import type { SystemBackend } from '../backend';

export const zendeskBackend: SystemBackend = {};
