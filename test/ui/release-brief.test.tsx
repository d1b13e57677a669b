// @vitest-environment jsdom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { MountedPanel } from '../../src/content/mount';
import type { Item, Link } from '../../src/core/model';
import type { ReleaseSummary } from '../../src/core/release';
import type { ContextView } from '../../src/messaging/protocol';
import { briefHtml, briefMarkdown, briefText, escapeMarkdown } from '../../src/ui/brief/export';
import { releaseBrief } from '../../src/ui/brief/model';
import type { WatchControls } from '../../src/ui/WatchButton';

const subject = 'github:acme/shop-api@5f1c2e3d4b5a69788796a5b4c3d2e1f001122334';

const pull = (n: number, title: string): Item => ({
  ref: `github:acme/shop-api#${n}`,
  system: 'github',
  kind: 'pull',
  key: `acme/shop-api#${n}`,
  title,
  url: `https://github.com/acme/shop-api/pull/${n}`,
  status: { name: 'Merged', category: 'done' },
  pull: { merged: true },
});
const bug = (key: string, title: string): Item => ({
  ref: `jira:${key}`,
  system: 'jira',
  kind: 'bug',
  key,
  title,
  url: `https://acme.atlassian.net/browse/${key}`,
  status: { name: 'Done', category: 'done' },
});
const incident = (n: string, rank: number, org: string, extra: Partial<Item> = {}): Item => ({
  ref: `servicenow:${n}`,
  system: 'servicenow',
  kind: 'incident',
  key: n,
  title: `Checkout fails (${n})`,
  url: `https://acme.service-now.com/incident.do?sysparm_query=number=${n}`,
  status: { name: 'In Progress', category: 'in_progress' },
  priority: { name: `${rank} - P${rank}`, rank },
  organization: org,
  createdAt: '2026-03-01T10:00:00Z',
  ...extra,
});
const ticket = (id: number, rank: number, org: string, extra: Partial<Item> = {}): Item => ({
  ref: `zendesk:acme/${id}`,
  system: 'zendesk',
  kind: 'ticket',
  key: `#${id}`,
  title: `Cart never loads (${id})`,
  url: `https://acme.zendesk.com/agent/tickets/${id}`,
  status: { name: 'Open', category: 'in_progress' },
  priority: { name: rank === 1 ? 'Urgent' : 'Normal', rank },
  organization: org,
  createdAt: '2026-03-02T10:00:00Z',
  ...extra,
});

const released: ReleaseSummary = {
  kind: 'release',
  name: 'v2.4.1',
  scope: 'acme/shop-api',
  upcoming: false,
  date: '2026-03-12T10:00:00Z',
};

const mention = (from: string, to: string): Link => ({ from, to, via: 'mention' });

/** v2.4.1: #42 fixes SHOP-101 (two incidents and a Zendesk ticket), #102 links nothing (and sorts after #42). */
function seeded(overrides: Partial<ContextView> = {}, items: Item[] = []): ContextView {
  const all = [
    pull(42, 'SHOP-101: stream cart totals'),
    pull(102, 'Bump dependencies'),
    bug('SHOP-101', 'Checkout times out for carts over 50 items'),
    incident('INC0010003', 3, 'Initech', { sla: { breached: false } }),
    incident('INC0010001', 1, 'Globex Retail', { sla: { breached: true, name: 'P1 resolution' } }),
    ticket(4711, 1, 'Globex Retail', { satisfaction: 'bad' }),
    ...items,
  ];
  return {
    subject,
    items: all,
    links: [
      mention(subject, 'github:acme/shop-api#42'),
      mention(subject, 'github:acme/shop-api#102'),
      mention('github:acme/shop-api#42', 'jira:SHOP-101'),
      mention('servicenow:INC0010001', 'jira:SHOP-101'),
      mention('servicenow:INC0010003', 'jira:SHOP-101'),
      mention('zendesk:acme/4711', 'jira:SHOP-101'),
      ...items.map((i) => mention(i.ref, 'jira:SHOP-101')),
    ],
    releases: [],
    sources: ['github', 'jira', 'servicenow', 'zendesk'].map((system) => ({
      system: system as Item['system'],
      connectionId: system,
      host: `${system}.example`,
    })),
    configured: true,
    resolvedAt: 1_000,
    stale: false,
    release: released,
    ...overrides,
  };
}

