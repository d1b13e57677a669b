import { describe, expect, test } from 'vitest';
import {
  codeFence,
  type ExtractOptions,
  extractAll,
  extractRefs,
  markdownSegments,
  refsIn,
} from '../../src/core/extract';
import { canonicalRef, displayKey, parseRef } from '../../src/core/refs';
import { acceptAnyJiraKey, jiraFromUrlsOnly, preferJiraConnection } from '../../src/systems/jira/grammar';

/** Two Jira connections, two ServiceNow instances, github.com and one Enterprise host, one Zendesk. */
const options: ExtractOptions = {
  jira: [
    { projectKeys: new Set(['SHOP', 'OPS', 'SUP']), baseUrl: 'https://acme.atlassian.net' },
    { host: 'jira.acme.com', projectKeys: new Set(['PLAT', 'OPS']), baseUrl: 'https://jira.acme.com/jira' },
  ],
  servicenow: [
    { baseUrl: 'https://acme.service-now.com' },
    { host: 'other.service-now.com', baseUrl: 'https://other.service-now.com' },
  ],
  githubHosts: ['github.com', 'ghe.acme.com'],
  zendeskSubdomains: ['acme'],
};
const sysId = '0123456789abcdef0123456789abcdef';
/** Each found reference with its text, to check positions at the same time. */
const found = (text: string, o: ExtractOptions = options, kind = {}) =>
  extractRefs(text, o, kind).map((f) => [f.canonical, text.slice(f.index, f.index + f.length)]);

describe('Jira keys', () => {
  test('a key belongs to the first connection whose projects hold it; later connections carry their host', () => {
    expect(refsIn('SHOP-1 PLAT-2 OPS-3 NOPE-4', options)).toEqual([
      'jira:SHOP-1',
      'jira:jira.acme.com/PLAT-2',
      'jira:OPS-3',
    ]);
  });

  test('URLs of a connected Jira are its issues, whatever its project list says', () => {
    const urls = [
      'https://acme.atlassian.net/browse/SHOP-1',
      'https://acme.atlassian.net/browse/shop-2?focusedCommentId=10',
      'https://acme.atlassian.net/jira/software/projects/SHOP/boards/1?selectedIssue=SHOP-3',
      'https://acme.atlassian.net/jira/software/c/projects/SHOP/boards/1/backlog?selectedIssue=NEW-4',
      'https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/SUP-7',
      'https://acme.atlassian.net/jira/software/c/projects/SHOP/issues/SHOP-8',
      'https://acme.atlassian.net/servicedesk/customer/portal/2/SUP-9',
      'https://jira.acme.com/jira/browse/NEW-5',
      'https://jira.acme.com/jira/secure/RapidBoard.jspa?rapidView=3&selectedIssue=PLAT-6',
    ];
    expect(found(urls.join('\n'))).toEqual([
      ['jira:SHOP-1', urls[0]],
      ['jira:SHOP-2', urls[1]],
      ['jira:SHOP-3', urls[2]],
      ['jira:NEW-4', urls[3]],
      ['jira:SUP-7', urls[4]],
      ['jira:SHOP-8', urls[5]],
      ['jira:SUP-9', urls[6]],
      ['jira:jira.acme.com/NEW-5', urls[7]],
      ['jira:jira.acme.com/PLAT-6', urls[8]],
    ]);
  });

  test('a board URL without a selected issue, or a queue URL whose key is of another project, is no issue', () => {
    expect(found('https://acme.atlassian.net/jira/software/projects/SHOP/boards/1')).toEqual([]);
    expect(found('https://acme.atlassian.net/jira/servicedesk/projects/SUP/queues/custom/1/NEW-7')).toEqual(
      [],
    );
  });

  test('a key in the URL of a site that is not connected is read as text', () => {
    expect(found('https://other.atlassian.net/browse/SHOP-1')).toEqual([['jira:SHOP-1', 'SHOP-1']]);
    expect(found('https://other.atlassian.net/browse/NEW-1')).toEqual([]);
  });

  test('branch names', () => {
    expect(found('fix/SHOP-101-checkout-timeout feature/PLAT-7')).toEqual([
      ['jira:SHOP-101', 'SHOP-101'],
      ['jira:jira.acme.com/PLAT-7', 'PLAT-7'],
    ]);
  });
});

