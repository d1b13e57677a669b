/**
 * The words of a quick search, before each provider quotes or escapes them into its own query language
 * (github/text-search.ts, jira/text-search.ts, servicenow/text-search.ts, zendesk/text-search.ts). The text is
 * what someone typed, so nothing of it is ever trusted as syntax: `drop` names the characters a provider's
 * language gives a meaning to (quotes, operators, separators); they become spaces, i.e. word breaks.
 */

/** Words searched at most: every system ANDs them, and more than a handful only narrows to nothing. */
export const maxSearchWords = 8;
/** Characters per word at most: GitHub's whole query is capped at 256, Zendesk counts words not characters. */
export const maxWordLength = 64;

export function searchWords(text: string, drop: RegExp): string[] {
  return text
    .replace(drop, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, maxSearchWords)
    .map((w) => w.slice(0, maxWordLength));
}

/** Newest first by `updatedAt` (ISO strings compare as text); items without it go last, in their order. */
export function newestFirst<T extends { updatedAt?: string | undefined }>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => {
      const x = a.item.updatedAt ?? '';
      const y = b.item.updatedAt ?? '';
      return x === y ? a.i - b.i : x < y ? 1 : -1;
    })
    .map(({ item }) => item);
}
