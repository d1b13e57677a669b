import type { Anchor, AnchorStep } from '../sites/types';

/**
 * Finds where panels go: the first selector of the cascade that matches, waiting for late (SPA) rendering by
 * observing the DOM rather than polling. Resolves undefined when nothing matched within the time allowed.
 */
export interface AnchorMatch {
  element: Element;
  step: AnchorStep;
}

export function findAnchor(
  anchor: Anchor,
  signal: AbortSignal,
  timeoutMs = 3000,
  root: ParentNode = document,
): Promise<AnchorMatch | undefined> {
  const match = (): AnchorMatch | undefined => {
    for (const step of anchor) {
      const element = root.querySelector(step.selector);
      if (element) return { element, step };
    }
    return undefined;
  };
  const now = match();
  if (now || signal.aborted) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (el: AnchorMatch | undefined) => {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(el);
    };
    const onAbort = () => done(undefined);
    const observer = new MutationObserver(() => {
      const el = match();
      if (el) done(el);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    const timer = setTimeout(() => done(match()), timeoutMs);
    signal.addEventListener('abort', onAbort);
  });
}

/** Reads text from the first selectors that match, capped. */
export function readTexts(selectors: readonly string[], max: number, root: ParentNode = document): string {
  let text = '';
  for (const selector of selectors) {
    for (const el of root.querySelectorAll(selector)) {
      text += `${el.textContent ?? ''}\n`;
      if (text.length >= max) return text.slice(0, max);
    }
  }
  return text;
}

export function place(host: Element, target: Element, position: AnchorStep['position']): void {
  if (position === 'prepend') target.prepend(host);
  else if (position === 'append') target.append(host);
  else if (position === 'before') target.before(host);
  else target.after(host);
}
