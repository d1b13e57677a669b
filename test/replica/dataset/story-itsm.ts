/**
 * The fixed story, service side: ServiceNow incidents INC0010001–INC0010007 (plus a problem and a change),
 * their task SLAs, and Zendesk tickets 4711 / 4712.
 * Which record mentions which key, and how, is deliberate: INC0010001 in short_description,
 * INC0010002 in description, INC0010003 only through the u_jira_key column.
 */
import { snowSysId } from './story-jira.ts';
import type { SnowRecord, SnowSla, ZendeskTicket } from './types.ts';

/** Proves escaping on every page and panel that shows it. */
export const hostileText = '<img src=x onerror=alert(1)> "quotes" & ampersands';

function inc(
  r: Omit<SnowRecord, 'table' | 'sysId' | 'workNotes' | 'comments'> & Partial<SnowRecord>,
): SnowRecord {
  return { table: 'incident', sysId: snowSysId(r.number), workNotes: [], comments: [], ...r };
}

export function storySnow(): SnowRecord[] {
  return [
    inc({
      number: 'INC0010001',
      shortDescription: 'Checkout times out for large carts (SHOP-101)',
      description: 'Globex buyers cannot complete orders with more than 50 lines; payment page times out.',
      state: 2,
      priority: 1,
      impact: 1,
      urgency: 1,
      callerKey: 'carla',
      companyKey: 'globex',
      assignedToKey: 'sam',
      assignmentGroup: 'Service Desk',
      category: 'software',
      openedAt: '2026-03-03T08:05:00Z',
      updatedAt: '2026-03-11T09:30:00Z',
      madeSla: false,
      workNotes: [
        { authorKey: 'sam', at: '2026-03-03T09:00:00Z', text: 'Engineering tracks this as a Jira bug.' },
      ],
    }),
    inc({
      number: 'INC0010002',
      shortDescription: 'Orders with many items fail at payment',
      description: 'Initech reports timeouts at checkout for big orders. Engineering bug: SHOP-101.',
      state: 3,
      priority: 2,
      impact: 2,
      urgency: 1,
      callerKey: 'bill',
      companyKey: 'initech',
      assignedToKey: 'sam',
      assignmentGroup: 'Service Desk',
      category: 'software',
      openedAt: '2026-03-04T14:20:00Z',
      updatedAt: '2026-03-09T10:00:00Z',
      madeSla: true,
    }),
    inc({
      number: 'INC0010003',
      shortDescription: 'Bulk order page spins and gives up',
      description: 'Reported by the Globex purchasing team; workaround: split the order.',
      state: 6,
      priority: 3,
      impact: 2,
      urgency: 2,
      callerKey: 'dana',
      companyKey: 'globex',
      assignedToKey: 'sam',
      assignmentGroup: 'Service Desk',
      category: 'software',
      openedAt: '2026-03-05T11:00:00Z',
      updatedAt: '2026-03-12T12:00:00Z',
      resolvedAt: '2026-03-12T12:00:00Z',
      madeSla: true,
      jiraKey: 'SHOP-101',
    }),
    inc({
      number: 'INC0010004',
      shortDescription: 'Mobile app ignores coupon codes (SHOP-102)',
      description: 'Customers on the iOS app see full price although the coupon was accepted.',
      state: 2,
      priority: 2,
      impact: 2,
      urgency: 1,
      callerKey: 'milton',
      companyKey: 'initech',
      assignmentGroup: 'Service Desk',
      category: 'software',
      openedAt: '2026-03-09T09:00:00Z',
      updatedAt: '2026-03-14T09:00:00Z',
      madeSla: true,
    }),
    inc({
      number: 'INC0010005',
      shortDescription: 'SSO users get an error page at login',
      description:
        'Umbrella staff using SSO see HTTP 500 after the identity provider redirect. Tracked in OPS-12.',
      state: 1,
      priority: 3,
      impact: 2,
      urgency: 2,
      callerKey: 'alice',
      companyKey: 'umbrella',
      assignmentGroup: 'Identity',
      category: 'network',
      openedAt: '2026-03-11T10:00:00Z',
      updatedAt: '2026-03-11T10:00:00Z',
      madeSla: true,
    }),
    inc({
      number: 'INC0010006',
      shortDescription: hostileText,
      description: `Pasted from the customer's e-mail: ${hostileText}. Looks like SHOP-102 again.`,
      state: 2,
      priority: 4,
      impact: 3,
      urgency: 2,
      callerKey: 'milton',
      companyKey: 'initech',
      assignmentGroup: 'Service Desk',
      category: 'inquiry',
      openedAt: '2026-03-13T15:00:00Z',
      updatedAt: '2026-03-13T15:00:00Z',
      madeSla: true,
    }),
    inc({
      number: 'INC0010007',
      shortDescription: 'Billing export is missing rows (PLAT-5)',
      description: 'Finance sees fewer invoices in the nightly export than in the portal.',
      state: 7,
      priority: 3,
      impact: 2,
      urgency: 2,
      callerKey: 'carla',
      companyKey: 'globex',
      assignedToKey: 'sam',
      assignmentGroup: 'Billing',
      category: 'software',
      openedAt: '2026-02-11T10:00:00Z',
      updatedAt: '2026-03-02T10:00:00Z',
      resolvedAt: '2026-02-28T10:00:00Z',
      closedAt: '2026-03-02T10:00:00Z',
      madeSla: true,
    }),
    {
      ...inc({
        number: 'PRB0040001',
        shortDescription: 'Checkout degradation for large carts',
        description: 'Problem record for the checkout timeouts; root cause in SHOP-101.',
        state: 3,
        priority: 2,
        impact: 1,
        urgency: 2,
        assignmentGroup: 'Problem Management',
        category: 'software',
        openedAt: '2026-03-06T09:00:00Z',
        updatedAt: '2026-03-12T09:00:00Z',
        madeSla: true,
      }),
      table: 'problem',
    },
    {
      ...inc({
        number: 'CHG0030001',
        shortDescription: 'Deploy shop-api 2.4.1',
        description: 'Release v2.4.1 with the checkout fix for SHOP-101.',
        state: 3,
        priority: 3,
        impact: 2,
        urgency: 2,
        assignedToKey: 'sam',
        assignmentGroup: 'Change Management',
        category: 'software',
        openedAt: '2026-03-11T16:00:00Z',
        updatedAt: '2026-03-12T10:30:00Z',
        closedAt: '2026-03-12T10:30:00Z',
        madeSla: true,
      }),
      table: 'change_request',
    },
    {
      // A catalog request (sc_request; its items would be RITM… in sc_req_item), linked to nothing.
      ...inc({
        number: 'REQ0010001',
        shortDescription: 'New laptop for a joiner in Support',
        description: 'Standard laptop bundle, delivered to the London office.',
        state: 1,
        priority: 4,
        impact: 3,
        urgency: 3,
        callerKey: 'carla',
        assignedToKey: 'sam',
        assignmentGroup: 'Service Desk',
        category: 'hardware',
        openedAt: '2026-03-09T11:00:00Z',
        updatedAt: '2026-03-09T11:00:00Z',
        madeSla: true,
      }),
      table: 'sc_request',
    },
  ];
}

