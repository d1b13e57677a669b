/**
 * One GraphQL document for many PRs and issues: an alias per repository and per item (pattern 1 in
 * ../shared/reference/github/graphql-notes.md). `issueOrPullRequest` lets a bare `owner/repo#12` resolve
 * without knowing its kind; `state` is aliased because PullRequestState and IssueState conflict in one union
 * selection. A missing item comes back as null with a NOT_FOUND error naming its alias, and the others still
 * resolve.
 */

export interface RepoItemRef {
  owner: string;
  repo: string;
  number: number;
}

export interface BatchQuery {
  query: string;
  /** `rN.nM` → the reference asked for. */
  aliases: Map<string, RepoItemRef>;
}

const fragments = `
fragment LiaisonActor on Actor { login }
fragment LiaisonPull on PullRequest {
  number title body url
  prState: state
  isDraft merged mergedAt createdAt updatedAt headRefName baseRefName reviewDecision
  mergeCommit { oid }
  author { ...LiaisonActor }
  repository { nameWithOwner }
  closingIssuesReferences(first: 10) { nodes { number url repository { nameWithOwner } } }
}
fragment LiaisonIssue on Issue {
  number title body url
  issueState: state
  stateReason createdAt updatedAt
  author { ...LiaisonActor }
  repository { nameWithOwner }
}`;

/** GraphQL string literal; owner and repo names are [\w.-] but nothing here trusts that. */
const literal = (s: string) => JSON.stringify(s);

/** Repository aliases (`rN`), an item alias each (`nM`), for the references asked for. */
function lookupBlocks(refs: readonly RepoItemRef[]): { blocks: string[]; aliases: Map<string, RepoItemRef> } {
  const byRepo = new Map<string, { owner: string; repo: string; numbers: Set<number> }>();
  for (const ref of refs) {
    const key = `${ref.owner}/${ref.repo}`.toLowerCase();
    const entry = byRepo.get(key) ?? { owner: ref.owner, repo: ref.repo, numbers: new Set<number>() };
    entry.numbers.add(ref.number);
    byRepo.set(key, entry);
  }
  const aliases = new Map<string, RepoItemRef>();
  const blocks: string[] = [];
  let r = 0;
  for (const { owner, repo, numbers } of byRepo.values()) {
    const items = [...numbers].map((number) => {
      aliases.set(`r${r}.n${number}`, { owner, repo, number });
      const fields = '__typename ...LiaisonPull ...LiaisonIssue';
      return `    n${number}: issueOrPullRequest(number: ${number}) { ${fields} }`;
    });
    blocks.push(
      `  r${r}: repository(owner: ${literal(owner)}, name: ${literal(repo)}) {\n${items.join('\n')}\n  }`,
    );
    r++;
  }
  return { blocks, aliases };
}

/** Search aliases (`sN`), 100 hits a page with their full nodes, `after` continuing a search. */
function searchBlocks(searches: ReadonlyMap<string, { q: string; after?: string }>): string[] {
  return [...searches].map(
    ([alias, { q, after }]) =>
      `  ${alias}: search(query: ${literal(q)}, type: ISSUE, first: 100${after === undefined ? '' : `, after: ${literal(after)}`}) {\n` +
      '    issueCount\n    pageInfo { hasNextPage endCursor }\n' +
      '    nodes { __typename ...LiaisonPull ...LiaisonIssue }\n  }',
  );
}

const document = (name: string, blocks: readonly string[]) =>
  `query ${name} {\n  rateLimit { cost remaining }\n${blocks.join('\n')}\n}\n${fragments}`;

export function batchQuery(refs: readonly RepoItemRef[]): BatchQuery {
  const { blocks, aliases } = lookupBlocks(refs);
  return { query: document('LiaisonBatch', blocks), aliases };
}

export interface SearchQuery {
  query: string;
  /** `sN` → the search string it runs. */
  aliases: Map<string, string>;
}

/**
 * Several searches in one GraphQL document, an alias each (`search(query:, type: ISSUE, first: 100)`,
 * pattern 3 in graphql-notes.md), returning full PullRequest and Issue nodes, so the hits need no second
 * request. Each search string is still bound by search's own limits (search.ts); `after` continues the
 * searches that had more than one page.
 */
export function searchQuery(searches: ReadonlyMap<string, { q: string; after?: string }>): SearchQuery {
  const aliases = new Map([...searches].map(([alias, { q }]) => [alias, q]));
  return { query: document('LiaisonSearch', searchBlocks(searches)), aliases };
}

/**
 * A lookup and searches in one document (a hop's round: `fetchAndFind`): the item aliases of `batchQuery` beside
 * the search aliases of `searchQuery`; GraphQL answers each alias on its own.
 */
export function roundQuery(
  refs: readonly RepoItemRef[],
  searches: ReadonlyMap<string, { q: string; after?: string }>,
): BatchQuery {
  if (searches.size === 0) return batchQuery(refs);
  const { blocks, aliases } = lookupBlocks(refs);
  const name = refs.length === 0 ? 'LiaisonSearch' : 'LiaisonRound';
  return { query: document(name, [...blocks, ...searchBlocks(searches)]), aliases };
}
