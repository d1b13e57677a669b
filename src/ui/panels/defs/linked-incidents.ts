import { h } from 'preact';
import { linkedIncidents } from '../../state';
import { LinkedIncidentsPanel } from '../LinkedIncidentsPanel';
import type { PanelDefinition } from '../registry';

/** The linked incidents panel's definition, a chunk of its own: a page loads only the panels it shows (issue 15). */
export const panel: PanelDefinition<ReturnType<typeof linkedIncidents>> = {
  model: linkedIncidents,
  body: (model, view) => h(LinkedIncidentsPanel, { model, view }),
};
