/**
 * JQL building. Strings are double-quoted with `\` and `"` escaped (JQL reserved characters,
 * https://support.atlassian.com/jira-software-cloud/docs/jql-keywords/ → "Restricted characters"). A text
 * search for a whole reference uses an exact phrase (`text ~ "\"acme/shop-api#42\""`): without the inner
 * quotes Lucene treats `-`, `/`, `#` as operators or splits the term into words matched anywhere; inside a
 * phrase they only separate tokens, which must then appear in order. Hits are verified against the text
 * anyway (mentions.ts).
 */

export const jiraKeyPattern = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

export const jqlString = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * An exact-phrase text search operand: quotes and backslashes inside the term cannot be searched for anyway.
 */
export const jqlPhrase = (term: string) => jqlString(`"${term.replace(/["\\]/g, ' ').trim()}"`);

export const keyInJql = (keys: readonly string[]) => `key in (${keys.join(',')})`;

/** `customfield_10050` → `cf[10050]`, the JQL name of a custom field by id. */
export const jqlField = (fieldId: string) => {
  const id = /^customfield_(\d+)$/.exec(fieldId)?.[1];
  return id ? `cf[${id}]` : fieldId;
};

/**
 * Keys a JQL 400 names as unknown. Jira answers one message per key, e.g. "An issue with key 'SHOP-9999' does
 * not exist for field 'key'." or "The issue key '0.0' for field 'key' is invalid." (seen in
 * hygieia/hygieia#1376), so one bad key never has to cost the others.
 */
export function unknownKeys(messages: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const message of messages) {
    if (!/for (?:the )?field '(?:key|issuekey|issue)'/i.test(message)) continue;
    const quoted = /'([^']+)'/.exec(message)?.[1];
    if (quoted) keys.add(quoted.toUpperCase());
  }
  return [...keys];
}
