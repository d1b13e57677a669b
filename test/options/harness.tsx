import { render } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { manifestAccess } from '../../src/core/host-access';
import type { RuntimeReply, RuntimeRequest } from '../../src/messaging/protocol';
import { connectRequestFrom } from '../../src/options/connect-request';
import type { OptionsEnv } from '../../src/options/env';
import { Options } from '../../src/options/Options';

/** The options page in jsdom with a fake browser: storage, messages, permissions and downloads. */

export interface Harness {
  root: HTMLElement;
  env: OptionsEnv;
  /** The `settings` value as stored. */
  stored(): unknown;
  /** Writes settings the way a test or another tab would. */
  writeElsewhere(value: unknown): Promise<void>;
  sent: RuntimeRequest[];
  downloads: { filename: string; text: string }[];
  requested: string[][];
  removed: string[][];
  granted: Set<string>;
}

export async function mountOptions(
  initial: unknown,
  o: { reply?: (r: RuntimeRequest) => RuntimeReply; grant?: boolean; search?: string } = {},
): Promise<Harness> {
  let value = structuredClone(initial);
  const listeners = new Set<(v: unknown) => void>();
  const sent: RuntimeRequest[] = [];
  const downloads: Harness['downloads'] = [];
  const requested: string[][] = [];
  const removed: string[][] = [];
  const granted = new Set<string>();
  const env: OptionsEnv = {
    loadSettings: async () => structuredClone(value),
    async saveSettings(next) {
      value = structuredClone(next);
      for (const l of listeners) l(structuredClone(next));
    },
    onSettingsChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: vi.fn(async (request: RuntimeRequest): Promise<RuntimeReply> => {
      sent.push(request);
      return o.reply?.(request) ?? defaultReply(request);
    }),
    jiraProjects: async () => ({ ok: true, keys: ['OPS', 'SHOP', 'SUP'] }),
    githubScope: async () => ({ ok: true, scope: ['org:acme'] }),
    manifest: manifestAccess(manifest),
    requestOrigins: (origins) => {
      requested.push(origins);
      if (o.grant !== false) for (const origin of origins) granted.add(origin);
      return Promise.resolve(o.grant !== false);
    },
    hasOrigins: async (origins) => origins.every((origin) => granted.has(origin)),
    removeOrigins: async (origins) => {
      removed.push(origins);
      for (const origin of origins) granted.delete(origin);
      return true;
    },
    download: (filename, text) => void downloads.push({ filename, text }),
    connectRequest: connectRequestFrom(o.search ?? ''),
  };
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<Options env={env} />, root));
  await flush();
  return {
    root,
    env,
    stored: () => structuredClone(value),
    async writeElsewhere(next) {
      await act(() => env.saveSettings(next));
      await flush();
    },
    sent,
    downloads,
    requested,
    removed,
    granted,
  };
}

/** What the fake background answers by default: a named user, and an empty activity list. */
const defaultReply = (request: RuntimeRequest): RuntimeReply =>
  request.type === 'write-activity'
    ? // The activity reply is its own shape (activityReplySchema), not RuntimeReply's.
      ({ ok: true, entries: [] } as unknown as RuntimeReply)
    : { ok: true, who: 'Mona Lisa (mona)' };

export const flush = async () => {
  for (let i = 0; i < 5; i++) await act(async () => {});
};

export const $ = <E extends Element = HTMLElement>(root: ParentNode, selector: string) => {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};

/** The button whose text (or aria-label) starts with `label`, optionally inside `within`. */
export function button(root: ParentNode, label: string): HTMLButtonElement {
  const all = [...root.querySelectorAll<HTMLButtonElement>('button')];
  const found =
    all.find((b) => (b.textContent ?? '').trim().startsWith(label)) ??
    all.find((b) => b.getAttribute('aria-label')?.startsWith(label));
  if (!found) throw new Error(`no button ${label}; buttons: ${all.map((b) => b.textContent).join(' | ')}`);
  return found;
}

export async function click(element: HTMLElement) {
  await act(() => element.click());
  await flush();
}

export async function fill(root: ParentNode, selector: string, text: string) {
  const input = $<HTMLInputElement>(root, selector);
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function choose(root: ParentNode, selector: string, value: string) {
  const select = $<HTMLSelectElement>(root, selector);
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** The label text of a field, by the input's id. */
export const errorOf = (root: ParentNode, id: string) =>
  root.querySelector(`#${id}-error`)?.textContent ?? '';

/** The open connection form. */
export const form = (root: ParentNode) => $(root, 'form.connection-form');
