// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import {
  deepQuerySelector,
  deepQuerySelectorAll,
  findAnchor,
  isRendered,
  matchAnchor,
  waitFor,
} from '../../src/content/anchor';
import { pageTypeFor } from '../../src/sites/index';
import { servicenowForm, servicenowWorkspace } from '../../src/sites/servicenow';
import type { ServiceNowRecordPageProps } from '../replica/pages/props';
import {
  serviceNowClassicForm,
  serviceNowNavTo,
  serviceNowPolarisShell,
  serviceNowWorkspaceRecord,
} from '../replica/pages/servicenow';
import { loadPage, pageOf, scrambleMarkup, textsOf } from './page-dom';

const sysId = '9d385017c611228701d22104cc95c371';
const incident: ServiceNowRecordPageProps = {
  host: 'acme.service-now.com',
  table: 'incident',
  sysId,
  number: 'INC0010001',
  shortDescription: 'Checkout down for Globex Retail',
  description: 'Customers cannot pay by card since the 2.3.9 rollout. Engineering tracks it in PAY-12.',
  state: 'In Progress',
  priority: '1 - Critical',
  caller: 'Erin Example',
  company: 'Globex Retail',
  assignedTo: 'Frank Fixer',
  assignmentGroup: 'Service Desk',
  workNotes: ['Linked to PAY-12; waiting on the fix in 2.4.0'],
};
const formUrl = `https://acme.service-now.com/incident.do?sys_id=${sysId}`;

describe('classic form', () => {
  test('subject from the Number field, texts from the form, panels at the top of the form', () => {
    const win = loadPage(serviceNowClassicForm(incident), formUrl);
    const page = pageOf(formUrl);
    expect(page).toBe(servicenowForm);
    expect(page.panels).toEqual(['bug-status', 'knowledge']);
    expect(page.subject(new URL(formUrl), win.document)).toBe('servicenow:INC0010001');
    const texts = textsOf(page, win.document);
    expect(texts).toContain(incident.shortDescription);
    expect(texts).toContain(incident.description);
    expect(texts).toContain('waiting on the fix in 2.4.0');
    const anchor = matchAnchor(page.anchor, win.document);
    expect(anchor?.step).toBe(page.anchor[0]);
    expect(anchor?.element.id).toBe('incident.form_header');
    win.close();
  });

  test('the URL names no number: nothing until the page shows it', () => {
    expect(servicenowForm.subject(new URL(formUrl), document.implementation.createHTMLDocument(''))).toBe(
      undefined,
    );
  });

  test('falls back to the form header, then to the title', () => {
    const win = loadPage(serviceNowClassicForm(incident), formUrl);
    const title = win.document.title;
    for (const input of win.document.querySelectorAll('input[id$=".number"]')) input.remove();
    win.document.title = 'ServiceNow';
    expect(servicenowForm.subject(new URL(formUrl), win.document)).toBe('servicenow:INC0010001');
    win.document.querySelector('h1.form_header')?.remove();
    expect(servicenowForm.subject(new URL(formUrl), win.document)).toBeUndefined();
    win.document.title = title;
    expect(title).toBe('INC0010001 | Incident | ServiceNow');
    expect(servicenowForm.subject(new URL(formUrl), win.document)).toBe('servicenow:INC0010001');
    win.close();
  });

  test("reads the number from an older release's h2 form header too", () => {
    const win = loadPage(serviceNowClassicForm(incident), formUrl);
    for (const input of win.document.querySelectorAll('input[id$=".number"]')) input.remove();
    win.document.title = 'ServiceNow';
    const h1 = win.document.querySelector('h1.form_header');
    const h2 = win.document.createElement('h2');
    h2.className = 'form_header navbar-title';
    h2.append(...(h1?.childNodes ?? []));
    h1?.replaceWith(h2);
    expect(servicenowForm.subject(new URL(formUrl), win.document)).toBe('servicenow:INC0010001');
    win.close();
  });

  test('a problem, by its own table', () => {
    const url = `https://acme.service-now.com/problem.do?sys_id=${sysId}`;
    const win = loadPage(serviceNowClassicForm({ ...incident, table: 'problem', number: 'PRB0040007' }), url);
    expect(pageOf(url).subject(new URL(url), win.document)).toBe('servicenow:PRB0040007');
    win.close();
  });

  test('a new record and a list are no page type', () => {
    expect(pageTypeFor(new URL('https://acme.service-now.com/incident.do?sys_id=-1'))).toBeUndefined();
    expect(pageTypeFor(new URL('https://acme.service-now.com/incident_list.do'))).toBeUndefined();
  });
});

