import type { FoundPageRef } from '../messaging/protocol';

/**
 * Turning references in a page's text into links, with DOM APIs only (Text.splitText, createElement; never
 * markup strings). What is read: text nodes of the page's prose regions, except inside existing links, buttons, form
 * fields, editable areas and our own elements; text inside `<pre>`/`<code>` is sent as code (only full URLs count
 * there). A link is `<a class="liaison-ref" data-liaison-ref="<canonical ref>" href="<item URL>">` around exactly
 * the reference's text.
 */

export const REF_LINK = 'a.liaison-ref';

/** What a link Liaison made stands for: its reference and the page text it was found in (the preview names both). */
export interface MadeLink {
  ref: string;
  text: string;
  code: boolean;
}

/**
 * The links Liaison made, known by identity: a page's script can copy the class and the attribute, or change the
 * attribute of a real one, but cannot put an element in this map (SECURITY.md).
 */
const madeLinks = new WeakMap<Element, MadeLink>();

/** The link Liaison made for this element, or undefined for anything else (a forged look-alike included). */
export const madeLink = (element: Element): MadeLink | undefined => madeLinks.get(element);

/** Ancestors whose text is never linkified. */
const untouchable = [
  'a',
  'button',
  'input',
  'textarea',
  'select',
  'option',
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  'liaison-panel',
  'liaison-drawer',
  'liaison-badge',
  'liaison-hovercard',
].join(', ');

export interface TextChunk {
  node: Text;
  /** The node's text when it was read: a reply is applied only if the node still holds exactly this. */
  text: string;
  code: boolean;
}

/** Longest text sent for one node (the protocol's limit). */
const MAX_NODE_TEXT = 20_000;

/**
 * The text nodes under `regions` that could hold a reference and have not been read with their current text
 * (`read` remembers what each node held when it was read).
 */
export function collectTexts(regions: readonly Element[], read: WeakMap<Text, string>): TextChunk[] {
  const chunks: TextChunk[] = [];
  for (const region of regions) {
    const doc = region.ownerDocument;
    const walker = doc.createTreeWalker(region, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const text = node.data;
      if (read.get(node) === text) continue;
      read.set(node, text);
      // Every reference form holds a digit (keys, numbers, #N, item URLs).
      if (text.length > MAX_NODE_TEXT || !/\d/.test(text)) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest(untouchable)) continue;
      chunks.push({ node, text, code: parent.closest('pre, code') !== null });
    }
  }
  return chunks;
}

/**
 * Wraps each found reference of one text node in a link, in place. Matches that overlap, fall outside the text or
 * arrive for a node whose text changed are ignored. Returns the text nodes the split made (read already).
 */
export function wrapRefs(
  chunk: TextChunk,
  found: readonly FoundPageRef[],
): { links: HTMLAnchorElement[]; pieces: Text[] } {
  const { node } = chunk;
  const links: HTMLAnchorElement[] = [];
  const pieces: Text[] = [];
  if (node.data !== chunk.text || !node.isConnected) return { links, pieces };
  const doc = node.ownerDocument;
  let end = node.data.length;
  // From the last match back, so the head node keeps the offsets of the earlier ones.
  for (const f of [...found].sort((a, b) => b.index - a.index)) {
    if (f.index < 0 || f.index + f.length > end || !/^https?:\/\//i.test(f.url)) continue;
    pieces.push(node.splitText(f.index + f.length));
    const text = node.splitText(f.index);
    const link = doc.createElement('a');
    link.className = 'liaison-ref';
    link.dataset.liaisonRef = f.ref;
    link.href = f.url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    madeLinks.set(link, { ref: f.ref, text: chunk.text, code: chunk.code });
    text.replaceWith(link);
    link.append(text);
    links.unshift(link);
    end = f.index;
  }
  return { links, pieces };
}

/** Puts back the plain text of every link we made under `root`. */
export function unwrapRefs(root: ParentNode): void {
  for (const link of root.querySelectorAll(REF_LINK)) link.replaceWith(...link.childNodes);
}

/** The reference link Liaison made that an event is about, also inside open shadow roots. */
export function refLink(e: Event): { element: HTMLAnchorElement; made: MadeLink } | undefined {
  for (const target of e.composedPath()) {
    const made = madeLink(target as Element);
    if (made) return { element: target as HTMLAnchorElement, made };
  }
  return undefined;
}
