import { webUrl } from '../../core/web-url';
import type { Item } from '../../core/model';
import { type BriefNode, customerOf, type ReleaseBrief } from './model';

/**
 * The brief as text to paste into a change request, an email or a chat: Markdown, plain text and HTML, built from
 * the same model so the three say the same thing. Titles, keys and organisations come from servers anyone can
 * write to, so each output escapes them for its own syntax: Markdown can hold no link, emphasis, HTML or autolink a
 * title did not earn; HTML holds text nodes only. Deterministic: no dates "ago", no locale formatting.
 */

const nouns: Record<Item['kind'], string> = {
  incident: 'Incident',
  problem: 'Problem',
  change: 'Change',
  request: 'Request',
  task: 'Task',
  ticket: 'Ticket',
  knowledge: 'Article',
  bug: 'Issue',
  issue: 'Issue',
  pull: 'Pull request',
};

const satisfactionText: Partial<Record<NonNullable<Item['satisfaction']>, string>> = {
  good: 'satisfaction good',
  bad: 'satisfaction bad',
};

/** What a ticket's line says after its title: priority, status, SLA, satisfaction, customer. */
export function ticketFacts(ticket: Item): string[] {
  const customer = customerOf(ticket);
  const satisfaction = ticket.satisfaction && satisfactionText[ticket.satisfaction];
  return [
    ...(ticket.priority ? [`priority ${ticket.priority.name}`] : []),
    ticket.status.name,
    ...(ticket.sla?.breached ? [`SLA breached${ticket.sla.name ? ` (${ticket.sla.name})` : ''}`] : []),
    ...(satisfaction ? [satisfaction] : []),
    ...(customer ? [customer] : []),
  ];
}

/** One line of text from server data: line breaks and tabs become spaces, so an item stays one list entry. */
const oneLine = (text: string) => text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();

