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
 * Plain text → an ADF document for a v3 comment: one paragraph of one text node per non-empty line, so a marker
 * line is its own paragraph and reads back as its own line. ADF refuses empty text nodes, so blank lines (which
 * only separate paragraphs) are left out. Nothing in the text is read as markup.
 */
export function textToAdf(text: string): { type: 'doc'; version: 1; content: AdfNode[] } {
  const content = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] }));
  return { type: 'doc', version: 1, content };
}
