/**
 * A stand-in for the extension APIs the background's modules touch when they run in Node (bench/watch-poll.ts,
 * bench/worker-memory.ts): storage.local in memory, alarms, notifications and the toolbar badge doing nothing.
 * `webextension-polyfill` passes `globalThis.browser` through when it has a `runtime.id`, so install this before
 * those modules are first imported (import them dynamically after the call).
 */
/** storage.local of the stand-in. */
export const stored: Record<string, unknown> = {};
export function installExtensionApis(): void {
  const g = globalThis as unknown as { browser?: unknown; chrome?: unknown };
  if (g.browser) return;
  const event = () => ({ addListener: () => undefined, removeListener: () => undefined });
  const fake = {
    runtime: {
      id: 'liaison-bench',
      getURL: (p: string) => `chrome-extension://liaison-bench/${p.replace(/^\//, '')}`,
      onMessage: event(),
      onConnect: event(),
    },
    storage: {
      local: {
        get: async (key: string) => ({ [key]: structuredClone(stored[key]) }),
        set: async (items: Record<string, unknown>) => void Object.assign(stored, structuredClone(items)),
      },
      onChanged: event(),
    },
    alarms: {
      onAlarm: event(),
      get: async () => undefined,
      create: () => undefined,
      clear: async () => true,
    },
    notifications: { create: async (id: string) => id, clear: async () => true, onClicked: event() },
    action: { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined },
    tabs: { create: async () => ({}), onRemoved: event() },
  };
  g.browser = fake;
  g.chrome = fake;
}
