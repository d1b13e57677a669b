/**
 * GraphQL connections and the errors resolvers raise, in GitHub's terms (error `type`s NOT_FOUND,
 * MISSING_PAGINATION_BOUNDARIES, EXCESSIVE_PAGINATION as GitHub reports them).
 */

/** Thrown by resolvers for a missing item: becomes `null` + an error with `type: "NOT_FOUND"`. */
export class NotFoundError extends Error {
  readonly type = 'NOT_FOUND';
}

/** GitHub's pagination checks on connections (first/last required, at most 100). */
export class PaginationError extends Error {
  constructor(
    message: string,
    readonly type: string,
  ) {
    super(message);
  }
}

type Obj = Record<string, unknown>;
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
}

const cursor = (i: number): string => Buffer.from(`cursor:v2:${i}`).toString('base64');
const offsetOf = (after?: string | null): number =>
  after ? Number(Buffer.from(after, 'base64').toString().split(':')[2] ?? -1) + 1 : 0;

/**
 * A connection. GitHub only insists on `first`/`last` when nodes or edges are selected, so `totalCount`
 * alone works without them; the check runs when nodes/edges/pageInfo are resolved.
 */
export function connection<T>(name: string, items: T[], args: PageArgs, toNode: (t: T) => Obj): Obj {
  const page = () => {
    if ((args.first ?? null) === null && (args.last ?? null) === null)
      throw new PaginationError(
        `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
        'MISSING_PAGINATION_BOUNDARIES',
      );
    const n = args.first ?? args.last ?? 0;
    if (n > 100)
      throw new PaginationError(
        `Requesting ${n} records on the \`${name}\` connection exceeds the \`${args.first ? 'first' : 'last'}\` limit of 100 records.`,
        'EXCESSIVE_PAGINATION',
      );
    const start = args.first != null ? offsetOf(args.after) : Math.max(0, items.length - n);
    const slice = items.slice(start, start + n);
    return { start, n, slice, nodes: slice.map(toNode) };
  };
  return {
    totalCount: items.length,
    nodes: () => page().nodes,
    edges: () => {
      const p = page();
      return p.nodes.map((node, i) => ({ node, cursor: cursor(p.start + i) }));
    },
    pageInfo: () => {
      const { start, n, slice } = page();
      return {
        hasNextPage: start + n < items.length,
        hasPreviousPage: start > 0,
        startCursor: slice.length ? cursor(start) : null,
        endCursor: slice.length ? cursor(start + slice.length - 1) : null,
      };
    },
  };
}
