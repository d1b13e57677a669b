import type { SystemForms } from '../forms';

export const zendeskForms: SystemForms = {};
