import browser from 'webextension-polyfill';
import { z } from 'zod';

const WRITTEN_LINKS_KEY = 'written-links';
const MAX_WRITTEN_LINKS = 500;

const writtenLinksSchema = z
  .array(z.object({ from: z.string().max(512), to: z.string().max(512) }))
  .max(MAX_WRITTEN_LINKS);

/**
 * Links Liaison wrote (ticket ↔ bug), so the ticket's panel shows the bug at once, before any system's search
 * would find the note (the resolver adds them to the page's references).
 */
export async function writtenLinksOf(subject: string): Promise<string[]> {
  const stored = writtenLinksSchema.safeParse(
    (await browser.storage.local.get(WRITTEN_LINKS_KEY))[WRITTEN_LINKS_KEY],
  );
  if (!stored.success) return [];
  return stored.data.filter((l) => l.from === subject).map((l) => l.to);
}

export async function rememberLink(from: string, to: string): Promise<void> {
  const stored = writtenLinksSchema.safeParse(
    (await browser.storage.local.get(WRITTEN_LINKS_KEY))[WRITTEN_LINKS_KEY],
  );
  const links = (stored.success ? stored.data : []).filter((l) => !(l.from === from && l.to === to));
  links.unshift({ from, to });
  await browser.storage.local.set({ [WRITTEN_LINKS_KEY]: links.slice(0, MAX_WRITTEN_LINKS) });
}
