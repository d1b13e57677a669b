import { z } from 'zod';
import { RELEASE_KINDS } from './kinds';

/**
 * What a release page is about (issue 13, the service desk brief): a GitHub release, a compare of two refs, or a
 * Jira fix version, as the system that owns the page reads it from its API. Shown as text; releases carry no
 * data-ref (DESIGN.md contract 3).
 */
export const releaseSummarySchema = z.object({
  kind: z.enum(RELEASE_KINDS),
  /** What people call it: "v2.4.1", "2.5.0", "v2.4.1...main". */
  name: z.string().max(256),
  /** Where it lives: "acme/shop-api", "SHOP". */
  scope: z.string().max(256),
  /** Not out yet: a draft release, an unreleased fix version, a compare up to the default branch. */
  upcoming: z.boolean(),
  /** When it was released or published (ISO 8601), if it was. */
  date: z.string().max(64).optional(),
  /** What the system left out, for people: "The comparison holds 412 commits; the first 250 were read." */
  capped: z.string().max(500).optional(),
});
export type ReleaseSummary = z.infer<typeof releaseSummarySchema>;

/** What a release contains: its summary and the references of its work (pull requests, issues). */
export interface ReleaseScope {
  release: ReleaseSummary;
  refs: string[];
}

/** Work items a release brief follows at most (the resolver's page references: `MAX_PAGE_REFS`). */
export const MAX_RELEASE_REFS = 50;
