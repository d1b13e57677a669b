import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { codeFence, type ExtractOptions, extractRefs } from '../../src/core/extract';
import { canonicalRef, formatRef, parseRef, type Ref } from '../../src/core/refs';

/**
 * Properties of the reference grammar (DESIGN.md "References"): canonical strings round-trip, text without a
 * known prefix yields nothing, positions are exact for linkifying, and unrelated text never changes what is found.
 */

const hostLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,6}[a-z0-9])?$/);
const host = fc
  .tuple(fc.array(hostLabel, { minLength: 2, maxLength: 4 }), fc.option(fc.integer({ min: 1, max: 65535 })))
  .map(([labels, port]) => `${labels.join('.')}${port === null ? '' : `:${port}`}`)
  .filter((h) => h !== 'github.com');
const mixedCase = (s: string, flips: boolean[]) =>
  [...s].map((c, i) => (flips[i % flips.length] ? c.toUpperCase() : c.toLowerCase())).join('');
const owner = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/);
const repo = fc.stringMatching(/^[a-z0-9_][\w.-]{0,15}$/).map((r) => r.toLowerCase());
const issueNumber = fc.integer({ min: 1, max: 10 ** 9 });
const projectKey = fc.stringMatching(/^[A-Z][A-Z0-9_]{1,9}$/);
const jiraKey = fc.tuple(projectKey, fc.integer({ min: 1, max: 9_999_999 })).map(([p, n]) => `${p}-${n}`);
const snPrefix = fc.constantFrom(
  'INC',
  'PRB',
  'CHG',
  'RITM',
  'KB',
  'TASK',
  'REQ',
  'SCTASK',
  'PTASK',
  'CTASK',
);
const snNumber = fc
  .tuple(snPrefix, fc.stringMatching(/^\d{7,10}$/))
  .map(([prefix, digits]) => `${prefix}${digits}`);
const subdomain = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const sha = fc.stringMatching(/^[0-9a-f]{7,40}$/);

const anyRef: fc.Arbitrary<Ref> = fc.oneof(
  fc.record(
    { system: fc.constant('github' as const), host, owner, repo, number: issueNumber },
    { requiredKeys: ['system', 'owner', 'repo', 'number'] },
  ),
  fc.record(
    { system: fc.constant('github' as const), host, owner, repo, sha },
    { requiredKeys: ['system', 'owner', 'repo', 'sha'] },
  ),
  fc.record(
    { system: fc.constant('jira' as const), host, key: jiraKey },
    { requiredKeys: ['system', 'key'] },
  ),
  fc.record(
    { system: fc.constant('servicenow' as const), host, number: snNumber },
    { requiredKeys: ['system', 'number'] },
  ),
  fc.record({
    system: fc.constant('zendesk' as const),
    subdomain,
    id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  }),
  // A Help Center article (`zendesk-hc:acme/360001234567`, DESIGN.md contract 6).
  fc.record({
    system: fc.constant('zendesk' as const),
    subdomain,
    id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    article: fc.constant(true as const),
  }),
);

describe('canonical strings', () => {
  test('parse(format(ref)) is the ref, and format(parse(s)) is s, for every system, with and without hosts', () => {
    fc.assert(
      fc.property(anyRef, (ref) => {
        const canonical = formatRef(ref);
        expect(parseRef(canonical)).toEqual(ref);
        expect(canonicalRef(canonical)).toBe(canonical);
      }),
    );
  });

  test('every spelling of a reference has the one canonical string', () => {
    fc.assert(
      fc.property(anyRef, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (ref, flips) => {
        const canonical = formatRef(ref);
        const [system = '', rest = ''] = canonical.split(/:(.*)/s);
        expect(canonicalRef(`${system}:${mixedCase(rest, flips)}`)).toBe(canonical);
      }),
    );
  });
});

/** Two Jira connections, two ServiceNow instances, github.com and an Enterprise host, Zendesk with a prefix. */
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
  zendeskSubdomains: ['acme', 'beta'],
  zendeskPrefixes: ['ZD'],
};
const onZendeskPage: ExtractOptions = { ...options, zendeskSubdomain: 'beta' };

