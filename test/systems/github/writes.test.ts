import { beforeEach, describe, expect, test } from 'vitest';
import type { Item } from '../../../src/core/model';
import { markersIn, markerToken } from '../../../src/core/writes';
import { SourceFailure } from '../../../src/providers/errors';
import { resetHttpState } from '../../../src/providers/http';
import { inertMarkdown } from '../../../src/systems/github/inert-markdown';
import { acceptedPermissions } from '../../../src/systems/github/write-access';
import { createGithubWriter } from '../../../src/systems/github/writes';
import { connections, fakeFetch, json, type Sent } from '../../providers/fixtures';

beforeEach(() => resetHttpState());

const issue: Item = {
  ref: 'github:acme/web#7',
  system: 'github',
  kind: 'issue',
  key: 'acme/web#7',
  title: 'Checkout fails on Safari',
  url: 'https://github.com/acme/web/issues/7',
  status: { name: 'Open', category: 'todo' },
};
const pull: Item = { ...issue, ref: 'github:acme/web#8', kind: 'pull', key: 'acme/web#8' };

const token = markerToken('link', ['zendesk:acme/4711', 'github:acme/web#7']);

function writer(answer: (sent: Sent) => Response, retries = 0) {
  const fake = fakeFetch(answer);
  const w = createGithubWriter({ connection: connections.github, fetch: fake.fetch, retries });
  return { w, requests: fake.requests };
}

const call = (s: Sent) => `${s.method} ${s.url.host}${s.url.pathname}${s.url.search}`;
const failureOf = async (promise: Promise<unknown>): Promise<SourceFailure> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceFailure);
  return error as SourceFailure;
};

