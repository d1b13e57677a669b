import type { Frame, Page } from 'puppeteer-core';
import type { Note } from '../replica/dataset/types';

/**
 * Driving a write preview (DESIGN.md contract 7) in a panel: open it, pick a bug, read its rows, confirm; shared by
 * write-back.e2e.ts and write-field.e2e.ts.
 */

export type Where = Page | Frame;

export const inPanel = (panel: string, selector: string) =>
  `liaison-panel[data-panel="${panel}"] >>> ${selector}`;

export const LIAISON_NOTE = /Liaison ref liaison:v1:|<!-- liaison:v1:/;
export const notesBy = (notes: readonly Note[], kind: 'link' | 'tell') =>
  notes.filter((n) => LIAISON_NOTE.test(n.text) && n.text.includes(`liaison:v1:${kind}:`));

export interface Row {
  ref: string | null;
  state: string | null;
  outcome: string | null;
  checked: boolean | null;
  text: string;
}

export const rowsOf = (where: Where, panel: string) =>
  where.$$eval(inPanel(panel, '[role="dialog"] [data-step]'), (els) =>
    els.map(
      (e): Row => ({
        ref: e.getAttribute('data-ref'),
        state: e.getAttribute('data-state'),
        outcome: e.getAttribute('data-outcome'),
        checked: (e.querySelector('input[type="checkbox"]') as HTMLInputElement | null)?.checked ?? null,
        text: e.textContent ?? '',
      }),
    ),
  );

/**
 * Waits for a selector in a panel's shadow root, polling: puppeteer's waitForSelector watches the document's mutations,
 * which do not see a shadow root's. On a timeout, says what the preview showed instead.
 */
export async function waitIn(where: Where, panel: string, selector: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await where.$(inPanel(panel, selector)))) {
    if (Date.now() > deadline) {
      const shown = await where
        .$eval(inPanel(panel, '[role="dialog"]'), (e) => e.textContent)
        .catch(() => '(no preview)');
      throw new Error(`${selector} did not show in ${panel}; the preview says: ${shown}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Opens an action's preview and waits for its plan (the rows) to show. */
export async function openPlan(where: Where, panel: string, action: string): Promise<Row[]> {
  await where.click(inPanel(panel, `[data-action="${action}"]`));
  if (action !== 'link-bug') await waitIn(where, panel, '[role="dialog"] [data-step]');
  return action === 'link-bug' ? [] : rowsOf(where, panel);
}

/** link-bug: types the key in the picker, chooses the result, waits for the plan. */
export async function pickBug(where: Where, panel: string, key: string, ref: string): Promise<Row[]> {
  await openPlan(where, panel, 'link-bug');
  const box = inPanel(panel, '[role="dialog"] input[type="search"]');
  await waitIn(where, panel, '[role="dialog"] input[type="search"]');
  await where.type(box, key);
  await waitIn(where, panel, `[role="dialog"] button[data-ref="${ref}"]`);
  // Chosen with the keyboard (a trusted Enter on the focused result): a click's coordinates inside the ServiceNow
  // form's frame are the frame's, which puppeteer does not always translate.
  const result = await where.$(inPanel(panel, `[role="dialog"] button[data-ref="${ref}"]`));
  await result?.focus();
  await result?.press('Enter');
  await waitIn(where, panel, '[role="dialog"] [data-step]');
  return rowsOf(where, panel);
}

/** Presses the confirm and waits until every chosen row has its outcome. */
export async function confirm(where: Where, panel: string): Promise<Row[]> {
  await where.click(inPanel(panel, '[role="dialog"] [data-confirm]'));
  await waitIn(where, panel, '[role="dialog"] [data-summary]', 60_000);
  await where.waitForFunction(
    (p) => {
      const root = document.querySelector(`liaison-panel[data-panel="${p}"]`)?.shadowRoot;
      const rows = [...(root?.querySelectorAll('[role="dialog"] [data-step]') ?? [])];
      return rows.length > 0 && rows.every((r) => r.hasAttribute('data-outcome'));
    },
    { timeout: 60_000, polling: 200 },
    panel,
  );
  return rowsOf(where, panel);
}

export const confirmDisabled = (where: Where, panel: string) =>
  where.$eval(inPanel(panel, '[role="dialog"] [data-confirm]'), (b) => (b as HTMLButtonElement).disabled);
