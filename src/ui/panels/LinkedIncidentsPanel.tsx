import { linksTo } from '../../core/graph';
import { isWorkItem, systemName } from '../../core/systems';
import type { ContextView } from '../../messaging/protocol';
import { ItemRow } from '../ItemRow';
import { SourceErrors, SourceNotes } from '../SourceErrors';
import type { LinkedIncidents } from '../state';
import { WriteAction } from '../write/WriteAction';

/** Linked incidents (GitHub PR/issue, Jira issue): tickets from every service desk, grouped by source. */
export function LinkedIncidentsPanel({
  model,
  view,
}: {
  model: LinkedIncidents;
  view: ContextView | undefined;
}) {
  const searched = model.answered.map((s) => `${systemName(s.system)} (${s.host})`).join(', ');
  const subject = view?.items.find((i) => i.ref === view.subject);
  const resolved = subject && isWorkItem(subject) && subject.status.category === 'done' ? subject : undefined;
  const tickets = model.groups.length > 0;
  return (
    <>
      {/* First, so they are reached before a long list; each opens its preview in place. */}
      {(tickets || resolved) && (
        <div class="write-actions">
          {tickets && <WriteAction kind="tell-tickets" />}
          {resolved && <WriteAction kind="draft-kb" bug={resolved.ref} describe={`from ${resolved.key}`} />}
        </div>
      )}
      <SourceErrors failed={model.failed} />
      <SourceNotes sources={[...model.failed, ...model.answered]} />
      {model.state === 'empty' && <p>No incidents or tickets link to this page. Searched {searched}.</p>}
      {model.state === 'ready' && model.groups.length === 0 && (
        <p class="meta">
          No linked incidents found in the sources that answered{searched ? ` (${searched})` : ''}.
        </p>
      )}
      {model.groups.map((group) => (
        <section key={group.system} aria-label={systemName(group.system)}>
          <h3>
            {systemName(group.system)} · {group.items.length}
          </h3>
          <ul>
            {group.items.map((item) => (
              <ItemRow key={item.ref} item={item} links={view ? linksTo(item.ref, view.links) : []} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
