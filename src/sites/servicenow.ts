import { deepQuerySelectorAll, isRendered, visibleText } from '../content/anchor';
import { formatRef } from '../core/refs';
import { servicenowRef } from '../systems/servicenow/refs';
import {
  classicPath,
  numberIn,
  numberInQuery,
  servicenowFormUrl,
  servicenowUrls,
  servicenowWorkspaceUrl,
  workspacePath,
} from './servicenow-urls';
import type { PageType, SiteAdapter } from './types';

/**
 * ServiceNow (`*.service-now.com`). Two kinds of record page:
 * - the classic (UI16) form, `/incident.do?sys_id=…`. The navigator shells show it inside `<iframe id="gsft_main">`:
 *   UI16's `/nav_to.do?uri=…` and Next Experience's `/now/nav/ui/classic/params/target/…`. The content script runs in
 *   every frame there, and only the form's frame is a page type: the shells' URLs match nothing, so their top
 *   frame shows no panel (exclusive by construction: a form is `/<table>.do` at the root of the path).
 * - the workspace record (Service Operations Workspace `/now/sow/record/<table>/<sys_id>`, Agent Workspace
 *   `/now/workspace/agent/record/…`), built late from web components with open shadow roots.
 * Both URLs carry a sys_id, not the number, so the subject is read from the page once it has rendered it.
 * Every selector's sources: test/replica/pages/LANDMARKS.md (sn-classic-form, sn-workspace).
 */

const leadingNumber = /^\s*([A-Z]{2,10}\d{5,12})\b/;

const subjectOf = (number: string | undefined) =>
  number ? formatRef(servicenowRef(undefined, number)) : undefined;

/** The form header's heading, "Incident" and the number (LANDMARKS.md sn-classic-form). */
const formHeader = [
  'h1.form_header', // classic forms today (RonnieSNAFU/CTS-SN-Quickfill content.js @ 1b46f93b, 2025)
  'h2.form_header', // older UI16 releases (2017–2021)
];

function classicNumber(url: URL, doc: Document): string | undefined {
  const fromUrl = numberInQuery(url);
  if (fromUrl) return fromUrl;
  const table = classicPath.exec(url.pathname)?.[1] ?? 'incident';
  const fields = [
    doc.getElementById(`sys_readonly.${table}.number`), // read-only Number field (UI16, 2017–2025)
    doc.getElementById(`${table}.number`), // editable Number field, or a read-only one's real-name input
    doc.getElementById(`sys_original.${table}.number`), // the field's original value (UI16, 2017–2025)
    doc.querySelector('input[id$=".number"]'), // any of these for a table not listed here
  ];
  for (const field of fields) {
    const found = field && numberIn(visibleText(field));
    if (found) return found;
  }
  return (
    numberIn(doc.querySelector(formHeader.join(', '))?.textContent) ?? // the form header: "Incident INC0010001"
    numberIn(doc.title, leadingNumber) // "INC0010001 | Incident | ServiceNow"
  );
}

export const servicenowForm: PageType = {
  ...servicenowFormUrl,
  subjectFrom: 'page',
  subject: (url, doc) => subjectOf(classicNumber(url, doc)),
  texts: [
    {
      selectors: ['input[id$=".short_description"]:not([id^="sys_"])'], // Short description (UI16, 2017–2025)
      where: 'short description',
      max: 1000,
    },
    {
      selectors: ['textarea[id$=".description"]:not([id^="sys_"])'], // Description (UI16, 2017–2025)
      where: 'description',
      max: 10_000,
    },
    {
      // journal entries in the activity stream (UI16; markup as the replica has it, not recorded from a live page)
      selectors: ['.activities-form .sn-widget-textblock-body'],
      where: 'work notes',
      max: 20_000,
    },
  ],
  anchor: [
    // below the form's header bar `<div id="incident.form_header">`, above the first section (UI16, 2017–2025;
    // the id from Selenium tests and a scraper, LANDMARKS.md sn-classic). No source names its class.
    { selector: 'form[id$=".do"] [id$=".form_header"]', position: 'after' },
    // top of the record form (UI16, 2017–2025)
    { selector: 'form[id$=".do"]', position: 'prepend' },
    // below the form header's heading, when the form's id changed (h1 today, h2 on older releases)
    { selector: formHeader.join(', '), position: 'after' },
  ],
};

