import { watchButtonStyles } from './WatchButton';

/** Panel styles, inside each shadow root so the host page's CSS cannot reach in and ours cannot leak out. */
export const panelStyles = `
:host { all: initial; display: block; contain: content; margin: 0 0 16px; }
:host([hidden]) { display: none; }
.panel {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --chip: #f6f8fa; --accent: #0969da;
  --p1: #cf222e; --p2: #bc4c00; --p3: #7d4e00; --p4: #59636e; --ok: #116329; --skeleton: #eaeef2;
  --reserve: 120px;
  font: 13px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 6px;
}
.panel[data-theme="dark"] {
  --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --chip: #21262d; --accent: #4493f8;
  --p1: #ff7b72; --p2: #ffa657; --p3: #d29922; --p4: #9198a1; --ok: #3fb950; --skeleton: #21262d;
}
header { display: flex; align-items: center; gap: 6px; padding: 8px 10px; border-bottom: 1px solid var(--border); }
header h2 { font-size: 13px; font-weight: 600; margin: 0; flex: 1; min-width: 0; }
header h2 button.toggle { font-weight: 600; color: var(--fg); padding: 2px 4px; margin-left: -4px; text-align: start; }
.chevron { display: inline-block; width: 1em; color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button {
  font: inherit; color: var(--muted); background: transparent; border: 1px solid transparent; border-radius: 4px;
  padding: 2px 6px; cursor: pointer;
}
button:hover { color: var(--fg); border-color: var(--border); }
button:focus-visible, a:focus-visible, summary:focus-visible, .body:focus-visible {
  outline: 2px solid var(--accent); outline-offset: 1px; }
/* Space reserved at once (the skeleton fills it) and kept, so the host page moves only when the panel appears. */
.body { padding: 8px 10px; box-sizing: border-box; min-height: var(--reserve); max-height: var(--cap);
  overflow-y: auto; overscroll-behavior: contain; }
/* \`safe\`: a preview opened in a notice (link-bug on an empty panel) grows past the cap and must scroll from its top. */
.body.notice { display: flex; flex-direction: column; justify-content: safe center; }
.body.notice > * { margin: 4px 0; }
.body[hidden] { display: none; }
.panel[data-kind="linked-incidents"] { --reserve: 264px; --cap: 300px; }
.panel[data-kind="customer-impact"] { --reserve: 236px; }
.panel[data-kind="bug-status"] { --reserve: 232px; --cap: 360px; }
.panel[data-kind="release-brief"] { --reserve: 200px; --cap: 640px; }
.brief-head { display: flex; gap: 6px; align-items: baseline; flex-wrap: wrap; }
.brief-head h3 { flex: 1; min-width: 0; text-transform: none; letter-spacing: 0; color: var(--fg); overflow-wrap: anywhere; }
.copy { display: flex; gap: 4px; border: 0; margin: 0; padding: 0; min-width: 0; }
.copy button { border-color: var(--border); }
ul.brief li.work { padding: 6px 0; border-top: 1px solid var(--border); }
ul.brief li.work:first-child { border-top: 0; }
ul.brief li.work > ul { margin-left: 12px; padding-left: 8px; border-left: 2px solid var(--border); }
ul.brief li.work li.work { border-top: 0; padding-bottom: 0; }
.panel[data-kind="knowledge"] { --reserve: 280px; --cap: 300px; } /* three articles (about 300 px in a 296 px sidebar) barely move the page below */
button.link { color: var(--accent); padding: 0; text-align: start; text-decoration: underline; }
.meta { color: var(--muted); font-size: 12px; }
h3 { font-size: 12px; font-weight: 600; color: var(--muted); margin: 8px 0 4px; text-transform: uppercase; letter-spacing: .02em; }
ul { list-style: none; margin: 0; padding: 0; }
li.item { padding: 6px 0; border-top: 1px solid var(--border); }
li.item:first-child { border-top: 0; }
.line { display: flex; gap: 6px; align-items: baseline; flex-wrap: wrap; }
a { color: var(--accent); text-decoration: none; font-weight: 600; }
a:hover { text-decoration: underline; }
.title { overflow-wrap: anywhere; }
.chip { display: inline-block; padding: 0 6px; border-radius: 10px; background: var(--chip); font-size: 11px; color: var(--fg); }
.chip.p1 { color: var(--p1); font-weight: 600; } .chip.p2 { color: var(--p2); font-weight: 600; }
.chip.p3 { color: var(--p3); } .chip.p4, .chip.p5 { color: var(--p4); }
.chip.done { color: var(--ok); } .chip.breached { color: var(--p1); }
.error { color: var(--p1); margin: 4px 0; }
.note { color: var(--muted); font-size: 12px; margin: 4px 0; }
.skeleton { height: 10px; margin: 12px 0 20px; border-radius: 4px; background: var(--skeleton); }
.skeleton.heading { width: 35%; margin-top: 4px; }
.skeleton.short { width: 60%; }
@media (prefers-reduced-motion: no-preference) { .skeleton { animation: pulse 1.2s ease-in-out infinite; } }
@keyframes pulse { 50% { opacity: .5; } }
${watchButtonStyles}
.step button.watch { margin-left: 6px; }
`;