describe('look-alikes never become references', () => {
  const lookAlikes =
    'UTF-8 UTF-16 SHA-256 SHA-1 ISO-8601 CVE-2024-12345 CWE-79 RFC-2119 UTC-5 GMT-8 v2.4.1 1.2.3-rc.1 ' +
    'deadbeef1234 da39a3ee5e6b4b0d3255bfef95601890afd80709 DA39A3EE5E6B4B0D3255BFEF95601890AFD80709 ' +
    'v2.4-1 2024-01-02 TLS-1 HTTP-2 ES-6 PHP-8 GPT-4 RC-1 #fff #123';

  test('with unknown project keys', () => {
    expect(refsIn(lookAlikes, { jira: [{ projectKeys: 'any' }] })).toEqual([]);
    expect(refsIn(lookAlikes, { jiraProjectKeys: 'any' })).toEqual([]);
  });

  test('standards stay standards even where a project of that name exists', () => {
    const known = new Set(['UTF', 'SHA', 'ISO', 'CVE', 'TLS']);
    expect(
      refsIn('UTF-8 SHA-256 ISO-8601 CVE-2024-12345 TLS-13', { jira: [{ projectKeys: known }] }),
    ).toEqual(['jira:TLS-13']);
  });
});

describe('ServiceNow', () => {
  test('numbers with a known prefix and 7 to 10 digits, and configured prefixes', () => {
    const text = 'INC0012345 PRB0040001 CHG0030001 RITM0010001 KB0010001 TASK0010001 SCTASK0010001 CS0012345';
    expect(refsIn(text, options)).toEqual([
      'servicenow:INC0012345',
      'servicenow:PRB0040001',
      'servicenow:CHG0030001',
      'servicenow:RITM0010001',
      'servicenow:KB0010001',
      'servicenow:TASK0010001',
      'servicenow:SCTASK0010001',
    ]);
    expect(refsIn('CS0012345 and wo0012345', { ...options, servicenowPrefixes: ['cs', 'WO'] })).toEqual([
      'servicenow:CS0012345',
    ]);
    expect(refsIn('INC001234 XINC0012345 INC0012345X inc0012345', options)).toEqual([]);
  });

  test('in branch names', () => {
    expect(refsIn('fix/INC0010001-timeout INC0010002_x', options)).toEqual(['servicenow:INC0010001']);
  });

  test('URLs of a connected instance: by number a reference, with the host of a second instance', () => {
    const urls = [
      'https://acme.service-now.com/nav_to.do?uri=incident.do?sysparm_query=number=INC0010001',
      'https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsysparm_query%3Dnumber%3DINC0010002%5Eactive%3Dtrue',
      'https://other.service-now.com/incident.do?sysparm_query=number=INC0010003',
      'https://acme.service-now.com/now/nav/ui/classic/params/target/incident.do%3Fsysparm_query%3Dnumber%3DPRB0040001',
    ];
    expect(found(urls.join(' '))).toEqual([
      ['servicenow:INC0010001', urls[0]],
      ['servicenow:INC0010002', urls[1]],
      ['servicenow:other.service-now.com/INC0010003', urls[2]],
      ['servicenow:PRB0040001', urls[3]],
    ]);
  });

  test('URLs by sys_id are record locators for a provider to resolve, not references', () => {
    const urls = [
      `https://acme.service-now.com/incident.do?sys_id=${sysId}`,
      `https://acme.service-now.com/nav_to.do?uri=incident.do?sys_id=${sysId}`,
      `https://acme.service-now.com/nav_to.do?uri=%2Fproblem.do%3Fsys_id%3D${sysId}%26sysparm_view%3Dess`,
      `https://other.service-now.com/now/sow/record/incident/${sysId}`,
      `https://acme.service-now.com/now/workspace/agent/record/sc_req_item/${sysId.toUpperCase()}/sub`,
      `https://acme.service-now.com/sp?id=ticket&table=incident&sys_id=${sysId}`,
    ];
    const text = `${urls.join(' and ')} INC0010001`;
    expect(extractRefs(text, options).map((f) => f.canonical)).toEqual(['servicenow:INC0010001']);
    expect(
      extractAll(text, options).map((f) =>
        f.kind === 'record' ? [f.record, text.slice(f.index, f.index + f.length)] : f.canonical,
      ),
    ).toEqual([
      [{ system: 'servicenow', table: 'incident', sysId }, urls[0]],
      [{ system: 'servicenow', table: 'incident', sysId }, urls[1]],
      [{ system: 'servicenow', table: 'problem', sysId }, urls[2]],
      [{ system: 'servicenow', host: 'other.service-now.com', table: 'incident', sysId }, urls[3]],
      [{ system: 'servicenow', table: 'sc_req_item', sysId }, urls[4]],
      [{ system: 'servicenow', table: 'incident', sysId }, urls[5]],
      'servicenow:INC0010001',
    ]);
  });

  test('without a list of instances, any *.service-now.com URL counts, as the first', () => {
    const url = 'https://dev1.service-now.com/incident.do?sysparm_query=number=INC0010001';
    expect(found(url, {})).toEqual([['servicenow:INC0010001', url]]);
  });
});

