import type { SystemForms } from '../forms';

export const githubForms: SystemForms = {};
