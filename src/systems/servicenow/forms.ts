import type { SystemForms } from '../forms';

export const servicenowForms: SystemForms = {};
