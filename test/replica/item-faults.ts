/**
 * Faults inside a valid answer, for a hostile or compromised server (issue 10): the envelope stays as the API
 * sends it, the items in it do not.
 *
 * - `bad-item`: the first item of the answer does not match its vendor's shape (a field of the wrong type), and
 *   the second carries a value nested 10,000 levels deep (Jira: its description, as an ADF tree whose top
 *   paragraph still reads "Deep text mentions INC0099999"; elsewhere an extra field). `JSON.stringify` cannot
 *   write such a value (it recurses), so it is spliced into the text.
 * - `hostile-url`: every item's links (`url`, `html_url`) say `rule.url` (default `javascript:alert(1)`).
 *
 * "Items" are what a client lists: Jira `issues`, ServiceNow `result`, Zendesk `tickets` / `results`, GitHub
 * REST `items`, and GitHub GraphQL Issue and PullRequest nodes (lookups and search hits) and release nodes.
 */
import type { FaultRule } from './faults.ts';
import type { Route } from './hosts.ts';
import type { ReplicaResponse } from './http.ts';

export const deepLevels = 10_000;
const deepMark = '"__liaison_deep__"';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A vendor's listed items in document order (GitHub GraphQL: every item node under `data`). */
function itemsIn(body: unknown, route: Route): Json[] {
  if (!isObject(body)) return Array.isArray(body) ? body.filter(isObject) : [];
  const lists = [body.issues, body.result, body.tickets, body.results, body.items];
  const listed = lists.find(Array.isArray);
  if (listed) return (listed as unknown[]).filter(isObject);
  if (route.system !== 'github' || !isObject(body.data)) return [];
  const found: Json[] = [];
  const walk = (value: unknown, depth: number) => {
    if (depth > 8) return;
    if (Array.isArray(value)) for (const v of value) walk(v, depth + 1);
    if (!isObject(value)) return;
    if (value.__typename === 'PullRequest' || value.__typename === 'Issue' || 'tagName' in value) {
      found.push(value);
      return;
    }
    for (const v of Object.values(value)) walk(v, depth + 1);
  };
  walk(body.data, 0);
  return found;
}

/** Breaks what each vendor's items must hold, leaving what names the item (key, number, id) readable. */
function malform(item: Json, route: Route): void {
  if (route.system === 'jira-cloud' || route.system === 'jira-dc') item.fields = 'not an object';
  else if (route.system === 'servicenow') item.short_description = 42;
  else if (route.system === 'zendesk') item.status = 42;
  else item.title = 42;
}

function deepen(item: Json, route: Route): void {
  if ((route.system === 'jira-cloud' || route.system === 'jira-dc') && isObject(item.fields))
    item.fields.description = '__liaison_deep__';
  else item.liaison_deep = '__liaison_deep__';
}

/** An ADF document whose first paragraph reads, and whose second nests `deepLevels` paragraphs. */
function deepAdf(): string {
  const top = '{"type":"paragraph","content":[{"type":"text","text":"Deep text mentions INC0099999"}]}';
  const open = '{"type":"paragraph","content":['.repeat(deepLevels);
  const close = ']}'.repeat(deepLevels);
  return `{"type":"doc","version":1,"content":[${top},${open}${close}]}`;
}

export function itemFault(rule: FaultRule, res: ReplicaResponse, route: Route): ReplicaResponse {
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return res;
  }
  const items = itemsIn(body, route);
  if (rule.kind === 'hostile-url') {
    const url = rule.url ?? 'javascript:alert(1)';
    for (const item of items) {
      if ('url' in item) item.url = url;
      if ('html_url' in item) item.html_url = url;
    }
    return { ...res, body: JSON.stringify(body) };
  }
  const [first, second] = items;
  if (first) malform(first, route);
  if (second) deepen(second, route);
  return { ...res, body: JSON.stringify(body).replace(deepMark, deepAdf()) };
}
