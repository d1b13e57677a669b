/**
 * Which parts of a text are code. References in code count only as full URLs (`extractRefs`): a stack trace, a
 * config file or a hash in a code block is full of things shaped like keys (`UTF-8`, `X-1`, `INC0000001` in a
 * fixture) that nobody meant as a link, while a URL pasted into a code block is still a link.
 *
 * Markdown (GitHub bodies and comments, Zendesk markdown comments): fenced blocks (``` or ~~~, CommonMark rules:
 * up to three spaces of indent, closed by a fence of the same character at least as long, or the end of the text)
 * and inline code spans (a run of n backticks up to the next run of exactly n). Indented code blocks are not
 * recognised: in plain text, indentation means nothing.
 */

export interface TextSegment {
  start: number;
  end: number;
  code: boolean;
}

const openingFence = /^ {0,3}(`{3,}|~{3,})/;

/** The text cut into prose and code, in order, covering it exactly. */
export function markdownSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const push = (start: number, end: number, code: boolean) => {
    if (end <= start) return;
    const last = segments.at(-1);
    if (last && last.code === code && last.end === start) last.end = end;
    else segments.push({ start, end, code });
  };
  let prose = 0; // start of the prose not yet split into inline spans
  let fence: { start: number; close: RegExp } | undefined;
  for (let at = 0; at < text.length; ) {
    const newline = text.indexOf('\n', at);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.slice(at, end).replace(/\r?\n$/, '');
    if (fence) {
      if (fence.close.test(line)) {
        push(fence.start, end, true);
        fence = undefined;
        prose = end;
      }
    } else {
      const run = openingFence.exec(line)?.[1];
      // A backtick fence's info string cannot hold a backtick (CommonMark 4.5).
      if (run && !(run.startsWith('`') && line.slice(line.indexOf(run) + run.length).includes('`'))) {
        inlineSegments(text, prose, at, push);
        fence = { start: at, close: new RegExp(`^ {0,3}${run[0]}{${run.length},}\\s*$`) };
      }
    }
    at = end;
  }
  if (fence) {
    push(fence.start, text.length, true);
    prose = text.length;
  }
  inlineSegments(text, prose, text.length, push);
  return segments;
}

/** Inline code spans between `from` and `to`; the rest is prose. */
function inlineSegments(
  text: string,
  from: number,
  to: number,
  push: (start: number, end: number, code: boolean) => void,
): void {
  const runs = [...text.slice(from, to).matchAll(/`+/g)].map((m) => ({
    start: from + m.index,
    length: m[0].length,
  }));
  const closes = closingRuns(runs);
  let done = from;
  for (let i = 0; i < runs.length; i++) {
    const open = runs[i];
    if (!open || open.start < done) continue;
    const close = runs[closes[i] ?? -1];
    if (!close) continue;
    push(done, open.start, false);
    push(open.start, close.start + close.length, true);
    done = close.start + close.length;
  }
  push(done, to, false);
}

/**
 * For each run of backticks, the index of the next run of the same length (-1 when none), found in one pass from
 * the end: searching forward from every run made 64 KB of unmatched backticks take seconds.
 */
function closingRuns(runs: readonly { length: number }[]): number[] {
  const next = new Map<number, number>();
  const closes = new Array<number>(runs.length);
  for (let i = runs.length - 1; i >= 0; i--) {
    const length = runs[i]?.length ?? 0;
    closes[i] = next.get(length) ?? -1;
    next.set(length, i);
  }
  return closes;
}

/**
 * Marks text as code for `extractRefs(…, {markdown: true})`: a fenced block on its own lines, its fence longer
 * than any run of backticks inside, so nothing in the text can close it early. The content script wraps the
 * text of `<pre>` and `<code>` elements with it when it reads a page.
 */
export function codeFence(text: string): string {
  // A loop, not Math.max(...runs): spreading tens of thousands of runs as arguments can overflow the stack.
  let longest = 2;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  return `\n${fence}\n${text}\n${fence}\n`;
}
