import type { Item, ItemKind, Link, StatusCategory } from '../../core/model';
import { formatRef } from '../../core/refs';
import { richText } from './adf';
import {
  adfDocumentSchema,
  type JiraFields,
  type JiraIssue,
  organizationsValueSchema,
  type Sla,
  slaSchema,
} from './schemas';

/** JSM field ids a connection reads beyond the named ones: configured, or learnt by discovery (fields.ts). */
export interface FieldIds {
  /** JSM "Organizations" fields. */
  organization: string[];
  /** JSM SLA fields ("Time to resolution", "Time to first response"). */
  sla: string[];
}

export const namedFields = [
  'summary',
  'description',
  'status',
  'resolution',
  'priority',
  'assignee',
  'reporter',
  'issuetype',
  'project',
  'created',
  'updated',
  'fixVersions',
  'issuelinks',
];

const categories: Record<string, StatusCategory> = {
  new: 'todo',
  indeterminate: 'in_progress',
  done: 'done',
};

/** Resolutions (and status names) that mean the work will not happen. */
const cancelledPattern = new RegExp(
  [
    "won'?t (?:do|fix)",
    'duplicate',
    "can(?:no|')t reproduce",
    'declined',
    'rejected',
    'cancel+ed',
    'abandoned',
    'obsolete',
    'invalid',
  ].join('|'),
  'i',
);

const priorityRanks: Record<string, number> = {
  highest: 1,
  blocker: 1,
  critical: 2,
  high: 2,
  major: 3,
  medium: 3,
  minor: 4,
  low: 4,
  trivial: 5,
  lowest: 5,
};

function status(fields: JiraFields): Item['status'] {
  const name = fields.status?.name ?? 'Unknown';
  const key = fields.status?.statusCategory?.key ?? '';
  let category = categories[key] ?? 'in_progress';
  const resolution = fields.resolution?.name ?? '';
  if (cancelledPattern.test(resolution) || (category === 'done' && cancelledPattern.test(name)))
    category = 'cancelled';
  return { name, category };
}

function priority(fields: JiraFields): Item['priority'] {
  const name = fields.priority?.name;
  if (!name) return undefined;
  const rank = priorityRanks[name.toLowerCase()] ?? Number(/^P([1-5])\b/i.exec(name)?.[1]);
  return rank >= 1 && rank <= 5 ? { name, rank } : undefined;
}

/** Jira dates are "2023-01-29T20:47:43.378+0200"; ISO 8601 wants the offset's colon. */
export function jiraDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function kind(fields: JiraFields): ItemKind {
  if (fields.project?.projectTypeKey === 'service_desk') return 'request';
  return /service request|^it help|^support/i.test(fields.issuetype?.name ?? '') ? 'request' : 'bug';
}

/** The worst of the issue's JSM SLAs: breached if any cycle breached. */
function sla(issue: JiraIssue, ids: readonly string[]): Item['sla'] {
  const slas = ids.flatMap((id) => {
    const parsed = slaSchema.safeParse(issue.fields[id]);
    return parsed.success ? [parsed.data] : [];
  });
  return worstSla(slas);
}

export function worstSla(slas: readonly Sla[]): Item['sla'] {
  if (slas.length === 0) return undefined;
  const breached = slas.find((s) => s.ongoingCycle?.breached || s.completedCycles?.some((c) => c.breached));
  const shown = breached ?? slas[0];
  return { breached: breached !== undefined, ...(shown?.name ? { name: shown.name } : {}) };
}

function organization(issue: JiraIssue, ids: readonly string[]): string | undefined {
  for (const id of ids) {
    const parsed = organizationsValueSchema.safeParse(issue.fields[id]);
    if (parsed.success && parsed.data[0]) return parsed.data[0].name;
  }
  return undefined;
}

export function jiraRef(refHost: string | undefined, key: string): string {
  return formatRef({ system: 'jira', ...(refHost ? { host: refHost } : {}), key });
}

export function mapIssue(
  issue: JiraIssue,
  baseUrl: string,
  refHost: string | undefined,
  ids: FieldIds,
): Item {
  const { fields } = issue;
  const item: Item = {
    ref: jiraRef(refHost, issue.key),
    system: 'jira',
    kind: kind(fields),
    key: issue.key.toUpperCase(),
    title: fields.summary ?? issue.key,
    url: `${baseUrl}/browse/${issue.key}`,
    status: status(fields),
  };
  const p = priority(fields);
  if (p) item.priority = p;
  if (fields.assignee?.displayName) item.assignee = fields.assignee.displayName;
  if (fields.reporter?.displayName) item.requester = fields.reporter.displayName;
  const org = organization(issue, ids.organization);
  if (org) item.organization = org;
  const created = jiraDate(fields.created);
  if (created) item.createdAt = created;
  const updated = jiraDate(fields.updated);
  if (updated) item.updatedAt = updated;
  const s = sla(issue, ids.sla);
  if (s) item.sla = s;
  if (fields.fixVersions?.length) {
    item.fixVersions = fields.fixVersions.map((v) => ({
      name: v.name,
      released: v.released ?? false,
      ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}),
    }));
  }
  return item;
}

/** Issue links: "SHOP-101 causes SUP-7" is stored on both issues, each with its own verb. */
export function issueLinks(issue: JiraIssue, from: string, refHost: string | undefined): Link[] {
  return (issue.fields.issuelinks ?? []).flatMap((link) => {
    const other = link.outwardIssue ?? link.inwardIssue;
    if (!other) return [];
    const verb = link.outwardIssue ? link.type?.outward : link.type?.inward;
    return [
      {
        from,
        to: jiraRef(refHost, other.key),
        via: 'issue-link' as const,
        detail: verb ?? link.type?.name ?? 'linked',
      },
    ];
  });
}

/** Texts to read references from, with where they were found. */
export function issueTexts(issue: JiraIssue): { text: string | undefined; where: string }[] {
  const comments = issue.fields.comment;
  const list = Array.isArray(comments) ? comments : (comments?.comments ?? []);
  return [
    { text: issue.fields.summary ?? undefined, where: 'summary' },
    { text: richText(issue.fields.description), where: 'description' },
    ...list.map((c) => ({ text: richText(c.body), where: 'comment' })),
  ];
}

/** How deep lists and option objects of a custom field are read (real values nest two or three levels). */
const maxFieldDepth = 8;

/** A custom field's value as text: strings, numbers, lists of either, option objects, ADF. */
export function fieldText(value: unknown, depth = 0): string {
  if (value === null || value === undefined || depth > maxFieldDepth) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => fieldText(v, depth + 1)).join(', ');
  if (typeof value === 'object') {
    const adf = adfDocumentSchema.safeParse(value);
    if (adf.success && adf.data.content) return richText(adf.data);
    const record = value as Record<string, unknown>;
    return fieldText(record.value ?? record.name ?? '', depth + 1);
  }
  return '';
}
