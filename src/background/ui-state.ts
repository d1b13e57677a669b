import browser from 'webextension-polyfill';
import { z } from 'zod';
import { siteSchema } from '../messaging/protocol';

/**
 * Per-site UI state: which panels a person collapsed, remembered per site (DESIGN.md contract 2 keeps it out of
 * `settings`, under its own key). Only the background touches storage; content scripts ask for it by message.
 */

export const UI_STATE_KEY = 'ui';

const uiStateSchema = z.looseObject({
  collapsed: z.partialRecord(siteSchema, z.array(z.string().max(64)).max(16)).default({}),
});
type UiState = z.infer<typeof uiStateSchema>;

async function read(): Promise<UiState> {
  const stored = (await browser.storage.local.get(UI_STATE_KEY))[UI_STATE_KEY];
  const parsed = uiStateSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : { collapsed: {} };
}

export async function collapsedPanels(site: z.infer<typeof siteSchema>): Promise<string[]> {
  return (await read()).collapsed[site] ?? [];
}

export async function setCollapsed(
  site: z.infer<typeof siteSchema>,
  panel: string,
  collapsed: boolean,
): Promise<void> {
  const state = await read();
  const current = new Set(state.collapsed[site] ?? []);
  if (collapsed) current.add(panel);
  else current.delete(panel);
  await browser.storage.local.set({
    [UI_STATE_KEY]: { ...state, collapsed: { ...state.collapsed, [site]: [...current] } },
  });
}
