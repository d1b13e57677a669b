import { isSystem, registerSystem } from '../core/systems';
import { githubRefGrammar } from './github/grammar-refs';
import { jiraRefGrammar } from './jira/grammar-refs';
import { servicenowRefGrammar } from './servicenow/grammar-refs';
import { zendeskRefGrammar } from './zendesk/grammar-refs';

/**
 * The registry of the systems' reference grammars, for the content script (issue 15): each system's references
 * read, written, named and linked, without the passes that find them in text and URLs (the background's
 * extraction, `./grammars.ts`). Importing this module registers them, in the order of `./grammars.ts`; a system
 * already registered with its whole grammar keeps it.
 */
export const refGrammars = [
  githubRefGrammar,
  jiraRefGrammar,
  servicenowRefGrammar,
  zendeskRefGrammar,
] as const;

for (const grammar of refGrammars) if (!isSystem(grammar.id)) registerSystem(grammar);
