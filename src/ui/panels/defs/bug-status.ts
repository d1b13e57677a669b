import { h } from 'preact';
import { BugStatusPanel, bugStatus } from '../BugStatusPanel';
import type { PanelDefinition } from '../registry';

/** The bug status panel's definition, a chunk of its own: a page loads only the panels it shows (issue 15). */
export const panel: PanelDefinition<ReturnType<typeof bugStatus>> = {
  model: bugStatus,
  body: (model) => h(BugStatusPanel, { model }),
};
