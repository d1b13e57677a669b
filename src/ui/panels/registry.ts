import type { ComponentChild } from 'preact';
import type { ContextView } from '../../messaging/protocol';
import type { PanelId } from '../../sites/types';
import type { PanelState } from '../state';

/**
 * Every panel: its title, the pure model that decides its state, and its body (one file per panel beside this, its
 * definition in `defs/<id>.ts`). A panel's code is a chunk of its own, loaded when a page shows it (`loadPanels`,
 * asked by the content script as soon as it knows the page type): a ticket page does not load the release brief
 * (issue 15, README "Performance").
 */
export interface PanelDefinition<M extends { state: PanelState }> {
  model(view: ContextView | undefined, failure?: string): M;
  body(model: M, view: ContextView | undefined): ComponentChild;
  /** Styles of its own, beside the panels' shared ones (src/ui/styles.ts): in its chunk, added once it is loaded. */
  styles?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: each entry pairs its own model type with its own body; callers only read `state`.
type AnyPanel = PanelDefinition<any>;

export const panelTitles: Record<PanelId, string> = {
  'linked-incidents': 'Linked incidents',
  'bug-status': 'Bug status',
  'customer-impact': 'Customer impact',
  'release-brief': 'Service desk brief',
  knowledge: 'Knowledge',
};

const loaders: Record<PanelId, () => Promise<{ panel: AnyPanel }>> = {
  'linked-incidents': () => import('./defs/linked-incidents'),
  'bug-status': () => import('./defs/bug-status'),
  'customer-impact': () => import('./defs/customer-impact'),
  'release-brief': () => import('./defs/release-brief'),
  knowledge: () => import('./defs/knowledge'),
};

const loaded = new Map<PanelId, AnyPanel>();
const loading = new Map<PanelId, Promise<AnyPanel>>();

/** The panel's definition once loaded (else undefined: its frame shows it loading). */
export const loadedPanel = (id: PanelId): AnyPanel | undefined => loaded.get(id);

/** Loads a panel's code once; every caller gets the same promise. */
export function loadPanel(id: PanelId): Promise<AnyPanel> {
  const known = loading.get(id);
  if (known) return known;
  const load = loaders[id]().then(({ panel }) => {
    loaded.set(id, panel);
    return panel;
  });
  // A chunk that failed to load (the extension was updated under the page) may be asked again.
  load.catch(() => loading.delete(id));
  loading.set(id, load);
  return load;
}

export const loadPanels = (ids: readonly PanelId[]): Promise<AnyPanel[]> => Promise.all(ids.map(loadPanel));
