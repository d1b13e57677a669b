import type { System } from '../core/settings';
import { systemName } from '../core/systems';
import type { Badge } from '../messaging/protocol';

/**
 * A list row's badge (DESIGN.md contract 3): how many customer tickets link to the row's item and the worst
 * priority among them, "5 · P1". A row with none gets a quiet "0" rather than nothing, so a reader can tell
 * "checked, nothing linked" from "not checked" (a row Liaison could not read, or a source that is down).
 */

export function badgeText(badge: Badge): string {
  return badge.worst && badge.count > 0 ? `${badge.count} · P${badge.worst.rank}` : String(badge.count);
}

/** The accessible name: "5 linked tickets, worst priority 1 - Critical". */
export function badgeLabel(badge: Badge, failed: readonly System[] = []): string {
  const tickets =
    badge.count === 0 ? 'No linked tickets' : `${badge.count} linked ticket${badge.count === 1 ? '' : 's'}`;
  const worst = badge.worst && badge.count > 0 ? `, worst priority ${badge.worst.name}` : '';
  const missing = failed.length > 0 ? ` (${failed.map(systemName).join(', ')} did not answer)` : '';
  return `${tickets}${worst}${missing}`;
}

export function BadgeView({ badge, theme }: { badge: Badge; theme: 'light' | 'dark' }) {
  const level = badge.count === 0 ? 'none' : `p${badge.worst?.rank ?? 'x'}`;
  return (
    <span class={`badge ${level}`} data-theme={theme} aria-hidden="true">
      {badgeText(badge)}
    </span>
  );
}

export const badgeStyles = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 6px; }
.badge {
  --fg: #1f2328; --bg: #eef1f4; --border: #d1d9e0; --p1: #cf222e; --p2: #bc4c00; --p3: #9a6700; --muted: #59636e;
  display: inline-block; padding: 0 7px; border-radius: 10px; border: 1px solid var(--border);
  font: 600 12px/18px -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color: var(--fg); background: var(--bg); white-space: nowrap;
}
.badge[data-theme="dark"] { --fg: #e6edf3; --bg: #21262d; --border: #3d444d; --p1: #ff7b72; --p2: #ffa657; --p3: #d29922; --muted: #9198a1; }
.badge.p1 { color: var(--p1); border-color: var(--p1); }
.badge.p2 { color: var(--p2); border-color: var(--p2); }
.badge.p3 { color: var(--p3); }
.badge.none { color: var(--muted); background: transparent; font-weight: 400; opacity: .7; }
`;
