import type { ComponentChild } from 'preact';
import { h } from 'preact';
import type { ContextView } from '../../messaging/protocol';
import type { PanelId } from '../../sites/types';
import { linkedIncidents, type PanelState } from '../state';
import { BugStatusPanel, bugStatus } from './BugStatusPanel';
import { CustomerImpactPanel, customerImpactModel } from './CustomerImpactPanel';
import { releaseBrief } from '../brief/model';
import { KnowledgePanel, knowledgeModel } from './KnowledgePanel';
import { LinkedIncidentsPanel } from './LinkedIncidentsPanel';
import { ReleaseBriefPanel } from './ReleaseBriefPanel';

/** Every panel: its title, the pure model that decides its state, and its body. One file per panel beside this. */
export interface PanelDefinition<M extends { state: PanelState }> {
  title: string;
  model(view: ContextView | undefined, failure?: string): M;
  body(model: M, view: ContextView | undefined): ComponentChild;
}

// biome-ignore lint/suspicious/noExplicitAny: each entry pairs its own model type with its own body; callers only read `state`.
type AnyPanel = PanelDefinition<any>;

export const panels: Record<PanelId, AnyPanel> = {
  'linked-incidents': {
    title: 'Linked incidents',
    model: linkedIncidents,
    body: (model, view) => h(LinkedIncidentsPanel, { model, view }),
  },
  'bug-status': {
    title: 'Bug status',
    model: bugStatus,
    body: (model) => h(BugStatusPanel, { model }),
  },
  'customer-impact': {
    title: 'Customer impact',
    model: customerImpactModel,
    body: (model) => h(CustomerImpactPanel, { model }),
  },
  'release-brief': {
    title: 'Service desk brief',
    model: releaseBrief,
    body: (model) => h(ReleaseBriefPanel, { model }),
  },
  knowledge: {
    title: 'Knowledge',
    model: knowledgeModel,
    body: (model) => h(KnowledgePanel, { model }),
  },
};