/** A reference as it is written in text, and the canonical string it must be found as. */
interface Written {
  text: string;
  canonical: string;
}

const jiraConnections = [
  { base: 'https://acme.atlassian.net', tag: '' },
  { base: 'https://jira.acme.com/jira', tag: 'jira.acme.com/' },
];
const written: fc.Arbitrary<Written> = fc.oneof(
  // Jira keys in text: the first connection whose projects hold them
  fc.tuple(fc.constantFrom('SHOP', 'OPS', 'SUP', 'PLAT'), issueNumber).map(([p, n]) => ({
    text: `${p}-${n % 10_000_000 || 1}`,
    canonical: `jira:${p === 'PLAT' ? 'jira.acme.com/' : ''}${p}-${n % 10_000_000 || 1}`,
  })),
  // Jira URLs: any key, the connection the URL is on
  fc
    .tuple(fc.constantFrom(...jiraConnections), jiraKey, fc.integer({ min: 0, max: 3 }))
    .map(([{ base, tag }, key, form]) => {
      const project = key.split('-')[0];
      const path = [
        `/browse/${key}`,
        `/jira/software/projects/${project}/boards/1?selectedIssue=${key}`,
        `/jira/servicedesk/projects/${project}/queues/custom/1/${key}`,
        `/browse/${key.toLowerCase()}#comment`,
      ][form];
      return { text: `${base}${path}`, canonical: `jira:${tag}${key}` };
    }),
  // ServiceNow numbers in text are the first instance's; URLs the instance's they are on
  snNumber.map((n) => ({ text: n, canonical: `servicenow:${n}` })),
  fc.tuple(fc.constantFrom('acme', 'other'), snNumber, fc.boolean()).map(([instance, n, encoded]) => ({
    text: `https://${instance}.service-now.com/nav_to.do?uri=${encoded ? encodeURIComponent(`incident.do?sysparm_query=number=${n}`) : `incident.do?sysparm_query=number=${n}`}`,
    canonical: `servicenow:${instance === 'other' ? 'other.service-now.com/' : ''}${n}`,
  })),
  // GitHub
  fc
    .tuple(owner, repo, issueNumber)
    .map(([o, r, n]) => ({ text: `${o}/${r}#${n}`, canonical: `github:${o}/${r}#${n}` })),
  fc
    .tuple(
      fc.constantFrom('github.com', 'ghe.acme.com'),
      owner,
      repo,
      fc.constantFrom('pull', 'issues'),
      issueNumber,
    )
    .map(([h, o, r, kind, n]) => ({
      text: `https://${h}/${o}/${r}/${kind}/${n}`,
      canonical: `github:${h === 'github.com' ? '' : `${h}/`}${o}/${r}#${n}`,
    })),
  fc.tuple(owner, repo, sha).map(([o, r, s]) => ({
    text: `https://github.com/${o}/${r}/commit/${s}`,
    canonical: `github:${o}/${r}@${s}`,
  })),
  // Zendesk
  fc
    .tuple(
      fc.constantFrom('acme', 'beta'),
      fc.constantFrom('agent/tickets', 'tickets', 'hc/en-us/requests'),
      issueNumber,
    )
    .map(([s, path, n]) => ({
      text: `https://${s}.zendesk.com/${path}/${n}`,
      canonical: `zendesk:${s}/${n}`,
    })),
  fc.integer({ min: 1, max: 9_999_999 }).map((n) => ({ text: `ZD-${n}`, canonical: `zendesk:beta/${n}` })),
  fc.integer({ min: 1, max: 99_999_999 }).map((n) => ({ text: `#${n}`, canonical: `zendesk:beta/${n}` })),
);