describe('navigator shells: only the form frame is a page', () => {
  test('UI16 nav_to.do: the top frame is no page type, its gsft_main frame is the form', () => {
    const top = `https://acme.service-now.com/nav_to.do?uri=%2Fincident.do%3Fsys_id%3D${sysId}`;
    expect(pageTypeFor(new URL(top))).toBeUndefined();
    const win = loadPage(serviceNowNavTo(incident), top);
    const frame = win.document.querySelector('iframe#gsft_main');
    const frameUrl = new URL(frame?.getAttribute('src') ?? '', top);
    expect(pageOf(frameUrl)).toBe(servicenowForm);
    win.close();
  });

  test('Next Experience (Polaris): the top frame is no page type, its gsft_main frame is the form', () => {
    const top = `https://acme.service-now.com/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${sysId}`;
    expect(pageTypeFor(new URL(top))).toBeUndefined();
    const win = loadPage(serviceNowPolarisShell(incident), top, { scripts: true });
    expect(win.document.querySelector('iframe#gsft_main')).toBeNull(); // it lives in a shadow root
    const frame = deepQuerySelector(win.document, 'iframe#gsft_main');
    const frameUrl = new URL(frame?.getAttribute('src') ?? '', top);
    expect(pageOf(frameUrl)).toBe(servicenowForm);
    win.close();
  });
});

describe('Service Operations Workspace', () => {
  const url = `https://acme.service-now.com/now/sow/record/incident/${sysId}`;

  test('waits for the late record, then reads the number through the shadow roots', async () => {
    const win = loadPage(serviceNowWorkspaceRecord(incident), url, { scripts: true });
    const doc = win.document;
    doc.title = 'Service Operations Workspace'; // so the number can only come from the record header
    const page = pageOf(url);
    expect(page).toBe(servicenowWorkspace);
    expect(page.subject(new URL(url), doc)).toBeUndefined(); // mounted ~200 ms after load
    const signal = new AbortController().signal;
    const subject = await waitFor(() => page.subject(new URL(url), doc), signal, 3000, doc);
    expect(subject).toBe('servicenow:INC0010001');

    const scope = page.scope?.(new URL(url), doc);
    expect((scope as Element | undefined)?.id).toBe(`chrome-tab-panel-record_${sysId}`);
    if (!scope) return;
    const texts = textsOf(page, scope);
    expect(texts).toContain(incident.shortDescription);
    expect(texts).toContain(incident.description);

    // Panels dock at the page edge by design: inside the workspace's shadow roots they would be out of the
    // document's reach.
    expect(page.dock).toBe(true);
    win.close();
  });
});

describe('workspace record header (Copy an Elephant: now-record-common-header)', () => {
  const url = `https://acme.service-now.com/now/sow/record/incident/${sysId}`;

  test('the number is the header value that is one, not a number the title (h1) mentions', async () => {
    // The record's title names another incident; the tab title agrees with the header's Number value.
    const win = loadPage(
      serviceNowWorkspaceRecord({ ...incident, shortDescription: 'INC0099999 again: checkout down' }),
      url,
      { scripts: true },
    );
    const doc = win.document;
    const signal = new AbortController().signal;
    await waitFor(() => servicenowWorkspace.scope?.(new URL(url), doc), signal, 3000, doc);
    expect(servicenowWorkspace.subject(new URL(url), doc)).toBe('servicenow:INC0010001');
    // without the title, the header value alone
    doc.title = 'Service Operations Workspace';
    expect(servicenowWorkspace.subject(new URL(url), doc)).toBe('servicenow:INC0010001');
    win.close();
  });
});

describe('workspace with two open record tabs', () => {
  const otherSysId = 'aa385017c611228701d22104cc95c3aa';
  const other: ServiceNowRecordPageProps = {
    ...incident,
    sysId: otherSysId,
    number: 'INC0010002',
    shortDescription: 'Refunds slow for Initech',
    description: 'Tracked in PAY-99.',
  };
  const url = `https://acme.service-now.com/now/sow/record/incident/${sysId}`;
  const load = async () => {
    // The other record's screen comes first in the page, hidden with display: none.
    const win = loadPage(serviceNowWorkspaceRecord(incident, { openTabs: [other] }), url, { scripts: true });
    const signal = new AbortController().signal;
    await waitFor(() => servicenowWorkspace.scope?.(new URL(url), win.document), signal, 3000, win.document);
    return win;
  };

  test('the subject, scope and texts are the record of the URL, not the first (hidden) form', async () => {
    const win = await load();
    const doc = win.document;
    expect(servicenowWorkspace.subject(new URL(url), doc)).toBe('servicenow:INC0010001');
    const scope = servicenowWorkspace.scope?.(new URL(url), doc) as Element | undefined;
    expect(scope?.id).toBe(`chrome-tab-panel-record_${sysId}`);
    const texts = scope ? textsOf(servicenowWorkspace, scope) : '';
    expect(texts).toContain(incident.shortDescription);
    expect(texts).not.toContain('PAY-99');
    win.close();
  });

  test('switching tabs: the new URL names the other record, and its screen is the one read', async () => {
    const win = await load();
    const doc = win.document;
    const tab = deepQuerySelector(doc, `[data-replica-record="${otherSysId}"]`) as HTMLElement;
    tab.click();
    const next = new URL(win.location.href);
    expect(next.pathname).toBe(`/now/sow/record/incident/${otherSysId}`);
    expect(servicenowWorkspace.subject(next, doc)).toBe('servicenow:INC0010002');
    expect((servicenowWorkspace.scope?.(next, doc) as Element | undefined)?.id).toBe(
      `chrome-tab-panel-record_${otherSysId}`,
    );
    win.close();
  });

  test('while the tab title and the record header disagree, the subject waits', async () => {
    const win = await load();
    win.document.title = 'INC0010002 | Service Operations Workspace | ServiceNow';
    expect(servicenowWorkspace.subject(new URL(url), win.document)).toBeUndefined();
    win.close();
  });
});

