import { h } from 'preact';
import { releaseBrief } from '../../brief/model';
import { ReleaseBriefPanel } from '../ReleaseBriefPanel';
import type { PanelDefinition } from '../registry';

/** The service desk brief panel's definition, a chunk of its own: a page loads only the panels it shows (issue 15). */
export const panel: PanelDefinition<ReturnType<typeof releaseBrief>> = {
  model: releaseBrief,
  body: (model) => h(ReleaseBriefPanel, { model }),
};
