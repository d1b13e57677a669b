import { systemName } from '../core/systems';
import type { KnowledgeView } from '../messaging/protocol';
import { knowledgeArticles } from '../ui/panels/KnowledgePanel';
import { SafeLink } from '../ui/SafeLink';

/**
 * The knowledge articles of the tab's context (issue 13), under its context line while the search box is empty:
 * the same articles, order and per-source errors as the page's knowledge panel. Each is a link (Tab reaches it)
 * carrying `data-ref` (DESIGN.md contract 6), opened in a new tab.
 */
export function Knowledge({ knowledge }: { knowledge: KnowledgeView | undefined }) {
  if (!knowledge) return null;
  const model = knowledgeArticles(knowledge);
  if (model.articles.length === 0 && model.failed.length === 0) return null;
  return (
    <section class="knowledge" data-knowledge="" aria-labelledby="liaison-knowledge-head">
      <h2 id="liaison-knowledge-head">Knowledge</h2>
      {model.failed.map((s) => (
        <p class="error" data-source-error={s.system} key={s.connectionId}>
          {s.error?.message}
        </p>
      ))}
      <ul>
        {model.articles.map(({ item, mentions }) => (
          <li key={item.ref} data-ref={item.ref} class="article">
            <SafeLink href={item.url}>
              <span class="key">{item.key}</span> <span class="title">{item.title}</span>
            </SafeLink>
            <span class="meta">
              {item.status.name} · {systemName(item.system)}
              {mentions.length > 0 ? ` · mentions ${mentions.join(', ')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
