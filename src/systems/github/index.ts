import type { SystemDefinition } from '../definition';
import { githubBackend } from './backend';
import { githubForms } from './forms';
import { githubGrammar } from './grammar';

export const github: SystemDefinition<'github'> = {
  grammar: githubGrammar,
  backend: githubBackend,
  forms: githubForms,
};
