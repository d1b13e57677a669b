// The customer impact panel's own styles, in its chunk (issue 15): added to a panel's shadow root with its
// definition.
/** Customer impact figures. */
export const impactStyles = `
.score { display: flex; align-items: baseline; gap: 6px; margin-bottom: 6px; }
.score-value { font-size: 24px; font-weight: 700; }
.score meter { flex: 1; min-width: 60px; height: 8px; }
.score-value.high { color: var(--p1); } .score-value.medium { color: var(--p2); } .score-value.low { color: var(--ok); }
dl.figures { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 6px; }
dl.figures dt { color: var(--muted); } dl.figures dd { margin: 0; overflow-wrap: anywhere; }
details summary { cursor: pointer; color: var(--accent); }
ul.explanation { list-style: disc; padding-left: 18px; margin: 4px 0 0; }
`;
