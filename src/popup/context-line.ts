import { connectedItems } from '../core/graph';
import { customerImpact, formatImpactLine } from '../core/impact';
import { displayKey, parseRef } from '../core/refs';
import { grammarOf } from '../core/systems';
import type { ContextView } from '../messaging/protocol';

/** The current tab's context in one line: "PR acme/shop-api#42 · 3 open tickets · 2 customers · worst P1". */
export function contextLine(view: ContextView): string {
  const ref = parseRef(view.subject);
  const subject = view.items.find((i) => i.ref === view.subject);
  const kind = subject?.kind === 'pull' ? 'PR ' : subject?.kind === 'issue' ? 'Issue ' : '';
  const before = ref ? (grammarOf(ref.system)?.nounBeforeKnown?.(ref) ?? '') : '';
  // A release page's subject is no item (`github:acme/shop-api/compare/v2.4.0...v2.4.1`): it is named as the brief
  // names it.
  const release =
    view.release &&
    `${view.release.upcoming ? 'Upcoming ' : 'Release '}${view.release.scope} ${view.release.name}`;
  const name = ref ? `${kind || before}${displayKey(ref)}` : (release ?? view.subject);
  const impact = customerImpact(connectedItems(view.subject, view.items, view.links), view.resolvedAt);
  return `${name} · ${formatImpactLine(impact)}`;
}

export const noContextLine = 'Open a GitHub pull request, a Jira issue or a ticket to see its context here.';
