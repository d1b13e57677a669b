import '../systems/index';
import browser, { type Runtime } from 'webextension-polyfill';
import { z } from 'zod';
import {
  type CheckWatchesReply,
  CONTEXT_PORT,
  type ContextView,
  type FindRefsReply,
  type GithubScopeReply,
  type JiraProjectsReply,
  type PageAccessReply,
  type PortReply,
  type PortRequest,
  type PreviewReply,
  pageReplySchemas,
  portReplySchema,
  portRequestSchema,
  type RuntimeReply,
  type RuntimeRequest,
  requestRoles,
  runtimeRequestSchema,
  type SiteHostsReply,
  type TabAccessReply,
  type WatchedRefsReply,
  type WatchReply,
  type WriteConfirmReply,
  type WritePreviewReply,
  type WriteSearchReply,
  type ActivityReply,
} from '../messaging/protocol';
import { SourceFailure } from '../providers/errors';
import { badgePasses } from './badges';
import { getConfig } from './config';
import { contextViews } from './contexts';
import { pageIsServed, restrictStorageToExtension, tabAccess } from './page-access';
import { findPageRefs, foundInText } from './page-refs';
import { previewError, previewOf } from './preview';
import { rememberVisit } from './recent';
import { listenForSearches } from './search-port';
import { watchSelfHostedScripts } from './self-hosted';
import { type Sender, senderOf } from './senders';
import { ServedRefs } from './served-refs';
import { clearCache, githubScope, jiraProjects, siteHosts, testConnection } from './settings-requests';
import { tabBudget } from './tab-budget';
import { collapsedPanels, setCollapsed } from './ui-state';
import { seenOnPage, startWatching } from './watch';
import { answerWatchRequest, type ListWatchesReply } from './watch-requests';
import { answerWriteRequest, ShownViews } from './writes';

// MV3 extension pages forbid `new Function`; zod's JIT would trip the CSP and web-ext lint.
z.config({ jitless: true });

/** The last view sent to each tab's top frame, for the popup's one-line summary. */
const tabViews = new Map<number, ContextView>();

const who = (sender: Runtime.MessageSender | undefined): Sender =>
  senderOf(sender, browser.runtime.id, browser.runtime.getURL('/'));

/** How often each tab may refresh and resolve (a page's script can click and re-render as fast as it likes). */
const budget = tabBudget();

/** What each tab was shown: the references its content script may watch (watch-requests.ts). */
const served = new ServedRefs();

/** What each tab's frames were shown, by subject: the contexts write previews are planned from (writes.ts). */
const shownViews = new ShownViews();

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== CONTEXT_PORT) return;
  const sender = who(port.sender);
  // Only our content script, and only on a page Liaison serves (never a SaaS tenant nobody connected).
  if (sender.role !== 'page') {
    port.disconnect();
    return;
  }
  const { tabId } = sender;
  const pageServed = pageIsServed(sender.url);
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
    served.dropContext(tabId, port);
  });
  const post = (reply: PortReply) => {
    if (!open) return;
    if (reply.type === 'context') {
      const shown = [reply.view.subject, ...reply.view.items.map((i) => i.ref)];
      served.setContext(tabId, port, shown);
      if (reply.view.configured) shownViews.set(tabId, reply.view);
      // A page showing a watched item (its subject or its context) is where its change is seen.
      if (reply.view.configured) seenOnPage(shown);
    }
    if (reply.type === 'context' && port.sender?.tab?.id !== undefined && port.sender.frameId === 0) {
      tabViews.set(port.sender.tab.id, reply.view);
      rememberVisit(reply.view);
    }
    // Checked here, where it is made: the page checks only the structure it reads (src/messaging/page-replies.ts).
    const checked = portReplySchema.safeParse(reply);
    if (checked.success) {
      port.postMessage(checked.data);
      return;
    }
    console.error('[liaison] a reply to a page did not fit the protocol', checked.error.issues.slice(0, 5));
    port.postMessage({ type: 'failed', requestId: reply.requestId, message: UNFIT_REPLY });
  };
  port.onMessage.addListener(async (message: unknown) => {
    const parsed = portRequestSchema.safeParse(message);
    if (!parsed.success) {
      console.warn('[liaison] ignored a malformed message from a content script');
      return;
    }
    const request: PortRequest = parsed.data;
    const { requestId } = request;
    try {
      if (!(await pageServed)) {
        console.warn(`[liaison] refused a request from ${sender.url.host}: no connection is on that host`);
        port.disconnect();
        return;
      }
      if (!budget.request(tabId)) {
        post({
          type: 'failed',
          requestId,
          message: 'This page asked Liaison too often. Wait a few seconds.',
        });
        return;
      }
      if (request.type === 'badges') {
        for await (const pass of badgePasses(request.refs)) post({ type: 'badges', requestId, ...pass });
        return;
      }
      // The panel's Refresh bypasses the cache at most once per REFRESH_EVERY_MS per tab.
      const refresh = request.refresh && budget.refresh(tabId);
      // A release page's contents are read for the address the browser reports, never one the message claims.
      const page = request.page.release ? { ...request.page, url: sender.url.href } : request.page;
      for await (const view of contextViews(page, refresh)) post({ type: 'context', requestId, view });
    } catch (error) {
      const message = error instanceof SourceFailure ? error.userMessage : String(error);
      console.warn('[liaison] resolution failed', error);
      post({ type: 'failed', requestId, message });
    }
  });
});

