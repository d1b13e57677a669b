// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import { findAnchor, matchAnchor } from '../../src/content/anchor';
import { jiraIssue } from '../../src/sites/jira';
import { jsmRequest } from '../../src/sites/jsm';
import { jsmRequestPage } from '../replica/pages/jsm';
import type { JsmRequestPageProps } from '../replica/pages/props';
import { loadPage, pageOf, scrambleMarkup, textsOf } from './page-dom';

const request: JsmRequestPageProps = {
  host: 'acme.atlassian.net',
  key: 'SUP-7',
  summary: 'Cannot pay invoices since Monday',
  description: 'Every card payment fails with "declined" although the bank says it went through.',
  status: 'Waiting for support',
  requestType: 'Get IT help',
  requester: 'Erin Example',
  organizations: ['Globex Retail'],
  projectKey: 'SUP',
  queueId: 1,
  sla: [{ name: 'Time to first response', remaining: '-2h 10m', breached: true }],
};

describe('Jira Service Management agent view', () => {
  test('a request in a queue: subject, texts, panels in the right column', () => {
    const url = 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-7';
    const win = loadPage(jsmRequestPage(request), url);
    expect(pageOf(url).shows?.(new URL(url), win.document)).toBe(true);
    const page = pageOf(url);
    expect(page).toBe(jsmRequest);
    expect(page.panels).toEqual(['bug-status', 'knowledge']);
    expect(page.subject(new URL(url), win.document)).toBe('jira:SUP-7');
    const texts = textsOf(page, win.document);
    expect(texts).toContain(request.summary);
    expect(texts).toContain(request.description);
    expect(matchAnchor(page.anchor, win.document)?.step).toBe(page.anchor[0]);
    win.close();
  });

  test('a service desk request at /browse/KEY stays a Jira issue page', () => {
    expect(pageOf('https://acme.atlassian.net/browse/SUP-7')).toBe(jiraIssue);
  });
});

describe('changed markup', () => {
  test('without its landmarks the agent view has no anchor, so the drawer is used', async () => {
    const url = 'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-7';
    const win = loadPage(jsmRequestPage(request), url);
    scrambleMarkup(win.document, ['data-testid']);
    expect(
      await findAnchor(jsmRequest.anchor, new AbortController().signal, 50, win.document),
    ).toBeUndefined();
    win.close();
  });
});
