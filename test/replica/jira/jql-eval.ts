/**
 * Evaluates parsed JQL over the dataset's issues of one Jira site. Text search (`~`) is word-based and
 * case-insensitive like Jira's Lucene index (../text-match.ts).
 */
import type { Dataset, JiraIssue, JiraSite } from '../dataset/types.ts';
import { textMatches } from '../text-match.ts';
import { type Jql, JqlError, type Node, parseJql, type Value } from './jql.ts';
import { zendeskIdsFieldName } from './serialize.ts';

const priorityRank: Record<string, number> = { highest: 5, high: 4, medium: 3, low: 2, lowest: 1 };
const keyPattern = /^[A-Z][A-Z0-9_]*-\d+$/i;

function normaliseField(raw: string): string {
  const f = raw.toLowerCase();
  if (f === 'issuekey' || f === 'id') return 'key';
  if (f === 'type') return 'issuetype';
  if (f === 'fixversion' || f === 'fixversions') return 'fixversion';
  if (f === 'cf[10100]' || f === 'customfield_10100' || f === zendeskIdsFieldName.toLowerCase())
    return 'zendesk';
  if (f === 'cf[10002]' || f === 'customfield_10002' || f === 'organizations') return 'organizations';
  return f;
}

interface EvalContext {
  ds: Dataset;
  site: JiraSite;
  byKey: Map<string, JiraIssue>;
  /** Data Center `validateQuery=warn|false`: unknown keys become warnings instead of a 400 */
  warnings?: Set<string>;
}

function resolveDateValue(v: string, now: string): string {
  const rel = /^([-+]?\d+)([dwh])$/.exec(v.trim());
  if (!rel) return v;
  const unit = { d: 86400e3, w: 7 * 86400e3, h: 3600e3 }[rel[2] as 'd' | 'w' | 'h'];
  return new Date(Date.parse(now) + Number(rel[1]) * unit).toISOString();
}

function fieldValues(issue: JiraIssue, field: string, ctx: EvalContext): string[] | undefined {
  const person = (k?: string) => (k ? [ctx.ds.people.find((p) => p.key === k)?.name ?? k] : []);
  switch (field) {
    case 'key':
      return [issue.key];
    case 'project':
      return [issue.projectKey];
    case 'summary':
      return [issue.summary];
    case 'description':
      return [issue.description];
    case 'comment':
      return issue.comments.map((c) => c.text);
    case 'text':
      return [
        issue.summary,
        issue.description,
        ...issue.comments.map((c) => c.text),
        issue.zendeskTicketIds.join(' '),
      ];
    case 'status':
      return [issue.status];
    case 'statuscategory':
      return [{ new: 'To Do', indeterminate: 'In Progress', done: 'Done' }[issue.statusCategory]];
    case 'priority':
      return [issue.priority];
    case 'issuetype':
      return [issue.type];
    case 'fixversion':
      // A version by name or by id ("fixVersion = 10101"): the JQL field reference, "Fix version" —
      // https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Fix-version ("You can search by version
      // name or ID").
      return issue.fixVersions.flatMap((name) => [
        name,
        ...ctx.ds.jiraVersions
          .filter((v) => v.site === ctx.site && v.projectKey === issue.projectKey && v.name === name)
          .map((v) => v.id),
      ]);
    case 'labels':
      return issue.labels;
    case 'assignee':
      return person(issue.assigneeKey);
    case 'reporter':
      return person(issue.reporterKey);
    case 'resolution':
      return issue.statusCategory === 'done' ? ['Done'] : [];
    case 'created':
      return [issue.created];
    case 'updated':
      return [issue.updated];
    case 'resolved':
    case 'resolutiondate':
      return issue.resolved ? [issue.resolved] : [];
    case 'zendesk':
      return issue.zendeskTicketIds.length > 0 ? [issue.zendeskTicketIds.join(', ')] : [];
    case 'organizations':
      return (issue.request?.orgKeys ?? []).map((k) => ctx.ds.orgs.find((o) => o.key === k)?.name ?? k);
    default:
      return undefined;
  }
}

function validateValues(field: string, values: string[], ctx: EvalContext): void {
  for (const v of values) {
    if (field === 'key') {
      if (!keyPattern.test(v)) throw new JqlError(`The issue key '${v}' for field 'key' is invalid.`);
      if (!ctx.byKey.has(v.toUpperCase())) {
        const message = `An issue with key '${v.toUpperCase()}' does not exist for field 'key'.`;
        if (!ctx.warnings) throw new JqlError(message);
        ctx.warnings.add(message);
      }
    }
    if (
      field === 'project' &&
      !ctx.ds.jiraProjects.some(
        (p) =>
          p.site === ctx.site &&
          (p.key.toLowerCase() === v.toLowerCase() || p.name.toLowerCase() === v.toLowerCase() || p.id === v),
      )
    ) {
      throw new JqlError(`The value '${v}' does not exist for the field 'project'.`);
    }
  }
}

