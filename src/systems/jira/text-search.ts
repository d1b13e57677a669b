import { searchWords } from '../../providers/text-search';
import { jqlString } from './jql';

/**
 * Quick search on Jira: `text ~ "…"` (summary, description, environment, comments and text custom fields),
 * newest first, through the provider's JQL search (Cloud `POST /rest/api/3/search/jql`, Data Center
 * `POST /rest/api/2/search`). Two languages meet here: JQL, whose string literal escapes `"` and `\`
 * (jqlString), and the Lucene query inside it, where `+ - & | ! ( ) { } [ ] ^ ~ * ? \ : /` and quotes are
 * operators (https://support.atlassian.com/jira-software-cloud/docs/search-for-work-items-using-the-text-field/,
 * "Reserved characters") and upper-case AND, OR, NOT are too. What people type is words, not syntax: those
 * characters become word breaks and the words are lower-cased (matching is case-insensitive anyway), so Jira
 * ANDs plain terms and a stray quote never answers 400.
 */

const lucene = /[+\-&|!(){}[\]^~*?\\:/"]/g;

export function textSearchJql(text: string): string | undefined {
  const words = searchWords(text, lucene).map((w) => w.toLowerCase());
  if (words.length === 0) return undefined;
  return `text ~ ${jqlString(words.join(' '))} ORDER BY updated DESC`;
}
