import { expect, test } from 'vitest';
import type { ContextView } from '../../src/messaging/protocol';
import { contextLine } from '../../src/popup/context-line';

const view = (release: ContextView['release']): ContextView => ({
  subject: 'github:acme/shop-api/compare/v2.4.1...main',
  items: [],
  links: [],
  releases: [],
  sources: [],
  configured: true,
  resolvedAt: 0,
  stale: false,
  ...(release ? { release } : {}),
});

test('a release page is named as its brief names it, not by its subject string', () => {
  const release = { kind: 'compare', name: 'v2.4.1...main', scope: 'acme/shop-api', upcoming: true } as const;
  expect(contextLine(view(release))).toMatch(/^Upcoming acme\/shop-api v2\.4\.1\.\.\.main · /);
  expect(contextLine(view({ ...release, name: 'v2.4.1', upcoming: false }))).toMatch(
    /^Release acme\/shop-api v2\.4\.1 · /,
  );
});
