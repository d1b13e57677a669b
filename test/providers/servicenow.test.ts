import { beforeEach, describe, expect, test } from 'vitest';
import { parseRef, type Ref } from '../../src/core/refs';
import { resetRateLimitState } from '../../src/providers/http';
import type { Target } from '../../src/providers/mentions';
import { createServiceNowProvider } from '../../src/systems/servicenow/provider';
import { connections, context, fakeFetch, json } from './fixtures';

beforeEach(() => resetRateLimitState());

const refs = (...list: string[]) => list.map((r) => parseRef(r) as Ref);
/** An incident as the Table API answers `sysparm_display_value=all`. */
const incident = (number: string, description = '') => {
  const both = (v: string) => ({ display_value: v, value: v });
  return {
    sys_id: both(`sys-${number}`),
    number: both(number),
    short_description: both(`Incident ${number}`),
    description: both(description),
    state: { display_value: 'New', value: '1' },
    priority: { display_value: '3 - Moderate', value: '3' },
  };
};

/**
 * An instance drops a condition it finds invalid and answers with whatever the rest selects, up to every row
 * (glide.invalid_query.returns_no_rows is false by default: the replica's servicenow/query.ts cites the docs).
 * Liaison shows only rows it can tell apart as what it asked for.
 */
describe('ServiceNow rows the query did not select', () => {
  test('a lookup by number keeps only the numbers asked for, whatever else the instance answers', async () => {
    const { fetch } = fakeFetch(() =>
      json({ result: [incident('INC0010001'), incident('INC0000060'), incident('INC0000061')] }),
    );
    const provider = createServiceNowProvider({ connection: connections.servicenow, fetch, retries: 0 });
    const found = await provider.fetchItems(refs('servicenow:INC0010001'), context);
    expect(found.items.map((i) => i.ref)).toEqual(['servicenow:INC0010001']);
  });

  test('a reverse lookup keeps only rows whose fields read name a target', async () => {
    const shop101: Target = {
      ref: 'jira:SHOP-101',
      system: 'jira',
      key: 'SHOP-101',
      url: 'https://acme.atlassian.net/browse/SHOP-101',
    };
    // every row of the table: the instance dropped the search's conditions on fields it does not have
    const { fetch } = fakeFetch((sent) =>
      sent.url.searchParams.get('sysparm_limit') === '1'
        ? json({ result: [{ number: 'INC0000001' }] })
        : json({
            result: [
              incident('INC0010006'),
              incident('INC0010001', 'Blocked by SHOP-101'),
              incident('INC0000060'),
            ],
          }),
    );
    const provider = createServiceNowProvider({
      connection: connections.servicenow,
      fetch,
      retries: 0,
      searchFields: ['u_summary'],
      keyFields: ['u_missing_key'],
    });
    const round = await provider.fetchAndFind?.(refs('servicenow:INC0010006'), [shop101], context);
    expect(round?.fetched.items.map((i) => i.ref)).toEqual(['servicenow:INC0010006']);
    expect(round?.referencing.items.map((i) => i.ref)).toEqual(['servicenow:INC0010001']);
  });
});
