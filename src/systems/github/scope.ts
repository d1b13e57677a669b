import { z } from 'zod';

/**
 * Where reverse lookups search: never all of GitHub. A scope entry is `org:NAME`, `user:NAME` or
 * `repo:OWNER/NAME`; each gets its own queries (search.ts). Unless the user sets one
 * (`settings.github.searchScope`), the scope is learned from the token once per connection: the viewer's
 * organisations and the owners of the repositories it can reach (GraphQL `viewer`, schema: @octokit/graphql-schema
 * `User.organizations`, `User.repositories`), plus, per round, the repositories of the items being looked up.
 * `viewer.repositories` also covers fine-grained tokens, for which `GET /user/orgs` answers an empty list
 * (https://docs.github.com/en/rest/orgs/orgs#list-organizations-for-the-authenticated-user).
 */

const owner = /[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/.source;
export const scopeEntryPattern = new RegExp(`^(?:(?:org|user):${owner}|repo:${owner}/[\\w.-]{1,100})$`);
export const scopeEntrySchema = z
  .string()
  .regex(scopeEntryPattern, 'use org:NAME, user:NAME or repo:OWNER/NAME');

export const isScopeEntry = (s: string) => scopeEntryPattern.test(s);

/** Lower-cased, deduplicated, in order. */
export const normalScope = (entries: readonly string[]) => [
  ...new Set(entries.map((e) => e.trim().toLowerCase()).filter(isScopeEntry)),
];

export const viewerScopeQuery = `query LiaisonScope {
  viewer {
    login
    organizations(first: 100) { nodes { login } }
    repositories(first: 100, ownerAffiliations: [OWNER, ORGANIZATION_MEMBER, COLLABORATOR]) {
      nodes { nameWithOwner owner { __typename login } }
    }
  }
}`;

const loginsSchema = z.array(z.looseObject({ login: z.string() }).nullable()).nullish();
export const viewerScopeSchema = z.looseObject({
  viewer: z.looseObject({
    login: z.string(),
    organizations: z.looseObject({ nodes: loginsSchema }).nullish(),
    repositories: z
      .looseObject({
        nodes: z
          .array(
            z
              .looseObject({
                nameWithOwner: z.string(),
                owner: z.looseObject({ __typename: z.string(), login: z.string() }),
              })
              .nullable(),
          )
          .nullish(),
      })
      .nullish(),
  }),
});
export type ViewerScope = z.infer<typeof viewerScopeSchema>;

/** Organisations as `org:`, the viewer's own repositories as `user:`, other people's as `repo:`. */
export function scopeOfViewer({ viewer }: ViewerScope): string[] {
  const orgs = (viewer.organizations?.nodes ?? []).flatMap((o) => (o ? [`org:${o.login}`] : []));
  const repos = (viewer.repositories?.nodes ?? []).flatMap((r) => {
    if (!r) return [];
    if (r.owner.__typename === 'Organization') return [`org:${r.owner.login}`];
    if (r.owner.login.toLowerCase() === viewer.login.toLowerCase()) return [`user:${r.owner.login}`];
    return [`repo:${r.nameWithOwner}`];
  });
  return normalScope([...orgs, ...repos]);
}

/** Whether a repository is already searched by a scope. */
export function covers(scope: readonly string[], owner: string, repo: string): boolean {
  const o = owner.toLowerCase();
  return scope.some((s) => s === `org:${o}` || s === `user:${o}` || s === `repo:${o}/${repo.toLowerCase()}`);
}

/**
 * The former `settings.github.searchQualifiers` string (e.g. `org:acme is:open`): its `org:`/`user:`/`repo:`
 * qualifiers become the scope, other qualifiers filter every query; operators, parentheses and free words are
 * dropped, since they no longer mean what they meant before advanced search.
 */
export function fromSearchQualifiers(text: string): { scope: string[]; filters: string[] } {
  const tokens = text.split(/\s+/).filter(Boolean);
  const scope = normalScope(tokens.filter(isScopeEntry));
  const filters = tokens.filter(
    (t) => !isScopeEntry(t) && /^-?(?!org:|user:|repo:)[a-z-]+:[^\s()"]+$/i.test(t),
  );
  return { scope, filters };
}
