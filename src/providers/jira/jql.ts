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

/**
 * http.ts keeps only the first vendor message of a failure, but Jira names each unknown key in its own
 * message. This fetch wrapper remembers the `errorMessages` of 400 answers to JQL searches, by JQL, for the
 * provider to read.
 */
export function jqlErrorCapture(base: typeof fetch) {
  const captured = new Map<string, string[]>();
  const isSearch = (request: Request) =>
    request.method === 'POST' && /\/rest\/api\/\d\/search(?:\/jql)?$/.test(new URL(request.url).pathname);

  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : undefined;
    const copy = request && isSearch(request) ? request.clone() : undefined;
    const response = await base(input, init);
    if (copy && response.status === 400) {
      try {
        const sent = JSON.parse(await copy.text()) as { jql?: unknown };
        const body = (await response.clone().json()) as { errorMessages?: unknown };
        const messages = Array.isArray(body.errorMessages)
          ? body.errorMessages.filter((m) => typeof m === 'string')
          : [];
        if (typeof sent.jql === 'string') captured.set(sent.jql, messages);
      } catch {
        // Not JSON: nothing to learn; the provider reports the 400 as it is.
      }
    }
    return response;
  }) as typeof fetch;

  return {
    fetch: wrapped,
    /** The messages of the last 400 for this JQL, once. */
    take(jql: string): string[] | undefined {
      const messages = captured.get(jql);
      captured.delete(jql);
      return messages;
    },
  };
}