describe('release brief model', () => {
  test('groups pull request → issue → tickets, most urgent first, and counts bugs, tickets and customers', () => {
    const brief = releaseBrief(seeded());
    expect(brief.state).toBe('ready');
    expect(brief.heading).toBe('Service desk brief: acme/shop-api v2.4.1');
    expect(brief.work.map((w) => w.item.key)).toEqual(['acme/shop-api#42', 'acme/shop-api#102']);
    const [fix] = brief.work;
    expect(fix?.linked.map((l) => l.item.key)).toEqual(['SHOP-101']);
    expect(fix?.linked[0]?.tickets.map((t) => t.key)).toEqual(['INC0010001', '#4711', 'INC0010003']);
    expect(brief.customers).toEqual(['Globex Retail', 'Initech']);
    expect(brief.summary).toBe('Fixes 1 bug reported in 3 tickets by 2 customers.');
    expect(brief.when).toBe('Released 12 March 2026.');
  });

  test('an upcoming release is titled as upcoming and speaks in the future', () => {
    const brief = releaseBrief(
      seeded({ release: { ...released, name: 'v2.4.1...main', kind: 'compare', upcoming: true } }),
    );
    expect(brief.heading).toBe('Upcoming release brief: acme/shop-api v2.4.1...main');
    expect(brief.summary).toBe('Will fix 1 bug reported in 3 tickets by 2 customers.');
    expect(brief.when).toBe('Not released yet.');
  });

  test('a release naming nothing is empty; a failed source is reported inside a ready brief', () => {
    const empty = seeded({ links: [] });
    expect(releaseBrief(empty).state).toBe('empty');
    const failed = seeded({
      sources: [
        { system: 'github', connectionId: 'gh', host: 'github.com' },
        {
          system: 'zendesk',
          connectionId: 'zd',
          host: 'acme.zendesk.com',
          error: { kind: 'auth', message: 'Zendesk rejected the token' },
        },
      ],
    });
    const brief = releaseBrief(failed);
    expect(brief.state).toBe('ready');
    expect(brief.failed.map((s) => s.system)).toEqual(['zendesk']);
    expect(releaseBrief(undefined).state).toBe('loading');
    expect(releaseBrief(seeded(), 'worker gone').state).toBe('error');
    expect(releaseBrief(seeded({ configured: false })).state).toBe('unconfigured');
  });

  test('a Jira fix version lists its issues first, each with its pull requests and tickets', () => {
    const version = 'jira:SHOP/version/10101';
    const brief = releaseBrief(
      seeded({
        subject: version,
        release: { kind: 'version', name: '2.4.1', scope: 'SHOP', upcoming: false, date: '2026-03-12' },
        links: [
          mention(version, 'jira:SHOP-101'),
          mention('github:acme/shop-api#42', 'jira:SHOP-101'),
          mention('servicenow:INC0010001', 'jira:SHOP-101'),
        ],
      }),
    );
    expect(brief.work.map((w) => w.item.key)).toEqual(['SHOP-101']);
    expect(brief.work[0]?.tickets.map((t) => t.key)).toEqual(['INC0010001']);
    expect(brief.work[0]?.linked.map((l) => l.item.key)).toEqual(['acme/shop-api#42']);
  });
});

describe('release brief Markdown', () => {
  test('is exactly this for the seeded release', () => {
    expect(briefMarkdown(releaseBrief(seeded()))).toBe(
      [
        '## Service desk brief: acme/shop-api v2.4.1',
        '',
        'Released 12 March 2026. Fixes 1 bug reported in 3 tickets by 2 customers.',
        '',
        'Customers: Globex Retail, Initech.',
        '',
        '- Pull request [acme/shop-api#42](https://github.com/acme/shop-api/pull/42): SHOP-101: stream cart totals (merged)',
        '  - Issue [SHOP-101](https://acme.atlassian.net/browse/SHOP-101): Checkout times out for carts over 50 items (Done)',
        '    - Incident [INC0010001](https://acme.service-now.com/incident.do?sysparm_query=number=INC0010001): Checkout fails (INC0010001) — priority 1 - P1 · In Progress · SLA breached (P1 resolution) · Globex Retail',
        '    - Ticket [#4711](https://acme.zendesk.com/agent/tickets/4711): Cart never loads (4711) — priority Urgent · Open · satisfaction bad · Globex Retail',
        '    - Incident [INC0010003](https://acme.service-now.com/incident.do?sysparm_query=number=INC0010003): Checkout fails (INC0010003) — priority 3 - P3 · In Progress · Initech',
        '- Pull request [acme/shop-api#102](https://github.com/acme/shop-api/pull/102): Bump dependencies (merged)',
        '',
      ].join('\n'),
    );
  });

  test('hostile titles stay text: no link, image, HTML, emphasis, autolink or extra list item', () => {
    const hostile = incident('INC0010009', 2, 'Evil <b>Corp</b>', {
      title:
        '[click](javascript:alert(1)) ![x](https://evil.example/x.png) <img src=x onerror=alert(1)> **bold** _em_ `code`\n- injected item https://evil.example www.evil.example &amp;',
      url: 'javascript:alert(1)',
    });
    const md = briefMarkdown(releaseBrief(seeded({}, [hostile])));
    const line = md.split('\n').find((l) => l.includes('INC0010009')) ?? '';
    expect(line).toBe(
      '    - Incident INC0010009: \\[click\\](javascript:alert(1)) \\!\\[x\\](https\\://evil.example/x.png) \\<img src=x onerror=alert(1)\\> \\*\\*bold\\*\\* \\_em\\_ \\`code\\` - injected item https\\://evil.example www\\.evil.example \\&amp; — priority 2 - P2 · In Progress · Evil \\<b\\>Corp\\</b\\>',
    );
    expect(md.split('\n').filter((l) => l.includes('injected'))).toHaveLength(1);
    expect(escapeMarkdown('a|b~c')).toBe('a\\|b\\~c');
  });

  test('rich text escapes hostile titles in HTML and keeps plain text literal', () => {
    const hostile = incident('INC0010009', 2, 'Evil', {
      title: '<img src=x onerror=alert(1)> "quoted" & more',
      url: 'javascript:alert(1)',
    });
    const brief = releaseBrief(seeded({}, [hostile]));
    const html = briefHtml(brief);
    expect(html).toContain(
      '<li>Incident INC0010009: &lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; more — priority 2 - P2 · In Progress · Evil</li>',
    );
    expect(html).not.toContain('javascript:');
    expect(html.startsWith('<h2>Service desk brief: acme/shop-api v2.4.1</h2>')).toBe(true);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).not.toContain(
      'javascript:alert(1)',
    );
    expect(briefText(brief)).toContain(
      '- Incident INC0010009: <img src=x onerror=alert(1)> "quoted" & more — priority 2 - P2',
    );
  });

  test('an empty release says so, and a capped one says what was left out', () => {
    const md = briefMarkdown(
      releaseBrief(
        seeded({
          links: [],
          release: { ...released, capped: 'The comparison holds 412 commits; the first 250 were read.' },
          skippedRefs: 3,
        }),
      ),
    );
    expect(md).toContain('This release names no pull request or issue Liaison can read.');
    expect(md).toContain('_The comparison holds 412 commits; the first 250 were read._');
    expect(md).toContain('_3 more items of this release were not looked up._');
  });
});

