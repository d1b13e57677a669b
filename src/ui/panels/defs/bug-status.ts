import { h } from 'preact';
import { BugStatusPanel, bugStatus } from '../BugStatusPanel';
import { chainStyles } from '../chain-styles';
import type { PanelDefinition } from '../registry';

/** The bug status panel's definition, a chunk of its own: a page loads only the panels it shows (issue 15). */
export const panel: PanelDefinition<ReturnType<typeof bugStatus>> = {
  model: bugStatus,
  styles: chainStyles,
  body: (model) => h(BugStatusPanel, { model }),
};