describe('Zendesk', () => {
  test('ticket URLs: agent, legacy, help-center requests, API', () => {
    const urls = [
      'https://acme.zendesk.com/agent/tickets/4711',
      'https://acme.zendesk.com/tickets/4712',
      'https://acme.zendesk.com/hc/en-us/requests/4713',
      'https://acme.zendesk.com/hc/requests/4714',
      'https://acme.zendesk.com/api/v2/tickets/4715.json',
    ];
    expect(found(urls.join(', '))).toEqual(urls.map((u, i) => [`zendesk:acme/${4711 + i}`, u]));
    expect(found('https://other.zendesk.com/agent/tickets/1')).toEqual([]);
    expect(found('https://other.zendesk.com/agent/tickets/1', {})).toEqual([
      ['zendesk:other/1', 'https://other.zendesk.com/agent/tickets/1'],
    ]);
  });

  test('configured prefixes are Zendesk ids, never Jira keys, on a Zendesk page or off it', () => {
    const zd = { ...options, jira: [{ projectKeys: 'any' as const }], zendeskPrefixes: ['ZD'] };
    expect(refsIn('ZD-34 and AB-1', zd)).toEqual(['zendesk:acme/34', 'jira:AB-1']);
    expect(refsIn('ZD-34', { ...zd, zendeskSubdomain: 'beta' })).toEqual(['zendesk:beta/34']);
    expect(refsIn('ZD-34', { ...zd, zendeskSubdomains: [] as string[] })).toEqual([]);
  });

  test('#123 only on a Zendesk page', () => {
    expect(refsIn('see #12, &#39; #x1 a#3', options)).toEqual([]);
    expect(found('see #12, &#39; #x1 a#3', { ...options, zendeskSubdomain: 'acme' })).toEqual([
      ['zendesk:acme/12', '#12'],
    ]);
  });
});

describe('GitHub', () => {
  test('owner/repo#N', () => {
    expect(found('acme/web#7 (Acme/Shop-API#42) a/b/c#1 x#2')).toEqual([
      ['github:acme/web#7', 'acme/web#7'],
      ['github:acme/shop-api#42', 'Acme/Shop-API#42'],
    ]);
  });

  test('owner/repo#N is the Enterprise host when only Enterprise is connected', () => {
    expect(refsIn('acme/web#7', { githubHosts: ['ghe.acme.com'], githubShortHost: 'ghe.acme.com' })).toEqual([
      'github:ghe.acme.com/acme/web#7',
    ]);
  });

  test('PR, issue and commit URLs on github.com and configured Enterprise hosts', () => {
    const urls = [
      'https://github.com/Acme/Shop-API/pull/42',
      'https://github.com/acme/shop-api/pull/43/files',
      'https://github.com/acme/shop-api/pull/44/commits/0f1e2d3c4b5a',
      'https://github.com/acme/shop-api/issues/45#issuecomment-1',
      'https://github.com/acme/shop-api/commit/DA39A3EE5E6B4B0D3255BFEF95601890AFD80709',
      'https://ghe.acme.com/octo/app/pull/3',
      'https://ghe.acme.com/octo/app/commit/abcdef1',
    ];
    expect(found(urls.join(' '))).toEqual([
      ['github:acme/shop-api#42', urls[0]],
      ['github:acme/shop-api#43', urls[1]],
      ['github:acme/shop-api#44', urls[2]],
      ['github:acme/shop-api#45', urls[3]],
      ['github:acme/shop-api@da39a3ee5e6b4b0d3255bfef95601890afd80709', urls[4]],
      ['github:ghe.acme.com/octo/app#3', urls[5]],
      ['github:ghe.acme.com/octo/app@abcdef1', urls[6]],
    ]);
    expect(found('https://evil.example/octo/app/pull/4 https://github.com/acme/shop/tree/main')).toEqual([]);
  });

  test('trailing punctuation and brackets are not part of a URL', () => {
    const url = 'https://github.com/acme/web/pull/9';
    for (const text of [
      `(${url})`,
      `[PR](${url}).`,
      `see ${url}, then`,
      `**${url}**`,
      `<${url}>`,
      `"${url}"`,
    ]) {
      expect(found(text)).toEqual([['github:acme/web#9', url]]);
    }
  });
});

