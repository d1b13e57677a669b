import type { Item, Link, SourceStatus } from '../../core/model';
import { displayKey, parseRef } from '../../core/refs';
import { systemName } from '../../core/systems';
import type { ContextView, KnowledgeView } from '../../messaging/protocol';
import { SafeLink } from '../SafeLink';
import { SourceErrors, SourceNotes } from '../SourceErrors';
import { ago, type PanelState } from '../state';

export interface KnowledgeModel {
  state: PanelState;
  /** Articles that mention the context's references first, then the newest. */
  articles: { item: Item; mentions: string[] }[];
  failed: SourceStatus[];
  answered: SourceStatus[];
}

const updatedAt = (i: Item) => (i.updatedAt && Date.parse(i.updatedAt)) || 0;

/**
 * What the knowledge panel shows (DESIGN.md contract 6): `loading` until the articles are found (they are asked
 * after the context resolves), `ready` with articles or a knowledge base's error to report, `empty` when every
 * knowledge base answered with nothing (or none is connected), `error` when every one failed.
 */
export function knowledgeModel(view: ContextView | undefined, failure?: string): KnowledgeModel {
  const none = { articles: [], failed: [], answered: [] };
  if (failure) return { state: 'error', ...none };
  if (!view || (view.configured && !view.knowledge)) return { state: 'loading', ...none };
  if (!view.configured || !view.knowledge) return { state: 'unconfigured', ...none };
  const found = knowledgeArticles(view.knowledge);
  let state: PanelState = 'ready';
  if (found.articles.length === 0 && found.answered.length === 0 && found.failed.length > 0) state = 'error';
  else if (found.articles.length === 0 && found.failed.length === 0) state = 'empty';
  return { state, ...found };
}

/** The articles in the order they are shown (and what each mentions), and which knowledge bases failed. */
export function knowledgeArticles({ items, links, sources }: KnowledgeView): Omit<KnowledgeModel, 'state'> {
  const articles = items
    .map((item) => ({ item, mentions: mentioned(item.ref, links) }))
    .sort(
      (a, b) =>
        Number(b.mentions.length > 0) - Number(a.mentions.length > 0) ||
        updatedAt(b.item) - updatedAt(a.item),
    );
  return { articles, failed: sources.filter((s) => s.error), answered: sources.filter((s) => !s.error) };
}

/** The keys an article mentions ("SHOP-101"), from its links. */
function mentioned(ref: string, links: readonly Link[]): string[] {
  return [
    ...new Set(
      links.flatMap((l) => {
        const to = l.from === ref ? parseRef(l.to) : undefined;
        return to ? [displayKey(to)] : [];
      }),
    ),
  ];
}

/** Knowledge articles (ServiceNow knowledge base, Zendesk Help Center) about the page's item. */
export function KnowledgePanel({ model }: { model: KnowledgeModel }) {
  const searched = model.answered.map((s) => `${systemName(s.system)} (${s.host})`).join(', ');
  return (
    <>
      <SourceErrors failed={model.failed} />
      <SourceNotes sources={[...model.failed, ...model.answered]} />
      {model.state === 'empty' && (
        <p>
          {searched
            ? `No published article mentions this item or its bug. Searched ${searched}.`
            : 'None of the connected systems has a knowledge base Liaison reads.'}
        </p>
      )}
      {model.articles.length > 0 && (
        <ul>
          {model.articles.map(({ item, mentions }) => (
            <KnowledgeRow key={item.ref} item={item} mentions={mentions} />
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * One article: its title (the link to it), then its key, state, last update and what it mentions, on one line where
 * the column allows. Text only: titles come from other people.
 */
export function KnowledgeRow({ item, mentions }: { item: Item; mentions: string[] }) {
  const updated = updatedAt(item);
  return (
    <li class="item" data-ref={item.ref}>
      <div class="line">
        <SafeLink href={item.url}>
          <span class="title">{item.title}</span>
        </SafeLink>
      </div>
      <div class="line">
        <span class="meta">
          {systemName(item.system)} {item.key}
        </span>
        <span class={`chip ${item.status.category === 'done' ? 'done' : ''}`}>{item.status.name}</span>
        {updated > 0 && <span class="meta">updated {ago(updated)}</span>}
        <span class="meta">
          {mentions.length > 0 ? `mentions ${mentions.join(', ')}` : 'same words as the bug'}
        </span>
      </div>
    </li>
  );
}
