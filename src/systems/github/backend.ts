import type { SystemBackend } from '../backend';

export const githubBackend: SystemBackend = {};
