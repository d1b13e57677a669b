import { type BugChain, bugChain, bugChains } from '../core/chain';
import { connectedItems } from '../core/graph';
import { customerKinds, type Item } from '../core/model';
import { isWorkItem, systemName } from '../core/systems';
import {
  type ActivityEntry,
  MAX_WRITE_STEPS,
  markerLine,
  markerToken,
  type WriteKind,
  type WritePlan,
  type WriteStep,
} from '../core/writes';
import type { ContextView } from '../messaging/protocol';
import { asSourceFailure } from '../providers/errors';
import type {
  LinkFieldWriter,
  MarkerRead,
  RemoteLinkDraft,
  SystemWriter,
  WriteResult,
} from '../systems/writer';

/**
 * Plans a write (DESIGN.md contract 7): from a context the background itself resolved (never text a page sent),
 * every step with exactly what it will send, where, and whether it is already there (the target's notes read for
 * the step's marker; Jira remote links by `globalId`). Nothing is written here.
 */

/** The writer of the connection that owns an item, or the sentence saying why it cannot write. */
export type WriterLookup = (
  item: Item,
) => { writer: SystemWriter; host: string; connectionId: string } | { error: string };

/** A planned step and how to carry it out. */
export interface Action {
  step: WriteStep;
  host: string;
  /** Sends the write. */
  run(signal?: AbortSignal): Promise<WriteResult>;
  /** Reads the target again: is the marker there now (undefined: cannot tell)? Notes and remote links only. */
  present?(signal?: AbortSignal): Promise<boolean | undefined>;
}

export interface Planned {
  plan: Omit<WritePlan, 'planId'>;
  actions: Action[];
}

export interface PlanInput {
  kind: WriteKind;
  view: ContextView;
  /** link-bug: the chosen bug (from the context or the picker); draft-kb: the bug to draft from, if named. */
  bug?: Item | undefined;
  writerOf: WriterLookup;
  /** Writers that can draft an article (connections with `"write": true` and a knowledge base set up). */
  articleWriters: readonly {
    writer: SystemWriter;
    host: string;
    connectionId: string;
    system: Item['system'];
  }[];
  /** What was written before (draft-kb: an article already drafted from this bug). */
  activity: readonly ActivityEntry[];
  signal?: AbortSignal;
}