/** Write actions and their previews (DESIGN.md contract 7), in the panels' colours (dark mode through the variables). */
export const writeStyles = `
.write-actions { display: flex; flex-wrap: wrap; gap: 6px; align-items: flex-start; margin: 8px 0 2px; }
.write-action { display: contents; }
button.action, .write-buttons button, button.small { border-color: var(--border); color: var(--fg); }
button.action[data-open] { border-color: var(--accent); color: var(--accent); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--bg); font-weight: 600; }
button.primary:hover { color: var(--bg); filter: brightness(1.1); }
button:disabled, button:disabled:hover { opacity: .55; cursor: not-allowed; filter: none; }
/*
 * Tall enough that opening a preview takes the panel's body to its cap at once, on the user's click: what arrives
 * later (results, the plan, the outcomes) scrolls inside the body and never moves the page again.
 */
.write-preview { flex: 1 1 100%; min-width: 0; min-height: 300px; box-sizing: border-box; padding: 8px;
  border: 1px solid var(--border); border-radius: 6px; background: var(--chip); display: flex; flex-direction: column; }
.write-preview .write-buttons { margin-top: auto; }
.write-preview h3 { margin: 0 0 6px; text-transform: none; letter-spacing: 0; color: var(--fg); font-size: 13px;
  overflow-wrap: anywhere; }
.write-preview h3:focus-visible, .summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.write-preview h3:focus, .summary:focus { outline-offset: 1px; }
input[type="search"] { font: inherit; width: 100%; box-sizing: border-box; padding: 4px 6px; color: var(--fg);
  background: var(--bg); border: 1px solid var(--border); border-radius: 4px; }
input:focus-visible { outline: 2px solid var(--accent); outline-offset: 0; }
input[type="checkbox"] { margin: 0 2px 0 0; accent-color: var(--accent); }
ul.results { margin: 4px 0; }
button.result { display: block; width: 100%; text-align: start; color: var(--fg); padding: 4px 6px; overflow-wrap: anywhere; }
button.result .key { color: var(--accent); font-weight: 600; }
ul.notes { margin: 4px 0; }
ol.write-steps { list-style: none; margin: 6px 0; padding: 0; }
.write-step { padding: 6px 0; border-top: 1px solid var(--border); }
.write-step:first-child { border-top: 0; }
.write-step .where { font-weight: 600; }
.chip.state.already { color: var(--ok); } .chip.state.blocked { color: var(--p1); } .chip.state.unknown { color: var(--p2); } .chip.state.replace { color: var(--p2); }
pre.write-text { margin: 4px 0 0; padding: 6px; max-height: 140px; overflow: auto; white-space: pre-wrap;
  overflow-wrap: anywhere; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--fg);
  background: var(--bg); border: 1px solid var(--border); border-radius: 4px; }
.outcome { margin: 4px 0 0; }
.outcome.written .chip { color: var(--ok); font-weight: 600; } .outcome.failed .chip { color: var(--p1); font-weight: 600; }
.summary { font-weight: 600; margin: 6px 0; }
/* Kept in sight at the bottom of the panel's scrolling body, however long the steps are. */
.write-buttons { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px -8px -8px; padding: 8px; position: sticky;
  bottom: -8px; background: var(--chip); border-top: 1px solid var(--border); border-radius: 0 0 6px 6px; }
`;
