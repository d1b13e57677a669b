import { describe, expect, test, vi } from 'vitest';
import type { SourceStatus } from '../../src/core/model';
import type { ReleaseScope } from '../../src/core/release';
import type { Connection } from '../../src/core/settings';
import { releaseScopeOf, withReleaseRefs, withScopeFailure } from '../../src/background/release-scope';
import type { PageReport } from '../../src/messaging/protocol';
import { SourceFailure } from '../../src/providers/errors';
import type { Provider } from '../../src/providers/provider';

/** Only what releaseScopeOf reads of a provider. */
const provider = (id: string, baseUrl: string, releaseScope?: Provider['releaseScope']): Provider =>
  ({
    system: 'github',
    connection: { id, system: 'github', baseUrl, auth: { type: 'token', token: 't' } } as Connection,
    ...(releaseScope ? { releaseScope } : {}),
  }) as unknown as Provider;

const page = (url: string, release = true): PageReport => ({
  url,
  site: 'github',
  subject: 'github:acme/shop-api/compare/v2.4.0...v2.4.1',
  texts: [],
  refs: ['github:acme/shop-api#7'],
  ...(release ? { release } : {}),
});

const scope: ReleaseScope = {
  release: { kind: 'compare', name: 'v2.4.1', scope: 'acme/shop-api', upcoming: false },
  refs: ['github:acme/shop-api#42', 'github:acme/shop-api#7'],
};

describe('a release page’s contents', () => {
  test('come from the connection on the page’s host, and only for a release page', async () => {
    const ghe = vi.fn(async () => undefined);
    const com = vi.fn(async () => scope);
    const providers = [
      provider('ghe', 'https://ghe.acme.test', ghe),
      provider('gh', 'https://github.com', com),
    ];
    const url = 'https://github.com/acme/shop-api/compare/v2.4.0...v2.4.1';
    expect((await releaseScopeOf(page(url), providers)).scope).toEqual(scope);
    expect(com).toHaveBeenCalledWith(new URL(url), undefined);
    expect(ghe).not.toHaveBeenCalled();
    expect((await releaseScopeOf(page(url, false), providers)).scope).toBeUndefined();
    expect(com).toHaveBeenCalledTimes(1);
  });

  test('become the page’s references, once each; a fix version’s page text is not resolved beside them', () => {
    const shown = {
      ...page('https://github.com/x'),
      texts: [{ text: 'Merge SHOP-9 (#9)', where: 'commits' }],
    };
    const compare = withReleaseRefs(shown, scope);
    expect(compare.refs).toEqual(['github:acme/shop-api#42', 'github:acme/shop-api#7']);
    // a compare's commit messages name the bugs its pull requests fix: they stay
    expect(compare.texts).toEqual(shown.texts);
    const version = withReleaseRefs(shown, { ...scope, release: { ...scope.release, kind: 'version' } });
    expect(version.texts).toEqual([]);
  });

  test('a failure is that source’s error in the view; the others stand', async () => {
    const failure = new SourceFailure(
      'github',
      'github.com',
      'rate-limited',
      'GitHub is rate limiting requests.',
    );
    const providers = [provider('gh', 'https://github.com', async () => Promise.reject(failure))];
    const outcome = await releaseScopeOf(
      page('https://github.com/acme/shop-api/releases/tag/v2.4.1'),
      providers,
    );
    expect(outcome.scope).toBeUndefined();
    const sources: SourceStatus[] = [
      { system: 'github', connectionId: 'gh', host: 'github.com' },
      { system: 'jira', connectionId: 'jira', host: 'acme.atlassian.net' },
    ];
    expect(withScopeFailure(sources, outcome.failed)).toEqual([
      {
        system: 'github',
        connectionId: 'gh',
        host: 'github.com',
        error: { kind: 'rate-limited', message: 'GitHub is rate limiting requests.' },
      },
      { system: 'jira', connectionId: 'jira', host: 'acme.atlassian.net' },
    ]);
  });
});
