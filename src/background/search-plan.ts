import { type ExtractOptions, extractAll } from '../core/extract';
import { parseRef, type Ref } from '../core/refs';
import { systems } from '../systems/index';

/**
 * What a quick-search text asks for, read with the same grammar as pages (core/extract.ts, filled from the
 * settings and the Jira projects discovery found):
 *
 * - Nothing but references (`SHOP-101`, `INC0010001`, `acme/shop-api#42`, item URLs; several separated by
 *   spaces or commas): each is looked up in its own system.
 * - A lower-case key or number (`shop-101`, `inc0010001`) is read upper-cased: people type fast.
 * - `#4711` or `4711` alone is ambiguous: it names a Zendesk ticket on every connected Zendesk and, when the
 *   popup's tab is a GitHub item, that repository's issue or PR #4711; all of them are looked up and whatever
 *   exists is shown. With neither, it is searched as text.
 * - Anything else is words, searched in every system.
 */

export type SearchPlan = { mode: 'refs'; refs: Ref[] } | { mode: 'text'; text: string };

export interface PlanContext {
  extract: ExtractOptions;
  /** Canonical reference of the popup tab's subject. */
  near?: string | undefined;
}

const bareNumber = /^#?([1-9]\d{0,9})$/;
const separators = /^[\s,;]*$/;

export function planSearch(input: string, context: PlanContext): SearchPlan {
  const text = input.trim();
  const number = bareNumber.exec(text)?.[1];
  if (number) {
    const refs = numberRefs(Number(number), context);
    return refs.length > 0 ? { mode: 'refs', refs } : { mode: 'text', text };
  }
  const refs = onlyRefs(text, context.extract) ?? upperCased(text, context.extract);
  return refs && refs.length > 0 ? { mode: 'refs', refs } : { mode: 'text', text };
}

/** What each system says a bare number names (`SystemBackend.bareNumbers`), in their order. */
function numberRefs(id: number, { extract, near }: PlanContext): Ref[] {
  const here = near ? parseRef(near) : undefined;
  return systems()
    .flatMap(({ backend }) => (backend.bareNumbers ? [backend.bareNumbers] : []))
    .sort((a, b) => a.order - b.order)
    .flatMap((numbers) => numbers.refs(id, here, extract));
}

/** The references of a text made of nothing else (separators aside), or undefined. */
function onlyRefs(text: string, extract: ExtractOptions): Ref[] | undefined {
  const finds = extractAll(text, extract);
  if (finds.length === 0 || finds.some((f) => f.kind !== 'ref')) return undefined;
  let rest = '';
  let at = 0;
  const refs: Ref[] = [];
  const seen = new Set<string>();
  for (const find of finds) {
    if (find.kind !== 'ref') continue;
    rest += text.slice(at, find.index);
    at = find.index + find.length;
    if (!seen.has(find.canonical)) refs.push(find.ref);
    seen.add(find.canonical);
  }
  rest += text.slice(at);
  return separators.test(rest) ? refs : undefined;
}

/** `shop-101`, `inc0010001`: keys and numbers typed in lower case (never URLs, whose case matters). */
function upperCased(text: string, extract: ExtractOptions): Ref[] | undefined {
  if (text === text.toUpperCase() || /[/:]/.test(text)) return undefined;
  return onlyRefs(text.toUpperCase(), extract);
}
