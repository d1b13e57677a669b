import { beforeEach, describe, expect, test } from 'vitest';
import type { Item } from '../../src/core/model';
import { parseRef, type Ref } from '../../src/core/refs';
import { resetHttpState } from '../../src/providers/http';
import type { LookupContext } from '../../src/providers/provider';
import { createJiraProvider } from '../../src/systems/jira/provider';
import { createServiceNowProvider } from '../../src/systems/servicenow/provider';
import { createZendeskProvider } from '../../src/systems/zendesk/provider';
import { connections, extract, fakeFetch, json, reference, type Sent } from './fixtures';

/**
 * The page's subject has its links followed whatever it turns out to be, so its per-item follow-up (Jira remote
 * links, a Zendesk ticket's comments, a ServiceNow record's notes) is asked beside the lookup that fetches it,
 * not after its answer (issue 15: a round of requests less on every Jira, JSM, ServiceNow and Zendesk page).
 */

beforeEach(() => {
  resetHttpState();
});

const ref = (r: string) => parseRef(r) as Ref;
const subjectContext = (subject: string): LookupContext => ({
  extract,
  followsLinksOf: (item: Item) => item.ref === subject,
  followedRefs: new Set([subject]),
});

/**
 * A fetch whose lookup answers only once the follow-up was asked (or after a second, so that a follow-up asked
 * after the answer fails the test instead of hanging it); the log says in which order things happened.
 */
function heldFetch(
  isLookup: (sent: Sent) => boolean,
  isFollowUp: (sent: Sent) => boolean,
  answer: (sent: Sent) => Response,
) {
  const log: string[] = [];
  let followUpAsked: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => {
    followUpAsked = resolve;
    setTimeout(resolve, 1_000);
  });
  const fake = fakeFetch(async (sent) => {
    if (isFollowUp(sent)) {
      log.push('follow-up asked');
      followUpAsked();
    }
    if (isLookup(sent)) {
      await asked;
      log.push('lookup answered');
    }
    return answer(sent);
  });
  return { ...fake, log };
}

describe("the subject's follow-up starts beside its lookup", () => {
  test('Jira: the remote links of the page issue are asked before the search answers', async () => {
    const { fetch, log, requests } = heldFetch(
      (sent) => sent.url.pathname.includes('/search'),
      (sent) => sent.url.pathname.endsWith('/remotelink'),
      (sent) =>
        sent.url.pathname.includes('/search')
          ? json({
              isLast: true,
              issues: reference<{ issues: unknown[] }>('recorded/jira-search-two-issues.recorded.json')
                .issues,
            })
          : json([
              {
                id: 1,
                relationship: 'fixed by',
                object: { url: 'https://github.com/acme/shop-api/pull/43', title: 'PR' },
              },
            ]),
    );
    const jira = createJiraProvider({ connection: connections.jira, fetch, retries: 0, remoteLinkLimit: 10 });
    const found = await jira.fetchItems(
      [ref('jira:COMPANYSA-28'), ref('jira:COMPANYSA-14')],
      subjectContext('jira:COMPANYSA-28'),
    );
    expect(log).toEqual(['follow-up asked', 'lookup answered']);
    expect(found.links).toContainEqual({
      from: 'jira:COMPANYSA-28',
      to: 'github:acme/shop-api#43',
      via: 'remote-link',
      detail: 'fixed by',
    });
    // Only the subject's remote links: the other issue is not followed, so it stays partial and costs nothing.
    expect(requests.map((r) => r.url.pathname).filter((p) => p.endsWith('/remotelink'))).toEqual([
      '/rest/api/3/issue/COMPANYSA-28/remotelink',
    ]);
    expect(found.partial).toEqual(['jira:COMPANYSA-14']);
  });

  test('Jira: a page issue that does not exist costs its one read and no failure', async () => {
    const { fetch, requests } = heldFetch(
      (sent) => sent.url.pathname.includes('/search'),
      (sent) => sent.url.pathname.endsWith('/remotelink'),
      (sent) =>
        sent.url.pathname.includes('/search')
          ? json({ isLast: true, issues: [] })
          : json({ errorMessages: ['Issue does not exist or you do not have permission to see it.'] }, 404),
    );
    const jira = createJiraProvider({ connection: connections.jira, fetch, retries: 0, remoteLinkLimit: 10 });
    const found = await jira.fetchItems([ref('jira:COMPANYSA-99')], subjectContext('jira:COMPANYSA-99'));
    expect(found.items).toEqual([]);
    expect(found.links).toEqual([]);
    expect(requests.filter((r) => r.url.pathname.endsWith('/remotelink'))).toHaveLength(1);
  });

  test("Zendesk: the page ticket's comments are asked before show_many answers", async () => {
    const ticket = reference<{ tickets: Record<string, unknown>[] }>('zendesk/tickets-show-many.json')
      .tickets[0];
    const { fetch, log } = heldFetch(
      (sent) => sent.url.pathname === '/api/v2/tickets/show_many.json',
      (sent) => sent.url.pathname.endsWith('/comments.json'),
      (sent) =>
        sent.url.pathname.endsWith('/comments.json')
          ? json({ comments: [{ id: 1, body: 'Waiting on SHOP-101' }], next_page: null, count: 1 })
          : json({ tickets: [ticket], users: [], organizations: [] }),
    );
    const zendesk = createZendeskProvider({ connection: connections.zendesk, fetch, retries: 0 });
    const subject = `zendesk:acme/${String(ticket?.id)}`;
    const found = await zendesk.fetchItems([ref(subject)], subjectContext(subject));
    expect(log).toEqual(['follow-up asked', 'lookup answered']);
    expect(found.links).toContainEqual({
      from: subject,
      to: 'jira:SHOP-101',
      via: 'mention',
      detail: 'comment',
    });
    expect(found.partial).toBeUndefined();
  });

  test("ServiceNow: the page incident's notes are asked by its number before the lookup answers", async () => {
    const both = (v: string) => ({ display_value: v, value: v });
    const record = {
      sys_id: both('46d44a23a9fe19810012d100cca80666'),
      number: both('INC0010001'),
      short_description: both('Checkout fails'),
      state: both('1'),
    };
    const isNotes = (sent: Sent) => sent.url.searchParams.get('sysparm_query') === 'number=INC0010001';
    const { fetch, log } = heldFetch(
      (sent) => !isNotes(sent),
      isNotes,
      (sent) =>
        isNotes(sent)
          ? json({
              result: [
                {
                  sys_id: '46d44a23a9fe19810012d100cca80666',
                  number: 'INC0010001',
                  work_notes: 'Caused by SHOP-101',
                  comments: '',
                },
              ],
            })
          : json({ result: [record] }),
    );
    const servicenow = createServiceNowProvider({ connection: connections.servicenow, fetch, retries: 0 });
    const found = await servicenow.fetchItems(
      [ref('servicenow:INC0010001')],
      subjectContext('servicenow:INC0010001'),
    );
    expect(log).toEqual(['follow-up asked', 'lookup answered']);
    expect(found.links).toContainEqual({
      from: 'servicenow:INC0010001',
      to: 'jira:SHOP-101',
      via: 'mention',
      detail: 'work notes',
    });
    expect(found.partial).toBeUndefined();
  });
});
