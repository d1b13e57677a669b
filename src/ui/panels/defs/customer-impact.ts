import { h } from 'preact';
import { CustomerImpactPanel, customerImpactModel } from '../CustomerImpactPanel';
import { impactStyles } from '../impact-styles';
import type { PanelDefinition } from '../registry';

/** The customer impact panel's definition, a chunk of its own: a page loads only the panels it shows (issue 15). */
export const panel: PanelDefinition<ReturnType<typeof customerImpactModel>> = {
  model: customerImpactModel,
  styles: impactStyles,
  body: (model) => h(CustomerImpactPanel, { model }),
};
