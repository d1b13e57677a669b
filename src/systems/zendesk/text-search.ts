import { searchWords } from '../../providers/text-search';
import { maxQueryWords, wordCount } from './search';

/**
 * Quick search on Zendesk: `GET /api/v2/search.json?query=type:ticket "word" "word"`, newest first, with the
 * requesters and organisations side-loaded. Each word is a double-quoted phrase ("Searching with the Zendesk
 * API", https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/searching-with-the-zendesk-api/),
 * so what people type is never read as a property keyword (`status:closed`, `type:user`), a range, or a `-`
 * negation; quotes inside a word cannot be escaped, so they become word breaks. Words are AND-ed. A query stays
 * within the reference's 64 words counted generously (search.ts): eight typed "words" can be URLs or
 * `a-b-c-…` runs of many words each, and the words past the limit are left out (they only narrow an AND).
 */

export function textSearchQuery(text: string): string | undefined {
  const words = searchWords(text, /"/g);
  const kept: string[] = [];
  let query = 'type:ticket';
  for (const w of words) {
    const next = `${query} "${w}"`;
    if (wordCount(next) > maxQueryWords) break;
    kept.push(w);
    query = next;
  }
  return kept.length === 0 ? undefined : query;
}
