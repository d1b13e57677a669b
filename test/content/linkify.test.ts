// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import { collectTexts, type TextChunk, unwrapRefs, wrapRefs } from '../../src/content/linkify';
import type { FoundPageRef } from '../../src/messaging/protocol';

/** Linkifying: DOM APIs only, exact positions, and never inside code, links, editors or our own elements. */

afterEach(() => document.body.replaceChildren());

/** Builds a region from nodes (no markup parsing, so hostile strings stay text). */
function region(...children: (Node | string)[]): HTMLElement {
  const div = document.createElement('div');
  div.className = 'comment';
  div.append(...children);
  document.body.append(div);
  return div;
}
const el = (tag: string, attrs: Record<string, string>, ...children: (Node | string)[]) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
};
const at = (text: string, part: string, ref: string, url = `https://x.test/${ref}`): FoundPageRef => ({
  index: text.indexOf(part),
  length: part.length,
  ref,
  url,
});

describe('collectTexts', () => {
  test('reads prose, marks code, and skips links, buttons, form fields, editors and our own elements', () => {
    const shadowHost = document.createElement('liaison-badge');
    const r = region(
      'Seen in INC0010001.',
      el('pre', {}, el('code', {}, 'INC0010002 https://acme.atlassian.net/browse/SHOP-1')),
      el('code', {}, 'SHOP-3'),
      el('a', { href: '/x' }, 'INC0010003'),
      el('button', {}, 'INC0010004'),
      el('textarea', {}, 'INC0010005'),
      el('div', { contenteditable: 'true' }, el('p', {}, 'INC0010006')),
      el('div', { contenteditable: 'false' }, 'INC0010007'),
      el('span', { role: 'textbox' }, 'INC0010008'),
      el('a', { class: 'liaison-ref' }, 'INC0010009'),
      shadowHost,
      el('p', {}, 'no digits here'),
    );
    shadowHost.append('INC0010010');
    const chunks = collectTexts([r], new WeakMap());
    expect(chunks.map((c) => [c.text, c.code])).toEqual([
      ['Seen in INC0010001.', false],
      ['INC0010002 https://acme.atlassian.net/browse/SHOP-1', true],
      ['SHOP-3', true],
      ['INC0010007', false],
    ]);
  });

  test('a node is read again only when its text changed', () => {
    const r = region('INC0010001');
    const read = new WeakMap<Text, string>();
    expect(collectTexts([r], read)).toHaveLength(1);
    expect(collectTexts([r], read)).toHaveLength(0);
    (r.firstChild as Text).data = 'INC0010002';
    expect(collectTexts([r], read).map((c) => c.text)).toEqual(['INC0010002']);
  });
});

describe('wrapRefs', () => {
  const chunkOf = (r: HTMLElement): TextChunk => {
    const [chunk] = collectTexts([r], new WeakMap());
    if (!chunk) throw new Error('no text');
    return chunk;
  };

  test('wraps exactly the reference text, several per node, keeping the text and the rest untouched', () => {
    const text = 'See INC0010001 and SHOP-101, then INC0010002.';
    const r = region(text);
    const { links } = wrapRefs(chunkOf(r), [
      at(text, 'SHOP-101', 'jira:SHOP-101'),
      at(text, 'INC0010001', 'servicenow:INC0010001'),
      at(text, 'INC0010002', 'servicenow:INC0010002'),
    ]);
    expect(r.textContent).toBe(text);
    expect(links.map((a) => [a.textContent, a.dataset.liaisonRef])).toEqual([
      ['INC0010001', 'servicenow:INC0010001'],
      ['SHOP-101', 'jira:SHOP-101'],
      ['INC0010002', 'servicenow:INC0010002'],
    ]);
    const first = links[0];
    expect(first?.className).toBe('liaison-ref');
    expect(first?.getAttribute('href')).toBe('https://x.test/servicenow:INC0010001');
    expect(first?.rel).toBe('noopener noreferrer');
    expect([...r.childNodes].map((n) => n.textContent)).toEqual([
      'See ',
      'INC0010001',
      ' and ',
      'SHOP-101',
      ', then ',
      'INC0010002',
      '.',
    ]);
  });

  test('at the very start and end of the text', () => {
    const text = 'INC0010001';
    const r = region(text);
    wrapRefs(chunkOf(r), [at(text, 'INC0010001', 'servicenow:INC0010001')]);
    expect(r.querySelector('a')?.textContent).toBe('INC0010001');
    expect(r.textContent).toBe(text);
  });

  test('hostile text stays text: nothing is parsed as markup', () => {
    const text = '<img src=x onerror=alert(1)> INC0010001 <script>alert(2)</script>';
    const r = region(text);
    wrapRefs(chunkOf(r), [at(text, 'INC0010001', 'servicenow:INC0010001')]);
    expect(r.querySelector('img, script')).toBeNull();
    expect(r.textContent).toBe(text);
    expect(r.querySelectorAll('a')).toHaveLength(1);
  });

  test('ignores matches out of range, a URL that is not http(s), and a node whose text changed since it was read', () => {
    const text = 'INC0010001';
    const r = region(text);
    const chunk = chunkOf(r);
    wrapRefs(chunk, [
      { index: 5, length: 20, ref: 'servicenow:INC0010001', url: 'https://x.test' },
      { index: 0, length: 10, ref: 'servicenow:INC0010001', url: 'javascript:alert(1)' },
    ]);
    expect(r.querySelector('a')).toBeNull();
    (r.firstChild as Text).data = 'changed INC0010001';
    wrapRefs(chunk, [at(text, 'INC0010001', 'servicenow:INC0010001')]);
    expect(r.querySelector('a')).toBeNull();
  });

  test('unwrapRefs puts the plain text back', () => {
    const text = 'See INC0010001 now';
    const r = region(text);
    wrapRefs(chunkOf(r), [at(text, 'INC0010001', 'servicenow:INC0010001')]);
    const existing = r.appendChild(el('a', { href: '/keep' }, 'keep'));
    unwrapRefs(document);
    expect(r.querySelector('a.liaison-ref')).toBeNull();
    expect(existing.isConnected).toBe(true);
    expect(r.textContent).toBe(`${text}keep`);
  });
});