describe('code counts only as full URLs', () => {
  const code = 'SHOP-1 INC0010001 acme/web#7 https://github.com/acme/web/pull/9 x';

  test('{code: true}', () => {
    expect(refsIn(code, options)).toEqual([
      'jira:SHOP-1',
      'servicenow:INC0010001',
      'github:acme/web#7',
      'github:acme/web#9',
    ]);
    expect(found(code, options, { code: true })).toEqual([
      ['github:acme/web#9', 'https://github.com/acme/web/pull/9'],
    ]);
  });

  test('markdown: fenced blocks and inline code spans', () => {
    const text = `SUP-1 \`SHOP-2\` \`\`OPS-3 \` PLAT-4\`\` SHOP-5\n\`\`\`js\n${code}\n\`\`\`\nSHOP-6\n~~~\nSHOP-7\n~~~~\nSHOP-8`;
    expect(refsIn(text, options, { markdown: true })).toEqual([
      'jira:SUP-1',
      'jira:SHOP-5',
      'github:acme/web#9',
      'jira:SHOP-6',
      'jira:SHOP-8',
    ]);
    expect(refsIn('```\nSHOP-1 never closed', options, { markdown: true })).toEqual([]);
    expect(refsIn('an `unclosed SHOP-1', options, { markdown: true })).toEqual(['jira:SHOP-1']);
  });

  test('markdown segments cover the text exactly', () => {
    const text = 'a `b` c\n```\nd\n```\ne';
    expect(markdownSegments(text)).toEqual([
      { start: 0, end: 2, code: false },
      { start: 2, end: 5, code: true },
      { start: 5, end: 8, code: false },
      { start: 8, end: 18, code: true },
      { start: 18, end: 19, code: false },
    ]);
  });

  test('codeFence marks any text as code, backticks and fences included', () => {
    const hostile = 'SHOP-1\n```\nSHOP-2 `` ` https://github.com/acme/web/pull/9\n````';
    const page = `SUP-1 ${codeFence(hostile)} SUP-2`;
    expect(refsIn(page, options, { markdown: true })).toEqual([
      'jira:SUP-1',
      'github:acme/web#9',
      'jira:SUP-2',
    ]);
  });
});

describe('canonical references', () => {
  test('commits', () => {
    expect(canonicalRef('github:Acme/Web@ABCDEF1')).toBe('github:acme/web@abcdef1');
    expect(canonicalRef('github:GHE.acme.com/Acme/Web@abcdef1')).toBe('github:ghe.acme.com/acme/web@abcdef1');
    expect(canonicalRef('github:acme/web@abc')).toBeUndefined();
    const commit = parseRef('github:acme/web@da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(commit && displayKey(commit)).toBe('acme/web@da39a3e');
  });

  test('github.com is never a host tag; hosts with ports are', () => {
    expect(canonicalRef('github:github.com/acme/web#1')).toBe('github:acme/web#1');
    expect(canonicalRef('jira:Jira.Acme.com:8443/abc-1')).toBe('jira:jira.acme.com:8443/ABC-1');
    expect(canonicalRef('zendesk:acme/0')).toBeUndefined();
  });
});

describe('options for one connection at a time', () => {
  test('the single-Jira fields still work', () => {
    expect(refsIn('SHOP-1 OPS-2', { jiraProjectKeys: new Set(['SHOP']), jiraHost: 'jira.acme.com' })).toEqual(
      ['jira:jira.acme.com/SHOP-1'],
    );
  });

  test('jiraFromUrlsOnly: no keys from text, Jira URLs still', () => {
    const text = 'SHOP-1 https://jira.acme.com/jira/browse/PLAT-2';
    expect(refsIn(text, jiraFromUrlsOnly(options))).toEqual(['jira:jira.acme.com/PLAT-2']);
  });

  test('acceptAnyJiraKey: an unknown project goes to the first connection, a known one to its own', () => {
    expect(refsIn('NEW-1 PLAT-2', acceptAnyJiraKey(options))).toEqual([
      'jira:NEW-1',
      'jira:jira.acme.com/PLAT-2',
    ]);
    expect(refsIn('NEW-1', acceptAnyJiraKey({}))).toEqual(['jira:NEW-1']);
  });

  test("preferJiraConnection: a connection's own texts name its own issues first", () => {
    expect(refsIn('OPS-1 SHOP-2', preferJiraConnection(options, 'jira.acme.com'))).toEqual([
      'jira:jira.acme.com/OPS-1',
      'jira:SHOP-2',
    ]);
    expect(
      refsIn('SHOP-1', preferJiraConnection({ jiraProjectKeys: new Set(['SHOP']) }, 'x.acme.com')),
    ).toEqual(['jira:x.acme.com/SHOP-1']);
    expect(preferJiraConnection({}, 'x.acme.com')).toEqual({});
  });
});
