import { type AdfNode, maxAdfDepth, type RichText } from './schemas';

/**
 * Atlassian Document Format → plain text, for reading references out of v3 descriptions and comments.
 * Block nodes end a line; cards and linked text keep their URLs (a PR pasted as a smart link is still a PR).
 * https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 */

const blockTypes = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'listItem',
  'tableRow',
  'panel',
  'rule',
  'mediaSingle',
  'decisionItem',
  'taskItem',
]);

const attr = (node: AdfNode, name: string): string => {
  const value = node.attrs?.[name];
  return typeof value === 'string' ? value : '';
};

function inline(node: AdfNode): string {
  switch (node.type) {
    case 'text': {
      const text = node.text ?? '';
      const href = node.marks?.find((m) => m.type === 'link')?.attrs?.href;
      return typeof href === 'string' && href !== text ? `${text} (${href})` : text;
    }
    case 'hardBreak':
      return '\n';
    case 'mention':
    case 'status':
      return attr(node, 'text');
    case 'emoji':
      return attr(node, 'text') || attr(node, 'shortName');
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard':
      return attr(node, 'url');
    default:
      return '';
  }
}

export function adfToText(node: AdfNode, depth = 0): string {
  const own = inline(node);
  // Parsed trees are already cut there (schemas.ts); this bound holds for any other caller.
  const content = depth < maxAdfDepth ? (node.content ?? []) : [];
  const children = content
    .map((child) => adfToText(child, depth + 1))
    .join(node.type === 'tableRow' ? '\t' : '');
  const text = own + children;
  return blockTypes.has(node.type) ? `${text}\n` : text;
}

export function richText(value: RichText): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : adfToText(value).replace(/\n+$/, '');
}

/**
 * Plain text → an ADF document for a v3 comment: one paragraph per non-empty line, so a marker line is its own
 * paragraph and reads back as its own line. ADF refuses empty text nodes, so blank lines (which only separate
 * paragraphs) are left out. Nothing in the text is read as markup; an http(s) address is a text node with a link
 * mark to itself (ADF does not link bare text: https://developer.atlassian.com/cloud/jira/platform/apis/document/marks/link/),
 * so the address shown is the address opened.
 */
export function textToAdf(text: string): { type: 'doc'; version: 1; content: AdfNode[] } {
  const content = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ type: 'paragraph', content: inlineNodes(line) }));
  return { type: 'doc', version: 1, content };
}

const urlPattern = /https?:\/\/[^\s<>"]+/g;

function inlineNodes(line: string): AdfNode[] {
  const nodes: AdfNode[] = [];
  let at = 0;
  for (const match of line.matchAll(urlPattern)) {
    const start = match.index ?? 0;
    // Trailing punctuation ends a sentence, not an address.
    let end = match[0].length;
    while (end > 0 && '.,;:!?)]'.includes(match[0].charAt(end - 1))) end--;
    const href = match[0].slice(0, end);
    if (href.length <= 'https://'.length) continue;
    if (start > at) nodes.push({ type: 'text', text: line.slice(at, start) });
    nodes.push({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] });
    at = start + href.length;
  }
  if (at < line.length) nodes.push({ type: 'text', text: line.slice(at) });
  return nodes;
}
