import { useState } from 'preact/hooks';
import type { Item } from '../../core/model';
import { systemName } from '../../core/systems';
import { copyFormats } from '../brief/clipboard';
import { briefHtml, briefMarkdown, briefText, customersLine, emptyText, ticketFacts } from '../brief/export';
import type { BriefNode, ReleaseBrief } from '../brief/model';
import { SafeLink } from '../SafeLink';
import { SourceErrors, SourceNotes } from '../SourceErrors';
import { WatchButton } from '../WatchButton';

/**
 * Service desk brief (GitHub release and compare views, Jira fix versions): what the release fixes and the customer
 * tickets waiting on each fix, with copy buttons for Markdown (`data-copy="markdown"`) and rich text.
 */
export function ReleaseBriefPanel({ model }: { model: ReleaseBrief }) {
  if (model.state !== 'ready' && model.state !== 'empty') return null;
  const searched = model.answered.map((s) => `${systemName(s.system)} (${s.host})`).join(', ');
  return (
    <>
      <SourceErrors failed={model.failed} />
      <SourceNotes sources={[...model.failed, ...model.answered]} />
      <div class="brief-head">
        <h3 data-brief-heading>{model.heading}</h3>
        <CopyButtons model={model} />
      </div>
      {(model.when || model.summary) && (
        <p data-brief-summary>{[model.when, model.summary].filter(Boolean).join(' ')}</p>
      )}
      {customersLine(model) && <p data-brief-customers>{customersLine(model)}</p>}
      {model.state === 'empty' && (
        <p>
          {emptyText(model)}
          {searched ? ` Searched ${searched}.` : ''}
        </p>
      )}
      <ul class="brief">
        {model.work.map((node) => (
          <WorkRow key={node.item.ref} node={node} />
        ))}
      </ul>
      {model.capped.map((c) => (
        <p class="note" data-capped key={c}>
          {c}
        </p>
      ))}
    </>
  );
}

function WorkRow({ node }: { node: BriefNode }) {
  const { item } = node;
  return (
    <li class="work" data-ref={item.ref}>
      <div class="line">
        <SafeLink href={item.url}>{item.key}</SafeLink>
        <span class="title">{item.title}</span>
        <span class={`chip ${item.pull?.merged || item.status.category === 'done' ? 'done' : ''}`}>
          {item.pull?.merged ? 'Merged' : item.status.name}
        </span>
        <WatchButton itemRef={item.ref} label={item.key} />
      </div>
      {(node.tickets.length > 0 || node.linked.length > 0) && (
        <ul>
          {node.tickets.map((t) => (
            <TicketRow key={t.ref} ticket={t} />
          ))}
          {node.linked.map((l) => (
            <WorkRow key={l.item.ref} node={l} />
          ))}
        </ul>
      )}
    </li>
  );
}

function TicketRow({ ticket }: { ticket: Item }) {
  return (
    <li class="item ticket" data-ref={ticket.ref}>
      <div class="line">
        <SafeLink href={ticket.url}>{ticket.key}</SafeLink>
        <span class="title">{ticket.title}</span>
        <WatchButton itemRef={ticket.ref} label={ticket.key} />
      </div>
      <div class="line">
        {ticket.priority && <span class={`chip p${ticket.priority.rank}`}>{ticket.priority.name}</span>}
        <span class="meta">
          {ticketFacts(ticket)
            .filter((f) => !f.startsWith('priority '))
            .join(' · ')}
        </span>
      </div>
    </li>
  );
}

function CopyButtons({ model }: { model: ReleaseBrief }) {
  const [copied, setCopied] = useState<'markdown' | 'rich' | 'failed' | undefined>();
  const copy = async (what: 'markdown' | 'rich') => {
    const ok = await copyFormats(
      what === 'markdown'
        ? { 'text/plain': briefMarkdown(model) }
        : { 'text/plain': briefText(model), 'text/html': briefHtml(model) },
    );
    setCopied(ok ? what : 'failed');
    setTimeout(() => setCopied(undefined), 2000);
  };
  return (
    <fieldset class="copy" aria-label="Copy the brief">
      <button type="button" data-copy="markdown" onClick={() => void copy('markdown')}>
        {copied === 'markdown' ? 'Copied' : 'Copy Markdown'}
      </button>
      <button type="button" data-copy="rich" onClick={() => void copy('rich')}>
        {copied === 'rich' ? 'Copied' : 'Copy rich text'}
      </button>
      <span class={copied === 'failed' ? 'error' : 'visually-hidden'} role="status">
        {copied === 'failed'
          ? 'The browser refused to copy: select the brief and copy it by hand.'
          : copied
            ? 'The brief was copied.'
            : ''}
      </span>
    </fieldset>
  );
}
