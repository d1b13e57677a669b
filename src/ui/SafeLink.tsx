import type { ComponentChildren } from 'preact';
import { webUrl } from '../core/web-url';

/**
 * Every link the panels and hovercards build from item data (issue 10). Items are checked where they enter
 * (core/item-links.ts: http(s) on their connection); this is the second line: anything that is not http(s)
 * (`javascript:`, `data:`, an empty url) is shown as text, never as a live link.
 */
export function SafeLink({
  href,
  children,
  ...attributes
}: {
  href: string;
  children: ComponentChildren;
  'data-ref'?: string;
}) {
  if (!webUrl(href)) return <span {...attributes}>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" {...attributes}>
      {children}
    </a>
  );
}
