import browser from 'webextension-polyfill';
import { servesPage, unconnectedTenant } from '../core/host-access';
import { parseSettings, SETTINGS_KEY } from '../core/settings';
import type { TabAccessReply } from '../messaging/protocol';
import { getConfig } from './config';

/**
 * Which pages the background answers for (SECURITY.md, "Boundaries"): `servesPage` over the connections, for the
 * address the browser gives as the sender's, never one a message claims.
 */
export async function pageIsServed(url: URL): Promise<boolean> {
  const { settings } = await getConfig();
  if (servesPage(url, settings.connections)) return true;
  // Settings written a moment ago (a test, the options page) may not have reached the cached copy yet.
  return servesPage(url, await storedConnections());
}

async function storedConnections() {
  const parsed = parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  return parsed.ok ? parsed.settings.connections : [];
}

/** `tab-access`: a tab showing a SaaS tenant nobody connected, so the popup can offer to connect it. */
export async function tabAccess(tabId: number): Promise<TabAccessReply> {
  let address: string | undefined;
  try {
    // The URL is only visible for hosts the extension may access (the SaaS domains are in host_permissions).
    address = (await browser.tabs.get(tabId)).url;
  } catch {
    return { ok: true };
  }
  if (!address) return { ok: true };
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: true };
  }
  const { settings } = await getConfig();
  const tenant = unconnectedTenant(url, settings.connections);
  return tenant ? { ok: true, tenant } : { ok: true };
}

/**
 * Keeps `storage.local` (which holds the tokens) out of content scripts' reach where the browser allows it:
 * Chromium accepts `setAccessLevel` on the local area; Firefox only on `storage.session` (bug 1724754), so there a
 * content script could still read it. SECURITY.md says so.
 */
export async function restrictStorageToExtension(): Promise<boolean> {
  const local = browser.storage.local as typeof browser.storage.local & {
    setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
  };
  if (typeof local.setAccessLevel !== 'function') return false;
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}
