import { z } from 'zod';
import { itemKindSchema } from './model';

/**
 * The shape of a customer impact (./impact.ts computes it): a specification the tests check `customerImpact`
 * against. Kept apart from impact.ts so the page's customer-impact panel loads no zod (issue 15).
 */

export const impactComponentIdSchema = z.enum([
  'openTickets',
  'organizations',
  'priority',
  'breaches',
  'satisfaction',
  'age',
]);
export type ImpactComponentId = z.infer<typeof impactComponentIdSchema>;

const count = z.number().int().min(0);

export const rankedSchema = z.object({
  name: z.string(),
  rank: z.number().int().min(1).max(5),
  /** The ticket that has it (the oldest, among equals). */
  ref: z.string(),
  key: z.string(),
});

export const impactSchema = z.object({
  /** Linked customer tickets, each counted once, whatever their status. */
  total: count,
  /** Those still to do or in progress; done and cancelled ones count in `total` only. */
  open: count,
  byKind: z.array(z.object({ kind: itemKindSchema, total: count, open: count })),
  /** Distinct organisations, most tickets first (then most open, then by name). */
  organizations: z.array(z.object({ name: z.string(), tickets: count, open: count })),
  /** Distinct requesters, on any ticket and on open ones. */
  requesters: z.object({ total: count, open: count }),
  worstPriority: rankedSchema.optional(),
  worstOpenPriority: rankedSchema.optional(),
  sla: z.object({ breached: count, breachedOpen: count }),
  satisfaction: z.object({
    /** Tickets rated good or bad. */
    rated: count,
    good: count,
    bad: count,
    /** Surveys sent but not answered. */
    offered: count,
    /** Mean rating with good = 1 and bad = 0, which is also the share of good ratings; absent with no ratings. */
    average: z.number().min(0).max(1).optional(),
    /** The same share as a whole percentage, for display. */
    goodPercent: z.number().int().min(0).max(100).optional(),
  }),
  oldestOpen: z
    .object({ ref: z.string(), key: z.string(), title: z.string(), createdAt: z.string(), ageMs: count })
    .optional(),
  score: z.number().int().min(0).max(100),
  /** Every component, also those worth 0, with what it saw in words. */
  components: z.array(
    z.object({ id: impactComponentIdSchema, weight: count, points: count, reason: z.string() }),
  ),
  /** For people: "3 open incidents (+16)", … (the points add up to `score`), or why the score is 0. */
  explanation: z.array(z.string()).min(1),
});
export type Impact = z.infer<typeof impactSchema>;
export type ImpactComponent = Impact['components'][number];
export type Ranked = z.infer<typeof rankedSchema>;
