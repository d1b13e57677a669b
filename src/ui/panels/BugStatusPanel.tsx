import { useState } from 'preact/hooks';
import { type BugChain, bugChains } from '../../core/chain';
import type { SourceStatus } from '../../core/model';
import { systemName } from '../../core/systems';
import type { ContextView } from '../../messaging/protocol';
import { SafeLink } from '../SafeLink';
import { SourceErrors, SourceNotes } from '../SourceErrors';
import type { PanelState } from '../state';
import { WatchButton } from '../WatchButton';
import { WriteAction } from '../write/WriteAction';

export interface BugStatusModel {
  state: PanelState;
  chains: BugChain[];
  failed: SourceStatus[];
  answered: SourceStatus[];
}

/** `ready` with at least one chain or a source error to report; `empty` when every source answered with no bug. */
export function bugStatus(view: ContextView | undefined, failure?: string): BugStatusModel {
  const none = { chains: [], failed: [], answered: [] };
  if (failure) return { state: 'error', ...none };
  if (!view) return { state: 'loading', ...none };
  if (!view.configured) return { state: 'unconfigured', ...none };
  const chains = bugChains(view.subject, view.items, view.links, view.releases);
  const failed = view.sources.filter((s) => s.error);
  const answered = view.sources.filter((s) => !s.error);
  let state: PanelState = 'ready';
  if (chains.length === 0 && answered.length === 0) state = 'error';
  else if (chains.length === 0 && failed.length === 0) state = 'empty';
  return { state, chains, failed, answered };
}

/** Bug status (ServiceNow, Zendesk, JSM tickets): the chain per bug, and the sentence to paste to the customer. */
export function BugStatusPanel({ model }: { model: BugStatusModel }) {
  const searched = model.answered.map((s) => `${systemName(s.system)} (${s.host})`).join(', ');
  return (
    <>
      <SourceErrors failed={model.failed} />
      <SourceNotes sources={[...model.failed, ...model.answered]} />
      {model.state === 'empty' && (
        <p>No Jira bug or pull request is linked to this ticket. Searched {searched}.</p>
      )}
      {model.chains.map((chain) => (
        <Chain key={chain.bug.ref} chain={chain} />
      ))}
      {/* Last, in every state, so an open preview keeps its place when the panel refreshes after the link. */}
      <div class="write-actions">
        <WriteAction
          kind="link-bug"
          label={model.chains.length === 0 ? 'Link to a bug' : 'Link another bug'}
        />
      </div>
    </>
  );
}

function Chain({ chain }: { chain: BugChain }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(chain.sentence);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <section class="chain" aria-label={`Status of ${chain.bug.key}`}>
      <ol class="steps">
        {chain.steps.map((step) => (
          <li key={step.step} class={`step ${step.state}`} data-step={step.step} data-ref={step.item?.ref}>
            <span class="dot" aria-hidden="true" />
            {step.item ? <SafeLink href={step.item.url}>{step.label}</SafeLink> : <span>{step.label}</span>}
            {step.item && step.step === 'bug' && <span class="title"> {step.item.title}</span>}
            {step.item && <WatchButton itemRef={step.item.ref} label={step.item.key} />}
          </li>
        ))}
      </ol>
      <div class="sentence">
        <p data-sentence>{chain.sentence}</p>
        <button type="button" onClick={() => void copy()} aria-label="Copy the sentence for the customer">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      {chain.bug.status.category === 'done' && (
        <div class="write-actions">
          <WriteAction kind="draft-kb" bug={chain.bug.ref} describe={`from ${chain.bug.key}`} />
        </div>
      )}
    </section>
  );
}