/**
 * The workspace without the landmarks whose only sources are search-index files (LANDMARKS.md "index only; not
 * relied on"): the replica's `verifiedOnly` variant has no UI action bar, and hides the other tab's screen with
 * `visibility: hidden` instead of `display: none`.
 */
describe('workspace without the index-only landmarks (verifiedOnly)', () => {
  const otherSysId = 'aa385017c611228701d22104cc95c3aa';
  const other: ServiceNowRecordPageProps = {
    ...incident,
    sysId: otherSysId,
    number: 'INC0010002',
    shortDescription: 'Refunds slow for Initech',
    description: 'Tracked in PAY-99.',
  };
  const url = `https://acme.service-now.com/now/sow/record/incident/${sysId}`;
  const load = async (openTabs: ServiceNowRecordPageProps[]) => {
    const html = serviceNowWorkspaceRecord(incident, { openTabs, verifiedOnly: true });
    const win = loadPage(html, url, { scripts: true });
    const signal = new AbortController().signal;
    await waitFor(() => servicenowWorkspace.scope?.(new URL(url), win.document), signal, 3000, win.document);
    return win;
  };

  test('no action bar: the subject, header and form texts are read all the same; panels dock by design', async () => {
    const win = await load([]);
    const doc = win.document;
    expect(deepQuerySelector(doc, 'now-record-common-uiactionbar, now-button')).toBeNull();
    expect(servicenowWorkspace.subject(new URL(url), doc)).toBe('servicenow:INC0010001');
    const scope = servicenowWorkspace.scope?.(new URL(url), doc);
    const texts = scope ? textsOf(servicenowWorkspace, scope) : '';
    expect(texts).toContain(incident.shortDescription);
    expect(texts).toContain(incident.description);
    expect(servicenowWorkspace.dock).toBe(true);
    win.close();
  });

  test("another tab's screen hidden in a way Liaison cannot see: still the URL's record", async () => {
    const win = await load([other]);
    const doc = win.document;
    // The hidden screen comes first and counts as on screen: a "first visible form" guess would read it.
    const firstShown = deepQuerySelectorAll(doc, 'now-record-form-connected').find(isRendered);
    expect(firstShown?.parentElement?.id).toBe(`chrome-tab-panel-record_${otherSysId}`);
    // The panel the URL names comes first, and the number agrees with the tab title.
    expect(servicenowWorkspace.subject(new URL(url), doc)).toBe('servicenow:INC0010001');
    const scope = servicenowWorkspace.scope?.(new URL(url), doc) as Element | undefined;
    expect(scope?.id).toBe(`chrome-tab-panel-record_${sysId}`);
    const texts = scope ? textsOf(servicenowWorkspace, scope) : '';
    expect(texts).toContain(incident.shortDescription);
    expect(texts).not.toContain('PAY-99');
    // After a switch, the other record, by its URL.
    (deepQuerySelector(doc, `[data-replica-record="${otherSysId}"]`) as HTMLElement).click();
    const next = new URL(win.location.href);
    expect(servicenowWorkspace.subject(next, doc)).toBe('servicenow:INC0010002');
    expect((servicenowWorkspace.scope?.(next, doc) as Element | undefined)?.id).toBe(
      `chrome-tab-panel-record_${otherSysId}`,
    );
    win.close();
  });
});

describe('changed markup', () => {
  test('a classic form without its ids and classes has no anchor', async () => {
    const win = loadPage(serviceNowClassicForm(incident), formUrl);
    scrambleMarkup(win.document, ['id', 'class']);
    expect(
      await findAnchor(servicenowForm.anchor, new AbortController().signal, 50, win.document),
    ).toBeUndefined();
    win.close();
  });
});
