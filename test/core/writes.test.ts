import { describe, expect, test } from 'vitest';
import { markerLine, markersIn, markerToken, writePlanSchema } from '../../src/core/writes';

describe('write markers', () => {
  test('the same write gets the same token; any other part makes another', () => {
    const a = markerToken('tell', ['jira:SHOP-101', 'merged', 'zendesk:acme/4711']);
    expect(a).toMatch(/^liaison:v1:tell:[0-9a-f]{16}$/);
    expect(markerToken('tell', ['jira:SHOP-101', 'merged', 'zendesk:acme/4711'])).toBe(a);
    expect(markerToken('tell', ['jira:SHOP-101', 'merged', 'zendesk:acme/4712'])).not.toBe(a);
    expect(markerToken('tell', ['jira:SHOP-101', 'released:2.4.1', 'zendesk:acme/4711'])).not.toBe(a);
    expect(markerToken('link', ['jira:SHOP-101', 'merged', 'zendesk:acme/4711'])).not.toBe(a);
    // Parts are not glued: ["ab", "c"] and ["a", "bc"] are different writes.
    expect(markerToken('link', ['ab', 'c'])).not.toBe(markerToken('link', ['a', 'bc']));
  });

  test('a token holds nothing of what it names (it is posted where others read it)', () => {
    const token = markerToken('link', ['servicenow:INC0012345', 'jira:SHOP-101']);
    expect(token).not.toContain('INC');
    expect(token).not.toContain('SHOP');
  });

  test('tokens are found in a note however the system rendered it, and only real ones', () => {
    const token = markerToken('link', ['zendesk:acme/4711', 'jira:SHOP-101']);
    const bodies = [
      `Linked to bug SHOP-101\n${markerLine(token)}`,
      `<p>Linked to bug SHOP-101</p><p>${markerLine(token)}</p>`,
      `Linked\n<!-- ${token} -->`,
      `[code]${markerLine(token)}[/code]`,
    ];
    for (const body of bodies) expect(markersIn(body)).toEqual([token]);
    expect(markersIn('liaison:v1:tell:123')).toEqual([]);
    expect(markersIn('liaison:v2:tell:0123456789abcdef')).toEqual([]);
  });

  test('reading tokens is bounded', () => {
    const token = markerToken('kb', ['jira:SHOP-1']);
    expect(markersIn(`${token} `.repeat(1000), 100)).toHaveLength(100);
  });

  test('a plan from the background is bounded when validated', () => {
    const step = {
      id: 's',
      ref: 'jira:SHOP-1',
      key: 'SHOP-1',
      title: 't',
      url: 'https://acme.atlassian.net/browse/SHOP-1',
      system: 'jira',
      connectionId: 'jira',
      where: 'Remote link on SHOP-1',
      text: 'x',
      marker: 'liaison:v1:zendesk:acme/1',
      state: 'new',
      chosen: true,
    };
    const plan = {
      planId: 'p',
      kind: 'link-bug',
      subject: 'zendesk:acme/1',
      summary: 's',
      steps: [step],
      notes: [],
    };
    expect(writePlanSchema.safeParse(plan).success).toBe(true);
    expect(writePlanSchema.safeParse({ ...plan, steps: Array(51).fill(step) }).success).toBe(false);
    expect(writePlanSchema.safeParse({ ...plan, kind: 'delete-everything' }).success).toBe(false);
  });
});
