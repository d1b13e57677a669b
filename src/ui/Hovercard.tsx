import { systemName } from '../core/systems';
import type { Preview } from '../messaging/protocol';
import { SafeLink } from './SafeLink';
import { WatchButton, watchButtonStyles } from './WatchButton';

/**
 * The hovercard of a reference in a page's text: key, title, status, priority, who has it, and for a bug where its
 * fix stands. Text only (titles are hostile); the item carries `data-ref` (DESIGN.md contract 3).
 */

export type HovercardModel =
  | { state: 'loading'; ref: string; label: string }
  | { state: 'ready'; preview: Preview }
  | { state: 'error'; ref: string; label: string; message: string };

export function HovercardView({ model, theme }: { model: HovercardModel; theme: 'light' | 'dark' }) {
  return (
    <div class="card" data-theme={theme}>
      {model.state === 'loading' && (
        <p class="meta" data-ref={model.ref} aria-busy="true">
          {model.label} · loading…
        </p>
      )}
      {model.state === 'error' && (
        <p data-ref={model.ref}>
          <strong>{model.label}</strong> <span class="error">{model.message}</span>
        </p>
      )}
      {model.state === 'ready' && <ItemPreview preview={model.preview} />}
    </div>
  );
}

function ItemPreview({ preview }: { preview: Preview }) {
  const { item, chain } = preview;
  const who = [item.assignee && `Assignee: ${item.assignee}`, item.organization ?? item.requester]
    .filter(Boolean)
    .join(' · ');
  return (
    <div class="item" data-ref={item.ref}>
      <p class="line">
        <SafeLink href={item.url}>{item.key}</SafeLink>
        <span class="meta">{systemName(item.system)}</span>
        <WatchButton itemRef={item.ref} label={item.key} />
      </p>
      <p class="title">{item.title}</p>
      <p class="line">
        <span class={`chip ${item.status.category === 'done' ? 'done' : ''}`} data-status>
          {item.status.name}
        </span>
        {item.priority && <span class={`chip p${item.priority.rank}`}>{item.priority.name}</span>}
        {item.sla?.breached && <span class="chip breached">SLA breached</span>}
      </p>
      {who && <p class="meta">{who}</p>}
      {chain && (
        <p class="chain" data-chain>
          {chain}
        </p>
      )}
    </div>
  );
}

export const hovercardStyles = `
:host { all: initial; position: fixed; z-index: 2147483001; display: block; width: 320px; max-width: calc(100vw - 16px); }
:host([hidden]) { display: none; }
.card {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --chip: #eef1f4; --accent: #0969da;
  --p1: #cf222e; --p2: #bc4c00; --p3: #9a6700; --ok: #1a7f37;
  font: 13px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 8px;
  box-shadow: 0 8px 24px rgba(0,0,0,.18); padding: 8px 12px;
}
.card[data-theme="dark"] {
  --bg: #161b22; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --chip: #21262d; --accent: #4493f8;
  --p1: #ff7b72; --p2: #ffa657; --p3: #d29922; --ok: #3fb950;
}
@media (prefers-reduced-motion: no-preference) { .card { animation: appear .12s ease-out; } }
@keyframes appear { from { opacity: 0; transform: translateY(-2px); } }
p { margin: 4px 0; }
.line { display: flex; gap: 6px; align-items: baseline; flex-wrap: wrap; }
.title { font-weight: 600; overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: 12px; }
a { color: var(--accent); text-decoration: none; font-weight: 600; }
a:hover { text-decoration: underline; }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.chip { display: inline-block; padding: 0 6px; border-radius: 10px; background: var(--chip); font-size: 11px; }
.chip.p1 { color: var(--p1); font-weight: 600; } .chip.p2 { color: var(--p2); font-weight: 600; } .chip.p3 { color: var(--p3); }
.chip.done { color: var(--ok); } .chip.breached { color: var(--p1); }
.chain { border-top: 1px solid var(--border); padding-top: 4px; }
.error { color: var(--p1); }
${watchButtonStyles}`;
