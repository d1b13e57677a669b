import type { SystemDefinition } from '../definition';
import { servicenowBackend } from './backend';
import { servicenowForms } from './forms';
import { servicenowGrammar } from './grammar';

export const servicenow: SystemDefinition<'servicenow'> = {
  grammar: servicenowGrammar,
  backend: servicenowBackend,
  forms: servicenowForms,
};
