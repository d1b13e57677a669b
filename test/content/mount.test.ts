// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import '../../src/systems/ref-grammars';
import { MountedPanel } from '../../src/content/mount';
import { loadPanel } from '../../src/ui/panels/registry';

/**
 * A panel's own styles (the bug chain's, the impact figures') are in its chunk (issue 15): its shadow root gets them
 * once the panel's code is loaded, and a panel without them does not carry another's.
 */
const actions = { refresh: () => undefined, toggle: () => undefined, openOptions: () => undefined };
const input = { view: undefined, failure: undefined, theme: 'light' as const, collapsed: false };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function styleOf(panel: 'bug-status' | 'customer-impact' | 'linked-incidents'): Promise<string> {
  const mounted = new MountedPanel(panel, 'github:acme/shop-api#42', actions);
  document.body.append(mounted.host);
  mounted.update(input);
  await loadPanel(panel);
  await sleep(0);
  const css = mounted.host.shadowRoot?.querySelector('style')?.textContent ?? '';
  mounted.remove();
  return css;
}

describe('a mounted panel', () => {
  test("gets its own styles with its code, and not another panel's", async () => {
    const bug = await styleOf('bug-status');
    const impact = await styleOf('customer-impact');
    const linked = await styleOf('linked-incidents');
    expect([bug, impact, linked].map((css) => css.includes('.write-actions'))).toEqual([true, true, true]);
    expect([bug.includes('.step .dot'), bug.includes('.score-value')]).toEqual([true, false]);
    expect([impact.includes('.step .dot'), impact.includes('.score-value')]).toEqual([false, true]);
    expect([linked.includes('.step .dot'), linked.includes('.score-value')]).toEqual([false, false]);
  });
});
