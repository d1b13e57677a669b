import type { SystemDefinition } from '../definition';
import { jiraBackend } from './backend';
import { jiraForms } from './forms';
import { jiraGrammar } from './grammar';

export const jira: SystemDefinition<'jira'> = {
  grammar: jiraGrammar,
  backend: jiraBackend,
  forms: jiraForms,
};
