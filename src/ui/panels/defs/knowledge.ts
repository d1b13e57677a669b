import { h } from 'preact';
import { KnowledgePanel, knowledgeModel } from '../KnowledgePanel';
import type { PanelDefinition } from '../registry';

/** The knowledge panel's definition, a chunk of its own: a page loads only the panels it shows (issue 15). */
export const panel: PanelDefinition<ReturnType<typeof knowledgeModel>> = {
  model: knowledgeModel,
  body: (model) => h(KnowledgePanel, { model }),
};
