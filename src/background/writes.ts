import browser from 'webextension-polyfill';
import type { Item } from '../core/model';
import { formatRef, parseRef } from '../core/refs';
import { type Connection, hostOf } from '../core/settings';
import { isWorkItem, systemName } from '../core/systems';
import {
  type ActivityEntry,
  activityEntrySchema,
  MAX_ACTIVITY,
  type WriteOutcome,
  type WritePlan,
} from '../core/writes';
import {
  type ActivityReply,
  type ContextView,
  MAX_PICKER_RESULTS,
  type RuntimeRequest,
  type WriteConfirmReply,
  type WritePreviewReply,
  type WriteSearchReply,
} from '../messaging/protocol';
import { asSourceFailure, SourceFailure } from '../providers/errors';
import { createWriter, refHostFor } from '../providers/index';
import { type Config, extractOptionsFor, getConfig } from './config';
import { contextViews } from './contexts';
import { jiraProjectKeys } from './discovery';
import { previewOf } from './preview';
import { runSearch } from './search';
import type { Sender } from './senders';
import type { ServedRefs } from './served-refs';
import { type Action, type Planned, planWrite, type WriterLookup } from './write-plan';
import { rememberLink } from './written-links';

/**
 * Write-back requests (DESIGN.md contract 7, SECURITY.md "Writes"). A content script may ask for a preview only of
 * its own tab's subject (and a bug its tab was shown or found in the picker), and confirm only a plan made for its
 * own tab; the plan's text is the background's, made from what it resolved. Confirming sends only the chosen
 * steps, once, one at a time, each re-checked for its marker just before it is sent, and logs each in the local
 * activity list (no token, no header, no body).
 */

type WriteRequest = Extract<
  RuntimeRequest,
  { type: 'write-preview' | 'write-confirm' | 'write-search' | 'write-activity' | 'clear-activity' }
>;

/** How long a preview can be confirmed. */
const PLAN_TTL_MS = 15 * 60_000;
/** Plans kept at once (each tab's newest replaces its older ones of the same subject). */
const MAX_PLANS = 50;
/** GitHub's content-creation limit (docs: ~80 per minute): Liaison's writes to one host are ≥ 1 s apart. */
const WRITE_GAP_MS = 1_000;
export const ACTIVITY_KEY = 'activity';

interface Stored {
  plan: WritePlan;
  actions: Action[];
  /** The tab it was made for; undefined for an extension page. */
  tabId: number | undefined;
  at: number;
}

/** The views the background sent each tab (every frame), by subject: what a preview is planned from. */
export class ShownViews {
  readonly #tabs = new Map<number, Map<string, ContextView>>();

  set(tabId: number, view: ContextView): void {
    let views = this.#tabs.get(tabId);
    if (!views) {
      views = new Map();
      this.#tabs.set(tabId, views);
    }
    views.delete(view.subject);
    views.set(view.subject, view);
    while (views.size > 20) {
      const oldest = views.keys().next().value;
      if (oldest === undefined) break;
      views.delete(oldest);
    }
  }

  /** The tab's view of a subject; for an extension page (tabId undefined), any tab's. */
  get(tabId: number | undefined, subject: string): ContextView | undefined {
    if (tabId !== undefined) return this.#tabs.get(tabId)?.get(subject);
    for (const views of this.#tabs.values()) {
      const view = views.get(subject);
      if (view) return view;
    }
    return undefined;
  }

  forgetTab(tabId: number): void {
    this.#tabs.delete(tabId);
  }
}

const plans = new Map<string, Stored>();
/** Items the picker found, for the preview that follows (by reference). */
const picked = new Map<string, Item>();
/** When each host was last written to. */
const lastWrite = new Map<string, number>();

const canonical = (text: string): string | undefined => {
  const parsed = parseRef(text);
  return parsed ? formatRef(parsed) : undefined;
};

