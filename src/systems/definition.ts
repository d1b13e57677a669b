import type { System, SystemGrammar } from '../core/systems';
import type { SystemBackend } from './backend';
import type { SystemForms } from './forms';

/**
 * Everything Liaison knows about one system, from its folder (`src/systems/<id>/index.ts`): the grammar (pure, what
 * the page needs: references, their patterns, item addresses), the backend (what the background needs: its
 * provider, how mentions of it are searched for elsewhere, discovery, extraction options), and the forms (what the
 * options page needs: connection kinds, fields, token links, test hints, settings sections).
 */
export interface SystemDefinition<S extends System = System> {
  readonly grammar: SystemGrammar<S>;
  readonly backend: SystemBackend;
  readonly forms: SystemForms;
}