function evalClause(issue: JiraIssue, c: Extract<Node, { kind: 'clause' }>, ctx: EvalContext): boolean {
  const field = normaliseField(c.field);
  if (field === 'issue' && c.value.kind === 'func') {
    if (c.value.name.toLowerCase() !== 'linkedissues')
      throw new JqlError(`Unable to find JQL function '${c.value.name}()'.`);
    const target = ctx.byKey.get((c.value.args[0] ?? '').toUpperCase());
    if (!target)
      throw new JqlError(`Issue '${c.value.args[0] ?? ''}' could not be found in function 'linkedIssues'.`);
    const linked = target.links.some((l) => l.key === issue.key);
    return c.op === 'not in' ? !linked : linked;
  }
  const values = fieldValues(issue, field, ctx);
  if (values === undefined)
    throw new JqlError(`Field '${c.field}' does not exist or you do not have permission to view it.`);
  const v: Value = c.value;
  if (c.op === 'is' || c.op === 'is not') {
    if (v.kind !== 'empty')
      throw new JqlError(`The operator '${c.op.toUpperCase()}' can only be used with EMPTY or NULL.`);
    return (values.length === 0) === (c.op === 'is');
  }
  const wanted = v.kind === 'list' ? v.items : v.kind === 'value' ? [v.text] : [];
  validateValues(field, wanted, ctx);
  const lower = values.map((x) => x.toLowerCase());
  const projectMatch = (w: string) => {
    const proj = ctx.ds.jiraProjects.find(
      (p) =>
        p.site === ctx.site &&
        (p.key.toLowerCase() === w.toLowerCase() || p.name.toLowerCase() === w.toLowerCase() || p.id === w),
    );
    return proj !== undefined && proj.key === issue.projectKey;
  };
  const eq = (w: string) => (field === 'project' ? projectMatch(w) : lower.includes(w.toLowerCase()));
  switch (c.op) {
    case '=':
    case 'in':
      return wanted.some(eq);
    case '!=':
    case 'not in':
      return values.length > 0 && !wanted.some(eq);
    case '~':
      return values.some((x) => textMatches(x, wanted[0] ?? ''));
    case '!~':
      return !values.some((x) => textMatches(x, wanted[0] ?? ''));
    default: {
      const w =
        field === 'priority'
          ? String(priorityRank[(wanted[0] ?? '').toLowerCase()] ?? 0)
          : resolveDateValue(wanted[0] ?? '', ctx.ds.now);
      const x =
        field === 'priority' ? String(priorityRank[(values[0] ?? '').toLowerCase()] ?? 0) : (values[0] ?? '');
      if (x === '') return false;
      return c.op === '>' ? x > w : c.op === '<' ? x < w : c.op === '>=' ? x >= w : x <= w;
    }
  }
}

function evalNode(issue: JiraIssue, n: Node, ctx: EvalContext): boolean {
  switch (n.kind) {
    case 'all':
      return true;
    case 'and':
      return evalNode(issue, n.left, ctx) && evalNode(issue, n.right, ctx);
    case 'or':
      return evalNode(issue, n.left, ctx) || evalNode(issue, n.right, ctx);
    case 'not':
      return !evalNode(issue, n.inner, ctx);
    case 'clause':
      return evalClause(issue, n, ctx);
  }
}

/** Runs a JQL query; throws JqlError (→ HTTP 400) for what Jira rejects. Without ORDER BY: by key. */
export function runJql(
  ds: Dataset,
  site: JiraSite,
  jql: string,
  opts: { warnings?: Set<string>; bounded?: boolean } = {},
): JiraIssue[] {
  const parsed: Jql = parseJql(jql);
  // Cloud's search/jql refuses queries without a restriction (reference/README.md: "JQL must be bounded")
  if (opts.bounded && parsed.where.kind === 'all')
    throw new JqlError(
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    );
  const issues = ds.jiraIssues.filter((i) => i.site === site);
  const ctx: EvalContext = {
    ds,
    site,
    byKey: new Map(issues.map((i) => [i.key, i])),
    warnings: opts.warnings,
  };
  const hits = issues.filter((i) => evalNode(i, parsed.where, ctx));
  const order = parsed.orderBy.length > 0 ? parsed.orderBy : [{ field: 'key', dir: 'asc' as const }];
  const sortKey = (i: JiraIssue, f: string): string | number => {
    if (f === 'key' || f === 'issuekey') return `${i.projectKey}-${i.key.split('-')[1]?.padStart(8, '0')}`;
    if (f === 'priority') return priorityRank[i.priority.toLowerCase()] ?? 0;
    const v = fieldValues(i, normaliseField(f), ctx);
    return v?.[0] ?? '';
  };
  return hits.sort((a, b) => {
    for (const { field, dir } of order) {
      const x = sortKey(a, field);
      const y = sortKey(b, field);
      if (x !== y) return (x < y ? -1 : 1) * (dir === 'desc' ? -1 : 1);
    }
    return 0;
  });
}
