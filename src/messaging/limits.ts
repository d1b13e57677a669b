/**
 * The protocol's names and limits the content script needs at run time, apart from the zod schemas of
 * ./protocol.ts (which re-exports them): a page loads no zod (issue 15, README "Performance").
 */

/** The port content scripts open to ask for their page's context (and list badges). */
export const CONTEXT_PORT = 'liaison/context';

/** Rows of a list page resolved in one batched pass (contract 3: `<liaison-badge>`). */
export const MAX_BADGE_REFS = 100;

/** Text of a page's prose (comments, descriptions) in which the background finds references for hovercards. */
export const MAX_REF_TEXTS = 500;
