import { useState } from 'preact/hooks';
import { copyFormats } from '../brief/clipboard';

/** draft-kb's article as Markdown, shown as text and copied as it is shown (`data-copy="markdown"`, contract 7). */
export function ArticleMarkdown({ markdown }: { markdown: string }) {
  const [copied, setCopied] = useState<string>();
  const copy = async () => {
    const ok = await copyFormats({ 'text/plain': markdown });
    setCopied(ok ? 'Copied.' : 'Your browser did not allow copying: select the text and copy it.');
  };
  return (
    <div class="markdown">
      <div class="line">
        <span class="where">The article, as Markdown</span>
        <button type="button" class="small" data-copy="markdown" onClick={() => void copy()}>
          Copy as Markdown
        </button>
        <span class="meta" role="status">
          {copied}
        </span>
      </div>
      <pre class="write-text">{markdown}</pre>
    </div>
  );
}