browser.tabs.onRemoved.addListener((tabId) => {
  tabViews.delete(tabId);
  budget.forget(tabId);
  served.forgetTab(tabId);
  shownViews.forgetTab(tabId);
});

listenForSearches();

/** What a page is told when the background's own answer did not fit the protocol (a bug in Liaison). */
const UNFIT_REPLY =
  'Liaison made an answer it could not check, so it was not sent. Reload the page; if it persists, report it to Liaison.';

browser.runtime.onMessage.addListener(async (message: unknown, sender: Runtime.MessageSender) => {
  const reply = await answer(message, sender);
  // A page's answers are checked here, where they are made (the page checks only their structure, issue 15).
  const type = (message as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' ? pageReplySchemas[type as RuntimeRequest['type']] : undefined;
  if (reply === undefined || !schema || who(sender).role !== 'page') return reply;
  const checked = schema.safeParse(reply);
  if (checked.success) return checked.data;
  console.error(
    `[liaison] the answer to '${type}' did not fit the protocol`,
    checked.error.issues.slice(0, 5),
  );
  return { ok: false, error: UNFIT_REPLY };
});

async function answer(
  message: unknown,
  sender: Runtime.MessageSender,
): Promise<
  | RuntimeReply
  | FindRefsReply
  | PreviewReply
  | SiteHostsReply
  | JiraProjectsReply
  | GithubScopeReply
  | PageAccessReply
  | TabAccessReply
  | WatchReply
  | WatchedRefsReply
  | CheckWatchesReply
  | ListWatchesReply
  | WritePreviewReply
  | WriteConfirmReply
  | WriteSearchReply
  | ActivityReply
  | undefined
> {
  const from = who(sender);
  if (from.role === 'foreign') return undefined;
  const parsed = runtimeRequestSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: 'malformed request' };
  const request = parsed.data;
  if (!requestRoles[request.type].includes(from.role)) {
    console.warn(
      `[liaison] refused '${request.type}' from a ${from.role === 'page' ? 'web page' : 'extension page'}`,
    );
    return { ok: false, error: 'not allowed' };
  }
  if (from.role === 'page') {
    const served = await pageIsServed(from.url);
    if (request.type === 'page-access') return { ok: true, served };
    if (!served) return { ok: false, error: 'not served' };
  }
  switch (request.type) {
    case 'page-access':
      return { ok: true, served: false };
    case 'tab-access':
      return tabAccess(request.tabId);
    case 'tab-context':
      return { ok: true, view: tabViews.get(request.tabId) ?? null };
    case 'open-options':
      await browser.runtime.openOptionsPage();
      return { ok: true };
    case 'find-refs':
      return { ok: true, found: await findPageRefs(request.texts, sender.url) };
    case 'preview':
      // Only a reference the page's own text holds (a forged or edited link names one it does not).
      if (!(await foundInText(request.ref, request.text, request.code, sender.url)))
        return { ok: false, error: 'Liaison did not find this reference in the page.' };
      try {
        const preview = await previewOf(request.ref);
        if (from.role === 'page') served.addPreview(from.tabId, preview.item.ref);
        return { ok: true, preview };
      } catch (error) {
        return { ok: false, error: previewError(error) };
      }
    case 'test-connection':
      return testConnection(request);
    case 'site-hosts':
      return siteHosts();
    case 'jira-projects':
      return jiraProjects(request.connectionId, request.refresh);
    case 'github-scope':
      return githubScope(request.connectionId);
    case 'clear-cache':
      return clearCache();
    case 'ui-collapsed':
      return { ok: true, collapsed: await collapsedPanels(request.site) };
    case 'set-collapsed':
      await setCollapsed(request.site, request.panel, request.collapsed);
      return { ok: true };
    case 'watch':
    case 'unwatch':
    case 'watched-refs':
    case 'list-watches':
    case 'check-watches':
      return answerWatchRequest(request, from, served);
    case 'write-preview':
    case 'write-confirm':
    case 'write-search':
    case 'write-activity':
    case 'clear-activity':
      return answerWriteRequest(request, from, served, shownViews);
  }
}

void getConfig();
void restrictStorageToExtension();
watchSelfHostedScripts();
startWatching();
