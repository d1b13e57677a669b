import type { SystemDefinition } from '../definition';
import { zendeskBackend } from './backend';
import { zendeskForms } from './forms';
import { zendeskGrammar } from './grammar';

export const zendesk: SystemDefinition<'zendesk'> = {
  grammar: zendeskGrammar,
  backend: zendeskBackend,
  forms: zendeskForms,
};
