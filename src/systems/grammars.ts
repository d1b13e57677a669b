import { registerSystem } from '../core/systems';
import { githubGrammar } from './github/grammar';
import { jiraGrammar } from './jira/grammar';
import { servicenowGrammar } from './servicenow/grammar';
import { zendeskGrammar } from './zendesk/grammar';

/**
 * The registry of the systems' grammars: the pure part of each system (references, their grammar in text and URLs,
 * item addresses), what the content script needs. Importing this module registers them; every entry point does,
 * before anything reads a reference. The rest of each system (its provider, connection form, searches) is in
 * `src/systems/index.ts`.
 */
export const grammars = [githubGrammar, jiraGrammar, servicenowGrammar, zendeskGrammar] as const;

for (const grammar of grammars) registerSystem(grammar);
