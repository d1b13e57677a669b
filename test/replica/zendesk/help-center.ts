/**
 * Zendesk Help Center "Search Articles": GET /api/v2/help_center/articles/search
 * (https://developer.zendesk.com/api-reference/help_center/help-center-api/search/#search-articles, read
 * 2026-12-04). Documented parameters: query, category, section, label_names, locale, multibrand, brand_id,
 * created_before/created_after/created_at, updated_before/updated_after/updated_at, sort_by, sort_order, and the
 * pagination parameters page and per_page ("must be an integer between 1 and 100"). "query" is required unless
 * category, section or label_names is given. Results are article objects
 * (https://developer.zendesk.com/api-reference/help_center/help-center-api/articles/#json-format) with
 * `result_type: "article"` and a `snippet`.
 *
 * Stricter than the real API, never more lenient: an unknown parameter, a per_page outside 1–100 or a missing
 * query is a 400 (the real API ignores unknown parameters); words of the query are AND-ed (the docs name no OR
 * operator), a quoted phrase must occur as it is; the account's agent sees drafts too, as agents do, so a client
 * has to leave them out. Auth is zendeskApi's (Basic email/token).
 */
import type { Dataset, HelpCenterArticle } from '../dataset/types.ts';
import { int, json, type ReplicaRequest, type ReplicaResponse } from '../http.ts';
import { textMatches } from '../text-match.ts';

const documented = new Set([
  'query',
  'category',
  'section',
  'label_names',
  'locale',
  'multibrand',
  'brand_id',
  'created_before',
  'created_after',
  'created_at',
  'updated_before',
  'updated_after',
  'updated_at',
  'sort_by',
  'sort_order',
  'page',
  'per_page',
]);

const strip = (html: string) => html.replace(/<[^>]*>/g, ' ');

export function articleJson(base: string, a: HelpCenterArticle) {
  const slug = a.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    id: a.id,
    url: `${base}/api/v2/help_center/en-us/articles/${a.id}.json`,
    html_url: `${base}/hc/en-us/articles/${a.id}-${slug}`,
    author_id: 1,
    comments_disabled: false,
    draft: a.draft,
    promoted: false,
    position: 0,
    vote_sum: 0,
    vote_count: 0,
    section_id: a.sectionId,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    edited_at: a.updatedAt,
    name: a.title,
    title: a.title,
    source_locale: 'en-us',
    locale: 'en-us',
    outdated: false,
    outdated_locales: [],
    permission_group_id: a.permissionGroupId ?? 1,
    user_segment_id: a.userSegmentId ?? null,
    label_names: a.labelNames,
    body: a.body,
    snippet: strip(a.body).trim().slice(0, 120),
    result_type: 'article',
  };
}

/** Does the article match every term of the query (a quoted phrase as a whole)? */
function matches(a: HelpCenterArticle, query: string): boolean {
  const haystack = `${a.title} ${strip(a.body)} ${a.labelNames.join(' ')}`;
  const phrases = [...query.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
  const words = query.replace(/"[^"]*"/g, ' ');
  return phrases.every((p) => textMatches(haystack, p)) && textMatches(haystack, words);
}

export function helpCenterSearch(req: ReplicaRequest, ds: Dataset, base: string): ReplicaResponse {
  for (const name of req.query.keys())
    if (!documented.has(name))
      return json(400, { error: 'InvalidParameter', description: `Unknown parameter: ${name}` });
  const query = req.query.get('query') ?? '';
  const filtered = ['category', 'section', 'label_names'].some((p) => req.query.has(p));
  if (query.trim() === '' && !filtered)
    return json(400, { error: 'InvalidSearchQuery', description: 'The query parameter is required.' });
  const perRaw = req.query.get('per_page');
  const per = perRaw === null ? 25 : int(perRaw, -1);
  if (per < 1 || per > 100)
    return json(400, { error: 'InvalidPagination', description: 'per_page must be between 1 and 100' });
  const page = Math.max(1, int(req.query.get('page'), 1));
  const hits = (ds.helpCenterArticles ?? []).filter((a) => query.trim() === '' || matches(a, query));
  const shown = hits.slice((page - 1) * per, page * per);
  const at = (p: number) => {
    const u = new URL(`${base}${req.path}${req.url.search}`);
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  return json(200, {
    results: shown.map((a) => articleJson(base, a)),
    count: hits.length,
    next_page: page * per < hits.length ? at(page + 1) : null,
    previous_page: page > 1 ? at(page - 1) : null,
    page,
    per_page: per,
    page_count: Math.ceil(hits.length / per),
  });
}
