import { formatRef, type Ref } from './refs';

/**
 * Finds references in free text (titles, bodies, branch names, comments). Pure: what counts depends only on
 * the options, which the background fills from settings and discovery (known Jira projects, hosts, prefixes).
 */

export interface ExtractOptions {
  /** Jira project keys that exist on the connected Jira. `any` accepts every key but the look-alikes below. */
  jiraProjectKeys?: ReadonlySet<string> | 'any';
  /** Host tag to put in Jira refs (second connection onwards); undefined for the first. */
  jiraHost?: string;
  /** GitHub hosts whose URLs count (github.com and configured Enterprise hosts). */
  githubHosts?: readonly string[];
  /** ServiceNow number prefixes beyond the defaults. */
  servicenowPrefixes?: readonly string[];
  /** Zendesk: the subdomain a `#123` belongs to (only on a Zendesk page), and prefixes like `ZD` for `ZD-123`. */
  zendeskSubdomain?: string;
  zendeskPrefixes?: readonly string[];
  /** Every Zendesk subdomain whose ticket URLs count. Defaults to any *.zendesk.com. */
  zendeskSubdomains?: readonly string[];
}

export interface FoundRef {
  ref: Ref;
  canonical: string;
  index: number;
  length: number;
}

/** Strings shaped like Jira keys that are standards, hashes or encodings, never issues. */
const jiraLookAlikes = new Set([
  'UTF',
  'SHA',
  'ISO',
  'CVE',
  'RFC',
  'MD',
  'TLS',
  'SSL',
  'HTTP',
  'IPV',
  'X',
  'GPT',
  'ES',
  'ECMA',
]);

const defaultServicenowPrefixes = [
  'INC',
  'PRB',
  'CHG',
  'RITM',
  'KB',
  'TASK',
  'REQ',
  'SCTASK',
  'PTASK',
  'CTASK',
];

const githubUrl =
  /\bhttps?:\/\/([a-z0-9.-]+(?::\d+)?)\/([\w.-]+)\/([\w.-]+)\/(?:pull|issues)\/(\d+)(?![\w])/gi;
const githubShort = /(?<![\w/.-])([A-Za-z0-9][\w.-]*)\/([\w.-]+)#(\d+)\b/g;
const zendeskUrl =
  /\bhttps?:\/\/([a-z0-9-]+)\.zendesk\.com\/(?:agent\/tickets|tickets|hc\/[\w-]+\/requests)\/(\d+)\b/gi;
const jiraKey = /(?<![\w.-])([A-Z][A-Z0-9_]{0,9})-([1-9]\d{0,6})(?![\w]|[-.]\d)/g;

const escapeForRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function extractRefs(text: string, options: ExtractOptions): FoundRef[] {
  const found: FoundRef[] = [];
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);
  const add = (ref: Ref, index: number, length: number) => {
    if (overlaps(index, index + length)) return;
    taken.push([index, index + length]);
    found.push({ ref, canonical: formatRef(ref), index, length });
  };

  const githubHosts = new Set((options.githubHosts ?? ['github.com']).map((h) => h.toLowerCase()));
  for (const m of text.matchAll(githubUrl)) {
    const host = (m[1] ?? '').toLowerCase();
    if (!githubHosts.has(host)) continue;
    add(
      { system: 'github', host, owner: m[2] ?? '', repo: m[3] ?? '', number: Number(m[4]) },
      m.index,
      m[0].length,
    );
  }
  const zendeskSubs = options.zendeskSubdomains?.map((s) => s.toLowerCase());
  for (const m of text.matchAll(zendeskUrl)) {
    const subdomain = (m[1] ?? '').toLowerCase();
    if (zendeskSubs && !zendeskSubs.includes(subdomain)) continue;
    add({ system: 'zendesk', subdomain, id: Number(m[2]) }, m.index, m[0].length);
  }
  for (const m of text.matchAll(githubShort)) {
    add(
      { system: 'github', owner: m[1] ?? '', repo: m[2] ?? '', number: Number(m[3]) },
      m.index,
      m[0].length,
    );
  }

  const snPrefixes = [...defaultServicenowPrefixes, ...(options.servicenowPrefixes ?? [])].map(
    escapeForRegex,
  );
  const servicenowNumber = new RegExp(`(?<![\\w-])(${snPrefixes.join('|')})(\\d{7,10})(?!\\w)`, 'g');
  for (const m of text.matchAll(servicenowNumber)) {
    add({ system: 'servicenow', number: `${m[1]}${m[2]}` }, m.index, m[0].length);
  }

  const zdPrefixes = new Set((options.zendeskPrefixes ?? []).map((p) => p.toUpperCase()));
  const known = options.jiraProjectKeys;
  for (const m of text.matchAll(jiraKey)) {
    const project = m[1] ?? '';
    if (zdPrefixes.has(project) && options.zendeskSubdomain) {
      add({ system: 'zendesk', subdomain: options.zendeskSubdomain, id: Number(m[2]) }, m.index, m[0].length);
      continue;
    }
    if (!known || zdPrefixes.has(project)) continue;
    if (known === 'any' ? project.length < 2 || jiraLookAlikes.has(project) : !known.has(project)) continue;
    add(
      { system: 'jira', ...(options.jiraHost ? { host: options.jiraHost } : {}), key: `${project}-${m[2]}` },
      m.index,
      m[0].length,
    );
  }

  if (options.zendeskSubdomain) {
    for (const m of text.matchAll(/(?<![\w&#/])#(\d{1,9})\b/g)) {
      add({ system: 'zendesk', subdomain: options.zendeskSubdomain, id: Number(m[1]) }, m.index, m[0].length);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Distinct canonical references in text, in order of first appearance. */
export const refsIn = (text: string, options: ExtractOptions): string[] => [
  ...new Set(extractRefs(text, options).map((f) => f.canonical)),
];
