import { connectedItems } from '../../core/graph';
import { customerImpact, formatAge, type Impact } from '../../core/impact';
import type { Item, SourceStatus } from '../../core/model';
import { systemName } from '../../core/systems';
import type { ContextView } from '../../messaging/protocol';
import { SafeLink } from '../SafeLink';
import { SourceErrors, SourceNotes } from '../SourceErrors';
import type { PanelState } from '../state';

export interface CustomerImpactModel {
  state: PanelState;
  impact?: Impact;
  /** The tickets behind the figures, for their links. */
  tickets: Item[];
  failed: SourceStatus[];
  answered: SourceStatus[];
}

export function customerImpactModel(view: ContextView | undefined, failure?: string): CustomerImpactModel {
  const none = { tickets: [], failed: [], answered: [] };
  if (failure) return { state: 'error', ...none };
  if (!view) return { state: 'loading', ...none };
  if (!view.configured) return { state: 'unconfigured', ...none };
  const impact = customerImpact(connectedItems(view.subject, view.items, view.links), view.resolvedAt);
  const failed = view.sources.filter((s) => s.error);
  const answered = view.sources.filter((s) => !s.error);
  const tickets = view.items.filter(
    (i) => i.ref === impact.worstOpenPriority?.ref || i.ref === impact.oldestOpen?.ref,
  );
  let state: PanelState = 'ready';
  if (impact.total === 0 && answered.length === 0) state = 'error';
  else if (impact.total === 0 && failed.length === 0) state = 'empty';
  return { state, impact, tickets, failed, answered };
}

const level = (score: number) => (score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low');

/** Customer impact (GitHub PR/issue, Jira issue): the figures and the score, with how it was reached. */
export function CustomerImpactPanel({ model }: { model: CustomerImpactModel }) {
  const { impact } = model;
  const searched = model.answered.map((s) => `${systemName(s.system)} (${s.host})`).join(', ');
  const ticket = (ref: string | undefined) => model.tickets.find((t) => t.ref === ref);
  return (
    <>
      <SourceErrors failed={model.failed} />
      <SourceNotes sources={[...model.failed, ...model.answered]} />
      {model.state === 'empty' && (
        <p>No customer tickets link to this page, so no customer impact. Searched {searched}.</p>
      )}
      {impact && impact.total > 0 && (
        <>
          <div class="score">
            <span class={`score-value ${level(impact.score)}`}>{impact.score}</span>
            <span class="meta">/ 100 impact</span>
            <meter
              min={0}
              max={100}
              low={30}
              high={60}
              optimum={0}
              value={impact.score}
              aria-label="Customer impact score"
            />
          </div>
          <dl class="figures">
            <dt>Tickets</dt>
            <dd>
              {impact.open} open of {impact.total}
            </dd>
            <dt>Customers</dt>
            <dd>
              {impact.organizations.length > 0
                ? impact.organizations.map((o) => `${o.name} (${o.tickets})`).join(', ')
                : 'none named'}
            </dd>
            <dt>Requesters</dt>
            <dd>{impact.requesters.total}</dd>
            {impact.worstOpenPriority && (
              <>
                <dt>Worst open priority</dt>
                <dd>
                  {impact.worstOpenPriority.name} ·{' '}
                  <TicketLink
                    item={ticket(impact.worstOpenPriority.ref)}
                    fallback={impact.worstOpenPriority.key}
                  />
                </dd>
              </>
            )}
            <dt>SLA breaches</dt>
            <dd>
              {impact.sla.breached}
              {impact.sla.breachedOpen > 0 ? ` (${impact.sla.breachedOpen} open)` : ''}
            </dd>
            <dt>Satisfaction</dt>
            <dd>
              {impact.satisfaction.goodPercent !== undefined
                ? `${impact.satisfaction.goodPercent}% good of ${impact.satisfaction.rated} rated`
                : 'no ratings'}
            </dd>
            {impact.oldestOpen && (
              <>
                <dt>Oldest open</dt>
                <dd>
                  {formatAge(impact.oldestOpen.ageMs)} ·{' '}
                  <TicketLink item={ticket(impact.oldestOpen.ref)} fallback={impact.oldestOpen.key} />
                </dd>
              </>
            )}
          </dl>
          <details>
            <summary>How the score was reached</summary>
            <ul class="explanation">
              {impact.explanation.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </details>
        </>
      )}
    </>
  );
}

function TicketLink({ item, fallback }: { item: Item | undefined; fallback: string }) {
  if (!item) return <span>{fallback}</span>;
  return (
    <SafeLink href={item.url} data-ref={item.ref}>
      {item.key}
    </SafeLink>
  );
}
