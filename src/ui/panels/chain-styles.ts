// The bug status panel's own styles, in its chunk (issue 15): added to a panel's shadow root with its definition.
/** Bug-status chain. */
export const chainStyles = `
.chain + .chain { border-top: 1px solid var(--border); margin-top: 8px; padding-top: 8px; }
ol.steps { list-style: none; margin: 0; padding: 0 0 0 4px; }
.step { position: relative; padding: 2px 0 8px 18px; border-left: 2px solid var(--border); margin-left: 4px; }
.step:last-child { border-left-color: transparent; }
.step .dot { position: absolute; left: -6px; top: 5px; width: 10px; height: 10px; border-radius: 50%;
  background: var(--bg); border: 2px solid var(--muted); box-sizing: border-box; }
.step.done .dot { background: var(--ok); border-color: var(--ok); }
.step.current .dot { border-color: var(--accent); background: var(--accent); }
.step.pending { color: var(--muted); }
.sentence { display: flex; gap: 8px; align-items: flex-start; margin-top: 4px; padding: 6px 8px; background: var(--chip); border-radius: 6px; }
.sentence p { margin: 0; flex: 1; }
`;
