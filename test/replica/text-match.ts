/**
 * Word-based text matching shared by the Jira (`~`) and Zendesk (free-text search) replicas: like their
 * search indexes, case-insensitive and token-based. Every term must occur; a term with punctuation
 * ("SHOP-101") is a phrase of its tokens, so "SHOP-101" never matches "SHOP-1010"; a trailing * is a prefix.
 */
const tokens = (s: string): string[] => s.toLowerCase().match(/[a-z0-9]+\*?/g) ?? [];

export function textMatches(haystack: string, query: string): boolean {
  const hay = tokens(haystack);
  const joined = ` ${hay.join(' ')} `;
  return query
    .split(/\s+/)
    .filter((w) => w !== '' && !['and', 'or'].includes(w.toLowerCase()))
    .every((word) => {
      const parts = tokens(word);
      if (parts.length === 0) return true;
      if (parts.length === 1 && (parts[0] as string).endsWith('*')) {
        const prefix = (parts[0] as string).slice(0, -1);
        return hay.some((h) => h.startsWith(prefix));
      }
      return joined.includes(` ${parts.join(' ')} `);
    });
}
