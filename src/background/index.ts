import browser, { type Runtime } from 'webextension-polyfill';
import { z } from 'zod';
import {
  CONTEXT_PORT,
  type ContextView,
  type FindRefsReply,
  type JiraProjectsReply,
  type PortReply,
  type PortRequest,
  type PreviewReply,
  portRequestSchema,
  type RuntimeReply,
  runtimeRequestSchema,
  type SiteHostsReply,
} from '../messaging/protocol';
import { SourceFailure } from '../providers/errors';
import { badgePasses } from './badges';
import { collapsedPanels, setCollapsed } from './ui-state';
import { getConfig } from './config';
import { contextViews } from './contexts';
import { findPageRefs } from './page-refs';
import { previewError, previewOf } from './preview';
import { rememberVisit } from './recent';
import { listenForSearches } from './search-port';
import { watchSelfHostedScripts } from './self-hosted';
import { clearCache, jiraProjects, siteHosts, testConnection } from './settings-requests';

// MV3 extension pages forbid `new Function`; zod's JIT would trip the CSP and web-ext lint.
z.config({ jitless: true });

/** The last view sent to each tab's top frame, for the popup's one-line summary. */
const tabViews = new Map<number, ContextView>();

const fromUs = (sender: Runtime.MessageSender | undefined) => sender?.id === browser.runtime.id;

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== CONTEXT_PORT || !fromUs(port.sender)) return;
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  const post = (reply: PortReply) => {
    if (!open) return;
    if (reply.type === 'context' && port.sender?.tab?.id !== undefined && port.sender.frameId === 0) {
      tabViews.set(port.sender.tab.id, reply.view);
      rememberVisit(reply.view);
    }
    port.postMessage(reply);
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
      if (request.type === 'badges') {
        for await (const pass of badgePasses(request.refs)) post({ type: 'badges', requestId, ...pass });
        return;
      }
      for await (const view of contextViews(request.page, request.refresh))
        post({ type: 'context', requestId, view });
    } catch (error) {
      const message = error instanceof SourceFailure ? error.userMessage : String(error);
      console.warn('[liaison] resolution failed', error);
      post({ type: 'failed', requestId, message });
    }
  });
});

browser.tabs.onRemoved.addListener((tabId) => tabViews.delete(tabId));

listenForSearches();

browser.runtime.onMessage.addListener(
  async (
    message: unknown,
    sender: Runtime.MessageSender,
  ): Promise<
    RuntimeReply | FindRefsReply | PreviewReply | SiteHostsReply | JiraProjectsReply | undefined
  > => {
    if (!fromUs(sender)) return undefined;
    const parsed = runtimeRequestSchema.safeParse(message);
    if (!parsed.success) return { ok: false, error: 'malformed request' };
    const request = parsed.data;
    switch (request.type) {
      case 'tab-context':
        return { ok: true, view: tabViews.get(request.tabId) ?? null };
      case 'open-options':
        await browser.runtime.openOptionsPage();
        return { ok: true };
      case 'find-refs':
        return { ok: true, found: await findPageRefs(request.texts, sender.url) };
      case 'preview':
        try {
          return { ok: true, preview: await previewOf(request.ref) };
        } catch (error) {
          return { ok: false, error: previewError(error) };
        }
      case 'test-connection':
        return testConnection(request);
      case 'site-hosts':
        return siteHosts();
      case 'jira-projects':
        return jiraProjects(request.connectionId, request.refresh);
      case 'clear-cache':
        return clearCache();
      case 'ui-collapsed':
        return { ok: true, collapsed: await collapsedPanels(request.site) };
      case 'set-collapsed':
        await setCollapsed(request.site, request.panel, request.collapsed);
        return { ok: true };
    }
  },
);

void getConfig();
watchSelfHostedScripts();