/** Words no reference is made of: lower-case, digits, punctuation that does not join tokens. */
const unrelatedWord = fc
  .stringMatching(/^[a-z0-9.,;:!?()'"=+*%$~^-]{1,12}$/)
  .filter((w) => !/^[.,;:!?]/.test(w));
const unrelated = fc.array(unrelatedWord, { maxLength: 6 }).map((words) => words.join(' '));
const separator = fc.constantFrom(' ', '\n', ' - ', ', ', ' (', ') ', '\t', '; ', '. ', ' | ', ' > ');

describe('references in text', () => {
  test('random text and keys of projects no connection has yield nothing', () => {
    const chars = [
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      ...' \n-_.,;:!?()[]{}\'"/@$%&*+=<>~^|#',
    ];
    const unknownKey = fc
      .tuple(projectKey, fc.integer({ min: 1, max: 9_999_999 }))
      .filter(([p]) => !['SHOP', 'OPS', 'SUP', 'PLAT', 'ZD'].includes(p))
      .map(([p, n]) => `${p}-${n}`);
    const noise = fc.constantFrom(
      'UTF-8',
      'SHA-256',
      'ISO-8601',
      'CVE-2024-12345',
      'v2.4.1',
      '1.2.3-rc.1',
      'deadbeef1234',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    );
    const piece = fc.oneof(fc.string({ unit: fc.constantFrom(...chars), maxLength: 40 }), unknownKey, noise);
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }),
        fc.array(fc.constantFrom(' ', '', '\n', '/', '(')),
        (pieces, glue) => {
          const text = pieces.map((p, i) => `${p}${glue[i % Math.max(glue.length, 1)] ?? ' '}`).join('');
          // What would be a reference: a key of a known project or prefix, a ServiceNow number, owner/repo#N.
          fc.pre(!/(?<![\w.-])(SHOP|OPS|SUP|PLAT|ZD)-[1-9]/.test(text));
          fc.pre(!/(INC|PRB|CHG|RITM|KB|TASK|REQ)\d{7}/.test(text));
          fc.pre(!/[A-Za-z0-9]\/[\w.-]+#[1-9]/.test(text));
          expect(extractRefs(text, options)).toEqual([]);
        },
      ),
    );
  });

  test('every reference is found, in order, at exactly its text, none overlapping, whatever surrounds it', () => {
    const part = fc.tuple(unrelated, separator, written, separator);
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), unrelated, (parts, tail) => {
        let text = '';
        const expected: { index: number; length: number; canonical: string }[] = [];
        for (const [before, sep1, ref, sep2] of parts) {
          text += `${before}${sep1}`;
          expected.push({ index: text.length, length: ref.text.length, canonical: ref.canonical });
          text += `${ref.text}${sep2}`;
        }
        text += tail;
        const found = extractRefs(text, onZendeskPage);
        expect(found.map(({ index, length, canonical }) => ({ index, length, canonical }))).toEqual(expected);
        for (const [i, f] of found.entries()) {
          expect(text.slice(f.index, f.index + f.length)).toBe(parts[i]?.[2].text);
          const next = found[i + 1];
          if (next) expect(f.index + f.length).toBeLessThanOrEqual(next.index);
        }
      }),
    );
  });

  test('unrelated text around a reference changes nothing but its position', () => {
    fc.assert(
      fc.property(written, unrelated, separator, separator, unrelated, (ref, before, sep1, sep2, after) => {
        const alone = extractRefs(ref.text, onZendeskPage);
        const prefix = `${before}${sep1}`;
        const around = extractRefs(`${prefix}${ref.text}${sep2}${after}`, onZendeskPage);
        expect(alone.map((f) => f.canonical)).toEqual([ref.canonical]);
        expect(around).toEqual(alone.map((f) => ({ ...f, index: f.index + prefix.length })));
      }),
    );
  });

  test('in code only full URLs count, wherever the code sits in markdown', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(written, separator), { maxLength: 6 }), unrelated, (parts, prose) => {
        const code = parts.map(([ref, sep]) => `${ref.text}${sep}`).join('');
        const urls = extractRefs(code, onZendeskPage, { code: true }).map((f) => f.canonical);
        expect(urls).toEqual(
          parts.filter(([ref]) => ref.text.startsWith('https://')).map(([ref]) => ref.canonical),
        );
        const markdown = `${prose}\n${codeFence(code)}${prose}`;
        expect(extractRefs(markdown, onZendeskPage, { markdown: true }).map((f) => f.canonical)).toEqual(
          urls,
        );
      }),
    );
  });
});
