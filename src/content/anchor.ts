import type { Anchor, AnchorStep } from '../sites/types';

/**
 * Finding things on a page that renders late: where panels go (the first selector of a cascade that matches), the
 * subject or the container a page shows once its SPA has rendered, and the texts to read. Waiting observes the DOM
 * rather than polling.
 *
 * Shadow DOM. Web-component pages (the ServiceNow workspace) render inside open shadow roots: `querySelector`
 * does not enter them, and a mutation inside one is delivered only to observers of that shadow tree, never to an
 * observer of the document. So `deepQuerySelector` walks every open shadow root under its root, and `waitFor`
 * observes the document and every open shadow root it finds: those present at the start, and those inside each
 * subtree added later. Closed shadow roots cannot be entered at all. A shadow root attached later to an element
 * that was already in the page is seen at the next mutation observed anywhere, or at the final check when the
 * time runs out.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
/** Attributes whose change can make something appear: an active tab's class, `hidden`, selection state. */
const watchedAttributes = [
  'class',
  'id',
  'hidden',
  'style',
  'aria-selected',
  'data-is-active',
  'data-selected',
];

// Every ParentNode (Document, DocumentFragment, ShadowRoot, Element) is a Node; the DOM typings keep them apart.
const asNode = (root: ParentNode): Node => root as unknown as Node;
const documentOf = (root: ParentNode): Document => asNode(root).ownerDocument ?? (root as Document);

/** Every open shadow root under `node`, the node's own first when it is a shadow host; outermost first. */
export function openShadowRoots(node: Node): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (from: Node) => {
    const walker = (from.ownerDocument ?? (from as Document)).createTreeWalker(from, 1 /* SHOW_ELEMENT */);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      const shadow = (el as Element).shadowRoot;
      if (shadow) {
        found.push(shadow);
        visit(shadow);
      }
    }
  };
  const own = (node as Partial<Element>).shadowRoot;
  if (own) {
    found.push(own);
    visit(own);
  }
  visit(node);
  return found;
}

/** `querySelector` that also looks inside every open shadow root under `root` (light DOM first). */
export function deepQuerySelector(root: ParentNode, selector: string): Element | null {
  const light = root.querySelector(selector);
  if (light) return light;
  for (const shadow of openShadowRoots(asNode(root))) {
    const found = shadow.querySelector(selector);
    if (found) return found;
  }
  return null;
}

export function deepQuerySelectorAll(root: ParentNode, selector: string): Element[] {
  return [root, ...openShadowRoots(asNode(root))].flatMap((r) => [...r.querySelectorAll(selector)]);
}

/**
 * Resolves with the first defined value of `read()`: now, after any DOM mutation (in the document or in an open
 * shadow root), or at the final check after `timeoutMs`; undefined when aborted or still nothing by then.
 */
export function waitFor<T>(
  read: () => T | undefined,
  signal: AbortSignal,
  timeoutMs: number,
  doc: Document = document,
): Promise<T | undefined> {
  const now = read();
  if (now !== undefined || signal.aborted) return Promise.resolve(signal.aborted ? undefined : now);
  return new Promise((resolve) => {
    const observed = new WeakSet<Node>();
    const Observer = doc.defaultView?.MutationObserver ?? MutationObserver;
    const observer = new Observer((records) => {
      for (const record of records) for (const added of record.addedNodes) observeShadowRootsIn(added);
      const value = read();
      if (value !== undefined) done(value);
    });
    const observe = (target: Node) => {
      if (observed.has(target)) return;
      observed.add(target);
      observer.observe(target, {
        childList: true,
        subtree: true,
        characterData: true,
        attributeFilter: watchedAttributes,
      });
    };
    const observeShadowRootsIn = (node: Node) => {
      if (node.nodeType !== ELEMENT_NODE) return;
      for (const shadow of openShadowRoots(node)) observe(shadow);
    };
    const done = (value: T | undefined) => {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(undefined);
    observe(doc);
    for (const shadow of openShadowRoots(doc)) observe(shadow);
    const timer = setTimeout(() => done(signal.aborted ? undefined : read()), timeoutMs);
    signal.addEventListener('abort', onAbort);
  });
}

export interface AnchorMatch {
  element: Element;
  step: AnchorStep;
}

/** The first step of the cascade that matches inside `root`, waiting for late rendering. */
export function matchAnchor(anchor: Anchor, root: ParentNode = document): AnchorMatch | undefined {
  for (const step of anchor) {
    const element = step.deep ? deepQuerySelector(root, step.selector) : root.querySelector(step.selector);
    if (element) return { element, step };
  }
  return undefined;
}

export function findAnchor(
  anchor: Anchor,
  signal: AbortSignal,
  timeoutMs = 3000,
  root: ParentNode = document,
): Promise<AnchorMatch | undefined> {
  return waitFor(() => matchAnchor(anchor, root), signal, timeoutMs, documentOf(root));
}

/** What a user reads in an element: form controls' values; with `deep`, the text of shadow trees under it too. */
export function visibleText(node: Node, deep = false): string {
  if (node.nodeType === TEXT_NODE) return node.nodeValue ?? '';
  const el = node as Element;
  if (el.localName === 'input' || el.localName === 'textarea') return (el as HTMLInputElement).value;
  if (el.localName === 'select')
    return [...(el as HTMLSelectElement).selectedOptions].map((o) => o.text).join(', ');
  if (el.localName === 'script' || el.localName === 'style' || el.localName === 'template') return '';
  if (!deep) return el.textContent ?? '';
  let text = el.shadowRoot ? visibleText(el.shadowRoot, true) : '';
  for (const child of node.childNodes) text += visibleText(child, true);
  return text;
}

/**
 * Reads the text of every match of the selectors, in order, capped. With `links`, each match's text is followed by
 * the addresses its links point at (release notes show a pull request as "#42" linking to its URL).
 */
export function readTexts(
  selectors: readonly string[],
  max: number,
  root: ParentNode = document,
  deep = false,
  links = false,
): string {
  let text = '';
  for (const selector of selectors) {
    const matches = deep ? deepQuerySelectorAll(root, selector) : root.querySelectorAll(selector);
    for (const el of matches) {
      text += `${visibleText(el, deep)}\n`;
      if (links)
        for (const a of el.querySelectorAll<HTMLAnchorElement>('a[href]'))
          if (/^https?:$/.test(a.protocol)) text += `${a.href}\n`;
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

/**
 * Whether an element is on screen: neither it nor an ancestor, across shadow boundaries, is `display: none` or
 * `hidden` (a single-page app keeps hidden tabs' screens in the page).
 */
export function isRendered(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  for (let node: Node | null = el; node; ) {
    if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      if (element.hasAttribute('hidden') || view?.getComputedStyle(element).display === 'none') return false;
    }
    node = node.parentNode ?? (node as ShadowRoot).host ?? null;
  }
  return true;
}
