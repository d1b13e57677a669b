import { searchWords } from '../../providers/text-search';

/**
 * Quick search on ServiceNow: a Table API encoded query per configured table, every word in one of the search
 * fields (or the number), newest first:
 *
 *   short_descriptionLIKEcheckout^ORdescriptionLIKEcheckout^ORnumberLIKEcheckout^short_descriptionLIKEcart^OR…
 *
 * `^OR` binds to the condition before it and `^` ANDs, so that is (any field has word 1) AND (any field has word
 * 2). `^` is the one character an encoded-query value cannot carry (it starts the next condition: "Encoded query
 * strings", https://www.servicenow.com/docs/ → Platform user interface), so it is a word break here and never
 * reaches the query; everything else after `LIKE` is the value. LIKE is a contains match, case-insensitive.
 */

export function textSearchQuery(text: string, fields: readonly string[]): string | undefined {
  const words = searchWords(text, /\^/g);
  if (words.length === 0) return undefined;
  const searched = [...new Set([...fields, 'number'])];
  const conditions = words.map((word) => searched.map((f) => `${f}LIKE${word}`).join('^OR'));
  return `${conditions.join('^')}^ORDERBYDESCsys_updated_on`;
}