describe('GitHub comments', () => {
  test('the marker is a hidden HTML comment on the last line, found again by the marker reader', () => {
    const { w } = writer(() => json({}));
    const body = w.noteBody('Linked to Zendesk #4711.', token);
    expect(body).toBe(`Linked to Zendesk #4711.\n\n<!-- ${token} -->`);
    expect(markersIn(body)).toEqual([token]);
    expect(w.noteWhere(issue)).toBe('Comment on GitHub issue acme/web#7');
    expect(w.noteWhere(pull)).toBe('Comment on pull request acme/web#8');
  });

  test('a comment is one POST to the issue’s comments (pull requests too), with the body only', async () => {
    const { w, requests } = writer(() =>
      json({ id: 99, html_url: 'https://github.com/acme/web/pull/8#issuecomment-99' }, 201),
    );
    const body = w.noteBody('Fix merged', token);
    expect(await w.addNote(pull, body)).toEqual({
      created: true,
      url: 'https://github.com/acme/web/pull/8#issuecomment-99',
    });
    expect(requests.map(call)).toEqual(['POST api.github.com/repos/acme/web/issues/8/comments']);
    expect(requests[0]?.body).toEqual({ body });
  });

  test('ticket text cannot ping, cross-reference, load images, hide text or dress a link on GitHub', async () => {
    const { w, requests } = writer(() => json({ id: 1 }, 201));
    const text =
      'Zendesk #4711: @acme/admins see ![x](https://t.example/p.png) <!-- hidden --> [reset](https://evil.example) for bob@acme.com, fixed by acme/web#42';
    await w.addNote(issue, w.noteBody(text, token));
    expect(requests[0]?.body).toEqual({
      body:
        'Zendesk `#4711`: `@acme/admins` see !\\[x\\](https://t.example/p.png) &lt;!-- hidden --> \\[reset\\](https://evil.example) for bob@acme.com, fixed by acme/web#42' +
        `\n\n<!-- ${token} -->`,
    });
  });

  test('links Liaison writes stay links: URLs, their fragments, owner/repo#12', () => {
    const text =
      'Ticket https://acme.zendesk.com/agent/tickets/4711 (see https://docs.example/a#123) fixed in acme/web#42 & shipped';
    expect(inertMarkdown(text)).toBe(text.replace('&', '&amp;'));
  });

  test('a created comment’s address off the connection is not trusted', async () => {
    const { w } = writer(() => json({ id: 5, html_url: 'https://evil.example/phish' }, 201));
    expect(await w.addNote(issue, 'x')).toEqual({
      created: true,
      url: 'https://github.com/acme/web/issues/7#issuecomment-5',
    });
  });

  test('a comment is never retried: a 503 is reported as maybe written', async () => {
    const { w, requests } = writer(() => json({ message: 'busy' }, 503, { 'retry-after': '0' }), 2);
    const failure = await failureOf(w.addNote(issue, 'x'));
    expect(requests).toHaveLength(1);
    expect(failure.userMessage).toContain('may or may not have been added');
  });

  test('a 403 names the permissions GitHub says the token needs, and never the token', async () => {
    const { w } = writer(() =>
      json({ message: 'Resource not accessible by personal access token (ghp_test)', status: '403' }, 403, {
        'x-accepted-github-permissions': 'issues=write; pull_requests=write',
      }),
    );
    const failure = await failureOf(w.addNote(issue, 'x'));
    expect(failure.kind).toBe('forbidden');
    expect(failure.userMessage).toBe(
      'GitHub refused the comment on acme/web#7: the token needs Issues: write and Pull requests: write on acme/web.',
    );
    expect(JSON.stringify([failure.userMessage, failure.messages, failure.message])).not.toContain(
      'ghp_test',
    );
  });

  test('a locked conversation and a classic token without repo get their own sentences', async () => {
    const locked = writer(() =>
      json({ message: 'Unable to create comment because issue is locked.', documentation_url: 'x' }, 403),
    );
    expect((await failureOf(locked.w.addNote(issue, 'x'))).userMessage).toMatch(/conversation is locked/);
    const classic = writer(() =>
      json({ message: 'Resource not accessible' }, 403, { 'x-oauth-scopes': 'read:org' }),
    );
    expect((await failureOf(classic.w.addNote(issue, 'x'))).userMessage).toMatch(/lacks the repo scope/);
  });

  test('an organisation’s single sign-on refusal says to authorize the token', async () => {
    const { w } = writer(() =>
      json({ message: 'Resource protected by organization SAML enforcement.' }, 403, {
        'x-github-sso': 'required; url=https://github.com/orgs/acme/sso?authorization_request=x',
      }),
    );
    expect((await failureOf(w.addNote(issue, 'x'))).userMessage).toBe(
      "GitHub refused the comment on acme/web#7: the token is not authorized for the single sign-on of acme. Authorize it (Configure SSO) in GitHub's token settings.",
    );
  });

  test('a 404 says the token cannot reach the repository', async () => {
    const { w } = writer(() => json({ message: 'Not Found' }, 404));
    expect((await failureOf(w.addNote(issue, 'x'))).userMessage).toMatch(/cannot reach acme\/web/);
  });

  test('a body past 65,536 characters and an item of another connection are refused before sending', async () => {
    const { w, requests } = writer(() => json({ id: 1 }, 201));
    await failureOf(w.addNote(issue, 'x'.repeat(65_537)));
    await failureOf(w.addNote({ ...issue, ref: 'github:ghe.acme.test/acme/web#7' }, 'x'));
    expect(requests).toHaveLength(0);
  });
});

describe('GitHub marker read-back', () => {
  const comments = (n: number, body = 'hi') => Array.from({ length: n }, (_, i) => ({ id: i, body }));

  test('reads the comments 100 a page and finds the hidden marker', async () => {
    const { w, requests } = writer(() =>
      json([...comments(2), { id: 9, body: `Linked\n\n<!-- ${token} -->` }]),
    );
    expect(await w.readMarkers(issue)).toEqual({ known: true, tokens: new Set([token]) });
    expect(requests.map(call)).toEqual([
      'GET api.github.com/repos/acme/web/issues/7/comments?per_page=100&page=1',
    ]);
  });

  test('follows full pages while Link has a next one, and stops where it has none', async () => {
    const { w, requests } = writer((s) => {
      const page = Number(s.url.searchParams.get('page'));
      const link =
        page < 2
          ? '<https://api.github.com/x?page=2>; rel="next"'
          : '<https://api.github.com/x?page=1>; rel="prev"';
      return json(comments(100), 200, { link });
    });
    expect(await w.readMarkers(issue)).toEqual({ known: true, tokens: new Set() });
    expect(requests).toHaveLength(2);
  });

  test('past five pages of 100 it cannot tell', async () => {
    const { w, requests } = writer(() =>
      json(comments(100), 200, { link: '<https://api.github.com/x>; rel="next"' }),
    );
    expect(await w.readMarkers(issue)).toEqual({
      known: false,
      reason: expect.stringContaining('more than 500 comments'),
    });
    expect(requests.map((s) => s.url.searchParams.get('page'))).toEqual(['1', '2', '3', '4', '5']);
  });

  test('an unreadable repository is "cannot tell", not "absent"', async () => {
    const { w } = writer(() => json({ message: 'Not Found' }, 404));
    expect(await w.readMarkers(issue)).toEqual({
      known: false,
      reason: expect.stringContaining('cannot reach'),
    });
  });
});

