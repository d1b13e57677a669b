import { expect, test, vi } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { parseSettings } from '../../src/core/settings';

// The dist manifest: crxjs replaces the content script's source path with the built loader. Firefox's
// getManifest() reports it as an absolute moz-extension:// URL, which registerContentScripts refuses.
const built = {
  ...manifest,
  content_scripts: manifest.content_scripts.map((c) => ({
    ...c,
    js: ['moz-extension://uuid/assets/index.ts-loader-abc.js'],
  })),
};
const granted = new Set(['https://jira.acme.test/*', 'https://support.acme.com/*']);

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { getManifest: () => built, getURL: (path: string) => `moz-extension://uuid${path}` },
    permissions: {
      contains: async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)),
    },
    storage: { local: { get: async () => ({}) }, onChanged: { addListener: () => {} } },
  },
}));

const { wantedScripts } = await import('../../src/background/self-hosted');

test('the built loader is registered for each granted self-hosted host, in every frame for ServiceNow', async () => {
  const token = { type: 'token', token: 't' };
  const parsed = parseSettings({
    version: 1,
    connections: [
      { id: 'gh', system: 'github', baseUrl: 'https://github.com', auth: token },
      { id: 'jira', system: 'jira', baseUrl: 'https://acme.atlassian.net', auth: token },
      { id: 'jira-dc', system: 'jira', baseUrl: 'https://jira.acme.test/jira', auth: token },
      { id: 'ghe', system: 'github', baseUrl: 'https://ghe.acme.test', auth: token },
      { id: 'snow', system: 'servicenow', baseUrl: 'https://support.acme.com', auth: token },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.error);
  expect(await wantedScripts(parsed.settings)).toEqual([
    {
      id: 'liaison-site-jira.acme.test',
      matches: ['https://jira.acme.test/*'],
      js: ['assets/index.ts-loader-abc.js'],
      runAt: 'document_idle',
      allFrames: false,
    },
    // ghe.acme.test: no permission granted, so nothing registered.
    {
      id: 'liaison-site-support.acme.com',
      matches: ['https://support.acme.com/*'],
      js: ['assets/index.ts-loader-abc.js'],
      runAt: 'document_idle',
      allFrames: true,
    },
  ]);
});
