import { expect, test, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { subjectOnHost } = await import('../../src/content/site-hosts');

test('on a second Jira or ServiceNow, the subject carries the host (DESIGN.md "References")', () => {
  const tagged = new Set(['jira.acme.test', 'other.service-now.com']);
  expect(subjectOnHost('jira:PLAT-5', 'jira.acme.test', tagged)).toBe('jira:jira.acme.test/PLAT-5');
  expect(subjectOnHost('jira:PLAT-5', 'Jira.Acme.test', tagged)).toBe('jira:jira.acme.test/PLAT-5');
  expect(subjectOnHost('servicenow:INC0010001', 'other.service-now.com', tagged)).toBe(
    'servicenow:other.service-now.com/INC0010001',
  );
  // The first connection's pages, other systems, and subjects that already say where they are: unchanged.
  expect(subjectOnHost('jira:SHOP-1', 'acme.atlassian.net', tagged)).toBe('jira:SHOP-1');
  expect(subjectOnHost('github:ghe.acme.test/a/b#1', 'ghe.acme.test', new Set(['ghe.acme.test']))).toBe(
    'github:ghe.acme.test/a/b#1',
  );
  expect(subjectOnHost('jira:x.test/A-1', 'jira.acme.test', tagged)).toBe('jira:x.test/A-1');
});
