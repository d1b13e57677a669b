import { searchWords } from '../../providers/text-search';

/**
 * Quick search on Zendesk: `GET /api/v2/search.json?query=type:ticket "word" "word"`, newest first, with the
 * requesters and organisations side-loaded. Each word is a double-quoted phrase ("Searching with the Zendesk
 * API", https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/searching-with-the-zendesk-api/),
 * so what people type is never read as a property keyword (`status:closed`, `type:user`), a range, or a `-`
 * negation; quotes inside a word cannot be escaped, so they become word breaks. Words are AND-ed.
 */

export function textSearchQuery(text: string): string | undefined {
  const words = searchWords(text, /"/g);
  if (words.length === 0) return undefined;
  return ['type:ticket', ...words.map((w) => `"${w}"`)].join(' ');
}
