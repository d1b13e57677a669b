import { createContext } from 'preact';
import type { WriteKind } from '../../core/writes';
import type { WriteConfirmReply, WritePreviewReply, WriteSearchReply } from '../../messaging/protocol';

/**
 * What the write controls need from whoever renders them (DESIGN.md contract 7): the content script asks the
 * background (src/content/write-client.ts) and validates every answer; without controls no write button is shown.
 */
export interface WriteClient {
  /** The browser's `isTrusted`: a page's script can call `click()` inside the open shadow root. */
  trusted(event: Event): boolean;
  preview(request: { kind: WriteKind; subject: string; bug?: string }): Promise<WritePreviewReply>;
  confirm(planId: string, chosen: readonly string[]): Promise<WriteConfirmReply>;
  search(text: string): Promise<WriteSearchReply>;
}

/** A mounted panel's controls: the client, the page's subject, and the panel's refresh (after a link is made). */
export interface WriteControls extends WriteClient {
  subject: string;
  refresh(): void;
}

export const WriteContext = createContext<WriteControls | undefined>(undefined);

/** The action buttons' words (here, not in ./model.ts, so a panel loads no write model until a button is clicked). */
export const actionLabel: Record<WriteKind, string> = {
  'link-bug': 'Link to a bug',
  'tell-tickets': 'Tell linked tickets',
  'draft-kb': 'Draft KB article',
};
