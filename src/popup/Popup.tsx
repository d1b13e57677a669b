import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { connectedItems } from '../core/graph';
import { customerImpact, formatImpactLine } from '../core/impact';
import { displayKey, parseRef } from '../core/refs';
import type { ContextView, RuntimeReply } from '../messaging/protocol';
import './popup.css';

/** Which tab the popup describes: `?tab=<id>` when opened as a page, else the active tab (DESIGN.md contract 5). */
async function targetTabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}

/** "PR acme/shop-api#42 · 3 open tickets · 2 customers · worst P1". */
function summary(view: ContextView): string {
  const ref = parseRef(view.subject);
  const name = ref ? `${ref.system === 'github' ? 'PR ' : ''}${displayKey(ref)}` : view.subject;
  const impact = customerImpact(connectedItems(view.subject, view.items, view.links), view.resolvedAt);
  return `${name} · ${formatImpactLine(impact)}`;
}

export function Popup() {
  const search = useRef<HTMLInputElement>(null);
  const [context, setContext] = useState<string>('');
  useEffect(() => {
    search.current?.focus();
    void (async () => {
      const tabId = await targetTabId();
      if (tabId === undefined) return;
      const reply = (await browser.runtime.sendMessage({ type: 'tab-context', tabId })) as RuntimeReply;
      if (reply.ok && reply.view) setContext(summary(reply.view));
      else setContext('Open a GitHub pull request, a Jira issue or a ticket to see its context here.');
    })();
  }, []);
  return (
    <main>
      <p class="context" aria-live="polite">
        {context}
      </p>
      <input
        ref={search}
        type="search"
        aria-label="Search every connected system"
        placeholder="SHOP-101, INC0010001, octo/repo#12"
      />
      <p class="hint">Quick search across systems is coming in the next release (see the README).</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Options
      </button>
    </main>
  );
}
