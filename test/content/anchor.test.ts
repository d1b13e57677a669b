// @vitest-environment jsdom
import { afterEach, describe, expect, test } from 'vitest';
import {
  deepQuerySelector,
  deepQuerySelectorAll,
  findAnchor,
  readTexts,
  waitFor,
} from '../../src/content/anchor';

afterEach(() => {
  document.body.replaceChildren();
});

/** `<x-host>` with an open shadow root holding `inner`, appended to `parent`. */
function host(parent: ParentNode, inner = ''): ShadowRoot {
  const el = document.createElement('x-host');
  const shadow = el.attachShadow({ mode: 'open' });
  const div = document.createElement('div');
  div.className = 'inside';
  div.textContent = inner;
  shadow.append(div);
  parent.append(el);
  return shadow;
}

describe('deepQuerySelector', () => {
  test('finds elements in nested open shadow roots, light DOM first', () => {
    const outer = host(document.body, 'outer');
    const inner = host(outer, 'inner');
    const target = document.createElement('span');
    target.className = 'target';
    inner.append(target);
    expect(document.querySelector('.target')).toBeNull();
    expect(deepQuerySelector(document, '.target')).toBe(target);
    expect(deepQuerySelectorAll(document, '.inside').map((el) => el.textContent)).toEqual(['outer', 'inner']);
    const light = document.createElement('span');
    light.className = 'target';
    document.body.append(light);
    expect(deepQuerySelector(document, '.target')).toBe(light);
  });

  test("searches a host's own shadow root when given the host", () => {
    const shadow = host(document.body, 'mine');
    expect(deepQuerySelector(shadow.host, '.inside')?.textContent).toBe('mine');
  });

  test('cannot enter closed shadow roots', () => {
    const el = document.createElement('x-closed');
    el.attachShadow({ mode: 'closed' }).append(
      Object.assign(document.createElement('i'), { className: 'hid' }),
    );
    document.body.append(el);
    expect(deepQuerySelector(document, '.hid')).toBeNull();
  });
});

describe('waitFor', () => {
  test('sees a mutation inside a shadow root, which a document observer would miss', async () => {
    const shadow = host(document.body);
    const signal = new AbortController().signal;
    const started = Date.now();
    const found = waitFor(() => deepQuerySelector(document, '.late') ?? undefined, signal, 5000);
    setTimeout(() => shadow.append(Object.assign(document.createElement('b'), { className: 'late' })), 20);
    expect((await found)?.className).toBe('late');
    expect(Date.now() - started).toBeLessThan(2000); // by observation, not by the final check
  });

  test('observes shadow roots that arrive later, inside added subtrees', async () => {
    const signal = new AbortController().signal;
    const found = waitFor(() => deepQuerySelector(document, '.later') ?? undefined, signal, 5000);
    const started = Date.now();
    const shadow = host(document.body); // added: its shadow root is observed from now on
    await new Promise((r) => setTimeout(r, 10));
    shadow.append(Object.assign(document.createElement('b'), { className: 'later' }));
    expect(await found).toBeDefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('gives up at the timeout, and at once when aborted', async () => {
    const never = () => undefined;
    expect(await waitFor(never, new AbortController().signal, 30)).toBeUndefined();
    const controller = new AbortController();
    const pending = waitFor(never, controller.signal, 60_000);
    controller.abort();
    expect(await pending).toBeUndefined();
  });
});

describe('findAnchor and readTexts', () => {
  test('a deep step finds its element in a shadow root', async () => {
    host(document.body, 'x');
    const match = await findAnchor(
      [
        { selector: '.missing', position: 'prepend' },
        { selector: '.inside', position: 'after', deep: true },
      ],
      new AbortController().signal,
      50,
    );
    expect(match?.step.selector).toBe('.inside');
  });

  test("reads form controls' values and, when deep, the text of shadow trees", () => {
    document.body.innerHTML =
      '<input class="f" value="Checkout down"><textarea class="f">Since Monday</textarea><div class="card"></div>';
    const card = document.querySelector('.card');
    if (!card) throw new Error('no card');
    card.attachShadow({ mode: 'open' }).append('INC0010001 ', document.createElement('slot'));
    card.append('light text');
    expect(readTexts(['.f'], 1000)).toBe('Checkout down\nSince Monday\n');
    expect(readTexts(['.card'], 1000)).toBe('light text\n');
    expect(readTexts(['.card'], 1000, document, true)).toBe('INC0010001 light text\n');
    expect(readTexts(['.f'], 5)).toBe('Check');
  });
});