describe('GitHub permissions', () => {
  test('precheck reads the issue: a locked one is blocked unless the token may push', async () => {
    let push = false;
    const { w, requests } = writer((s) =>
      s.url.pathname.endsWith('/issues/7')
        ? json({ number: 7, locked: true })
        : json({ full_name: 'acme/web', permissions: { admin: false, push, pull: true } }),
    );
    expect(await w.precheck?.(issue, 'note')).toBe(
      'acme/web#7 is locked on GitHub: only collaborators can comment. Unlock it, or comment on GitHub as a collaborator.',
    );
    expect(requests.map(call)).toEqual([
      'GET api.github.com/repos/acme/web/issues/7',
      'GET api.github.com/repos/acme/web',
    ]);
    push = true;
    expect(await w.precheck?.(issue, 'link')).toBeUndefined();
  });

  test('precheck passes an open issue, and names a classic token without repo', async () => {
    let scopes: Record<string, string> = {};
    const { w } = writer(() => json({ number: 7, locked: false }, 200, scopes));
    expect(await w.precheck?.(issue, 'note')).toBeUndefined();
    scopes = { 'x-oauth-scopes': 'read:user' };
    expect(await w.precheck?.(issue, 'note')).toMatch(/lacks the repo scope/);
    scopes = { 'x-oauth-scopes': 'public_repo' };
    expect(await w.precheck?.(issue, 'note')).toBeUndefined();
  });

  test('Test connection reads X-OAuth-Scopes from GET /user; a fine-grained token cannot be checked', async () => {
    let headers: Record<string, string> = { 'x-oauth-scopes': 'repo, read:org' };
    const { w, requests } = writer(() => json({ login: 'mona' }, 200, headers));
    expect(await w.writeAccess()).toEqual({
      ok: true,
      message:
        'GitHub as mona: the token has the repo scope, so Liaison can comment on issues and pull requests.',
    });
    expect(call(requests[0] as Sent)).toBe('GET api.github.com/user');
    headers = { 'x-oauth-scopes': 'read:org, gist' };
    expect(await w.writeAccess()).toMatchObject({
      ok: false,
      message: expect.stringContaining('lacks the repo scope'),
    });
    headers = { 'x-oauth-scopes': 'public_repo' };
    expect(await w.writeAccess()).toMatchObject({
      ok: true,
      message: expect.stringContaining('public repositories only'),
    });
    headers = {};
    expect(await w.writeAccess()).toEqual({
      ok: true,
      message:
        'GitHub as mona: GitHub does not say what a fine-grained token may write before it writes; it needs Issues: write and Pull requests: write on the repositories.',
    });
  });

  test('X-Accepted-GitHub-Permissions reads as people name permissions', () => {
    const h = (value: string) => new Headers({ 'x-accepted-github-permissions': value });
    expect(acceptedPermissions(h('issues=write'))).toBe('Issues: write');
    expect(acceptedPermissions(h('issues=write,pull_requests=read; pull_requests=write'))).toBe(
      'Issues: write and Pull requests: write',
    );
    expect(acceptedPermissions(h('contents=read; actions=write; pull_requests=write'))).toBe(
      'Contents: read, Actions: write and Pull requests: write',
    );
    expect(acceptedPermissions(new Headers())).toBeUndefined();
  });
});