describe('release brief panel', () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.restoreAllMocks();
  });
  const actions = { refresh: () => undefined, toggle: () => undefined, openOptions: () => undefined };
  const mount = (view: ContextView | undefined, watch?: WatchControls) => {
    const panel = new MountedPanel('release-brief', subject, { ...actions, ...(watch ? { watch } : {}) });
    document.body.append(panel.host);
    panel.update({ view, failure: undefined, theme: 'light', collapsed: false });
    return panel.host;
  };

  test('lists every ticket with data-ref and copies exactly the Markdown', async () => {
    const host = mount(seeded());
    expect(host.dataset.state).toBe('ready');
    const root = host.shadowRoot as ShadowRoot;
    expect([...root.querySelectorAll('li.ticket')].map((t) => t.getAttribute('data-ref'))).toEqual([
      'servicenow:INC0010001',
      'zendesk:acme/4711',
      'servicenow:INC0010003',
    ]);
    const writeText = vi.fn(async (_: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    (root.querySelector('[data-copy="markdown"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledOnce());
    expect(writeText.mock.calls[0]?.[0]).toBe(briefMarkdown(releaseBrief(seeded())));
  });

  test('every ticket and work item can be watched from its own row (contract 6)', () => {
    const toggle = vi.fn();
    const host = mount(seeded(), { isWatched: (ref) => ref === 'zendesk:acme/4711', toggle });
    const root = host.shadowRoot as ShadowRoot;
    const rows = [...root.querySelectorAll('li.ticket, li.work')];
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      // The row's own control comes first inside it (a work row also holds its tickets' rows).
      const button = row.querySelector('[data-watch]');
      expect(button?.closest('[data-ref]')).toBe(row);
      const watched = row.getAttribute('data-ref') === 'zendesk:acme/4711';
      expect(button?.getAttribute('aria-pressed')).toBe(watched ? 'true' : 'false');
    }
    (root.querySelector('[data-ref="servicenow:INC0010001"] [data-watch]') as HTMLButtonElement).click();
    expect(toggle).toHaveBeenCalledWith('servicenow:INC0010001', expect.anything());
  });

  test('an upcoming release is titled upcoming; an empty one says what it looked for', () => {
    const upcoming = mount(seeded({ release: { ...released, upcoming: true } }));
    expect(upcoming.shadowRoot?.querySelector('[data-brief-heading]')?.textContent).toBe(
      'Upcoming release brief: acme/shop-api v2.4.1',
    );
    const empty = mount(seeded({ links: [] }));
    expect(empty.dataset.state).toBe('empty');
    expect(empty.shadowRoot?.textContent).toContain('This release names no pull request');
  });
});

test('an issue the page names beside its own pull request is shown once, under the pull request', () => {
  const base = seeded();
  const brief = releaseBrief({
    ...base,
    links: [...base.links, mention(subject, 'jira:SHOP-101')],
  });
  expect(brief.work.map((w) => w.item.key)).toEqual(['acme/shop-api#42', 'acme/shop-api#102']);
  expect(brief.work[0]?.linked.map((l) => l.item.key)).toEqual(['SHOP-101']);
});

test('the customers line names ten and counts the rest', () => {
  const many = Array.from({ length: 12 }, (_, i) =>
    incident(`INC00200${String(i).padStart(2, '0')}`, 3, `Customer ${String.fromCharCode(65 + i)}`),
  );
  const md = briefMarkdown(releaseBrief(seeded({}, many)));
  expect(md).toContain(
    'Customers: Customer A, Customer B, Customer C, Customer D, Customer E, Customer F, Customer G, Customer H, Customer I, Customer J and 4 more.',
  );
});
