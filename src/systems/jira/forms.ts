import type { SystemForms } from '../forms';

export const jiraForms: SystemForms = {};