function newPlanId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The writer of the connection that owns an item; a connection without `"write": true` has none. */
export function writerLookup(config: Config): WriterLookup {
  return (item) => {
    const provider = config.providers.find((p) => {
      const parsed = parseRef(item.ref);
      return parsed ? p.owns(parsed) : false;
    });
    if (!provider) return { error: `No connection answers for ${item.key}.` };
    const connection = provider.connection;
    const name = connection.label ?? `${systemName(connection.system)} (${hostOf(connection)})`;
    if (connection.write !== true)
      return {
        error: `${name} is read-only in Liaison: turn on "Allow Liaison to write" for it in Liaison options to write there.`,
      };
    const writer = writerOf(connection, config);
    if (!writer) return { error: `Liaison cannot write to ${name}.` };
    return { writer, host: hostOf(connection), connectionId: connection.id };
  };
}

function writerOf(connection: Connection, config: Config) {
  return createWriter(connection, {
    settings: config.settings,
    refHost: refHostFor(connection, config.settings.connections),
  });
}

function articleWriters(config: Config) {
  return config.settings.connections.flatMap((connection) => {
    const writer = writerOf(connection, config);
    if (!writer?.draftArticle || !writer.articleWhere?.()) return [];
    return [{ writer, host: hostOf(connection), connectionId: connection.id, system: connection.system }];
  });
}