/**
 * CommonMark backslash-escapes every ASCII punctuation character; escaped here are those that start markup in the
 * middle of a line (emphasis, code, links, images, raw HTML, entities, tables, strikethrough), plus GFM's extended
 * autolinks (`https://…`, `www.…`), which need no punctuation to become links. Line-start markup (`#`, `-`, `1.`)
 * cannot occur: every line starts with text of ours.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>|~&!]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`);
}

/** A link target that cannot end the link early or break out of it: only http(s), with its delimiters encoded. */
function markdownUrl(url: string): string | undefined {
  const parsed = webUrl(url);
  return parsed?.href.replace(/[()<> \\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function markdownItem(item: Item): string {
  const url = markdownUrl(item.url);
  const key = escapeMarkdown(item.key);
  const label = url ? `[${key}](${url})` : key;
  return `${nouns[item.kind]} ${label}: ${escapeMarkdown(item.title)}`;
}

function workFacts(item: Item): string {
  const merged = item.pull?.merged ? 'merged' : undefined;
  return merged ?? item.status.name;
}

function markdownNode(node: BriefNode, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const lines = [`${pad}- ${markdownItem(node.item)} (${escapeMarkdown(workFacts(node.item))})`];
  for (const t of node.tickets)
    lines.push(
      `${pad}  - ${markdownItem(t)} — ${ticketFacts(t)
        .map((f) => escapeMarkdown(f))
        .join(' · ')}`,
    );
  for (const l of node.linked) lines.push(...markdownNode(l, depth + 1));
  return lines;
}

/** The brief as GitHub-flavoured Markdown (what `data-copy="markdown"` copies). */
export function briefMarkdown(brief: ReleaseBrief): string {
  const lines = [`## ${escapeMarkdown(brief.heading)}`, ''];
  const lead = [brief.when, brief.summary].filter(Boolean).join(' ');
  if (lead) lines.push(escapeMarkdown(lead), '');
  const customers = customersLine(brief);
  if (customers) lines.push(escapeMarkdown(customers), '');
  if (brief.work.length === 0) lines.push(escapeMarkdown(emptyText(brief)));
  for (const node of brief.work) lines.push(...markdownNode(node, 0));
  for (const c of cappedLines(brief)) lines.push('', `_${escapeMarkdown(c)}_`);
  return `${lines.join('\n')}\n`;
}

/** Customers named at most, in the panel and the copies; the rest are counted. */
export const MAX_NAMED_CUSTOMERS = 10;

/** "Customers: Globex Retail, Initech, Umbrella Corp." (empty when no ticket names one). */
export function customersLine(brief: ReleaseBrief): string {
  if (brief.customers.length === 0) return '';
  const named = brief.customers.slice(0, MAX_NAMED_CUSTOMERS);
  const more = brief.customers.length - named.length;
  return `Customers: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
}

/** What an empty brief says, in the panel and in every copy. */
export function emptyText(brief: ReleaseBrief): string {
  return brief.release?.kind === 'version'
    ? 'This version holds no issue Liaison can read.'
    : 'This release names no pull request or issue Liaison can read.';
}

/** What was left out, as every copy says it. */
export function cappedLines(brief: ReleaseBrief): string[] {
  const skipped =
    brief.skipped > 0
      ? [
          `${brief.skipped} more ${brief.skipped === 1 ? 'item' : 'items'} of this release were not looked up.`,
        ]
      : [];
  return [...brief.capped, ...skipped];
}

function textItem(item: Item): string {
  const url = webUrl(item.url)?.href;
  return `${nouns[item.kind]} ${oneLine(item.key)}: ${oneLine(item.title)}${url ? ` <${url}>` : ''}`;
}

function textNode(node: BriefNode, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const lines = [`${pad}- ${textItem(node.item)} (${oneLine(workFacts(node.item))})`];
  for (const t of node.tickets)
    lines.push(`${pad}  - ${textItem(t)} — ${ticketFacts(t).map(oneLine).join(' · ')}`);
  for (const l of node.linked) lines.push(...textNode(l, depth + 1));
  return lines;
}

/** The brief as plain text (the `text/plain` half of the rich copy): no escapes, nothing is interpreted. */
export function briefText(brief: ReleaseBrief): string {
  const lines = [oneLine(brief.heading), ''];
  const lead = [brief.when, brief.summary].filter(Boolean).join(' ');
  if (lead) lines.push(oneLine(lead), '');
  const customers = customersLine(brief);
  if (customers) lines.push(oneLine(customers), '');
  if (brief.work.length === 0) lines.push(emptyText(brief));
  for (const node of brief.work) lines.push(...textNode(node, 0));
  for (const c of cappedLines(brief)) lines.push('', oneLine(c));
  return `${lines.join('\n')}\n`;
}

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Text for an HTML text node or a quoted attribute value. */
export const escapeHtml = (text: string): string =>
  oneLine(text).replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c);

function htmlItem(item: Item): string {
  const url = webUrl(item.url)?.href;
  const key = escapeHtml(item.key);
  const label = url ? `<a href="${escapeHtml(url)}">${key}</a>` : key;
  return `${nouns[item.kind]} ${label}: ${escapeHtml(item.title)}`;
}

function htmlNode(node: BriefNode): string {
  const tickets = node.tickets.map(
    (t) => `<li>${htmlItem(t)} — ${ticketFacts(t).map(escapeHtml).join(' · ')}</li>`,
  );
  const linked = node.linked.map(htmlNode);
  const inner = [...tickets, ...linked];
  const list = inner.length > 0 ? `<ul>${inner.join('')}</ul>` : '';
  return `<li>${htmlItem(node.item)} (${escapeHtml(workFacts(node.item))})${list}</li>`;
}

/** The brief as HTML (the `text/html` half of the rich copy), for mail clients and chat that paste formatting. */
export function briefHtml(brief: ReleaseBrief): string {
  const lead = [brief.when, brief.summary].filter(Boolean).join(' ');
  const parts = [`<h2>${escapeHtml(brief.heading)}</h2>`];
  if (lead) parts.push(`<p>${escapeHtml(lead)}</p>`);
  const customers = customersLine(brief);
  if (customers) parts.push(`<p>${escapeHtml(customers)}</p>`);
  if (brief.work.length === 0) parts.push(`<p>${escapeHtml(emptyText(brief))}</p>`);
  else parts.push(`<ul>${brief.work.map(htmlNode).join('')}</ul>`);
  for (const c of cappedLines(brief)) parts.push(`<p><em>${escapeHtml(c)}</em></p>`);
  return parts.join('');
}
