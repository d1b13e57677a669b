/**
 * A note's text as GitHub Markdown that does only what plain text does. Its titles come from tickets anyone can
 * write (a customer's Zendesk subject), and Liaison posts as the user, so nothing in them may ping people, create
 * cross-references, load images, hide text or dress a link: raw HTML (`<img>`, `<!--`) is written as text (`&lt;`),
 * brackets are escaped (no `[text](url)`, no `![image]`), and `@name` and a bare `#123` (on GitHub a reference to that number in this repository, which would add
 * an event there) are code spans, which GitHub neither mentions nor links
 * (https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#mentioning-people-and-teams).
 * `owner/repo#12` stays a reference: Liaison writes those on purpose. The marker's own HTML comment is added after.
 */
export function inertMarkdown(text: string): string {
  const cut = text.lastIndexOf('\n\n<!-- liaison:v1:');
  const [head, marker] =
    cut >= 0 && text.endsWith(' -->') ? [text.slice(0, cut), text.slice(cut)] : [text, ''];
  const inert = head
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[[\]]/g, '\\$&')
    .replace(/`/g, "'")
    .replace(/(^|[^\w`/])(@[A-Za-z0-9][\w-]*(?:\/[\w.-]+)?)/g, '$1`$2`')
    .replace(/(^|[^\w`/&])(#\d+)\b/g, '$1`$2`');
  return inert + marker;
}