export function storySlas(): SnowSla[] {
  const sla = (
    number: string,
    name: string,
    rest: Omit<SnowSla, 'sysId' | 'taskSysId' | 'name'>,
  ): SnowSla => ({
    sysId: snowSysId(`sla:${number}:${name}`),
    taskSysId: snowSysId(number),
    name,
    ...rest,
  });
  return [
    sla('INC0010001', 'Priority 1 resolution (4 hour)', {
      stage: 'in_progress',
      hasBreached: true,
      percentage: 4650,
      startTime: '2026-03-03T08:05:00Z',
      plannedEndTime: '2026-03-03T12:05:00Z',
    }),
    sla('INC0010002', 'Priority 2 resolution (8 hour)', {
      stage: 'paused',
      hasBreached: false,
      percentage: 62,
      startTime: '2026-03-04T14:20:00Z',
      plannedEndTime: '2026-03-04T22:20:00Z',
    }),
    sla('INC0010003', 'Priority 3 resolution (3 day)', {
      stage: 'completed',
      hasBreached: false,
      percentage: 88,
      startTime: '2026-03-05T11:00:00Z',
      plannedEndTime: '2026-03-08T11:00:00Z',
      endTime: '2026-03-12T12:00:00Z',
    }),
  ];
}

export function storyTickets(): ZendeskTicket[] {
  return [
    {
      id: 4711,
      subject: 'Checkout spins forever with big orders',
      description:
        'When we order more than 50 items the checkout never finishes. This blocks our weekly restock.',
      status: 'open',
      priority: 'urgent',
      type: 'incident',
      requesterKey: 'carla',
      orgKey: 'globex',
      assigneeKey: 'zoe',
      tags: ['checkout', 'enterprise'],
      createdAt: '2026-03-03T07:50:00Z',
      updatedAt: '2026-03-11T08:00:00Z',
      jiraKey: 'SHOP-101',
      satisfaction: {
        id: 5001,
        score: 'bad',
        comment: 'Still broken after a week.',
        at: '2026-03-10T08:00:00Z',
      },
      comments: [
        {
          authorKey: 'carla',
          at: '2026-03-03T07:50:00Z',
          text: 'Checkout never finishes for our large orders.',
          public: true,
        },
        {
          authorKey: 'zoe',
          at: '2026-03-03T09:10:00Z',
          text: 'Linked to the engineering bug.',
          public: false,
        },
      ],
    },
    {
      id: 4712,
      subject: 'Large basket checkout error',
      description: 'Same as the known checkout bug SHOP-101: baskets over 50 lines time out.',
      status: 'pending',
      priority: 'normal',
      type: 'question',
      requesterKey: 'bill',
      orgKey: 'initech',
      assigneeKey: 'zoe',
      tags: ['checkout'],
      createdAt: '2026-03-06T12:00:00Z',
      updatedAt: '2026-03-09T12:00:00Z',
      satisfaction: { id: 5002, score: 'offered', at: '2026-03-09T12:00:00Z' },
      comments: [
        { authorKey: 'bill', at: '2026-03-06T12:00:00Z', text: 'Large basket checkout error.', public: true },
      ],
    },
  ];
}