export async function readActivity(): Promise<ActivityEntry[]> {
  const stored = (await browser.storage.local.get(ACTIVITY_KEY))[ACTIVITY_KEY];
  if (!Array.isArray(stored)) return [];
  return stored.slice(0, MAX_ACTIVITY).flatMap((entry) => {
    const parsed = activityEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** One write, at the top of the list (newest first), the oldest dropped past MAX_ACTIVITY. */
let activityQueue: Promise<unknown> = Promise.resolve();
function logActivity(entries: ActivityEntry[]): Promise<void> {
  const next = activityQueue.then(async () => {
    const all = [...entries.reverse(), ...(await readActivity())].slice(0, MAX_ACTIVITY);
    await browser.storage.local.set({ [ACTIVITY_KEY]: all });
  });
  activityQueue = next.catch(() => undefined);
  return next;
}

function pruneStore(now: number): void {
  for (const [id, stored] of plans) if (now - stored.at > PLAN_TTL_MS) plans.delete(id);
  while (plans.size > MAX_PLANS) {
    const oldest = plans.keys().next().value;
    if (oldest === undefined) break;
    plans.delete(oldest);
  }
}

const tabOf = (from: Sender): number | undefined => (from.role === 'page' ? from.tabId : undefined);

export async function answerWriteRequest(
  request: WriteRequest,
  from: Sender,
  served: ServedRefs,
  views: ShownViews,
): Promise<WritePreviewReply | WriteConfirmReply | WriteSearchReply | ActivityReply | { ok: true }> {
  switch (request.type) {
    case 'write-preview':
      return preview(request, from, served, views);
    case 'write-confirm':
      return confirm(request.planId, request.chosen, from);
    case 'write-search':
      return search(request.text, from, served);
    case 'write-activity':
      return { ok: true, entries: await readActivity() };
    case 'clear-activity':
      await browser.storage.local.remove(ACTIVITY_KEY);
      return { ok: true };
  }
}

async function preview(
  request: Extract<WriteRequest, { type: 'write-preview' }>,
  from: Sender,
  served: ServedRefs,
  views: ShownViews,
): Promise<WritePreviewReply> {
  const tabId = tabOf(from);
  const subject = canonical(request.subject);
  if (!subject || (tabId !== undefined && !served.has(tabId, subject)))
    return { ok: false, error: 'Liaison did not show this item on this page.' };
  // An extension page (the popup's Watching list) may plan for an item no tab shows: its context is resolved as a
  // page whose subject it is, as a watch check does.
  const view = views.get(tabId, subject) ?? (tabId === undefined ? await resolvedView(subject) : undefined);
  if (!view)
    return {
      ok: false,
      error: 'Liaison has not resolved this page yet: wait for the panel, then try again.',
    };
  let bug: Item | undefined;
  if (request.bug) {
    const ref = canonical(request.bug);
    if (!ref || (tabId !== undefined && !served.has(tabId, ref)))
      return { ok: false, error: 'Liaison did not show that bug here: choose it in the search.' };
    bug = view.items.find((i) => i.ref === ref) ?? picked.get(ref);
    if (!bug) {
      try {
        bug = (await previewOf(ref)).item;
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
  }
  const config = await getConfig();
  try {
    const planned = await planWrite({
      kind: request.kind,
      view,
      bug,
      writerOf: writerLookup(config),
      articleWriters: request.kind === 'draft-kb' ? articleWriters(config) : [],
      activity: request.kind === 'draft-kb' ? await readActivity() : [],
    });
    return { ok: true, plan: rememberPlan(planned, tabId) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function resolvedView(subject: string): Promise<ContextView | undefined> {
  let last: ContextView | undefined;
  const page = { url: '', site: 'github' as const, subject, texts: [], refs: [] };
  // Fresh, not from the cache: the news a note tells must be the item's state now (a watch may have seen a merge
  // the cache has not).
  for await (const view of contextViews(page, true)) last = view;
  return last?.configured ? last : undefined;
}

/** Keeps a plan for its confirm, by a fresh unguessable id, for the tab it was made for. */
export function rememberPlan(planned: Planned, tabId: number | undefined): WritePlan {
  const now = Date.now();
  pruneStore(now);
  const plan: WritePlan = { planId: newPlanId(), ...planned.plan };
  plans.set(plan.planId, { plan, actions: planned.actions, tabId, at: now });
  return plan;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function paced(host: string): Promise<void> {
  const last = lastWrite.get(host);
  if (last !== undefined) {
    const wait = last + WRITE_GAP_MS - Date.now();
    if (wait > 0) await sleep(wait);
  }
  lastWrite.set(host, Date.now());
}

/** Carries out the chosen steps of a plan made for this sender, once: the plan is spent by confirming it. */
export async function confirm(
  planId: string,
  chosen: readonly string[],
  from: Sender,
): Promise<WriteConfirmReply> {
  pruneStore(Date.now());
  const stored = plans.get(planId);
  if (!stored || stored.tabId !== tabOf(from))
    return { ok: false, error: 'This preview has expired or was already sent. Open it again.' };
  plans.delete(planId);
  const wanted = new Set(chosen);
  const stopped = new Map<string, string>();
  const outcomes: WriteOutcome[] = [];
  const log: ActivityEntry[] = [];
  for (const action of stored.actions) {
    const { step } = action;
    const outcome = await carryOut(action, wanted.has(step.id), stopped);
    outcomes.push(outcome);
    if (outcome.result !== 'skipped')
      log.push({
        at: Date.now(),
        kind: stored.plan.kind,
        connectionId: step.connectionId,
        system: step.system,
        target: step.ref,
        where: step.where,
        marker: step.marker,
        result: outcome.result,
        message: outcome.message,
        ...(outcome.url ? { url: outcome.url } : {}),
      });
  }
  await logActivity(log).catch((error) => console.warn('[liaison] activity not saved', error));
  if (stored.plan.kind === 'link-bug') {
    const [bugSide, ticketSide] = stored.actions;
    const done = (i: number) => outcomes[i]?.result === 'written' || outcomes[i]?.result === 'already';
    if (bugSide && ticketSide && (done(0) || done(1))) {
      await rememberLink(ticketSide.step.ref, bugSide.step.ref).catch(() => undefined);
      await rememberLink(bugSide.step.ref, ticketSide.step.ref).catch(() => undefined);
    }
  }
  return { ok: true, outcomes };
}

async function carryOut(
  action: Action,
  chosen: boolean,
  stopped: Map<string, string>,
): Promise<WriteOutcome> {
  const { step } = action;
  const id = step.id;
  if (!chosen) return { id, result: 'skipped', message: 'Not chosen: nothing sent.' };
  if (step.state === 'blocked') return { id, result: 'skipped', message: step.note ?? 'Cannot be sent.' };
  const stop = stopped.get(action.host);
  if (stop) return { id, result: 'skipped', message: stop };
  // Never twice: someone (or an earlier confirm) may have written it since the preview.
  if (action.present && (await action.present().catch(() => undefined)) === true)
    return { id, result: 'already', message: `Already there on ${step.key}: nothing sent.` };
  await paced(action.host);
  try {
    const result = await action.run();
    return {
      id,
      result: 'written',
      message: result.created ? `Written: ${step.where}.` : `Updated: ${step.where}.`,
      ...(result.url && /^https?:\/\//.test(result.url) ? { url: result.url } : {}),
    };
  } catch (error) {
    const failure = asSourceFailure(error, step.system, action.host);
    if (failure.kind === 'rate-limited') {
      const until = failure.retryAt
        ? ` after ${new Date(failure.retryAt).toISOString().slice(11, 16)} UTC`
        : ' later';
      stopped.set(
        action.host,
        `Not sent: ${systemName(step.system)} (${action.host}) is rate limiting Liaison; try again${until}.`,
      );
    }
    // A timeout or a 5xx may still have stored it: read again before saying it failed (and never resend blindly).
    if (
      (failure.kind === 'timeout' || (failure.status ?? 0) >= 500) &&
      action.present &&
      (await action.present().catch(() => undefined)) === true
    )
      return {
        id,
        result: 'written',
        message: `Written: ${step.where} (the answer was lost; reading it again shows it there).`,
      };
    return { id, result: 'failed', message: failure.userMessage };
  }
}

async function search(text: string, from: Sender, served: ServedRefs): Promise<WriteSearchReply> {
  const words = text.trim();
  if (words.length < 2) return { ok: true, items: [], errors: [] };
  const config = await getConfig();
  if (config.error) return { ok: false, error: config.error };
  const extract = extractOptionsFor(config, await jiraProjectKeys(config));
  const items: Item[] = [];
  const errors: string[] = [];
  const signal = AbortSignal.timeout(15_000);
  for await (const reply of runSearch(
    { queryId: 0, text: words, limit: MAX_PICKER_RESULTS },
    { providers: config.providers, extract, signal },
  )) {
    if (reply.type === 'found') items.push(...reply.items.filter((i) => isWorkItem(i) || i.kind === 'pull'));
    if (reply.type === 'failed') errors.push(reply.error.message);
  }
  items.sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  const shown = items.slice(0, MAX_PICKER_RESULTS);
  for (const item of shown) {
    picked.delete(item.ref);
    picked.set(item.ref, item);
    if (from.role === 'page') served.addPreview(from.tabId, item.ref);
  }
  while (picked.size > 200) {
    const oldest = picked.keys().next().value;
    if (oldest === undefined) break;
    picked.delete(oldest);
  }
  return { ok: true, items: shown, errors: errors.slice(0, 50) };
}

/** For Test connection: what a connection with `"write": true` may write, in one sentence. */
export async function writeAccessOf(
  connection: Connection,
  config: Config,
): Promise<{ ok: boolean; message: string } | undefined> {
  if (connection.write !== true) return undefined;
  const writer = writerOf(connection, config);
  if (!writer) return { ok: false, message: `Liaison cannot write to ${systemName(connection.system)}.` };
  try {
    return await writer.writeAccess();
  } catch (error) {
    const failure =
      error instanceof SourceFailure ? error : asSourceFailure(error, connection.system, hostOf(connection));
    return { ok: false, message: failure.userMessage };
  }
}

/** For tests. */
export function resetWrites(): void {
  plans.clear();
  picked.clear();
  lastWrite.clear();
}