/** The sys_id a workspace URL names: `/now/sow/record/incident/<sys_id>[/params/…]`. */
const workspaceSysId = (url: URL) => workspacePath.exec(url.pathname)?.[1]?.toLowerCase();

/**
 * The record the user sees. The workspace keeps the screen of every open tab, hidden ones with `display: none`, so
 * "the first record form" may be another record's. Its tab panels are `#chrome-tab-panel-record_<sys_id>` (a
 * workspace script builds that id from the URL's sys_id: Agent Workspace 2021–2025, LANDMARKS.md sn-workspace;
 * SOW assumed the same), so the URL names the panel: that is tried first, a DOM guess only after it. How a hidden
 * panel is hidden (`display: none`, or otherwise) has only search-index sources: `isRendered` drops the hidden
 * panels it can see, and one it cannot see is still passed over, because the URL's panel comes first and the
 * number is checked against the tab title (`workspaceNumber`; test/sites/servicenow.test.ts).
 */
function activeRecord(url: URL, doc: Document): ParentNode | undefined {
  const id = workspaceSysId(url);
  const panels = deepQuerySelectorAll(doc, '[id^="chrome-tab-panel-record"]').filter(isRendered);
  return (
    // the tab panel of the URL's record, when it is on screen
    panels.find((p) => id !== undefined && p.id.toLowerCase().endsWith(`_${id}`)) ??
    // the active tab panel (Agent Workspace marks it `.is-active`, 2021–2025)
    panels.find((p) => p.classList.contains('is-active')) ??
    // one record form on screen, when the tab panels changed
    deepQuerySelectorAll(doc, 'now-record-form-connected').find(isRendered) ??
    undefined
  );
}

/** A header value that is a record number and nothing else. */
const wholeNumber = /^\s*([A-Z]{2,10}\d{5,12})\s*$/;

/**
 * The number the record's header shows, checked against the one the tab title names ("INC0292497 - Service
 * Operations Workspace"): while they disagree the workspace is between two tabs and the answer waits. The title
 * alone answers when the header cannot be read. The URL names only a sys_id, so the title and the one sourced place
 * in the header are all that is read: the number is a value of the header's label/value set,
 * `now-record-common-header` ⟫ `sn-form-internal-header-label-value-set` ⟫ `dl > sn-form-internal-header-label-value`
 * ⟫ `div > dd` (Greasy Fork script 428755 "Copy an Elephant" v1.7.7, Agent Workspace 2021; LANDMARKS.md
 * sn-gf-copy-elephant). Not the header's h1, which is the record's title and may name another record.
 */
function workspaceNumber(url: URL, doc: Document): string | undefined {
  const record = activeRecord(url, doc);
  const values = record ? deepQuerySelectorAll(record, 'sn-form-internal-header-label-value') : [];
  const shown = values
    .map((value) => numberIn((value.shadowRoot ?? value).querySelector('dd')?.textContent, wholeNumber))
    .find((number) => number !== undefined);
  const titled = numberIn(doc.title, leadingNumber);
  if (shown && titled && shown !== titled) return undefined;
  return shown ?? titled;
}

export const servicenowWorkspace: PageType = {
  ...servicenowWorkspaceUrl,
  subjectFrom: 'page',
  subject: (url, doc) => subjectOf(workspaceNumber(url, doc)),
  scope: activeRecord,
  texts: [
    {
      // record header: title and header values (`now-record-common-header`, read through its shadow roots)
      selectors: ['.sn-header-layout-content:not(.-last)'],
      where: 'header',
      max: 2000,
      deep: true,
    },
    {
      selectors: ['now-record-form-blob'], // the form body, every field
      where: 'form',
      max: 20_000,
      deep: true,
    },
  ],
  // The workspace renders every region inside its components' shadow roots. A panel placed in there would be out of
  // reach of the page's own document (and of anything that looks for <liaison-panel> in it), so on workspace records
  // the panels dock at the page edge by design. Its landmarks for a future in-layout anchor (Agent Workspace
  // 2021–2025; SOW assumed the same): `form.sn-workspace-form-layout > sn-form-internal-header-layout`,
  // `now-record-form-connected` (LANDMARKS.md, sn-workspace).
  dock: true,
  anchor: [],
};

export const servicenow: SiteAdapter = { ...servicenowUrls, pages: [servicenowForm, servicenowWorkspace] };
