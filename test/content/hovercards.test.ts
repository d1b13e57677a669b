// @vitest-environment jsdom
import { afterEach, describe, expect, test, vi } from 'vitest';

// page-refs.ts reads the worker's configuration for findPageRefs; this test calls its pure part.
vi.mock('webextension-polyfill', () => ({
  default: { storage: { local: { get: async () => ({}) }, onChanged: { addListener: () => {} } } },
}));

const { startHovercards } = await import('../../src/content/hovercards');
// The card's code is a chunk loaded on the first hover or focus (issue 15): loaded here once, as a browser keeps it.
await import('../../src/content/hovercard-card');
const { watchClient } = await import('../../src/content/watch-client');
const { refsInText } = await import('../../src/background/page-refs');
const { parseSettings } = await import('../../src/core/settings');
const { providersFor } = await import('../../src/providers/index');
const { githubPull } = await import('../../src/sites/github');
const { githubPullPage } = await import('../replica/pages/github');
const { replicaSettings } = await import('../replica/credentials');

/** References in a PR's comments become links with a hovercard, in the page, against the background's grammar. */

const parsed = parseSettings(replicaSettings());
if (!parsed.ok) throw new Error(parsed.error);
const providers = providersFor(parsed.settings);
const extract = { jiraProjectKeys: new Set(['SHOP', 'OPS', 'SUP']) };
const incident = {
  ref: 'servicenow:INC0010001',
  system: 'servicenow' as const,
  kind: 'incident' as const,
  key: 'INC0010001',
  title: 'Checkout times out for large carts',
  url: 'https://acme.service-now.com/incident.do?sys_id=1',
  status: { name: 'In Progress', category: 'in_progress' as const },
  priority: { name: '1 - Critical', rank: 1 },
  assignee: 'Sam Agent',
  organization: 'Globex Retail',
};

const sent: { type: string }[] = [];
async function send(message: unknown): Promise<unknown> {
  const m = message as { type: string; texts?: { text: string; code: boolean }[]; ref?: string };
  sent.push(m);
  if (m.type === 'find-refs')
    return { ok: true, found: (m.texts ?? []).map((t) => refsInText(t.text, t.code, extract, providers)) };
  if (m.type === 'preview' && m.ref === incident.ref) return { ok: true, preview: { item: incident } };
  return { ok: false, error: 'not found' };
}

