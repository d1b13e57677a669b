import { h } from 'preact';
import { CustomerImpactPanel, customerImpactModel } from '../CustomerImpactPanel';
import type { PanelDefinition } from '../registry';

/** The customer impact panel's definition, a chunk of its own: a page loads only the panels it shows (issue 15). */
export const panel: PanelDefinition<ReturnType<typeof customerImpactModel>> = {
  model: customerImpactModel,
  body: (model) => h(CustomerImpactPanel, { model }),
};