const cap = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The Jira remote link `globalId` naming a ticket (≤ 255: Jira's limit). */
export const remoteLinkId = (ref: string): string => cap(`liaison:v1:${ref}`, 255);

const failed = (error: unknown, item: Item, host: string): string =>
  asSourceFailure(error, item.system, host).userMessage;

function stepBase(id: string, item: Item, connectionId: string) {
  return {
    id,
    ref: item.ref,
    key: cap(item.key, 512),
    title: cap(item.title, 1024),
    url: item.url,
    system: item.system,
    connectionId,
  };
}

/** A note (comment, work note, internal note) on an item, marked so it is written once. */
async function noteAction(
  id: string,
  item: Item,
  text: string,
  marker: string,
  input: PlanInput,
): Promise<Action> {
  const found = input.writerOf(item);
  if ('error' in found) return blockedAction(id, item, `Note on ${item.key}`, text, marker, found.error);
  const { writer, host, connectionId } = found;
  const body = writer.noteBody(text, marker);
  const [pre, read] = await Promise.all([
    writer.precheck?.(item, 'note', input.signal).catch((e: unknown) => failed(e, item, host)),
    writer
      .readMarkers(item, input.signal)
      .catch((e: unknown): MarkerRead => ({ known: false, reason: failed(e, item, host) })),
  ]);
  const step: WriteStep = {
    ...stepBase(id, item, connectionId),
    where: cap(writer.noteWhere(item), 512),
    text: body,
    marker,
    ...stateOf(pre, read, marker),
  };
  return {
    step,
    host,
    run: (signal) => writer.addNote(item, body, signal),
    present: async (signal) => {
      const again = await writer.readMarkers(item, signal).catch(() => undefined);
      return again?.known ? again.tokens.has(marker) : undefined;
    },
  };
}

/**
 * The ticket's configured link field set to the bug's key (ServiceNow `u_jira_key`, a Zendesk custom field), read
 * first for the preview: holding that key already is `already` (nothing sent), holding another is `replace` (sent
 * only when the user ticks it), an unreadable field is `unknown`, one Liaison cannot set is `blocked`.
 */
async function fieldAction(
  id: string,
  ticket: Item,
  bug: Item,
  found: { writer: SystemWriter; host: string; connectionId: string },
  field: LinkFieldWriter,
  input: PlanInput,
): Promise<Action> {
  const { host, connectionId } = found;
  const wanted = cap(bug.key, 255);
  const read = await field
    .read(ticket, input.signal)
    .catch((e: unknown) => ({ failure: failed(e, ticket, host) }));
  const now = 'value' in read ? read.value : undefined;
  const text = `Set ${field.name} on ${ticket.key} to ${wanted} (now: ${now ? cap(now, 200) : now === '' ? 'empty' : 'unknown'})`;
  const state = fieldState(read, wanted);
  return {
    step: {
      ...stepBase(id, ticket, connectionId),
      where: cap(field.where(ticket), 512),
      text,
      marker: wanted,
      ...state,
    },
    host,
    run: (signal) => field.write(ticket, wanted, signal),
    present: async (signal) => {
      const again = await field.read(ticket, signal).catch(() => undefined);
      return again && 'value' in again ? again.value === wanted : undefined;
    },
  };
}

/** A link field's row state from what it holds now (or why it cannot be read or set). */
function fieldState(
  read: { value: string } | { problem: string } | { failure: string },
  wanted: string,
): Pick<WriteStep, 'state' | 'note' | 'chosen'> {
  if ('problem' in read) return { state: 'blocked', note: cap(read.problem, 1024), chosen: false };
  if ('failure' in read)
    return {
      state: 'unknown',
      note: cap(`Cannot read what the field holds now, and setting it replaces that: ${read.failure}`, 1024),
      chosen: false,
    };
  if (read.value === wanted)
    return { state: 'already', note: `It already holds ${wanted}: nothing will be sent.`, chosen: false };
  if (read.value === '') return { state: 'new', chosen: true };
  return {
    state: 'replace',
    note: cap(
      `It holds ${read.value} now: confirming replaces that with ${wanted}. Tick it only if ${wanted} is the right link.`,
      1024,
    ),
    chosen: false,
  };
}

/** A Jira remote link on a bug, pointing at a ticket: the server keeps one per `globalId`. */
async function remoteLinkAction(id: string, bug: Item, ticket: Item, input: PlanInput): Promise<Action> {
  const globalId = remoteLinkId(ticket.ref);
  const link: RemoteLinkDraft = {
    globalId,
    url: ticket.url,
    title: cap(`${ticket.key}: ${ticket.title}`, 255),
    summary: cap(`${systemName(ticket.system)} ${ticket.kind} · ${ticket.status.name}`, 255),
    application: 'Liaison',
    relationship: 'customer ticket',
  };
  const text = `Remote link "${link.title}" → ${link.url}`;
  const found = input.writerOf(bug);
  if ('error' in found)
    return blockedAction(id, bug, `Remote link on ${bug.key}`, text, globalId, found.error);
  const { writer, host, connectionId } = found;
  const links = writer.remoteLinks;
  if (!links)
    return noteAction(id, bug, linkNoteText(ticket, 'Customer ticket'), linkMarker(bug, ticket), input);
  const [pre, read] = await Promise.all([
    writer.precheck?.(bug, 'link', input.signal).catch((e: unknown) => failed(e, bug, host)),
    links
      .read(bug, input.signal)
      .catch((e: unknown): MarkerRead => ({ known: false, reason: failed(e, bug, host) })),
  ]);
  const state = stateOf(pre, read, globalId);
  return {
    step: {
      ...stepBase(id, bug, connectionId),
      where: `Remote link on ${bug.key}`,
      text,
      marker: globalId,
      ...state,
      // The upsert never duplicates: an unreadable list is no reason to hold it back.
      ...(state.state === 'unknown' ? { chosen: true } : {}),
    },
    host,
    run: (signal) => links.upsert(bug, link, signal),
    present: async (signal) => {
      const again = await links.read(bug, signal).catch(() => undefined);
      return again?.known ? again.tokens.has(globalId) : undefined;
    },
  };
}

function blockedAction(
  id: string,
  item: Item,
  where: string,
  text: string,
  marker: string,
  why: string,
): Action {
  return {
    step: {
      ...stepBase(id, item, ''),
      where,
      text: `${text}\n${markerLine(marker)}`,
      marker,
      state: 'blocked',
      note: cap(why, 1024),
      chosen: false,
    },
    host: '',
    run: () => Promise.reject(new Error(why)),
  };
}

function stateOf(
  precheck: string | undefined,
  read: MarkerRead,
  marker: string,
): Pick<WriteStep, 'state' | 'note' | 'chosen'> {
  if (precheck) return { state: 'blocked', note: cap(precheck, 1024), chosen: false };
  if (!read.known)
    return {
      state: 'unknown',
      note: cap(`Cannot tell whether it is there: ${read.reason}`, 1024),
      chosen: false,
    };
  if (read.tokens.has(marker))
    return { state: 'already', note: 'Already there: nothing will be sent.', chosen: false };
  return { state: 'new', chosen: true };
}

const linkMarker = (on: Item, to: Item) => markerToken('link', [on.ref, to.ref]);

function linkNoteText(to: Item, what: string): string {
  return `${what} ${to.key} (${systemName(to.system)}): ${to.title}\n${to.url}`;
}

/**
 * link-bug: on the bug, a remote link (Jira) or a comment (GitHub); on the ticket, the connection's link field set to
 * the bug's key when it has one configured, else a note with the bug's link.
 */
async function planLinkBug(input: PlanInput, ticket: Item, bug: Item): Promise<Planned> {
  const bugSide = await remoteLinkAction('bug', bug, ticket, input);
  const found = input.writerOf(ticket);
  const field = 'error' in found ? undefined : found.writer.linkField;
  const ticketSide =
    field && !('error' in found)
      ? await fieldAction('ticket', ticket, bug, found, field, input)
      : await noteAction(
          'ticket',
          ticket,
          linkNoteText(bug, isWorkItem(bug) ? 'Linked to bug' : 'Linked to'),
          linkMarker(ticket, bug),
          input,
        );
  const actions = [bugSide, ticketSide];
  return {
    plan: {
      kind: 'link-bug',
      subject: input.view.subject,
      summary: `Link ${ticket.key} to ${bug.key}`,
      steps: actions.map((a) => a.step),
      notes: [],
    },
    actions,
  };
}

/** The news a work item or pull request's page has for its tickets, and what makes it the same news. */
export function newsOf(view: ContextView): { chain: BugChain; identity: string; text: string } | undefined {
  const subject = view.items.find((i) => i.ref === view.subject);
  if (!subject) return undefined;
  const chains = bugChains(view.subject, view.items, view.links, view.releases);
  let chain = chains.find((c) => c.bug.ref === subject.ref || c.pull?.ref === subject.ref) ?? chains[0];
  if (isWorkItem(subject) && chain?.bug.ref !== subject.ref) {
    const pulls = connectedItems(subject.ref, view.items, view.links).filter((i) => i.kind === 'pull');
    chain = bugChain(subject, pulls, view.releases);
  }
  if (!chain && subject.kind === 'pull') chain = bugChain(subject, [subject], view.releases);
  if (!chain) return undefined;
  const { bug, pull } = chain;
  const released = chain.steps.find((s) => s.step === 'released' && s.state === 'done');
  const merged = pull?.pull?.merged === true;
  const planned = bug.fixVersions?.find((v) => !v.released)?.name;
  const fix = pull && pull.ref !== bug.ref ? ` in ${pull.key}` : '';
  let identity: string;
  let line: string;
  if (released) {
    identity = `released:${released.label}`;
    line = `${released.label}: the fix for ${bug.key}${fix}.`;
  } else if (merged) {
    identity = 'merged';
    line = `Fix merged${fix || ` for ${bug.key}`}, expected in ${planned ?? 'the next release'}.`;
  } else {
    identity = `status:${bug.status.category}:${pull ? 'pull' : 'none'}`;
    line = `${bug.key} is ${bug.status.name}. ${chain.sentence}`;
  }
  const where = pull && pull.ref !== bug.ref ? `\n${bug.url}\n${pull.url}` : `\n${bug.url}`;
  return { chain, identity, text: `${line}\n${bug.key}: ${bug.title}${where}` };
}

/** The customer tickets linked to the page's subject, most urgent first as the panel lists them. */
function ticketsOf(view: ContextView): Item[] {
  return connectedItems(view.subject, view.items, view.links).filter((i) => customerKinds.has(i.kind));
}

async function planTellTickets(input: PlanInput): Promise<Planned> {
  const news = newsOf(input.view);
  if (!news)
    throw new Error('This page has no bug or pull request status to tell: reload the page and try again.');
  const tickets = ticketsOf(input.view);
  if (tickets.length === 0) throw new Error('No customer ticket is linked to this page.');
  const shown = tickets.slice(0, MAX_WRITE_STEPS);
  const actions = await Promise.all(
    shown.map((ticket, i) =>
      noteAction(
        `t${i}`,
        ticket,
        news.text,
        markerToken('tell', [news.chain.bug.ref, news.identity, ticket.ref]),
        input,
      ),
    ),
  );
  const notes =
    tickets.length > shown.length
      ? [
          `${tickets.length - shown.length} more linked tickets are not listed; tell them from their own pages.`,
        ]
      : [];
  return {
    plan: {
      kind: 'tell-tickets',
      subject: input.view.subject,
      summary: `Tell ${shown.length} linked ticket${shown.length === 1 ? '' : 's'}: ${cap(news.text.split('\n')[0] ?? '', 200)}`,
      steps: actions.map((a) => a.step),
      notes,
    },
    actions,
  };
}

/** The article drafted from a resolved bug: title, symptoms, customers, fix and version. */
export function articleOf(
  view: ContextView,
  bug: Item,
): { title: string; markdown: string; html: string; text: string; marker: string } {
  const tickets = connectedItems(bug.ref, view.items, view.links).filter((i) => customerKinds.has(i.kind));
  const pulls = connectedItems(bug.ref, view.items, view.links).filter((i) => i.kind === 'pull');
  const chain = bugChain(bug, pulls, view.releases);
  const customers = new Set(tickets.map((t) => t.organization ?? t.requester ?? t.ref)).size;
  const released = chain.steps.find((s) => s.step === 'released' && s.state === 'done');
  const marker = markerToken('kb', [bug.ref]);
  const title = cap(bug.title, 200);
  const symptoms = tickets.slice(0, 10).map((t) => `${t.key}: ${t.title}`);
  const fixLines = [
    chain.pull ? `Fixed in ${chain.pull.key} (${chain.pull.url}).` : `Resolved in ${bug.key}.`,
    released ? `${released.label}.` : chain.sentence,
    `Tracked as ${bug.key}: ${bug.url}`,
  ];
  const impact = `${customers} customer${customers === 1 ? '' : 's'} affected (${tickets.length} linked ticket${tickets.length === 1 ? '' : 's'}).`;
  const markdown = [
    `# ${title}`,
    '',
    '## Symptoms',
    ...(symptoms.length ? symptoms.map((s) => `- ${s}`) : ['- (no linked tickets)']),
    '',
    `**Impact:** ${impact}`,
    '',
    '## Cause and fix',
    ...fixLines,
    '',
    markerLine(marker),
  ].join('\n');
  const esc = (s: string) =>
    s.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
    );
  const html = [
    '<h2>Symptoms</h2>',
    `<ul>${(symptoms.length ? symptoms : ['(no linked tickets)']).map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`,
    `<p><strong>Impact:</strong> ${esc(impact)}</p>`,
    '<h2>Cause and fix</h2>',
    ...fixLines.map((l) => `<p>${esc(l)}</p>`),
    `<p>${esc(markerLine(marker))}</p>`,
  ].join('\n');
  const text = [title, '', 'Symptoms', ...symptoms, '', impact, '', ...fixLines, '', markerLine(marker)].join(
    '\n',
  );
  return { title, markdown, html, text, marker };
}