function show(html: string): void {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  document.replaceChild(document.importNode(doc.documentElement, true), document.documentElement);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let controller = new AbortController();
afterEach(() => {
  controller.abort();
  sent.length = 0;
});

async function pullPage(
  isTrusted: (e: Event) => boolean = () => true,
  watch?: ReturnType<typeof watchClient>,
) {
  show(
    githubPullPage(
      {
        host: 'github.com',
        owner: 'acme',
        repo: 'shop-api',
        number: 42,
        title: 'SHOP-101: stream cart totals',
        body: 'Fixes SHOP-101.',
        state: 'merged',
        draft: false,
        author: 'mona-dev',
        headRef: 'fix/SHOP-101',
        baseRef: 'main',
        labels: [],
        comments: [
          {
            author: 'sam',
            body: 'Customers hit this in INC0010001 <b>too</b>.',
            createdAt: '2026-03-10T10:00:00Z',
          },
        ],
        createdAt: '2026-03-05T09:30:00Z',
        commits: 1,
        changedFiles: 1,
      },
      { markup: 'react', tab: 'conversation' },
    ),
  );
  // Code and an existing link in a comment, as GitHub renders them.
  const body = document.querySelectorAll('.js-comment-body')[1];
  const pre = document.createElement('pre');
  pre.textContent = 'INC0010002 in a stack trace';
  const link = document.createElement('a');
  link.href = 'https://acme.service-now.com/x';
  link.textContent = 'INC0010003';
  body?.append(pre, link);
  controller = new AbortController();
  startHovercards('github', githubPull.texts, document, controller.signal, send, isTrusted, watch);
  await sleep(50);
}

const refLinks = () => [...document.querySelectorAll('a.liaison-ref')] as HTMLAnchorElement[];
const card = () => document.querySelector('liaison-hovercard') as HTMLElement | null;

describe('hovercards', () => {
  test('watching from the card: its toggle for the pointer, Alt+W on the focused reference for the keyboard', async () => {
    const asked: unknown[] = [];
    const watch = watchClient(
      async (m) => {
        asked.push(m);
        return (m as { type: string }).type === 'watched-refs' ? { ok: true, watched: [] } : { ok: true };
      },
      () => true,
    );
    await pullPage(() => true, watch);
    const link = refLinks().find((a) => a.dataset.liaisonRef === incident.ref);
    link?.focus();
    await sleep(10);
    const button = () => card()?.shadowRoot?.querySelector('[data-ref="servicenow:INC0010001"] [data-watch]');
    expect([button()?.getAttribute('aria-pressed'), button()?.getAttribute('aria-label')]).toEqual([
      'false',
      'Watch INC0010001',
    ]);
    link?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Ω', code: 'KeyW', altKey: true, bubbles: true }),
    );
    await sleep(10);
    expect(asked).toContainEqual({ type: 'watch', ref: 'servicenow:INC0010001' });
    expect(button()?.getAttribute('aria-pressed')).toBe('true');
    (button() as HTMLButtonElement | null | undefined)?.click();
    await sleep(10);
    expect(asked.at(-1)).toEqual({ type: 'unwatch', ref: 'servicenow:INC0010001' });
    expect(button()?.getAttribute('aria-pressed')).toBe('false');
  });

  test('comments are linkified in one message; titles, code and existing links are not', async () => {
    await pullPage();
    expect(sent.filter((m) => m.type === 'find-refs')).toHaveLength(1);
    expect(refLinks().map((a) => [a.textContent, a.dataset.liaisonRef, a.getAttribute('href')])).toEqual([
      ['SHOP-101', 'jira:SHOP-101', 'https://acme.atlassian.net/browse/SHOP-101'],
      [
        'INC0010001',
        'servicenow:INC0010001',
        'https://acme.service-now.com/incident.do?sysparm_query=number%3DINC0010001',
      ],
    ]);
    expect(document.querySelector('h1 a.liaison-ref')).toBeNull();
    expect(document.querySelector('pre a')).toBeNull();
    expect(document.querySelector('.js-comment-body')?.textContent).toContain('Fixes SHOP-101.');
  });

  test('keyboard: focus shows the card with the item, Escape hides it', async () => {
    await pullPage();
    const link = refLinks().find((a) => a.dataset.liaisonRef === incident.ref);
    link?.focus();
    await sleep(10);
    const host = card();
    expect(host?.hidden).toBe(false);
    expect(host?.getAttribute('role')).toBe('tooltip');
    expect(link?.getAttribute('aria-describedby')).toBe('liaison-hovercard');
    expect(host?.dataset.state).toBe('ready');
    const item = host?.shadowRoot?.querySelector('[data-ref="servicenow:INC0010001"]');
    expect(item?.textContent).toContain('Checkout times out for large carts');
    expect(item?.textContent).toContain('In Progress');
    expect(item?.textContent).toContain('1 - Critical');
    expect(item?.textContent).toContain('Globex Retail');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(host?.hidden).toBe(true);
    expect(link?.hasAttribute('aria-describedby')).toBe(false);
  });

  test('pointer: hovering shows the one shared card after a short delay; one preview per ref', async () => {
    await pullPage();
    const [jiraLink, incidentLink] = refLinks();
    incidentLink?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(card()?.hidden ?? true).toBe(true);
    await sleep(350);
    expect(card()?.hidden).toBe(false);
    incidentLink?.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    jiraLink?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await sleep(350);
    expect(document.querySelectorAll('liaison-hovercard')).toHaveLength(1);
    expect(card()?.dataset.ref).toBe('jira:SHOP-101');
    expect(card()?.dataset.state).toBe('error');
    incidentLink?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await sleep(350);
    expect(card()?.dataset.state).toBe('ready');
    expect(sent.filter((m) => m.type === 'preview')).toHaveLength(2);
  });

  test('a preview that failed is asked again the next time the reference is pointed at', async () => {
    await pullPage();
    const jiraLink = refLinks().find((a) => a.dataset.liaisonRef === 'jira:SHOP-101');
    jiraLink?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await sleep(350);
    expect(card()?.dataset.state).toBe('error');
    jiraLink?.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    await sleep(350);
    jiraLink?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await sleep(350);
    expect(sent.filter((m) => m.type === 'preview')).toHaveLength(2);
  });

  test('comments that load later are linkified too; soft navigation puts the text back', async () => {
    await pullPage();
    const more = document.createElement('div');
    more.className = 'comment-body markdown-body js-comment-body';
    more.textContent = 'Also OPS-12 and INC0010004.';
    document.querySelector('.js-discussion')?.append(more);
    await sleep(250);
    expect(more.querySelectorAll('a.liaison-ref')).toHaveLength(2);
    controller.abort();
    expect(refLinks()).toHaveLength(0);
    expect(card()).toBeNull();
    expect(more.textContent).toBe('Also OPS-12 and INC0010004.');
  });

  test("a page's script gets no preview: not from a forged link, not by editing a real one, not with made-up events", async () => {
    // The browser's own rule: jsdom's dispatched events are not trusted, as a page script's are not.
    await pullPage((e) => e.isTrusted);
    const forged = document.createElement('a');
    forged.className = 'liaison-ref';
    forged.dataset.liaisonRef = 'jira:SEC-7';
    forged.href = 'https://acme.atlassian.net/browse/SEC-7';
    forged.textContent = 'SEC-7';
    document.body.append(forged);
    forged.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    forged.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    const real = refLinks().find((a) => a.dataset.liaisonRef === incident.ref);
    real?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    real?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await sleep(350);
    expect(sent.filter((m) => m.type === 'preview')).toHaveLength(0);
    expect(card()).toBeNull();
  });

  test('a preview asks for the reference Liaison recorded, with the text it was found in', async () => {
    await pullPage();
    const real = refLinks().find((a) => a.dataset.liaisonRef === incident.ref);
    // A page's script retargets the real link and makes a look-alike.
    if (real) real.dataset.liaisonRef = 'jira:SEC-7';
    const forged = real?.cloneNode(true) as HTMLAnchorElement;
    document.body.append(forged);
    forged.focus();
    await sleep(10);
    expect(sent.filter((m) => m.type === 'preview')).toHaveLength(0);
    real?.focus();
    await sleep(10);
    const previews = sent.filter((m) => m.type === 'preview') as { ref?: string; text?: string }[];
    expect(previews.map((p) => p.ref)).toEqual([incident.ref]);
    expect(previews[0]?.text).toContain('Customers hit this in INC0010001');
    expect(card()?.dataset.state).toBe('ready');
  });
});
