import { z } from 'zod';
import { withSafeUrl } from '../../core/item-links';
import type { Item } from '../../core/model';
import { formatRef } from '../../core/refs';
import type { Connection } from '../../core/settings';
import type { HttpClient } from '../../providers/http';
import { field, listOf, mapEach, scalar, skippedIn } from '../../providers/items';
import {
  type KnowledgeFound,
  type KnowledgeQuery,
  MAX_ARTICLES,
  textOfHtml,
  verifiedArticle,
} from '../../providers/knowledge';
import { helpCenterArticleRef } from './refs';

/**
 * Zendesk Help Center articles: "Search Articles", `GET /api/v2/help_center/articles/search?query=…`
 * (https://developer.zendesk.com/api-reference/help_center/help-center-api/search/#search-articles). Parameters
 * used: `query` (the search text; a phrase in double quotes), `per_page` (1–100, Zendesk's pagination); `locale` is
 * left out, so the search covers the account's default locale as the docs describe. Each result is an article
 * (`results[]`: `id`, `url`, `html_url`, `title`, `body` in HTML, `draft`, `updated_at`, `locale`, …;
 * `result_type: "article"`).
 *
 * The docs name no OR operator for Help Center search (the Support search's OR of a repeated property keyword does
 * not apply here), so a search for two references could mean both: each key is searched on its own (at most
 * MAX_KNOWLEDGE_KEYS) and the title's words once. Agents may see drafts; those never show. Every hit is verified
 * against its own text (knowledge.ts).
 */

export const articleSchema = z.looseObject({
  id: z.number().int().positive(),
  html_url: z.string().nullable().optional(),
  title: z.string(),
  body: z.string().nullable().optional(),
  draft: z.boolean().optional(),
  updated_at: z.string().nullable().optional(),
  locale: z.string().nullable().optional(),
  result_type: z.string().optional(),
});
export type Article = z.infer<typeof articleSchema>;

const articleName = (raw: unknown) => {
  const title = scalar(field(raw, 'title'));
  const id = scalar(field(raw, 'id'));
  return title ? `"${title}"` : id ? `Article ${id}` : undefined;
};

export const articleSearchSchema = z.looseObject({
  results: listOf(articleSchema, articleName),
  next_page: z.string().nullable().optional(),
});

/** Results read per search: a few more than are shown, since some hits do not survive verification. */
const perPage = MAX_ARTICLES * 2;

const phrase = (text: string) => `"${text.replace(/"/g, ' ').trim()}"`;

/** The searches for a query: one per key (a quoted phrase), one for the words. */
export function helpCenterQueries(query: KnowledgeQuery): string[] {
  const byKey = query.keys.flatMap(({ key }) => (key.replace(/"/g, '').trim() ? [phrase(key)] : []));
  const words = query.words.filter((w) => /^[\p{L}\p{N}]+$/u.test(w));
  return [...new Set(byKey), ...(words.length > 0 ? [words.join(' ')] : [])];
}

export function mapArticle(article: Article, subdomain: string, connection: Connection): Item {
  const ref = formatRef(helpCenterArticleRef(subdomain, article.id));
  const item: Item = {
    ref,
    system: 'zendesk',
    kind: 'knowledge',
    key: `Article ${article.id}`,
    title: article.title || `Article ${article.id}`,
    url: article.html_url ?? '',
    status: article.draft ? { name: 'Draft', category: 'todo' } : { name: 'Published', category: 'done' },
  };
  if (article.updated_at) item.updatedAt = article.updated_at;
  // A Help Center on a brand's own host (support.acme.com) links through the subdomain's `/hc/articles/ID`.
  return withSafeUrl(item, connection);
}

export async function helpCenterKnowledge(
  http: HttpClient,
  connection: Connection,
  subdomain: string,
  query: KnowledgeQuery,
  signal?: AbortSignal,
): Promise<KnowledgeFound> {
  const searches = helpCenterQueries(query);
  // One failed search fails the source: the others are called off, so their retries spend nothing more.
  const calledOff = new AbortController();
  const stop = () => calledOff.abort();
  signal?.addEventListener('abort', stop, { once: true });
  let bodies: z.infer<typeof articleSearchSchema>[];
  try {
    bodies = await Promise.all(
      searches.map((q) =>
        http
          .get('/api/v2/help_center/articles/search', articleSearchSchema, {
            searchParams: { query: q, per_page: perPage },
            signal: calledOff.signal,
          })
          .catch((error: unknown) => {
            stop();
            throw error;
          }),
      ),
    );
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  const seen = new Set<number>();
  const results = bodies.flatMap((b) => b.results).filter((a) => !seen.has(a.id) && seen.add(a.id));
  const { kept, notes } = mapEach(
    results,
    (a) => `Article ${a.id}`,
    (a) => {
      if (a.draft === true) return undefined;
      const item = mapArticle(a, subdomain, connection);
      const verified = verifiedArticle(item.ref, `${a.title}\n${textOfHtml(a.body ?? '')}`, query);
      return verified && { item, links: verified.links };
    },
  );
  const shown = kept.slice(0, MAX_ARTICLES);
  const all = [...new Set([...bodies.flatMap((b) => skippedIn(b.results)), ...notes])];
  return {
    items: shown.map((k) => k.to.item),
    links: shown.flatMap((k) => k.to.links),
    ...(all.length ? { notes: all } : {}),
  };
}
