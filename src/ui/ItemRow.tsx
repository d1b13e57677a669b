import type { Item, Link } from '../core/model';
import { SafeLink } from './SafeLink';
import { ago } from './state';
import { WatchButton } from './WatchButton';

const viaText: Record<Link['via'], string> = {
  mention: 'mentioned in',
  'remote-link': 'Jira remote link',
  field: 'field',
  search: 'search',
  branch: 'branch name',
  'issue-link': 'Jira issue link',
};

export function foundVia(links: Link[]): string {
  const parts = links.map((l) => `${viaText[l.via]}${l.detail ? ` ${l.detail}` : ''}`);
  return parts.length > 0 ? `Found via ${[...new Set(parts)].join('; ')}` : '';
}

/** One ticket: number (link), title, state, priority, organisation, SLA, age. Text only: titles are hostile. */
export function ItemRow({ item, links }: { item: Item; links: Link[] }) {
  const created = item.createdAt ? Date.parse(item.createdAt) : Number.NaN;
  return (
    <li class="item" data-ref={item.ref} title={foundVia(links)}>
      <div class="line">
        <SafeLink href={item.url}>{item.key}</SafeLink>
        <span class="title">{item.title}</span>
        <WatchButton itemRef={item.ref} label={item.key} />
      </div>
      <div class="line">
        <span class={`chip ${item.status.category === 'done' ? 'done' : ''}`}>{item.status.name}</span>
        {item.priority && <span class={`chip p${item.priority.rank}`}>{item.priority.name}</span>}
        {item.organization && <span class="meta">{item.organization}</span>}
        {item.sla?.breached && <span class="chip breached">SLA breached</span>}
        {!Number.isNaN(created) && <span class="meta">opened {ago(created)}</span>}
      </div>
    </li>
  );
}