async function planDraftKb(input: PlanInput): Promise<Planned> {
  const subject = input.view.items.find((i) => i.ref === input.view.subject);
  const connected = connectedItems(input.view.subject, input.view.items, input.view.links);
  const candidates = [...(subject ? [subject] : []), ...connected].filter(
    (i) => isWorkItem(i) && i.status.category === 'done',
  );
  const bug = input.bug ? candidates.find((c) => c.ref === input.bug?.ref) : candidates[0];
  if (!bug) throw new Error('No resolved bug in this context to draft an article from.');
  const article = articleOf(input.view, bug);
  const actions: Action[] = input.articleWriters.map(({ writer, host, connectionId, system }, i) => {
    const where = writer.articleWhere?.() ?? 'Draft article';
    const earlier = input.activity.find(
      (e) =>
        e.kind === 'draft-kb' &&
        e.marker === article.marker &&
        e.connectionId === connectionId &&
        e.result === 'written',
    );
    const step: WriteStep = {
      id: `kb${i}`,
      ref: bug.ref,
      key: cap(bug.key, 512),
      title: article.title,
      url: bug.url,
      system,
      connectionId,
      where: cap(where, 512),
      text: cap(article.text, 70_000),
      marker: article.marker,
      ...(earlier
        ? {
            state: 'already' as const,
            note: `Already drafted on ${new Date(earlier.at).toISOString().slice(0, 10)}.`,
            chosen: false,
          }
        : { state: 'new' as const, chosen: true }),
    };
    return {
      step,
      host,
      run: (signal) =>
        writer.draftArticle
          ? writer.draftArticle(
              { title: article.title, html: article.html, text: article.text, marker: article.marker },
              signal,
            )
          : Promise.reject(new Error('This connection cannot draft articles.')),
    };
  });
  const notes =
    actions.length === 0
      ? [
          'No connection may create draft articles (turn on writing and set up a knowledge base in Options). Copy the Markdown instead.',
        ]
      : [];
  return {
    plan: {
      kind: 'draft-kb',
      subject: input.view.subject,
      summary: `Knowledge article from ${bug.key}`,
      steps: actions.map((a) => a.step),
      notes,
      markdown: cap(article.markdown, 70_000),
    },
    actions,
  };
}

export async function planWrite(input: PlanInput): Promise<Planned> {
  if (input.kind === 'tell-tickets') return planTellTickets(input);
  if (input.kind === 'draft-kb') return planDraftKb(input);
  const ticket = input.view.items.find((i) => i.ref === input.view.subject);
  if (!ticket || !customerKinds.has(ticket.kind))
    throw new Error('Link to a bug works on a customer ticket’s page: this page’s ticket was not found.');
  if (!input.bug) throw new Error('Choose the bug to link first.');
  if (!isWorkItem(input.bug) && input.bug.kind !== 'pull')
    throw new Error(`${input.bug.key} is not a bug, an issue or a pull request.`);
  return planLinkBug(input, ticket, input.bug);
}
