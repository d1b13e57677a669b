import { registerSystem, type System } from '../core/systems';
import type { SystemDefinition } from './definition';
import { github } from './github/index';
import { grammars } from './grammars';
import { jira } from './jira/index';
import { servicenow } from './servicenow/index';
import { zendesk } from './zendesk/index';

export type { SystemDefinition } from './definition';

/**
 * The registry: every system Liaison knows, in one list. The background and the options page import it; the
 * content script and the popup import only the grammars (`./grammars.ts`, the pure part, which this list must
 * match: test/codebase.test.ts checks it). Code outside a system's folder iterates these and never compares a
 * system's name.
 */
const builtIn: readonly SystemDefinition[] = [github, jira, servicenow, zendesk];

const definitions = new Map<string, SystemDefinition>(builtIn.map((d) => [d.grammar.id, d]));

/** Adds a system (a test's fake one; built-in systems are listed above). */
export function registerDefinition(definition: SystemDefinition): void {
  registerSystem(definition.grammar);
  definitions.set(definition.grammar.id, definition);
}

/** Every system, in registration order. */
export const systems = (): readonly SystemDefinition[] => [...definitions.values()];

/** One system's definition; undefined for a name no system has. */
export const systemOf = (id: System | string): SystemDefinition | undefined => definitions.get(id);

/** The grammars the page registers must be the registry's (checked by test/codebase.test.ts). */
export const builtInGrammarIds = (): string[] => grammars.map((g) => g.id);
